import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime, formatEuro, formatLongDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import {
  Checkboxes,
  Form,
  fieldId,
  NumberField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import { availableTransitions } from '../../../core/workflow/workflow';
import type { Claim } from '../payouts';
import {
  type CoverageOption,
  type Format,
  formatLabels,
  formats,
  quarterLabel,
  quartersBetween,
  readIban,
  requestedAmount,
} from '../rules';
import {
  type ApplicationRow,
  type ApplicationStep,
  type applicationDetails,
  applicationReference,
  applicationSteps,
  planningFieldName,
  stepLabels,
} from '../service';
import { type ApplicationStatus, applicationWorkflow, claimKindLabels, claimWorkflow } from '../workflow';
import { nl, Progress, StatusTag } from './common';

type Details = Awaited<ReturnType<typeof applicationDetails>>;

const crumbs = (row: ApplicationRow, last?: string) => [
  { href: '/aanvragen', label: 'Aanvragen' },
  { href: `/aanvragen/${row.application.id}`, label: applicationReference(row.call, row.application) },
  ...(last ? [{ label: last }] : []),
];

const stepPath: Record<ApplicationStep, string> = {
  applicant: 'aanvrager',
  municipalities: 'gemeenten',
  planning: 'planning',
  approach: 'aanpak',
};
export const stepBySlug = Object.fromEntries(Object.entries(stepPath).map(([k, v]) => [v, k])) as Record<
  string,
  ApplicationStep
>;

export function ApplicationListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
  staff,
}: {
  ctx: ViewContext;
  rows: ApplicationRow[];
  total: number;
  page: number;
  pageSize: number;
  query: { status?: string | undefined; callId?: string | undefined };
  staff: boolean;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Aanvragen"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Aanvragen' }]}
    >
      <h1>{staff ? 'Aanvragen' : 'Mijn aanvragen'}</h1>
      {!staff && (
        <p>
          Wilt u intekenen op een oproep? Bekijk de <a href="/oproepen">oproepen</a>. Uw voortgang ziet u op{' '}
          <a href="/oproepen/dashboard">mijn dashboard</a>.
        </p>
      )}
      <form method="get" action="/aanvragen" class="filter-bar" role="search">
        {query.callId && <input type="hidden" name="callId" value={query.callId} />}
        <div class="field">
          <label class="field__label" for="f-status">
            Status
          </label>
          <select class="input select" id="f-status" name="status">
            <option value="">Alle statussen</option>
            {Object.values(applicationWorkflow.statuses).map((s) => (
              <option value={s.code} selected={query.status === s.code}>
                {staff ? s.label : s.publicLabel}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          Filteren
        </button>
      </form>
      <Table
        caption={`Aanvragen (${total})`}
        path="/aanvragen"
        query={query}
        empty="Er zijn nog geen aanvragen."
        rows={rows}
        columns={[
          {
            key: 'ref',
            label: 'Aanvraag',
            render: (r) => (
              <a href={`/aanvragen/${r.application.id}`}>{applicationReference(r.call, r.application)}</a>
            ),
          },
          { key: 'applicant', label: 'Aanvrager', render: (r) => r.applicantName },
          { key: 'call', label: 'Oproep', render: (r) => r.call.title },
          {
            key: 'status',
            label: 'Status',
            render: (r) => (
              <StatusTag workflow={applicationWorkflow} status={r.application.status} staff={staff} />
            ),
          },
          { key: 'planned', label: 'Gepland', numeric: true, render: (r) => nl(r.application.plannedUnits) },
          {
            key: 'amount',
            label: 'Bedrag',
            numeric: true,
            render: (r) => formatEuro(r.application.grantedAmountCents ?? r.application.requestedAmountCents),
          },
        ]}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path="/aanvragen" query={query} />
    </Layout>
  );
}

function TaskList({ row, missing }: { row: ApplicationRow; missing: Record<string, string> }) {
  const a = row.application;
  return (
    <ol class="summary-list">
      {applicationSteps.map((step, i) => {
        const done = a.stepsDone.includes(step) && !missing[step];
        return (
          <li class="summary-list__row">
            <span>
              {i + 1}.{' '}
              <a href={`/aanvragen/${a.id}/stap/${stepPath[step]}`} aria-describedby={`task-${step}`}>
                {stepLabels[step]}
              </a>
            </span>
            <span id={`task-${step}`}>
              {done ? <Tag kind="positive">Voltooid</Tag> : <Tag kind="pending">Nog in te vullen</Tag>}
              {missing[step] && a.stepsDone.includes(step) ? <span> {missing[step]}</span> : null}
            </span>
          </li>
        );
      })}
      <li class="summary-list__row">
        <span>
          5.{' '}
          {Object.keys(missing).length === 0 ? (
            <a href={`/aanvragen/${a.id}/indienen`}>Controleren en indienen</a>
          ) : (
            'Controleren en indienen'
          )}
        </span>
        <span>
          {Object.keys(missing).length === 0 ? (
            <Tag kind="waiting">Klaar om in te dienen</Tag>
          ) : (
            <Tag>Kan nog niet</Tag>
          )}
        </span>
      </li>
    </ol>
  );
}

export function PlannedTable({
  call,
  planned,
}: {
  call: ApplicationRow['call'];
  planned: Details['planned'];
}) {
  const quarters = quartersBetween(call.implementationStart, call.implementationEnd).filter((q) =>
    planned.some((p) => p.quarter === q),
  );
  const cell = (f: string, q: string) => planned.find((p) => p.format === f && p.quarter === q)?.units ?? 0;
  const rows = formats.filter((f) => planned.some((p) => p.format === f));
  if (rows.length === 0) return <p class="empty-state">Nog geen planning.</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="table__caption">Geplande oefenkansen per vorm en kwartaal</caption>
        <thead>
          <tr>
            <th scope="col">Vorm</th>
            {quarters.map((q) => (
              <th scope="col" class="numeric">
                {q}
              </th>
            ))}
            <th scope="col" class="numeric">
              Totaal
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr>
              <th scope="row">{formatLabels[f]}</th>
              {quarters.map((q) => (
                <td class="numeric">{nl(cell(f, q))}</td>
              ))}
              <td class="numeric">
                {nl(planned.filter((p) => p.format === f).reduce((s, p) => s + p.units, 0))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApplicationSummary({ row, details }: { row: ApplicationRow; details: Details }) {
  const a = row.application;
  const iban = a.iban ? readIban(a.iban) : null;
  return (
    <>
      <h2>Aanvrager</h2>
      <SummaryList
        items={[
          ['Aanvrager', row.applicantName],
          ['Contactpersoon', [a.contactName, a.contactEmail, a.contactPhone].filter(Boolean).join(', ')],
          ['Rekeninghouder', a.accountHolder],
          ['Rekeningnummer', iban?.ok ? iban.printed : a.iban],
          ['Gemeenten', details.covered.map((c) => c.name).join(', ')],
        ]}
      />
      <h2>Planning</h2>
      <PlannedTable call={row.call} planned={details.planned} />
      <SummaryList
        items={[
          ['Geplande oefenkansen', nl(a.plannedUnits)],
          ['Gevraagde cofinanciering', formatEuro(a.requestedAmountCents)],
        ]}
      />
      <h2>Aanpak en doelgroepen</h2>
      <SummaryList
        items={[
          ['Aanpak', a.approach],
          ['Doelgroepen', a.targetGroups],
          ['Vrouwen en meisjes', a.womenAndGirls],
        ]}
      />
    </>
  );
}

export function ApplicationPage({
  ctx,
  row,
  details,
  missing,
  applicant,
  staff,
  claims,
  progress,
  errors,
  values,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  details: Details;
  missing: Record<string, string>;
  applicant: boolean;
  staff: boolean;
  claims: Claim[];
  progress: { entries: number; eligible: number; interimRequired: number; interimDue: boolean } | null;
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
}) {
  const a = row.application;
  const ref = applicationReference(row.call, a);
  const status = a.status as ApplicationStatus;
  const transitions = staff
    ? availableTransitions(applicationWorkflow, status, ctx.principal!.active.role)
    : [];
  const amount = requestedAmount(a.plannedUnits, row.call);
  const canReview =
    staff &&
    ['agency_staff', 'contact_person'].includes(ctx.principal!.active.role) &&
    ['admissible', 'assessed'].includes(status);
  const ownReview = details.reviews.find((r) => r.reviewerUserId === ctx.principal?.userId);
  return (
    <Layout ctx={ctx} title={`Aanvraag ${ref}`} breadcrumbs={crumbs(row)}>
      <h1>
        Aanvraag {ref} <StatusTag workflow={applicationWorkflow} status={status} staff={staff} />
      </h1>
      <p class="lead">
        {row.applicantName} · {row.call.title}
      </p>
      {applicant && status === 'draft' && (
        <>
          <p>
            Vul de onderdelen in, in de volgorde die u wilt. Elk onderdeel wordt bewaard als ontwerp. U dient
            in tot en met {formatDate(row.call.applicationCloses)}.
          </p>
          <TaskList row={row} missing={missing} />
          <h2>Berekend bedrag</h2>
          <p>
            {nl(a.plannedUnits)} oefenkansen × {formatEuro(row.call.rateCents)} ={' '}
            <strong>{formatEuro(amount.amountCents)}</strong>
            {amount.capped && ' (begrensd tot het maximum per aanvrager)'}
          </p>
        </>
      )}
      {(status !== 'draft' || staff) && <ApplicationSummary row={row} details={details} />}
      {status === 'granted' && (
        <>
          <h2>Toekenning</h2>
          <SummaryList
            items={[
              ['Toegekende oefenkansen', nl(a.grantedUnits ?? 0)],
              ['Toegekend bedrag', formatEuro(a.grantedAmountCents ?? 0)],
              ['Beslist op', formatDateTime(a.decidedAt)],
              [
                'Gerealiseerd',
                progress ? (
                  <>
                    {nl(progress.eligible)} van {nl(a.grantedUnits ?? 0)} oefenkansen{' '}
                    <Progress value={progress.eligible} of={a.grantedUnits ?? 0} label="Voortgang" />
                  </>
                ) : null,
              ],
              [
                'Tussentijdse controle',
                progress
                  ? progress.eligible >= progress.interimRequired
                    ? `In orde: minstens ${nl(progress.interimRequired)} oefenkansen vereist op ${formatDate(row.call.interimCheckDate)}.`
                    : `${progress.interimDue ? 'Onder de drempel' : 'Nog niet bereikt'}: ${nl(progress.interimRequired)} oefenkansen vereist op ${formatDate(row.call.interimCheckDate)}.`
                  : null,
              ],
            ]}
          />
          <p class="actions">
            <a class="button button--primary" href={`/aanvragen/${a.id}/register`}>
              Register van oefenkansen
            </a>{' '}
            <a href={`/aanvragen/${a.id}/beslissing`}>Beslissingsbrief</a>
          </p>
          <h2>Uitbetalingen</h2>
          <ClaimTable claims={claims} staff={staff} />
          {applicant && !claims.some((c) => c.kind === 'balance' && c.status !== 'rejected') && (
            <Form ctx={ctx} action={`/aanvragen/${a.id}/eindrapport`} once>
              <p>
                Zijn alle oefenkansen geregistreerd? Dien dan het eindrapport in. Het saldo wordt berekend op
                de geregistreerde oefenkansen die aan de definitie voldoen, tot het toegekende aantal.
              </p>
              <SubmitButton variant="secondary">Eindrapport indienen en saldo aanvragen</SubmitButton>
            </Form>
          )}
        </>
      )}
      {(status === 'rejected' || status === 'not_admissible') && (
        <>
          <h2>Beslissing</h2>
          <p>{a.decisionNote}</p>
          <p>
            <a href={`/aanvragen/${a.id}/beslissing`}>Beslissingsbrief</a>
          </p>
        </>
      )}
      {staff && (
        <>
          <h2>Beoordelingen</h2>
          <Table
            caption="Scores per beoordelaar"
            path={`/aanvragen/${a.id}`}
            empty="Nog geen beoordelingen."
            rows={details.reviews}
            columns={[
              { key: 'who', label: 'Beoordelaar', render: (r) => r.reviewerName },
              ...row.call.criteria.map((c) => ({
                key: c.code,
                label: `${c.label} (max. ${c.max})`,
                numeric: true,
                render: (r: Details['reviews'][number]) => String(r.scores[c.code] ?? '–'),
              })),
              { key: 'total', label: 'Totaal', numeric: true, render: (r) => String(r.totalScore) },
              { key: 'comment', label: 'Toelichting', render: (r) => r.comment ?? '' },
            ]}
          />
          {canReview && (
            <Form ctx={ctx} action={`/aanvragen/${a.id}/beoordeling`} errors={errors}>
              <h3>Uw beoordeling</h3>
              {row.call.criteria.map((c) => (
                <NumberField
                  name={`score_${c.code}`}
                  label={`${c.label} (0 tot ${c.max})`}
                  value={values?.[`score_${c.code}`] ?? ownReview?.scores[c.code]}
                  errors={errors}
                  required
                />
              ))}
              <TextArea
                name="comment"
                label="Toelichting"
                value={values?.comment ?? ownReview?.comment}
                errors={errors}
                rows={3}
              />
              <SubmitButton variant="secondary">Beoordeling bewaren</SubmitButton>
            </Form>
          )}
          {transitions.length > 0 && (
            <Form
              ctx={ctx}
              action={`/aanvragen/${a.id}/beslissen`}
              errors={canReview ? undefined : errors}
              once
            >
              <h3>Volgende stap</h3>
              {transitions.some((t) => t.action === 'grant') && (
                <NumberField
                  name="grantedUnits"
                  label="Toegekend aantal oefenkansen"
                  hint={`Gepland: ${nl(a.plannedUnits)}. Laat leeg om het geplande aantal toe te kennen.`}
                  value={values?.grantedUnits}
                  errors={errors}
                />
              )}
              <TextArea
                name="note"
                label="Motivering"
                hint="Verplicht bij niet ontvankelijk en bij afwijzen; de aanvrager leest ze in de beslissingsbrief."
                value={values?.note}
                errors={errors}
                rows={3}
              />
              <p class="actions">
                {transitions.map((t) => (
                  <>
                    <SubmitButton
                      name="action"
                      value={t.action}
                      variant={['reject', 'refuse'].includes(t.action) ? 'warning' : 'primary'}
                    >
                      {t.label}
                    </SubmitButton>{' '}
                  </>
                ))}
              </p>
            </Form>
          )}
        </>
      )}
      {(staff || applicant) && (
        <p>
          <a href={`/aanvragen/${a.id}/historiek`}>Historiek van deze aanvraag</a>
        </p>
      )}
    </Layout>
  );
}

export function ClaimTable({ claims, staff }: { claims: Claim[]; staff: boolean }) {
  return (
    <Table
      caption="Voorschot en saldo"
      path="/uitbetalingen"
      empty="Nog geen uitbetalingen."
      rows={claims}
      columns={[
        {
          key: 'kind',
          label: 'Soort',
          render: (c) =>
            staff ? (
              <a href={`/uitbetalingen/${c.id}`}>{claimKindLabels[c.kind as 'advance']}</a>
            ) : (
              claimKindLabels[c.kind as 'advance']
            ),
        },
        { key: 'amount', label: 'Bedrag', numeric: true, render: (c) => formatEuro(c.amountCents) },
        {
          key: 'recovery',
          label: 'Terug te betalen',
          numeric: true,
          render: (c) => (c.recoveryCents > 0 ? formatEuro(c.recoveryCents) : '–'),
        },
        { key: 'ref', label: 'Mededeling', render: (c) => c.structuredReference },
        {
          key: 'status',
          label: 'Status',
          render: (c) => <StatusTag workflow={claimWorkflow} status={c.status} staff={staff} />,
        },
      ]}
    />
  );
}

function StepLayout({
  ctx,
  row,
  step,
  errors,
  children,
  intro,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  step: ApplicationStep;
  errors?: FieldErrors | undefined;
  intro?: string;
  children: preact.ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={stepLabels[step]} narrow breadcrumbs={crumbs(row, stepLabels[step])}>
      <p class="lead">Aanvraag {applicationReference(row.call, row.application)}</p>
      <h1>{stepLabels[step]}</h1>
      {intro && <p>{intro}</p>}
      <Form ctx={ctx} action={`/aanvragen/${row.application.id}/stap/${stepPath[step]}`} errors={errors}>
        {children}
        <SubmitButton>Bewaren en verder</SubmitButton>{' '}
        <a href={`/aanvragen/${row.application.id}`}>Terug naar de aanvraag</a>
      </Form>
    </Layout>
  );
}

export function ApplicantStepPage({
  ctx,
  row,
  values,
  errors,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <StepLayout
      ctx={ctx}
      row={row}
      step="applicant"
      errors={errors}
      intro={`U vraagt aan namens ${row.applicantName}. De contactpersoon krijgt de berichten over deze aanvraag.`}
    >
      <TextField
        name="contactName"
        label="Naam van de contactpersoon"
        value={values.contactName}
        errors={errors}
        required
        autocomplete="name"
      />
      <TextField
        name="contactEmail"
        label="E-mailadres van de contactpersoon"
        type="email"
        value={values.contactEmail}
        errors={errors}
        required
        autocomplete="email"
      />
      <TextField
        name="contactPhone"
        label="Telefoonnummer"
        type="tel"
        value={values.contactPhone}
        errors={errors}
        width="medium"
        autocomplete="tel"
      />
      <TextField
        name="accountHolder"
        label="Rekeninghouder"
        hint="De naam van de organisatie op het rekeningnummer."
        value={values.accountHolder}
        errors={errors}
        required
      />
      <TextField
        name="iban"
        label="Rekeningnummer (IBAN)"
        hint="Bijvoorbeeld BE68 5390 0754 7034."
        value={values.iban}
        errors={errors}
        required
        width="medium"
      />
    </StepLayout>
  );
}

export function MunicipalitiesStepPage({
  ctx,
  row,
  options,
  selected,
  errors,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  options: CoverageOption[];
  selected: string[];
  errors?: FieldErrors | undefined;
}) {
  const allowed = options.filter((o) => o.allowed);
  const refused = options.filter((o) => !o.allowed);
  return (
    <StepLayout
      ctx={ctx}
      row={row}
      step="municipalities"
      errors={errors}
      intro="Kies de gemeenten waarvoor u oefenkansen organiseert. Een gemeente kan maar in één aanvraag per oproep zitten."
    >
      <Checkboxes
        name="municipalities"
        label="Gemeenten"
        options={allowed.map((o) => ({ value: o.nis, label: o.name }))}
        value={selected}
        errors={errors}
        required
      />
      {refused.length > 0 && (
        <>
          <h2>Gemeenten die u niet kunt kiezen</h2>
          <ul>
            {refused.map((o) => (
              <li>
                <strong>{o.name}</strong>: {o.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </StepLayout>
  );
}

export function PlanningStepPage({
  ctx,
  row,
  values,
  errors,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const quarters = quartersBetween(row.call.implementationStart, row.call.implementationEnd);
  const a = row.application;
  return (
    <Layout ctx={ctx} title={stepLabels.planning} breadcrumbs={crumbs(row, stepLabels.planning)}>
      <p class="lead">Aanvraag {applicationReference(row.call, a)}</p>
      <h1>{stepLabels.planning}</h1>
      <p>
        Hoeveel oefenkansen plant u, per vorm en per kwartaal? Laat leeg wat u niet plant. U krijgt{' '}
        {formatEuro(row.call.rateCents)} per oefenkans
        {row.call.maxUnitsPerApplicant
          ? `, voor hoogstens ${nl(row.call.maxUnitsPerApplicant)} oefenkansen`
          : ''}
        .
      </p>
      <Form ctx={ctx} action={`/aanvragen/${a.id}/stap/planning`} errors={errors}>
        <div class="table-wrap">
          <table class="table">
            <caption class="table__caption">
              Geplande oefenkansen per vorm (rijen) en kwartaal (kolommen)
            </caption>
            <thead>
              <tr>
                <th scope="col">Vorm</th>
                {quarters.map((q) => (
                  <th scope="col">{q}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {formats.map((f: Format) => (
                <tr>
                  <th scope="row">{formatLabels[f]}</th>
                  {quarters.map((q) => {
                    const name = planningFieldName(f, q);
                    const error = errors?.[name];
                    return (
                      <td>
                        <input
                          class="input input--short"
                          id={fieldId(name)}
                          name={name}
                          type="text"
                          inputMode="numeric"
                          size={5}
                          value={
                            values[name] === undefined || values[name] === null ? '' : String(values[name])
                          }
                          aria-label={`${formatLabels[f]}, ${quarterLabel(q)}`}
                          aria-invalid={error ? 'true' : undefined}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          Het bedrag wordt berekend als het totaal aantal oefenkansen maal {formatEuro(row.call.rateCents)}
          {row.call.maxAmountPerApplicantCents !== null
            ? `, met een maximum van ${formatEuro(row.call.maxAmountPerApplicantCents)}`
            : ''}
          .
        </p>
        <SubmitButton>Bewaren en verder</SubmitButton>{' '}
        <a href={`/aanvragen/${a.id}`}>Terug naar de aanvraag</a>
      </Form>
    </Layout>
  );
}

export function ApproachStepPage({
  ctx,
  row,
  values,
  errors,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <StepLayout ctx={ctx} row={row} step="approach" errors={errors}>
      <TextArea
        name="approach"
        label="Uw aanpak"
        hint="Welke oefenkansen organiseert u, met welke partners, en hoe maakt u ze bekend?"
        value={values.approach}
        errors={errors}
        required
      />
      <TextArea
        name="targetGroups"
        label="Doelgroepen"
        hint="Wie wilt u bereiken?"
        value={values.targetGroups}
        errors={errors}
        required
        rows={3}
      />
      <TextArea
        name="womenAndGirls"
        label="Vrouwen en meisjes"
        hint="Vrouwen en meisjes worden minder vaak bereikt. Hoe zorgt u dat zij deelnemen (tijdstip, kinderopvang, vertrouwde plek, partners)?"
        value={values.womenAndGirls}
        errors={errors}
        required
        rows={3}
      />
    </StepLayout>
  );
}

export function SubmitPage({
  ctx,
  row,
  details,
  missing,
  errors,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  details: Details;
  missing: Record<string, string>;
  errors?: FieldErrors | undefined;
}) {
  const a = row.application;
  const amount = requestedAmount(a.plannedUnits, row.call);
  return (
    <Layout ctx={ctx} title="Controleren en indienen" breadcrumbs={crumbs(row, 'Indienen')}>
      <h1>Controleren en indienen</h1>
      <ApplicationSummary row={row} details={details} />
      <h2>Bedrag</h2>
      <p>
        {nl(a.plannedUnits)} oefenkansen × {formatEuro(row.call.rateCents)} ={' '}
        <strong>{formatEuro(amount.amountCents)}</strong>
        {amount.capped && ' (begrensd tot het maximum per aanvrager)'}. U legt zelf{' '}
        {row.call.ownContributionPct}% van de kosten bij.
      </p>
      {Object.keys(missing).length > 0 ? (
        <div class="notice notice--warning">
          <p>Uw aanvraag is nog niet volledig:</p>
          <ul>
            {Object.values(missing).map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      ) : (
        <Form ctx={ctx} action={`/aanvragen/${a.id}/indienen`} errors={errors} once>
          <p>Na het indienen kunt u de aanvraag niet meer aanpassen.</p>
          <SubmitButton>Aanvraag indienen</SubmitButton> <a href={`/aanvragen/${a.id}`}>Terug</a>
        </Form>
      )}
    </Layout>
  );
}

/** The printable decision letter. */
export function DecisionLetterPage({
  ctx,
  row,
  details,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  details: Details;
}) {
  const a = row.application;
  const ref = applicationReference(row.call, a);
  const status = a.status as ApplicationStatus;
  const iban = a.iban ? readIban(a.iban) : null;
  const printedIban = iban?.ok ? iban.printed : (a.iban ?? '');
  return (
    <Layout ctx={ctx} title={`Beslissing ${ref}`} breadcrumbs={crumbs(row, 'Beslissingsbrief')}>
      <article class="letter">
        <p>Agentschap Integratie en Inburgering · Afdeling Lokaal Integratiebeleid</p>
        <p>
          Aan {row.applicantName}
          <br />
          t.a.v. {a.contactName}
        </p>
        <p>
          Brussel, {formatLongDate(a.decidedAt ?? new Date())}
          <br />
          Ons kenmerk: {ref}
        </p>
        <h1>Beslissing over uw aanvraag voor de {row.call.title.toLowerCase()}</h1>
        {status === 'granted' ? (
          <>
            <p>
              Het agentschap kent {row.applicantName} cofinanciering toe voor{' '}
              <strong>{nl(a.grantedUnits ?? 0)} oefenkansen Nederlands</strong>, aan{' '}
              {formatEuro(row.call.rateCents)} per oefenkans, samen{' '}
              <strong>{formatEuro(a.grantedAmountCents ?? 0)}</strong>.
            </p>
            <p>
              De oefenkansen vinden plaats in {details.covered.map((c) => c.name).join(', ')}, tussen{' '}
              {formatDate(row.call.implementationStart)} en {formatDate(row.call.implementationEnd)}.
            </p>
            <p>
              Een voorschot van {row.call.advancePct}% wordt uitbetaald op rekening {printedIban}. Het saldo
              volgt na het eindrapport: het aantal gerealiseerde oefenkansen dat aan de definitie voldoet
              (hoogstens het toegekende aantal) maal het bedrag per oefenkans, min het voorschot. Werd er te
              veel voorgeschoten, dan vorderen we het verschil terug.
            </p>
            <p>
              Op {formatDate(row.call.interimCheckDate)} controleren we of minstens{' '}
              {row.call.interimThresholdPct}% van het toegekende aantal gerealiseerd is.
            </p>
          </>
        ) : status === 'rejected' || status === 'not_admissible' ? (
          <p>
            Het agentschap heeft uw aanvraag{' '}
            {status === 'rejected' ? 'afgewezen' : 'niet ontvankelijk verklaard'}.
          </p>
        ) : (
          <p>Over deze aanvraag is nog geen beslissing genomen.</p>
        )}
        {a.decisionNote && (
          <>
            <h2>Motivering</h2>
            <p>{a.decisionNote}</p>
          </>
        )}
        <p>
          Met vriendelijke groeten,
          <br />
          Agentschap Integratie en Inburgering
        </p>
      </article>
      <p>
        <a href={`/aanvragen/${a.id}`}>Terug naar de aanvraag</a> · Gebruik de afdrukfunctie van uw browser om
        de brief af te drukken of als pdf te bewaren.
      </p>
    </Layout>
  );
}

export function ApplicationHistoryPage({
  ctx,
  row,
  children,
}: {
  ctx: ViewContext;
  row: ApplicationRow;
  children: preact.ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title="Historiek" breadcrumbs={crumbs(row, 'Historiek')}>
      <h1>Historiek van aanvraag {applicationReference(row.call, row.application)}</h1>
      {children}
    </Layout>
  );
}
