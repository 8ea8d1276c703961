import type { AuditRow } from '../../../core/audit/service';
import { AuditTable } from '../../../core/audit/views';
import type { FieldErrors } from '../../../core/http/errors';
import { formatDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect } from '../../../core/views/filter-bar';
import {
  Checkboxes,
  ErrorSummary,
  Form,
  fieldId,
  Radios,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table } from '../../../core/views/table';
import { MAX_PLACES, type OfferListItem, type StaffOffer } from '../offers';
import { formatHours } from '../rules';
import {
  audienceLabels,
  audiences,
  availabilities,
  availabilityLabels,
  calendarTypeLabels,
  calendarTypes,
  categories,
  categoryLabels,
  dutchLevelLabels,
  dutchLevels,
  label,
  languageLabels,
  languages,
  sectorLabels,
  sectors,
  weekdayLabels,
  weekdays,
} from '../vocab';
import { type OfferStatus, offerStatuses, offerWorkflow } from '../workflow';
import { OfferFacts, placesText, StatusTag, whenText } from './common';

const options = <K extends string>(codes: readonly K[], labels: Record<K, string>) =>
  codes.map((c) => ({ value: c, label: labels[c] }));

function OfferTable({
  rows,
  path,
  query,
}: {
  rows: OfferListItem[];
  path: string;
  query?: Record<string, unknown>;
}) {
  return (
    <Table
      caption="Activiteiten"
      path={path}
      query={query ?? {}}
      rows={rows}
      empty="Er zijn hier geen activiteiten."
      columns={[
        {
          key: 'title',
          label: 'Activiteit',
          render: (o) => <a href={`/participatie/aanbod/${o.id}`}>{o.title}</a>,
        },
        { key: 'category', label: 'Soort', render: (o) => label(categoryLabels, o.category) },
        { key: 'places', label: 'Gemeenten', render: (o) => placesText(o.places) },
        { key: 'owner', label: 'Organisatie', render: (o) => o.ownerName },
        {
          key: 'status',
          label: 'Status',
          render: (o) => <StatusTag workflow={offerWorkflow} status={o.status} />,
        },
        { key: 'validUntil', label: 'Zichtbaar tot', render: (o) => formatDate(o.validUntil) },
      ]}
    />
  );
}

type ListProps = {
  ctx: ViewContext;
  rows: OfferListItem[];
  total: number;
  page: number;
  pageSize: number;
  status: OfferStatus | undefined;
};

export function MyOffersPage({ ctx, rows, total, page, pageSize, status }: ListProps) {
  const query = { status };
  return (
    <Layout
      ctx={ctx}
      title="Mijn aanbod"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Mijn aanbod' }]}
    >
      <h1>Aanbod van {ctx.principal?.active.organisationName}</h1>
      <p class="lead">
        Uw activiteiten voor het participatie- en netwerktraject. Na nazicht door het netwerk of het lokaal
        bestuur staan ze op het aanbodplatform.
      </p>
      <p>
        <a class="button button--primary" href="/participatie/aanbod/nieuw">
          Nieuwe activiteit toevoegen
        </a>
      </p>
      <FilterBar action="/participatie/mijn-aanbod" search={false} submit="Toon">
        <FilterSelect
          name="status"
          label="Status"
          value={status}
          all="Alle statussen"
          options={offerStatuses.map((s) => ({ value: s, label: offerWorkflow.statuses[s].label }))}
        />
      </FilterBar>
      <OfferTable rows={rows} path="/participatie/mijn-aanbod" query={query} />
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        path="/participatie/mijn-aanbod"
        query={query}
      />
    </Layout>
  );
}

export function ModerationPage({ ctx, rows, total, page, pageSize, status }: ListProps) {
  const query = { status };
  return (
    <Layout
      ctx={ctx}
      title="Aanbod nakijken"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Aanbod nakijken' }]}
    >
      <h1>Aanbod nakijken</h1>
      <p class="lead">
        Activiteiten in uw {ctx.principal?.active.role === 'network_coordinator' ? 'netwerk' : 'gemeente'}.
        Kijk na of ze duidelijk zijn en passen in het participatie- en netwerktraject, en keur ze goed of
        stuur ze terug.
      </p>
      <FilterBar action="/participatie/moderatie" search={false} submit="Toon">
        <FilterSelect
          name="status"
          label="Status"
          value={status ?? 'awaiting_validation'}
          options={(['awaiting_validation', 'published', 'sent_back', 'expired'] as const).map((s) => ({
            value: s,
            label: offerWorkflow.statuses[s].label,
          }))}
        />
      </FilterBar>
      <OfferTable rows={rows} path="/participatie/moderatie" query={query} />
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        path="/participatie/moderatie"
        query={query}
      />
    </Layout>
  );
}

type FormProps = {
  ctx: ViewContext;
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  municipalities: Array<{ nis: string; name: string }>;
  editing?: StaffOffer | undefined;
};

/** Reads a stored offer (or the API shape) back into the flat form values. */
export function offerToFormValues(o: StaffOffer): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...o,
    dates: o.dates.map((d) => formatDate(d)).join(', '),
    startDate: o.startDate ?? '',
    endDate: o.endDate ?? '',
    sessionHours: String(o.sessionMinutes / 60).replace('.', ','),
    capacity: o.capacity ?? '',
    childcare: o.childcare ? 'on' : '',
    wheelchairAccessible: o.wheelchairAccessible ? 'on' : '',
  };
  o.places.forEach((p, i) => {
    values[`places.${i}.municipalityNis`] = p.municipalityNis;
    values[`places.${i}.locationName`] = p.locationName;
    values[`places.${i}.address`] = p.address;
  });
  return values;
}

export function OfferFormPage({ ctx, action, values, errors, municipalities, editing }: FormProps) {
  const title = editing ? `${editing.title} aanpassen` : 'Nieuwe activiteit';
  const placeRows = Math.min(MAX_PLACES, Math.max(3, (editing?.places.length ?? 0) + 1));
  return (
    <Layout
      ctx={ctx}
      title={title}
      narrow
      breadcrumbs={[
        { href: '/participatie/mijn-aanbod', label: 'Mijn aanbod' },
        ...(editing ? [{ href: `/participatie/aanbod/${editing.id}`, label: editing.title }] : []),
        { label: editing ? 'Aanpassen' : 'Nieuw' },
      ]}
    >
      <h1>{title}</h1>
      <p>
        Schrijf kort en eenvoudig. Veel lezers leren nog Nederlands: gebruik korte zinnen en gewone woorden.
        {editing?.status === 'published' && ' Na uw wijziging kijkt de moderator de activiteit opnieuw na.'}
      </p>
      <Form ctx={ctx} action={action} errors={errors} once={!editing}>
        <h2>Wat?</h2>
        <TextField
          name="title"
          label="Titel"
          hint="Bijvoorbeeld: Taalcafé in de bibliotheek"
          value={values.title}
          errors={errors}
          required
          maxLength={120}
        />
        <TextArea
          name="description"
          label="Wat doen de deelnemers?"
          hint="Vertel wat er gebeurt, met wie, en wat iemand moet meebrengen."
          value={values.description}
          errors={errors}
          required
          rows={6}
        />
        <TextField
          name="organiserName"
          label="Wie organiseert de activiteit?"
          hint="Bijvoorbeeld de naam van de club of vereniging."
          value={values.organiserName}
          errors={errors}
        />
        <Radios
          name="category"
          label="Soort activiteit"
          options={options(categories, categoryLabels)}
          value={values.category}
          errors={errors}
          required
        />
        <SelectField
          name="sector"
          label="Sector"
          options={options(sectors, sectorLabels)}
          placeholder="Kies een sector"
          value={values.sector}
          errors={errors}
          required
        />

        <h2>Wanneer?</h2>
        <Radios
          name="calendarType"
          label="Hoe vaak vindt de activiteit plaats?"
          options={calendarTypes.map((c) => ({ value: c, label: calendarTypeLabels[c] }))}
          value={values.calendarType}
          errors={errors}
          required
        />
        <TextField
          name="dates"
          label="Data (bij één keer of enkele vaste data)"
          hint="Bijvoorbeeld: 12/03/2026, 19/03/2026"
          value={values.dates}
          errors={errors}
        />
        <TextField
          name="startDate"
          label="Eerste dag (bij een periode)"
          hint="Bijvoorbeeld: 01/09/2026"
          value={values.startDate}
          errors={errors}
          width="medium"
        />
        <TextField
          name="endDate"
          label="Laatste dag (bij een periode)"
          hint="Bijvoorbeeld: 30/06/2027"
          value={values.endDate}
          errors={errors}
          width="medium"
        />
        <Checkboxes
          name="weekdays"
          label="Op welke dagen? (bij een periode of altijd)"
          options={weekdays.map((d) => ({ value: d, label: weekdayLabels[d] }))}
          value={values.weekdays}
          errors={errors}
          inline
        />
        <TextField
          name="timeNote"
          label="Uur"
          hint="Bijvoorbeeld: van 14 tot 16 uur"
          value={values.timeNote}
          errors={errors}
          width="medium"
        />
        <TextField
          name="sessionHours"
          label="Hoeveel uur duurt één keer?"
          hint="Bijvoorbeeld: 2 of 2,5"
          value={values.sessionHours}
          errors={errors}
          required
          width="short"
        />

        <h2>Waar?</h2>
        <p>Vul minstens één gemeente in. Gebeurt de activiteit op meer plaatsen? Vul dan meer rijen in.</p>
        {errors && Object.keys(errors).some((k) => k.startsWith('places')) && null}
        {Array.from({ length: placeRows }, (_, i) => (
          <fieldset class="fieldset">
            <legend class="field__label">
              Plaats {i + 1}
              {i > 0 && ' (niet verplicht)'}
            </legend>
            <SelectField
              name={`places.${i}.municipalityNis`}
              label="Gemeente"
              options={municipalities.map((m) => ({ value: m.nis, label: m.name }))}
              placeholder="Kies een gemeente"
              value={values[`places.${i}.municipalityNis`]}
              errors={errors}
              required={i === 0}
            />
            <TextField
              name={`places.${i}.locationName`}
              label="Naam van de plaats"
              hint="Bijvoorbeeld: Bibliotheek Het Predikheren"
              value={values[`places.${i}.locationName`]}
              errors={errors}
            />
            <TextField
              name={`places.${i}.address`}
              label="Adres"
              value={values[`places.${i}.address`]}
              errors={errors}
            />
          </fieldset>
        ))}

        <h2>Voor wie?</h2>
        <Radios
          name="dutchLevel"
          label="Hoeveel Nederlands is nodig?"
          options={options(dutchLevels, dutchLevelLabels)}
          value={values.dutchLevel}
          errors={errors}
          required
        />
        <Radios
          name="audience"
          label="Voor wie is de activiteit?"
          options={options(audiences, audienceLabels)}
          value={values.audience ?? 'everyone'}
          errors={errors}
          required
        />
        <Checkboxes
          name="childcare"
          label="Kinderopvang"
          options={[{ value: 'on', label: 'Er is kinderopvang' }]}
          value={values.childcare}
          errors={errors}
        />
        <Checkboxes
          name="wheelchairAccessible"
          label="Toegankelijkheid"
          options={[{ value: 'on', label: 'Toegankelijk met een rolstoel' }]}
          value={values.wheelchairAccessible}
          errors={errors}
        />
        <TextField
          name="accessibilityNote"
          label="Meer over toegankelijkheid"
          value={values.accessibilityNote}
          errors={errors}
        />
        <TextField
          name="capacity"
          label="Aantal plaatsen"
          value={values.capacity}
          errors={errors}
          width="short"
        />
        <Radios
          name="availability"
          label="Is er nog plaats?"
          options={options(availabilities, availabilityLabels)}
          value={values.availability ?? 'open'}
          errors={errors}
          required
        />
        <TextField
          name="costNote"
          label="Prijs"
          hint="Laat leeg als de activiteit gratis is."
          value={values.costNote}
          errors={errors}
        />

        <h2>Contactpersoon</h2>
        <p>De contactpersoon bevestigt ook de uren van deelnemers in een traject.</p>
        <TextField name="contactName" label="Naam" value={values.contactName} errors={errors} required />
        <TextField
          name="contactEmail"
          label="E-mailadres"
          type="email"
          value={values.contactEmail}
          errors={errors}
          required
        />
        <TextField
          name="contactPhone"
          label="Telefoonnummer"
          type="tel"
          value={values.contactPhone}
          errors={errors}
          width="medium"
        />
        <Checkboxes
          name="contactLanguages"
          label="Welke talen spreekt de contactpersoon?"
          options={options(languages, languageLabels)}
          value={values.contactLanguages}
          errors={errors}
          inline
        />

        <div class="actions">
          {editing ? (
            <SubmitButton>Wijzigingen bewaren</SubmitButton>
          ) : (
            <>
              <SubmitButton name="intent" value="submit">
                Bewaren en laten nakijken
              </SubmitButton>
              <SubmitButton name="intent" value="draft" variant="secondary">
                Bewaren als ontwerp
              </SubmitButton>
            </>
          )}
          <a href={editing ? `/participatie/aanbod/${editing.id}` : '/participatie/mijn-aanbod'}>Annuleren</a>
        </div>
      </Form>
    </Layout>
  );
}

export function StaffOfferPage({
  ctx,
  offer,
  audit,
  errors,
}: {
  ctx: ViewContext;
  offer: StaffOffer;
  audit: { items: AuditRow[]; total: number; page: number; pageSize: number };
  errors?: FieldErrors | undefined;
}) {
  const role = ctx.principal!.active.role;
  const status = offer.status as OfferStatus;
  const ownerSteps = offerWorkflow.transitions.filter(
    (t) =>
      ['submit', 'archive'].includes(t.action) &&
      [t.from].flat().includes(status) &&
      (t.roles as readonly string[]).includes(role),
  );
  const moderatorSteps = offerWorkflow.transitions.filter(
    (t) =>
      ['approve', 'send_back'].includes(t.action) &&
      [t.from].flat().includes(status) &&
      (t.roles as readonly string[]).includes(role),
  );
  return (
    <Layout
      ctx={ctx}
      title={offer.title}
      breadcrumbs={[
        offer.isOwner
          ? { href: '/participatie/mijn-aanbod', label: 'Mijn aanbod' }
          : { href: '/participatie/moderatie', label: 'Aanbod nakijken' },
        { label: offer.title },
      ]}
    >
      <h1>{offer.title}</h1>
      <p>
        <StatusTag workflow={offerWorkflow} status={offer.status} />{' '}
        {offerWorkflow.statuses[status]?.publicLabel}
      </p>
      <ErrorSummary errors={errors} />
      {offer.status === 'sent_back' && offer.moderationNote && (
        <div class="notice notice--warning">
          <p>
            <strong>Wat moet anders:</strong> {offer.moderationNote}
          </p>
        </div>
      )}
      <OfferFacts o={offer} />
      <SummaryList
        items={[
          ['Organisatie', offer.ownerName],
          ['Organisator', offer.organiserName],
          ['Beschrijving', offer.description],
          ['Wanneer', whenText(offer)],
          ['Hoe lang', `${formatHours(offer.sessionMinutes)} per keer`],
          [
            'Waar',
            offer.places
              .map((p) => [p.locationName, p.address, p.municipalityName].filter(Boolean).join(', '))
              .join(' · '),
          ],
          [
            'Contactpersoon',
            `${offer.contactName}, ${offer.contactEmail}${offer.contactPhone ? `, ${offer.contactPhone}` : ''}`,
          ],
          ['Zichtbaar tot', formatDate(offer.validUntil)],
        ]}
      />
      <div class="actions">
        {offer.status === 'published' && <a href={`/aanbod/${offer.id}`}>Bekijk op het aanbodplatform</a>}
        {offer.isOwner && offer.status !== 'archived' && (
          <a class="button button--secondary" href={`/participatie/aanbod/${offer.id}/bewerken`}>
            Aanpassen
          </a>
        )}
        {ownerSteps.map((s) => (
          <form method="post" action={`/participatie/aanbod/${offer.id}/status`} class="inline-form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="action" value={s.action} />
            <button
              type="submit"
              class={`button ${s.action === 'archive' ? 'button--warning' : 'button--primary'}`}
            >
              {s.label}
            </button>
          </form>
        ))}
      </div>
      {offer.canModerate && moderatorSteps.length > 0 && (
        <section class="card" aria-labelledby="moderate">
          <h2 id="moderate">Nakijken</h2>
          <p>Is de activiteit duidelijk, sociaal en in een Nederlandstalige context? Keur ze dan goed.</p>
          {moderatorSteps.some((s) => s.action === 'approve') && (
            <form method="post" action={`/participatie/aanbod/${offer.id}/status`} class="inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <input type="hidden" name="action" value="approve" />
              <SubmitButton>Goedkeuren en publiceren</SubmitButton>
            </form>
          )}
          <form method="post" action={`/participatie/aanbod/${offer.id}/status`} class="form">
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="action" value="send_back" />
            <div class={`field${errors?.note ? ' field--error' : ''}`}>
              <label class="field__label" for={fieldId('note')}>
                Wat moet de organisatie aanpassen?
              </label>
              {errors?.note && <p class="field__error">{errors.note}</p>}
              <textarea class="input textarea" id={fieldId('note')} name="note" rows={3} maxLength={1000} />
            </div>
            <SubmitButton variant="secondary">Terugsturen</SubmitButton>
          </form>
        </section>
      )}
      <h2>Historiek</h2>
      <AuditTable
        rows={audit.items}
        total={audit.total}
        page={audit.page}
        pageSize={audit.pageSize}
        path={`/participatie/aanbod/${offer.id}`}
      />
    </Layout>
  );
}
