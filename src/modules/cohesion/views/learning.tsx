import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect } from '../../../core/views/filter-bar';
import { ErrorSummary, Form, Radios, SubmitButton, TextArea, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table } from '../../../core/views/table';
import type { TrajectoryDetail, TrajectoryFilter, TrajectoryRow } from '../learning';
import { themeLabel, trajectoryFormatLabels } from '../rules';
import {
  cohesionCrumbs,
  OfferFields,
  optionsOf,
  type Paged,
  PagedTable,
  Paragraphs,
  Posts,
  ThemeFilter,
} from './common';

const crumbs = [...cohesionCrumbs, { href: '/sociale-cohesie/leeraanbod', label: 'Leeraanbod' }];

export function HubPage(p: {
  ctx: ViewContext;
  links: Array<{ href: string; label: string; description: string }>;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Sociale cohesie"
      breadcrumbs={[cohesionCrumbs[0]!, { label: 'Sociale cohesie' }]}
    >
      <h1>Focusondersteuning sociale cohesie</h1>
      <p class="lead">
        Nederlands, werk en onderwijs zijn de prioritaire domeinen, met specifieke aandacht voor vrouwen en
        meisjes, die vaker moeilijker bereikt worden.
      </p>
      <ul class="card-list">
        {p.links.map((l) => (
          <li class="card">
            <h2>
              <a href={l.href}>{l.label}</a>
            </h2>
            <p>{l.description}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function TrajectoryListPage(p: {
  ctx: ViewContext;
  list: Paged<TrajectoryRow, TrajectoryFilter>;
  canCreate: boolean;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Leeraanbod sociale cohesie"
      breadcrumbs={[...cohesionCrumbs, { label: 'Leeraanbod' }]}
    >
      <h1>Leeraanbod sociale cohesie</h1>
      <p class="lead">
        Individuele en collectieve leertrajecten van AgII, Atlas en Amal voor lokale besturen. Schrijf uw
        bestuur in, volg de sessies en wissel uit met de andere deelnemende besturen.
      </p>
      {p.canCreate && (
        <p class="actions">
          <a class="button button--secondary" href="/sociale-cohesie/leeraanbod/nieuw">
            Een leertraject opstellen
          </a>
        </p>
      )}
      <FilterBar action="/sociale-cohesie/leeraanbod" label="Leertrajecten filteren">
        <ThemeFilter value={p.list.query.theme} />
        <FilterSelect
          name="format"
          label="Vorm"
          value={p.list.query.format}
          all="Individueel en collectief"
          options={optionsOf(trajectoryFormatLabels)}
        />
      </FilterBar>
      <PagedTable
        list={p.list}
        caption="Leertrajecten"
        path="/sociale-cohesie/leeraanbod"
        empty="Er zijn geen leertrajecten die aan uw filter voldoen."
        columns={[
          {
            key: 'title',
            label: 'Leertraject',
            render: (r) => (
              <>
                <a href={`/sociale-cohesie/leeraanbod/${r.id}`}>{r.title}</a>
                {r.mine ? ' (uw bestuur neemt deel)' : ''}
              </>
            ),
          },
          { key: 'theme', label: 'Thema', render: (r) => themeLabel(r.theme) },
          {
            key: 'format',
            label: 'Vorm',
            render: (r) => (r.format === 'individual' ? 'Individueel' : 'Collectief'),
          },
          { key: 'agency', label: 'Agentschap', render: (r) => r.agencyName },
          {
            key: 'enrolled',
            label: 'Ingeschreven besturen',
            numeric: true,
            render: (r) => (r.capacity ? `${r.enrolled} van ${r.capacity}` : String(r.enrolled)),
          },
        ]}
      />
    </Layout>
  );
}

export function TrajectoryFormPage(p: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Een leertraject opstellen"
      breadcrumbs={[...crumbs, { label: 'Nieuw' }]}
      narrow
    >
      <h1>Een leertraject opstellen</h1>
      <Form ctx={p.ctx} action="/sociale-cohesie/leeraanbod/nieuw" errors={p.errors} once>
        <OfferFields values={p.values} errors={p.errors} />
        <Radios
          name="format"
          label="Vorm"
          options={optionsOf(trajectoryFormatLabels)}
          value={p.values.format}
          errors={p.errors}
          required
        />
        <TextField
          name="capacity"
          label="Maximum aantal lokale besturen"
          hint="Alleen voor een collectief traject. Leeg: geen maximum."
          value={p.values.capacity}
          errors={p.errors}
          width="short"
        />
        <SubmitButton>Leertraject opstellen</SubmitButton>
      </Form>
    </Layout>
  );
}

export function TrajectoryPage(p: {
  ctx: ViewContext;
  d: TrajectoryDetail;
  messagePage: number;
  messagePageSize: number;
  errors?: FieldErrors;
  sessionValues?: Record<string, unknown>;
  messageValues?: Record<string, unknown>;
}) {
  const { d } = p;
  const t = d.trajectory;
  const base = `/sociale-cohesie/leeraanbod/${t.id}`;
  /** A field of the session form: its name, and the value sent and the errors when that form was sent. */
  const sessionField = (name: string) => ({ name, value: p.sessionValues?.[name], errors: p.errors });
  return (
    <Layout ctx={p.ctx} title={t.title} breadcrumbs={[...crumbs, { label: t.title }]}>
      <h1>{t.title}</h1>
      <SummaryList
        items={[
          ['Thema', themeLabel(t.theme)],
          ['Vorm', trajectoryFormatLabels[t.format]],
          ['Agentschap', t.agencyName],
          [
            'Ingeschreven besturen',
            d.places === null ? `${t.enrolled} (geen maximum)` : `${t.enrolled} van ${d.places}`,
          ],
          ['Inschrijvingen', t.enrolmentOpen ? 'Open' : 'Gesloten'],
        ]}
      />
      <Paragraphs text={t.description} />
      {p.errors?.enrol && !d.canEnrol && !d.isEnrolled && (
        <>
          <ErrorSummary errors={{ enrol: p.errors.enrol }} />
          <p id="f-enrol">{p.errors.enrol}</p>
        </>
      )}
      {(d.canEnrol || d.isEnrolled) && (
        <section aria-labelledby="enrol-title">
          <h2 id="enrol-title">Deelname van uw bestuur</h2>
          {d.isEnrolled ? (
            <Form
              ctx={p.ctx}
              action={`${base}/uitschrijven`}
              errors={p.errors?.enrol ? { enrol: p.errors.enrol } : undefined}
            >
              <p>Uw bestuur is ingeschreven voor dit leertraject.</p>
              <SubmitButton variant="secondary">Uitschrijven</SubmitButton>
            </Form>
          ) : (
            <Form
              ctx={p.ctx}
              action={`${base}/inschrijven`}
              errors={p.errors?.enrol ? { enrol: p.errors.enrol } : undefined}
              once
            >
              <p id="f-enrol">Schrijf uw bestuur in om de sessies te volgen en mee uit te wisselen.</p>
              <SubmitButton>Mijn bestuur inschrijven</SubmitButton>
            </Form>
          )}
        </section>
      )}
      <h2>Sessies</h2>
      {d.sessions.length === 0 ? (
        <p class="empty-state">Er zijn nog geen sessies gepland.</p>
      ) : (
        <Table
          caption="Sessies van dit leertraject"
          path={base}
          rows={d.sessions}
          columns={[
            {
              key: 'title',
              label: 'Sessie',
              render: (s) => (
                <>
                  <a href={`/agenda/${s.id}`}>{s.title}</a>
                  {s.cancelledAt ? ' (geannuleerd)' : ''}
                </>
              ),
            },
            { key: 'when', label: 'Wanneer', render: (s) => formatDateTime(s.startsAt) },
            { key: 'where', label: 'Waar', render: (s) => s.location ?? (s.onlineUrl ? 'Online' : '–') },
          ]}
        />
      )}
      <p>Inschrijven voor een sessie doet u op de pagina van de sessie in de agenda.</p>
      {d.manages && (
        <section aria-labelledby="session-title">
          <h2 id="session-title">Een sessie plannen</h2>
          <Form ctx={p.ctx} action={`${base}/sessies`} errors={p.sessionValues ? p.errors : undefined} once>
            <TextField {...sessionField('title')} label="Titel van de sessie" required />
            <TextArea
              {...sessionField('description')}
              label="Beschrijving"
              hint="Leeg: de beschrijving van het traject."
              rows={3}
            />
            <TextField
              {...sessionField('startDate')}
              label="Datum"
              hint="Bijvoorbeeld 2026-05-12"
              width="medium"
              required
            />
            <TextField
              {...sessionField('startTime')}
              label="Beginuur"
              hint="Bijvoorbeeld 09:30"
              width="short"
              required
            />
            <TextField
              {...sessionField('endTime')}
              label="Einduur"
              hint="Bijvoorbeeld 12:00"
              width="short"
              required
            />
            <TextField {...sessionField('location')} label="Plaats" />
            <TextField {...sessionField('onlineUrl')} label="Link voor een online sessie" type="url" />
            <TextField
              {...sessionField('capacity')}
              label="Aantal plaatsen"
              hint="Leeg: geen maximum."
              width="short"
            />
            <SubmitButton variant="secondary">Sessie plannen</SubmitButton>
          </Form>
        </section>
      )}
      {d.enrolled && (
        <>
          <h2>Ingeschreven lokale besturen</h2>
          {d.enrolled.length === 0 ? (
            <p class="empty-state">Nog geen enkel lokaal bestuur is ingeschreven.</p>
          ) : (
            <ul class="link-list">
              {d.enrolled.map((e) => (
                <li>
                  {e.name} (sinds {formatDate(e.since)})
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="board-title">
            <h2 id="board-title">Uitwisselbord</h2>
            <p>Deel vragen, ervaringen en materiaal met de andere deelnemende besturen en het agentschap.</p>
            {d.canPost && (
              <Form
                ctx={p.ctx}
                action={`${base}/berichten`}
                errors={p.messageValues ? p.errors : undefined}
                once
              >
                <TextArea
                  name="body"
                  label="Uw bericht"
                  value={p.messageValues?.body}
                  errors={p.errors}
                  rows={3}
                  required
                />
                <SubmitButton variant="secondary">Bericht plaatsen</SubmitButton>
              </Form>
            )}
            <Posts posts={d.messages} empty="Nog geen berichten." />
            <Pagination
              page={p.messagePage}
              pageSize={p.messagePageSize}
              total={d.messageTotal}
              path={base}
            />
          </section>
        </>
      )}
    </Layout>
  );
}
