import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime, formatEuro } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { DateField, Form, MoneyField, Radios, SubmitButton, TextArea } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { AreaMap } from '../../../core/views/map';
import { Pagination, SummaryList, Table, Tag, withQuery } from '../../../core/views/table';
import { availableTransitions } from '../../../core/workflow/workflow';
import { municipalityAreas } from '../../reference';
import type { applicantDashboard, callOverview, ProgressRow } from '../overview';
import type { getClaim, listClaims } from '../payouts';
import type { listImpulseGrants } from '../register';
import { applicationReference } from '../service';
import { applicationWorkflow, type ClaimStatus, claimKindLabels, claimWorkflow } from '../workflow';
import { nl, Progress, StatusTag } from './common';

type Overview = Awaited<ReturnType<typeof callOverview>>;

export function CallOverviewPage({
  ctx,
  o,
  page,
  pageSize,
}: {
  ctx: ViewContext;
  o: Overview;
  page: number;
  pageSize: number;
}) {
  const coveredByStatus = new Map(o.coverage.map((c) => [c.nis, c.status]));
  const progressPage = o.progress.slice((page - 1) * pageSize, page * pageSize);
  const flagged = o.progress.filter((p) => p.interimFlag);
  const path = `/oproepen/${o.call.id}/overzicht`;
  return (
    <Layout
      ctx={ctx}
      title={`Overzicht ${o.call.title}`}
      breadcrumbs={[
        { href: '/oproepen', label: 'Oproepen' },
        { href: `/oproepen/${o.call.id}`, label: o.call.title },
        { label: 'Overzicht' },
      ]}
    >
      <h1>Overzicht: {o.call.title}</h1>
      <div class="card-grid">
        <section class="card" aria-labelledby="budget-title">
          <h2 id="budget-title">Budget</h2>
          <SummaryList
            items={[
              ['Budget', formatEuro(o.budget.budget)],
              ['Vastgelegd', formatEuro(o.budget.committed)],
              ['Uitbetaald', formatEuro(o.budget.paid)],
              ['Nog beschikbaar', formatEuro(o.budget.remaining)],
            ]}
          />
        </section>
        <section class="card" aria-labelledby="units-title">
          <h2 id="units-title">Oefenkansen</h2>
          <SummaryList
            items={[
              ['Toegekend', nl(o.committedUnits)],
              ['Gerealiseerd (tellen mee)', nl(o.realisedUnits)],
              [
                'Voortgang',
                <Progress value={o.realisedUnits} of={o.committedUnits} label="Voortgang van de oproep" />,
              ],
            ]}
          />
        </section>
      </div>
      <h2>Aanvragen per status</h2>
      <Table
        caption="Aanvragen per status"
        path={path}
        rows={o.byStatus}
        columns={[
          {
            key: 'status',
            label: 'Status',
            render: (r) => <StatusTag workflow={applicationWorkflow} status={r.status} staff />,
          },
          {
            key: 'count',
            label: 'Aantal',
            numeric: true,
            render: (r) => (
              <a href={withQuery('/aanvragen', {}, { status: r.status, callId: o.call.id })}>{nl(r.count)}</a>
            ),
          },
        ]}
      />
      <h2>Tussentijdse controle</h2>
      <p>
        Op {formatDate(o.call.interimCheckDate)} moet elke aanvrager minstens {o.call.interimThresholdPct}%
        van het toegekende aantal oefenkansen gerealiseerd hebben.{' '}
        {o.interimDue
          ? flagged.length
            ? `${flagged.length} aanvragers zitten onder die drempel: ${flagged.map((f) => f.applicantName).join(', ')}.`
            : 'Alle aanvragers halen de drempel.'
          : 'Die datum is nog niet bereikt.'}
      </p>
      <h2>Gerealiseerd tegenover toegekend</h2>
      <p>
        <a href={`/oproepen/${o.call.id}/voortgang.csv`}>Download als CSV</a> ·{' '}
        <a href={`/oproepen/${o.call.id}/aanvragen.csv`}>Alle aanvragen als CSV</a>
      </p>
      <ProgressTable rows={progressPage} path={path} />
      <Pagination page={page} pageSize={pageSize} total={o.progress.length} path={path} />
      <h2>Gedekte gemeenten</h2>
      <div class="two-columns">
        <figure class="map-figure">
          <AreaMap
            areas={municipalityAreas()}
            title="Kaart van de gemeenten in een aanvraag"
            description={`Van de gemeenten van Vlaanderen en Brussel zijn er ${o.coverage.length} opgenomen in een ingediende of toegekende aanvraag; ${
              o.coverage.filter((c) => c.status === 'granted').length
            } daarvan zijn toegekend. De tabel ernaast geeft dezelfde gegevens.`}
            classFor={(nis) => {
              const status = coveredByStatus.get(nis);
              return status === 'granted' ? 'map__area--highlight' : undefined;
            }}
          />
          <figcaption>
            Zwart: gemeenten met een toegekende aanvraag. De tabel toont ook de gemeenten met een aanvraag in
            behandeling.
          </figcaption>
        </figure>
        <Table
          caption={`Gemeenten in een aanvraag (${o.coverage.length})`}
          path={path}
          rows={o.coverage}
          empty="Nog geen gemeenten in een ingediende aanvraag."
          columns={[
            { key: 'name', label: 'Gemeente', render: (c) => c.name },
            {
              key: 'applicant',
              label: 'Aanvrager',
              render: (c) => <a href={`/aanvragen/${c.applicationId}`}>{c.applicantName}</a>,
            },
            {
              key: 'status',
              label: 'Status',
              render: (c) => <StatusTag workflow={applicationWorkflow} status={c.status} staff />,
            },
          ]}
        />
      </div>
    </Layout>
  );
}

function ProgressTable({ rows, path }: { rows: ProgressRow[]; path: string }) {
  return (
    <Table
      caption="Toegekende aanvragen"
      path={path}
      rows={rows}
      empty="Nog geen toegekende aanvragen."
      columns={[
        {
          key: 'ref',
          label: 'Aanvraag',
          render: (r) => <a href={`/aanvragen/${r.applicationId}`}>{r.reference}</a>,
        },
        { key: 'applicant', label: 'Aanvrager', render: (r) => r.applicantName },
        { key: 'committed', label: 'Toegekend', numeric: true, render: (r) => nl(r.committedUnits) },
        { key: 'eligible', label: 'Gerealiseerd', numeric: true, render: (r) => nl(r.eligible) },
        { key: 'pct', label: 'Voortgang', numeric: true, render: (r) => `${r.pct}%` },
        {
          key: 'women',
          label: 'Vrouwen',
          numeric: true,
          render: (r) => (r.participants ? `${Math.round((r.women * 100) / r.participants)}%` : '–'),
        },
        {
          key: 'interim',
          label: 'Tussentijds',
          render: (r) =>
            r.interimFlag ? <Tag kind="negative">Onder de drempel</Tag> : <Tag kind="positive">In orde</Tag>,
        },
      ]}
    />
  );
}

export function DashboardPage({
  ctx,
  rows,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof applicantDashboard>>;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Mijn dashboard oefenkansen"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Dashboard' }]}
    >
      <h1>Mijn dashboard oefenkansen</h1>
      <p class="lead">{ctx.principal?.active.organisationName}</p>
      {rows.length === 0 && (
        <p>
          U hebt nog geen aanvraag. Bekijk de <a href="/oproepen">oproepen</a>.
        </p>
      )}
      <div class="card-grid">
        {rows.map((r) => (
          <section class="card" aria-labelledby={`d-${r.application.id}`}>
            <h2 id={`d-${r.application.id}`}>
              <a href={`/aanvragen/${r.application.id}`}>{r.call.title}</a>
            </h2>
            <p>
              {r.reference}{' '}
              <StatusTag workflow={applicationWorkflow} status={r.application.status} staff={false} />
            </p>
            {r.application.status === 'granted' ? (
              <>
                <p>
                  {nl(r.totals.eligible)} van {nl(r.application.grantedUnits ?? 0)} oefenkansen gerealiseerd{' '}
                  <Progress
                    value={r.totals.eligible}
                    of={r.application.grantedUnits ?? 0}
                    label="Voortgang"
                  />
                </p>
                <p>
                  Tussentijdse controle op {formatDate(r.call.interimCheckDate)}: minstens{' '}
                  {nl(r.interim.required)}.{' '}
                  {r.interim.below
                    ? r.interimDue
                      ? 'U zit onder die drempel.'
                      : 'Nog niet bereikt.'
                    : 'In orde.'}
                </p>
                <p>
                  <a href={`/aanvragen/${r.application.id}/register`}>Register van oefenkansen</a>
                </p>
              </>
            ) : r.application.status === 'draft' ? (
              <p>Nog niet ingediend. Indienen kan tot en met {formatDate(r.call.applicationCloses)}.</p>
            ) : null}
          </section>
        ))}
      </div>
    </Layout>
  );
}

type ClaimList = Awaited<ReturnType<typeof listClaims>>['items'];

export function ClaimListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
}: {
  ctx: ViewContext;
  rows: ClaimList;
  total: number;
  page: number;
  pageSize: number;
  query: { status?: string | undefined };
}) {
  const finance = ['finance_officer', 'platform_admin'].includes(ctx.principal?.active.role ?? '');
  return (
    <Layout
      ctx={ctx}
      title="Uitbetalingen"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Uitbetalingen' }]}
    >
      <h1>Uitbetalingen</h1>
      <p>
        Elke uitbetaling wordt eerst goedgekeurd door het programma, daarna door de financiële dienst (een
        andere persoon), en dan betaald.
      </p>
      {finance && (
        <Form ctx={ctx} action="/uitbetalingen/betaalbestand">
          <p>
            Het betaalbestand bevat elke uitbetaling die door financiën is goedgekeurd, met rekeningnummer en
            gestructureerde mededeling. Markeer ze als betaald zodra de bank ze uitvoerde.
          </p>
          <SubmitButton variant="secondary">Betaalbestand maken (CSV)</SubmitButton>
        </Form>
      )}
      <form method="get" action="/uitbetalingen" class="filter-bar" role="search">
        <div class="field">
          <label class="field__label" for="f-status">
            Status
          </label>
          <select class="input select" id="f-status" name="status">
            <option value="">Alle statussen</option>
            {Object.values(claimWorkflow.statuses).map((s) => (
              <option value={s.code} selected={query.status === s.code}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          Filteren
        </button>
      </form>
      <Table
        caption={`Uitbetalingen (${total})`}
        path="/uitbetalingen"
        query={query}
        rows={rows}
        empty="Geen uitbetalingen."
        columns={[
          {
            key: 'what',
            label: 'Uitbetaling',
            render: (r) => (
              <a href={`/uitbetalingen/${r.claim.id}`}>
                {claimKindLabels[r.claim.kind as 'advance']} {applicationReference(r.call, r.application)}
              </a>
            ),
          },
          { key: 'applicant', label: 'Begunstigde', render: (r) => r.applicantName },
          { key: 'amount', label: 'Bedrag', numeric: true, render: (r) => formatEuro(r.claim.amountCents) },
          {
            key: 'recovery',
            label: 'Terugvordering',
            numeric: true,
            render: (r) => (r.claim.recoveryCents ? formatEuro(r.claim.recoveryCents) : '–'),
          },
          {
            key: 'status',
            label: 'Status',
            render: (r) => <StatusTag workflow={claimWorkflow} status={r.claim.status} staff />,
          },
        ]}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path="/uitbetalingen" query={query} />
    </Layout>
  );
}

export function ClaimPage({
  ctx,
  row,
  maximum,
  errors,
  values,
}: {
  ctx: ViewContext;
  row: Awaited<ReturnType<typeof getClaim>>;
  maximum: number;
  errors?: FieldErrors | undefined;
  values?: Record<string, unknown> | undefined;
}) {
  const c = row.claim;
  const transitions = availableTransitions(
    claimWorkflow,
    c.status as ClaimStatus,
    ctx.principal!.active.role,
  );
  const ref = applicationReference(row.call, row.application);
  return (
    <Layout
      ctx={ctx}
      title={`${claimKindLabels[c.kind as 'advance']} ${ref}`}
      breadcrumbs={[
        { href: '/uitbetalingen', label: 'Uitbetalingen' },
        { label: `${claimKindLabels[c.kind as 'advance']} ${ref}` },
      ]}
    >
      <h1>
        {claimKindLabels[c.kind as 'advance']} {ref}{' '}
        <StatusTag workflow={claimWorkflow} status={c.status} staff />
      </h1>
      <SummaryList
        items={[
          ['Aanvraag', <a href={`/aanvragen/${row.application.id}`}>{ref}</a>],
          ['Begunstigde', c.beneficiaryName],
          ['Rekeningnummer', c.iban],
          ['Gestructureerde mededeling', c.structuredReference],
          ['Toegekend bedrag', formatEuro(row.application.grantedAmountCents ?? 0)],
          ['Te betalen', formatEuro(c.amountCents)],
          ['Terug te vorderen', c.recoveryCents ? formatEuro(c.recoveryCents) : '–'],
          ['Geregistreerde oefenkansen', c.realisedUnits !== null ? nl(c.realisedUnits) : '–'],
          ['Tellen mee (hoogstens toegekend)', c.countedUnits !== null ? nl(c.countedUnits) : '–'],
          ['Goedgekeurd door het programma', formatDateTime(c.programmeApprovedAt)],
          ['Goedgekeurd door financiën', formatDateTime(c.financeApprovedAt)],
          ['Betaald', formatDateTime(c.paidAt)],
          ['Opmerking', c.note],
        ]}
      />
      {transitions.length > 0 && (
        <Form ctx={ctx} action={`/uitbetalingen/${c.id}`} errors={errors} once>
          <h2>Beslissen</h2>
          {transitions.some((t) => t.action === 'approve_programme') && (
            <MoneyField
              name="amount"
              label="Bedrag aanpassen"
              hint={`Laat leeg om ${formatEuro(c.amountCents)} te behouden. Hoogstens ${formatEuro(maximum)}.`}
              value={values?.amount}
              errors={errors}
            />
          )}
          <TextArea
            name="note"
            label="Opmerking"
            hint="Verplicht bij afkeuren."
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
                  variant={t.action === 'reject' ? 'warning' : 'primary'}
                >
                  {t.label}
                </SubmitButton>{' '}
              </>
            ))}
          </p>
        </Form>
      )}
    </Layout>
  );
}

export function ImpulseListPage({
  ctx,
  rows,
}: {
  ctx: ViewContext;
  rows: Awaited<ReturnType<typeof listImpulseGrants>>;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Financiële impulsen"
      breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Impulsen' }]}
    >
      <h1>Financiële impulsen voor oefenkansen</h1>
      <p>
        Antwerpen, Gent en Brussel tekenen niet in op de oproep. Atlas, Amal en het Huis van het Nederlands
        krijgen een vast bedrag om diensten en organisaties te stimuleren oefenkansen te organiseren, en
        houden hun eigen register bij.
      </p>
      {ctx.principal?.active.role === 'agency_staff' && ctx.principal.active.agencyCode === 'AGII' && (
        <p>
          <a class="button button--secondary" href="/impulsen/nieuw">
            Nieuwe impuls
          </a>
        </p>
      )}
      <Table
        caption={`Impulsen (${rows.length})`}
        path="/impulsen"
        rows={rows}
        empty="Geen impulsen voor uw organisatie."
        columns={[
          { key: 'area', label: 'Gebied', render: (r) => r.grant.area },
          { key: 'recipient', label: 'Ontvanger', render: (r) => r.recipientName },
          { key: 'amount', label: 'Bedrag', numeric: true, render: (r) => formatEuro(r.grant.amountCents) },
          {
            key: 'period',
            label: 'Periode',
            render: (r) => `${formatDate(r.grant.periodStart)} – ${formatDate(r.grant.periodEnd)}`,
          },
          { key: 'realised', label: 'Oefenkansen', numeric: true, render: (r) => nl(r.totals.eligible) },
          {
            key: 'register',
            label: 'Register',
            render: (r) => <a href={`/impulsen/${r.grant.id}/register`}>Register van {r.grant.area}</a>,
          },
        ]}
      />
    </Layout>
  );
}

export function ImpulseFormPage({
  ctx,
  values,
  errors,
}: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Nieuwe impuls"
      narrow
      breadcrumbs={[{ href: '/impulsen', label: 'Impulsen' }, { label: 'Nieuw' }]}
    >
      <h1>Nieuwe financiële impuls</h1>
      <p>
        Een vast bedrag om diensten en organisaties in Antwerpen, Gent of Brussel te stimuleren oefenkansen te
        organiseren. De ontvanger houdt een eigen register van de oefenkansen bij.
      </p>
      <Form ctx={ctx} action="/impulsen" errors={errors} once>
        <Radios
          name="recipient"
          label="Ontvanger"
          options={[
            { value: 'ATLAS', label: 'Atlas, voor Antwerpen' },
            { value: 'AMAL', label: 'Amal, voor Gent' },
            { value: 'HVN', label: 'Huis van het Nederlands, voor Brussel' },
          ]}
          value={values.recipient}
          errors={errors}
          required
        />
        <MoneyField name="amount" label="Bedrag" value={values.amount} errors={errors} required />
        <DateField
          name="periodStart"
          label="Begin van de periode"
          value={values.periodStart}
          errors={errors}
          required
        />
        <DateField
          name="periodEnd"
          label="Einde van de periode"
          value={values.periodEnd}
          errors={errors}
          required
        />
        <SubmitButton>Impuls toekennen</SubmitButton> <a href="/impulsen">Annuleren</a>
      </Form>
    </Layout>
  );
}
