import type { FieldErrors } from '../../../core/http/errors';
import { formatDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect } from '../../../core/views/filter-bar';
import { Form, Radios, SelectField, SubmitButton, TextArea, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { SummaryList, Table } from '../../../core/views/table';
import type { CoachingDetail, CoachingRow } from '../coaching';
import { type CoachingSubject, coachingSubjectLabels, formatIso, themeLabel } from '../rules';
import { type CoachingStatus, coachingStatuses, coachingWorkflow } from '../workflow';
import {
  CoachingTag,
  cohesionCrumbs,
  optionsOf,
  type Paged,
  PagedTable,
  Paragraphs,
  Posts,
  ThemeRadios,
} from './common';

const crumbs = [...cohesionCrumbs, { href: '/sociale-cohesie/begeleiding', label: 'Een-op-eenbegeleiding' }];

export function CoachingListPage(p: {
  ctx: ViewContext;
  list: Paged<CoachingRow, { status?: CoachingStatus | undefined }>;
  canRequest: boolean;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Een-op-eenbegeleiding"
      breadcrumbs={[...cohesionCrumbs, { label: 'Een-op-eenbegeleiding' }]}
    >
      <h1>Een-op-eenbegeleiding</h1>
      <p class="lead">
        Heeft uw bestuur specifieke ondersteuning nodig bij het uitwerken van beleid of bij een concrete actie
        rond Nederlands, werk of onderwijs? Het agentschap begeleidt u een-op-een.
      </p>
      <p>
        Een begeleiding zien alleen het lokaal bestuur, de coach en de vaste aanspreekpersoon van het bestuur
        bij het agentschap.
      </p>
      {p.canRequest && (
        <p class="actions">
          <a class="button button--secondary" href="/sociale-cohesie/begeleiding/aanvragen">
            Begeleiding aanvragen
          </a>
        </p>
      )}
      <FilterBar action="/sociale-cohesie/begeleiding" label="Begeleidingen filteren">
        <FilterSelect
          name="status"
          label="Status"
          value={p.list.query.status}
          all="Alle statussen"
          options={coachingStatuses.map((s) => ({ value: s, label: coachingWorkflow.statuses[s].label }))}
        />
      </FilterBar>
      <PagedTable
        list={p.list}
        caption="Begeleidingen"
        path="/sociale-cohesie/begeleiding"
        empty="Er zijn geen begeleidingen."
        columns={[
          {
            key: 'title',
            label: 'Vraag',
            render: (r) => <a href={`/sociale-cohesie/begeleiding/${r.id}`}>{r.title}</a>,
          },
          { key: 'org', label: 'Lokaal bestuur', render: (r) => r.organisationName },
          { key: 'theme', label: 'Thema', render: (r) => themeLabel(r.theme) },
          { key: 'coach', label: 'Coach', render: (r) => r.coachName ?? '–' },
          { key: 'status', label: 'Status', render: (r) => <CoachingTag status={r.status} /> },
          { key: 'created', label: 'Aangevraagd', render: (r) => formatDate(r.createdAt) },
        ]}
      />
    </Layout>
  );
}

export function CoachingRequestPage(p: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Begeleiding aanvragen"
      breadcrumbs={[...crumbs, { label: 'Aanvragen' }]}
      narrow
    >
      <h1>Begeleiding aanvragen</h1>
      <Form ctx={p.ctx} action="/sociale-cohesie/begeleiding/aanvragen" errors={p.errors} once>
        <Radios
          name="subject"
          label="Waarvoor zoekt u begeleiding?"
          options={optionsOf(coachingSubjectLabels)}
          value={p.values.subject}
          errors={p.errors}
          required
        />
        <ThemeRadios value={p.values.theme} errors={p.errors} />
        <TextField
          name="title"
          label="Korte titel"
          hint="Bijvoorbeeld: Mentorproject voor vrouwen opstarten"
          value={p.values.title}
          errors={p.errors}
          required
        />
        <TextArea
          name="question"
          label="Uw vraag"
          hint="Wat wilt u bereiken, wat loopt er al, waar zit u vast?"
          value={p.values.question}
          errors={p.errors}
          required
        />
        <SubmitButton>Aanvraag versturen</SubmitButton>
      </Form>
    </Layout>
  );
}

type Option = { value: string; label: string };

export function CoachingPage(p: {
  ctx: ViewContext;
  d: CoachingDetail;
  errors?: FieldErrors;
  /** Which form the errors belong to. */
  form?: 'open' | 'decline' | 'session' | 'note' | 'close';
  values?: Record<string, unknown>;
}) {
  const { coaching: c } = p.d;
  const base = `/sociale-cohesie/begeleiding/${c.id}`;
  const errs = (form: string) => (p.form === form ? p.errors : undefined);
  const val = (form: string, name: string) => (p.form === form ? p.values?.[name] : undefined);
  /** A field of one of the forms: its name, and the value sent and the errors when that form was sent. */
  const fieldOf = (form: string, name: string) => ({ name, value: val(form, name), errors: errs(form) });
  const coachOptions: Option[] = p.d.coachOptions.map((u) => ({ value: u.id, label: u.name }));
  return (
    <Layout ctx={p.ctx} title={c.title} breadcrumbs={[...crumbs, { label: c.title }]}>
      <h1>{c.title}</h1>
      <SummaryList
        items={[
          ['Status', <CoachingTag status={c.status} />],
          ['Lokaal bestuur', c.organisationName],
          ['Agentschap', c.agencyName],
          ['Onderwerp', coachingSubjectLabels[c.subject as CoachingSubject] ?? c.subject],
          ['Thema', themeLabel(c.theme)],
          ['Coach', c.coachName],
          ['Aanspreekpersoon van het bestuur', c.contactName],
          ['Start', c.startDate ? formatIso(c.startDate) : null],
          ['Aangevraagd op', formatDate(c.createdAt)],
        ]}
      />
      <h2>Vraag</h2>
      <Paragraphs text={c.question} />
      {c.declineReason && (
        <>
          <h2>Waarom het agentschap de vraag niet opnam</h2>
          <Paragraphs text={c.declineReason} />
        </>
      )}
      {c.goals.length > 0 && (
        <>
          <h2>Doelen</h2>
          <ol>
            {c.goals.map((g) => (
              <li>{g}</li>
            ))}
          </ol>
        </>
      )}
      {c.status === 'closed' && (
        <section aria-labelledby="evaluation-title">
          <h2 id="evaluation-title">Eindevaluatie</h2>
          <p>
            {c.goalsReached} van {c.goals.length} doelen bereikt.
          </p>
          <Paragraphs text={c.evaluation} />
        </section>
      )}
      {p.d.canCoach && c.status === 'requested' && (
        <div class="two-columns">
          <section aria-labelledby="open-title">
            <h2 id="open-title">Traject openen</h2>
            <Form ctx={p.ctx} action={`${base}/openen`} errors={errs('open')}>
              <SelectField
                name="coachUserId"
                label="Coach"
                options={coachOptions}
                value={val('open', 'coachUserId') ?? p.ctx.principal?.userId}
                errors={errs('open')}
                required
              />
              <TextField
                {...fieldOf('open', 'startDate')}
                label="Startdatum"
                hint="Bijvoorbeeld 2026-03-01"
                width="medium"
                required
              />
              <TextArea
                {...fieldOf('open', 'goals')}
                label="Doelen"
                hint="Eén doel per regel."
                rows={4}
                required
              />
              <SubmitButton>Traject openen</SubmitButton>
            </Form>
          </section>
          <section aria-labelledby="decline-title">
            <h2 id="decline-title">Niet opnemen</h2>
            <Form ctx={p.ctx} action={`${base}/weigeren`} errors={errs('decline')}>
              <TextArea {...fieldOf('decline', 'reason')} label="Reden" rows={3} required />
              <SubmitButton variant="warning">Niet opnemen</SubmitButton>
            </Form>
          </section>
        </div>
      )}
      {p.d.canWithdraw && (
        <Form ctx={p.ctx} action={`${base}/intrekken`}>
          <SubmitButton variant="warning">Aanvraag intrekken</SubmitButton>
        </Form>
      )}
      <h2>Sessies</h2>
      {p.d.sessions.length === 0 ? (
        <p class="empty-state">Nog geen sessies.</p>
      ) : (
        <Table
          caption="Sessies van deze begeleiding"
          path={base}
          rows={p.d.sessions}
          columns={[
            { key: 'date', label: 'Datum', render: (s) => formatIso(s.date) },
            { key: 'summary', label: 'Besproken', render: (s) => s.summary },
          ]}
        />
      )}
      {p.d.canCoach && c.status === 'active' && (
        <section aria-labelledby="session-title">
          <h3 id="session-title">Een sessie vastleggen</h3>
          <Form ctx={p.ctx} action={`${base}/sessies`} errors={errs('session')} once>
            <TextField
              {...fieldOf('session', 'date')}
              label="Datum van de sessie"
              hint="Bijvoorbeeld 2026-03-15"
              width="medium"
              required
            />
            <TextArea {...fieldOf('session', 'summary')} label="Wat werd besproken?" rows={3} required />
            <SubmitButton variant="secondary">Sessie vastleggen</SubmitButton>
          </Form>
        </section>
      )}
      <h2>Notities</h2>
      {p.d.canNote && (
        <Form ctx={p.ctx} action={`${base}/notities`} errors={errs('note')} once>
          <TextArea
            {...fieldOf('note', 'body')}
            label="Nieuwe notitie"
            hint="Zichtbaar voor het lokaal bestuur, de coach en de aanspreekpersoon bij het agentschap."
            rows={3}
            required
          />
          <SubmitButton variant="secondary">Notitie toevoegen</SubmitButton>
        </Form>
      )}
      <Posts posts={p.d.notes} empty="Nog geen notities." />
      {p.d.canCoach && c.status === 'active' && (
        <section aria-labelledby="close-title">
          <h2 id="close-title">Afronden met een eindevaluatie</h2>
          <Form ctx={p.ctx} action={`${base}/afronden`} errors={errs('close')}>
            <TextField
              {...fieldOf('close', 'goalsReached')}
              label={`Hoeveel van de ${c.goals.length} doelen zijn bereikt?`}
              width="short"
              required
            />
            <TextArea {...fieldOf('close', 'evaluation')} label="Eindevaluatie" rows={4} required />
            <SubmitButton>Begeleiding afronden</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}
