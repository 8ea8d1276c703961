import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime, todayIso } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterText } from '../../../core/views/filter-bar';
import {
  Checkboxes,
  DateField,
  ErrorSummary,
  Form,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag, withQuery } from '../../../core/views/table';
import type { LocalGovernment } from '../access';
import { paths } from '../paths';
import { agencyLabels, type ContactKind, contactKindLabels, contactKinds, isOverdue } from '../rules';
import type {
  CatalogueItem,
  ContactMomentRow,
  CurrentContact,
  LocalGovernmentActivity,
  RequestRow,
} from '../service';
import { normText } from './catalogue';
import { ExportLink, OverdueTag, StatusTag, yearsAround } from './parts';

const kindLabel = (k: string) => contactKindLabels[k as ContactKind] ?? k;

const crumbs = (lg: LocalGovernment, last?: string) => [
  { href: '/home', label: 'Start' },
  { href: paths.governments, label: 'Lokale besturen' },
  ...(last ? [{ href: paths.government(lg.id), label: lg.name }, { label: last }] : [{ label: lg.name }]),
];

export function ContactPersonSummary({
  contact,
  agencyCode,
}: {
  contact: CurrentContact | null;
  agencyCode: string;
}) {
  if (!contact) {
    return (
      <p>
        Er is nog geen vaste aanspreekpersoon toegewezen. U kunt terecht bij{' '}
        {agencyLabels[agencyCode] ?? agencyCode}.
      </p>
    );
  }
  return (
    <SummaryList
      items={[
        ['Naam', contact.name],
        ['E-mail', <a href={`mailto:${contact.email}`}>{contact.email}</a>],
        ['Telefoon', contact.phone ?? contact.agencyPhone],
        ['Agentschap', contact.agencyName ?? agencyLabels[contact.agencyCode] ?? contact.agencyCode],
        ['Aanspreekpersoon sinds', formatDate(contact.since)],
      ]}
    />
  );
}

export function RequestTable({
  rows,
  caption,
  showGovernment,
  forLocalGovernment,
  path,
  query,
}: {
  rows: RequestRow[];
  caption: string;
  showGovernment: boolean;
  forLocalGovernment: boolean;
  path: string;
  query?: Record<string, unknown>;
}) {
  const today = todayIso();
  return (
    <Table
      caption={caption}
      path={path}
      query={query ?? {}}
      empty="Er zijn geen vragen."
      rows={rows}
      columns={[
        { key: 'number', label: 'Nr.', numeric: true, render: (r) => r.number },
        {
          key: 'subject',
          label: 'Onderwerp',
          render: (r) => (
            <>
              <a href={paths.request(r.id)}>{r.subject}</a>
              <br />
              <span class="field__hint">{r.itemTitle ?? 'Vrije vraag'}</span>
            </>
          ),
        },
        ...(showGovernment
          ? [
              {
                key: 'organisation',
                label: 'Lokaal bestuur',
                render: (r: RequestRow) => (
                  <a href={paths.government(r.organisationId)}>{r.organisationName}</a>
                ),
              },
            ]
          : []),
        { key: 'submittedOn', label: 'Gesteld op', render: (r) => formatDate(r.submittedOn) },
        {
          key: 'dueDate',
          label: 'Antwoord tegen',
          render: (r) => (
            <>
              {formatDate(r.dueDate)} {isOverdue(r, today) && <OverdueTag />}
            </>
          ),
        },
        {
          key: 'status',
          label: 'Status',
          render: (r) => <StatusTag status={r.status} forLocalGovernment={forLocalGovernment} />,
        },
      ]}
    />
  );
}

export function GovernmentListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
}: {
  ctx: ViewContext;
  rows: LocalGovernmentActivity[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined };
}) {
  return (
    <Layout
      ctx={ctx}
      title="Lokale besturen"
      breadcrumbs={[
        { href: '/home', label: 'Start' },
        { href: paths.catalogue, label: 'Dienstverlening' },
        { label: 'Lokale besturen' },
      ]}
    >
      <h1>Lokale besturen</h1>
      <p class="lead">De lokale besturen die u ondersteunt, met hun aanspreekpersoon en open vragen.</p>
      <FilterBar action={paths.governments} submit="Zoeken">
        <FilterText name="q" label="Zoek op naam" value={query.q} />
      </FilterBar>
      <Table
        caption={`Lokale besturen (${total})`}
        path={paths.governments}
        query={query}
        empty="Geen lokale besturen gevonden."
        rows={rows}
        columns={[
          {
            key: 'name',
            label: 'Lokaal bestuur',
            render: (r) => <a href={paths.government(r.id)}>{r.name}</a>,
          },
          { key: 'agency', label: 'Agentschap', render: (r) => r.agencyCode },
          {
            key: 'contact',
            label: 'Aanspreekpersoon',
            render: (r) => r.contactName ?? <em>nog niet toegewezen</em>,
          },
          {
            key: 'open',
            label: 'Open vragen',
            numeric: true,
            render: (r) => (
              <>
                {r.openRequests}
                {r.overdueRequests > 0 && (
                  <>
                    {' '}
                    <Tag kind="negative">{r.overdueRequests} te laat</Tag>
                  </>
                )}
              </>
            ),
          },
          { key: 'last', label: 'Laatste contact', render: (r) => formatDate(r.lastContact) || '–' },
        ]}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path={paths.governments} query={query} />
    </Layout>
  );
}

export function GovernmentPage({
  ctx,
  lg,
  contact,
  year,
  choice,
  requests,
  requestTotal,
  contacts,
  contactTotal,
  can,
}: {
  ctx: ViewContext;
  lg: LocalGovernment;
  contact: CurrentContact | null;
  year: number;
  choice: Array<{ code: string; title: string }>;
  requests: RequestRow[];
  requestTotal: number;
  contacts: ContactMomentRow[];
  contactTotal: number;
  can: { choose: boolean; assign: boolean; log: boolean; ask: boolean; overview: boolean };
}) {
  const forLocal = ctx.principal?.active.role === 'local_officer';
  return (
    <Layout ctx={ctx} title={`Dienstverlening ${lg.name}`} breadcrumbs={crumbs(lg)}>
      <h1>{lg.name}</h1>
      <p class="lead">Standaarddienstverlening door {agencyLabels[lg.agencyCode] ?? lg.agencyCode}.</p>
      {can.ask && (
        <p class="actions">
          <a class="button button--primary" href={paths.newRequest(lg.id)}>
            Een vraag stellen
          </a>
        </p>
      )}
      <div class="two-columns">
        <section aria-labelledby="h-contact">
          <h2 id="h-contact">Vaste aanspreekpersoon</h2>
          <ContactPersonSummary contact={contact} agencyCode={lg.agencyCode} />
          {can.assign && (
            <p>
              <a href={paths.contact(lg.id)}>Aanspreekpersoon toewijzen of wijzigen</a>
            </p>
          )}
        </section>
        <section aria-labelledby="h-package">
          <h2 id="h-package">Basispakket {year}</h2>
          {choice.length === 0 ? (
            <p>Er zijn nog geen diensten gekozen voor {year}.</p>
          ) : (
            <ul>
              {choice.map((c) => (
                <li>
                  <a href={paths.item(c.code)}>{c.title}</a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={paths.package(lg.id, year)}>
              {can.choose
                ? `Basispakket ${year} kiezen of wijzigen`
                : `Basispakket ${year} en historiek bekijken`}
            </a>
          </p>
        </section>
      </div>
      <h2>Vragen</h2>
      <RequestTable
        rows={requests}
        caption={`Laatste vragen (${requests.length} van ${requestTotal})`}
        showGovernment={false}
        forLocalGovernment={forLocal}
        path={paths.government(lg.id)}
      />
      {requestTotal > 0 && (
        <p>
          <a href={withQuery(paths.requests, {}, { bestuur: lg.id })}>
            Alle {requestTotal} vragen van {lg.name}
          </a>
        </p>
      )}
      <h2>Contactmomenten</h2>
      <ContactTable
        rows={contacts}
        caption={`Laatste contactmomenten (${contacts.length} van ${contactTotal})`}
        path={paths.government(lg.id)}
      />
      <p>
        <a href={paths.contactLog(lg.id)}>
          {can.log ? 'Alle contactmomenten en een contact noteren' : 'Alle contactmomenten'}
        </a>
      </p>
    </Layout>
  );
}

function ContactTable({ rows, caption, path }: { rows: ContactMomentRow[]; caption: string; path: string }) {
  return (
    <Table
      caption={caption}
      path={path}
      empty="Er zijn nog geen contactmomenten genoteerd."
      rows={rows}
      columns={[
        { key: 'occurredOn', label: 'Datum', render: (r) => formatDate(r.occurredOn) },
        { key: 'kind', label: 'Soort', render: (r) => kindLabel(r.kind) },
        {
          key: 'topic',
          label: 'Onderwerp',
          render: (r) => (
            <>
              <strong>{r.topic}</strong>
              {r.notes && <p>{r.notes}</p>}
            </>
          ),
        },
        { key: 'followUp', label: 'Opvolging', render: (r) => r.followUp ?? '–' },
        { key: 'author', label: 'Genoteerd door', render: (r) => r.authorName ?? '–' },
      ]}
    />
  );
}

export function PackagePage({
  ctx,
  lg,
  year,
  items,
  chosen,
  settings,
  yearError,
  history,
  canChoose,
  errors,
}: {
  ctx: ViewContext;
  lg: LocalGovernment;
  year: number;
  items: CatalogueItem[];
  chosen: string[];
  settings: { maxItems: number | null; closed: boolean };
  yearError: string | null;
  history: Array<{
    id: string;
    code: string;
    title: string;
    chosenAt: Date;
    chosenBy: string | null;
    removedAt: Date | null;
    removedBy: string | null;
  }>;
  canChoose: boolean;
  errors?: FieldErrors | undefined;
}) {
  const editable = canChoose && !yearError;
  const chosenSet = new Set(chosen);
  return (
    <Layout
      ctx={ctx}
      title={`Basispakket ${year}: ${lg.name}`}
      breadcrumbs={crumbs(lg, `Basispakket ${year}`)}
    >
      <h1>
        Basispakket {year}
        <span class="site-header__org"> {lg.name}</span>
      </h1>
      <nav aria-label="Jaar" class="actions">
        {yearsAround(year).map((y) => (
          <a href={paths.package(lg.id, y)} aria-current={y === year ? 'page' : undefined}>
            {y}
          </a>
        ))}
      </nav>
      <p class="lead">
        Het basispakket is gratis. Kies de diensten die uw bestuur dit jaar wil gebruiken. Uw aanspreekpersoon
        ziet uw keuze en neemt contact met u op.
      </p>
      {settings.maxItems !== null && (
        <p>
          Uw agentschap vraagt om hoogstens <strong>{settings.maxItems}</strong> diensten te kiezen voor{' '}
          {year}.
        </p>
      )}
      {yearError && <div class="notice notice--warning">{yearError}</div>}
      {editable ? (
        <Form ctx={ctx} action={paths.package(lg.id, year)} errors={errors}>
          <Checkboxes
            name="items"
            label={`Diensten in het basispakket ${year}`}
            hint="Vink aan wat u wilt gebruiken. Vinkt u iets uit, dan bewaren we dat in de historiek."
            value={chosen}
            errors={errors}
            options={items.map((i) => ({
              value: i.code,
              label: i.title,
              hint: `${i.summary} ${normText(i.normWorkingDays)}.`,
            }))}
          />
          <SubmitButton>Keuze bewaren</SubmitButton>
        </Form>
      ) : items.filter((i) => chosenSet.has(i.code)).length === 0 ? (
        <p>Er zijn geen diensten gekozen voor {year}.</p>
      ) : (
        <ul>
          {items
            .filter((i) => chosenSet.has(i.code))
            .map((i) => (
              <li>
                <a href={paths.item(i.code)}>{i.title}</a>
              </li>
            ))}
        </ul>
      )}
      <h2>Historiek</h2>
      <Table
        caption={`Wijzigingen aan het basispakket ${year}`}
        path={paths.package(lg.id, year)}
        empty="Nog geen wijzigingen."
        rows={history}
        columns={[
          { key: 'item', label: 'Dienst', render: (h) => h.title },
          {
            key: 'chosen',
            label: 'Gekozen',
            render: (h) => `${formatDateTime(h.chosenAt)}${h.chosenBy ? ` door ${h.chosenBy}` : ''}`,
          },
          {
            key: 'removed',
            label: 'Geschrapt',
            render: (h) =>
              h.removedAt
                ? `${formatDateTime(h.removedAt)}${h.removedBy ? ` door ${h.removedBy}` : ''}`
                : '–',
          },
        ]}
      />
    </Layout>
  );
}

export function ContactAssignPage({
  ctx,
  lg,
  contact,
  history,
  candidates,
  errors,
}: {
  ctx: ViewContext;
  lg: LocalGovernment;
  contact: CurrentContact | null;
  history: Array<{ id: string; name: string; since: string; until: string | null }>;
  candidates: Array<{ userId: string; name: string; email: string }>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title={`Aanspreekpersoon: ${lg.name}`}
      narrow
      breadcrumbs={crumbs(lg, 'Aanspreekpersoon')}
    >
      <h1>Aanspreekpersoon van {lg.name}</h1>
      <ContactPersonSummary contact={contact} agencyCode={lg.agencyCode} />
      <h2>{contact ? 'Een andere aanspreekpersoon toewijzen' : 'Een aanspreekpersoon toewijzen'}</h2>
      {candidates.length === 0 ? (
        <>
          <ErrorSummary errors={errors} />
          <p>Er zijn bij het agentschap nog geen medewerkers met de rol aanspreekpersoon.</p>
        </>
      ) : (
        <Form ctx={ctx} action={paths.contact(lg.id)} errors={errors} once>
          <SelectField
            name="contactUserId"
            label="Aanspreekpersoon"
            hint="De vorige aanspreekpersoon blijft in de historiek staan."
            required
            errors={errors}
            placeholder="Kies een persoon"
            value={contact?.userId}
            options={candidates.map((c) => ({ value: c.userId, label: `${c.name} (${c.email})` }))}
          />
          <SubmitButton>Toewijzen</SubmitButton>
        </Form>
      )}
      <h2>Historiek</h2>
      <Table
        caption="Aanspreekpersonen van dit bestuur"
        path={paths.contact(lg.id)}
        empty="Nog geen aanspreekpersonen."
        rows={history}
        columns={[
          { key: 'name', label: 'Naam', render: (h) => h.name },
          { key: 'since', label: 'Sinds', render: (h) => formatDate(h.since) },
          { key: 'until', label: 'Tot', render: (h) => (h.until ? formatDate(h.until) : 'nu') },
        ]}
      />
    </Layout>
  );
}

export function ContactLogPage({
  ctx,
  lg,
  rows,
  total,
  page,
  pageSize,
  canLog,
  values,
  errors,
}: {
  ctx: ViewContext;
  lg: LocalGovernment;
  rows: ContactMomentRow[];
  total: number;
  page: number;
  pageSize: number;
  canLog: boolean;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout ctx={ctx} title={`Contactmomenten: ${lg.name}`} breadcrumbs={crumbs(lg, 'Contactmomenten')}>
      <h1>Contactmomenten met {lg.name}</h1>
      {canLog && (
        <section aria-labelledby="h-new-contact">
          <h2 id="h-new-contact">Een contact noteren</h2>
          <Form ctx={ctx} action={paths.contactLog(lg.id)} errors={errors} once>
            <DateField
              name="occurredOn"
              label="Datum"
              value={values.occurredOn ?? todayIso()}
              errors={errors}
              required
            />
            <SelectField
              name="kind"
              label="Soort contact"
              value={values.kind}
              errors={errors}
              required
              placeholder="Kies"
              options={contactKinds.map((k) => ({ value: k, label: contactKindLabels[k] }))}
            />
            <TextField name="topic" label="Onderwerp" value={values.topic} errors={errors} required />
            <TextArea name="notes" label="Notities" value={values.notes} errors={errors} rows={4} />
            <TextField
              name="followUp"
              label="Opvolging"
              hint="Wat spraken jullie af, en wie doet wat?"
              value={values.followUp}
              errors={errors}
            />
            <SubmitButton>Contact noteren</SubmitButton>
          </Form>
        </section>
      )}
      <h2>Alle contactmomenten</h2>
      <ContactTable rows={rows} caption={`Contactmomenten (${total})`} path={paths.contactLog(lg.id)} />
      <Pagination page={page} pageSize={pageSize} total={total} path={paths.contactLog(lg.id)} />
      <ExportLink href={paths.contactLogCsv(lg.id)} label="Contactmomenten" />
    </Layout>
  );
}
