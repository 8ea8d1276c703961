import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, todayIso } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import {
  Checkboxes,
  DateField,
  Form,
  NumberField,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Tag } from '../../../core/views/table';
import { renderMarkdown } from '../markdown';
import { paths } from '../paths';
import {
  agencyLabels,
  type ServiceCategory,
  type ServiceForm,
  serviceAgencies,
  serviceCategories,
  serviceCategoryLabels,
  serviceFormLabels,
  serviceForms,
} from '../rules';
import type { CatalogueItem } from '../service';

const categoryLabel = (c: string) => serviceCategoryLabels[c as ServiceCategory] ?? c;
const formLabel = (f: string) => serviceFormLabels[f as ServiceForm] ?? f;
const agencyNames = (codes: readonly string[]) => codes.map((c) => agencyLabels[c] ?? c).join(', ');

export type CatalogueQuery = {
  q?: string | undefined;
  category?: string | undefined;
  form?: string | undefined;
  agency?: string | undefined;
};

export function normText(days: number): string {
  if (days === 0) return 'Meteen beschikbaar';
  return `Antwoord binnen ${days} ${days === 1 ? 'werkdag' : 'werkdagen'}`;
}

export function CatalogueListPage({
  ctx,
  items,
  total,
  page,
  pageSize,
  query,
  canManage,
  ownGovernmentId,
  staffLinks,
}: {
  ctx: ViewContext;
  items: CatalogueItem[];
  total: number;
  page: number;
  pageSize: number;
  query: CatalogueQuery;
  canManage: boolean;
  ownGovernmentId: string | null;
  /** Agency staff, contact persons and administrators: their overviews. */
  staffLinks: { overview: string | null; portfolio: string | null } | null;
}) {
  const year = Number(todayIso().slice(0, 4));
  return (
    <Layout
      ctx={ctx}
      title="Dienstverlening voor lokale besturen"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Dienstverlening' }]}
    >
      <h1>Dienstverlening voor lokale besturen</h1>
      <p class="lead">
        Elk lokaal bestuur heeft een vaste aanspreekpersoon bij zijn agentschap en kiest elk jaar gratis
        diensten uit het basispakket. Hieronder vindt u alle diensten en producten.
      </p>
      {ownGovernmentId && (
        <p class="actions">
          <a class="button button--primary" href={paths.package(ownGovernmentId, year)}>
            Ons basispakket {year} kiezen
          </a>
          <a class="button button--secondary" href={paths.newRequest(ownGovernmentId)}>
            Een vraag stellen
          </a>
          <a href={paths.government(ownGovernmentId)}>Onze dienstverlening</a>
        </p>
      )}
      {staffLinks && (
        <nav class="actions" aria-label="Voor medewerkers van de agentschappen">
          {staffLinks.overview && <a href={staffLinks.overview}>Overzicht {year}</a>}
          <a href={paths.governments}>Lokale besturen</a>
          <a href={`${paths.requests}?open=1`}>Open vragen</a>
          {staffLinks.portfolio && <a href={staffLinks.portfolio}>Mijn portefeuille</a>}
        </nav>
      )}
      {canManage && (
        <p class="actions">
          <a class="button button--secondary" href={paths.newItem}>
            Dienst toevoegen
          </a>
        </p>
      )}
      <FilterBar action={paths.catalogue} submit="Zoeken">
        <FilterText name="q" label="Zoek" value={query.q} />
        <FilterSelect
          name="category"
          label="Thema"
          value={query.category}
          all="Alle thema's"
          options={serviceCategories.map((c) => ({ value: c, label: serviceCategoryLabels[c] }))}
        />
        <FilterSelect
          name="form"
          label="Vorm"
          value={query.form}
          all="Alle vormen"
          options={serviceForms.map((f) => ({ value: f, label: serviceFormLabels[f] }))}
        />
        <FilterSelect
          name="agency"
          label="Agentschap"
          value={query.agency}
          all="Alle agentschappen"
          options={serviceAgencies.map((a) => ({ value: a, label: agencyLabels[a] ?? a }))}
        />
      </FilterBar>
      {items.length === 0 ? (
        <p class="empty-state">Geen diensten gevonden. Probeer een andere zoekterm of filter.</p>
      ) : (
        <ul class="card-list">
          {items.map((item) => (
            <li class="card">
              <h2>
                <a href={paths.item(item.code)}>{item.title}</a>
              </h2>
              <p>{item.summary}</p>
              <p>
                {item.inBasicPackage && <Tag kind="positive">Basispakket</Tag>} {categoryLabel(item.category)}{' '}
                · {formLabel(item.form)}
              </p>
              <p class="field__hint">
                {normText(item.normWorkingDays)} · {agencyNames(item.agencies)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} path={paths.catalogue} query={query} />
    </Layout>
  );
}

export function CatalogueItemPage({
  ctx,
  item,
  canEdit,
  ownGovernmentId,
}: {
  ctx: ViewContext;
  item: CatalogueItem;
  canEdit: boolean;
  ownGovernmentId: string | null;
}) {
  return (
    <Layout
      ctx={ctx}
      title={item.title}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        { href: paths.catalogue, label: 'Dienstverlening' },
        { label: item.title },
      ]}
    >
      <h1>{item.title}</h1>
      <p class="lead">{item.summary}</p>
      <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(item.description) }} />
      <h2>In het kort</h2>
      <SummaryList
        items={[
          ['Code', item.code],
          ['Thema', categoryLabel(item.category)],
          ['Vorm', formLabel(item.form)],
          ['Basispakket', item.inBasicPackage ? 'Ja, gratis te kiezen in het basispakket' : 'Nee'],
          ['Aangeboden door', agencyNames(item.agencies)],
          ['Termijn', normText(item.normWorkingDays)],
          [
            'Beschikbaar',
            item.validUntil
              ? `van ${formatDate(item.validFrom)} tot ${formatDate(item.validUntil)}`
              : `vanaf ${formatDate(item.validFrom)}`,
          ],
        ]}
      />
      <p class="actions">
        {ownGovernmentId && (
          <a class="button button--primary" href={`${paths.newRequest(ownGovernmentId)}?dienst=${item.code}`}>
            Deze dienst aanvragen
          </a>
        )}
        {canEdit && (
          <a class="button button--secondary" href={paths.editItem(item.code)}>
            Dienst aanpassen
          </a>
        )}
      </p>
    </Layout>
  );
}

export function CatalogueItemFormPage({
  ctx,
  item,
  values,
  errors,
  agencyLocked,
}: {
  ctx: ViewContext;
  /** Absent for a new item. */
  item: CatalogueItem | null;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  /** Agency staff manage their own agency's part only. */
  agencyLocked: string | null;
}) {
  const title = item ? `${item.title} aanpassen` : 'Dienst toevoegen';
  const agencies = Array.isArray(values.agencies)
    ? values.agencies
    : values.agencies
      ? [values.agencies]
      : [];
  return (
    <Layout
      ctx={ctx}
      title={title}
      narrow
      breadcrumbs={[
        { href: '/', label: 'Start' },
        { href: paths.catalogue, label: 'Dienstverlening' },
        ...(item ? [{ href: paths.item(item.code), label: item.title }] : []),
        { label: item ? 'Aanpassen' : 'Dienst toevoegen' },
      ]}
    >
      <h1>{title}</h1>
      <Form ctx={ctx} action={item ? paths.editItem(item.code) : paths.newItem} errors={errors} once={!item}>
        {item ? (
          <SummaryList items={[['Code', item.code]]} />
        ) : (
          <TextField
            name="code"
            label="Code"
            hint="Kort en uniek, bv. BP-ANALYSE. U kunt de code later niet meer wijzigen."
            value={values.code}
            errors={errors}
            required
            width="medium"
          />
        )}
        <TextField name="title" label="Titel" value={values.title} errors={errors} required />
        <TextField
          name="summary"
          label="Korte omschrijving"
          hint="Eén zin in eenvoudige taal."
          value={values.summary}
          errors={errors}
          required
        />
        <TextArea
          name="description"
          label="Beschrijving"
          hint="U kunt Markdown gebruiken: **vet**, *schuin*, lijstjes met - en links als [tekst](https://…)."
          value={values.description}
          errors={errors}
          rows={10}
          required
        />
        <SelectField
          name="category"
          label="Thema"
          value={values.category}
          errors={errors}
          required
          placeholder="Kies een thema"
          options={serviceCategories.map((c) => ({ value: c, label: serviceCategoryLabels[c] }))}
        />
        <SelectField
          name="form"
          label="Vorm"
          value={values.form}
          errors={errors}
          required
          placeholder="Kies een vorm"
          options={serviceForms.map((f) => ({ value: f, label: serviceFormLabels[f] }))}
        />
        {agencyLocked ? (
          <>
            <SummaryList items={[['Aangeboden door', agencyNames(item ? item.agencies : [agencyLocked])]]} />
            <input type="hidden" name="agencies" value={agencyLocked} />
          </>
        ) : (
          <Checkboxes
            name="agencies"
            label="Aangeboden door"
            value={agencies}
            errors={errors}
            required
            options={serviceAgencies.map((a) => ({ value: a, label: agencyLabels[a] ?? a }))}
          />
        )}
        <Checkboxes
          name="inBasicPackage"
          label="Basispakket"
          value={values.inBasicPackage === true || values.inBasicPackage === 'on' ? ['on'] : []}
          errors={errors}
          options={[{ value: 'on', label: 'Deze dienst hoort bij het gratis basispakket' }]}
        />
        <DateField
          name="validFrom"
          label="Beschikbaar vanaf"
          value={values.validFrom}
          errors={errors}
          required
        />
        <DateField
          name="validUntil"
          label="Beschikbaar tot en met"
          hint="Laat leeg als er geen einddatum is."
          value={values.validUntil}
          errors={errors}
        />
        <NumberField
          name="normWorkingDays"
          label="Termijn in werkdagen"
          hint="Binnen hoeveel werkdagen een lokaal bestuur een antwoord krijgt. Weekends en feestdagen tellen niet mee."
          value={values.normWorkingDays}
          errors={errors}
          required
        />
        <SubmitButton>{item ? 'Wijzigingen bewaren' : 'Dienst toevoegen'}</SubmitButton>
      </Form>
    </Layout>
  );
}
