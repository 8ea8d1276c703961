import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime } from '../../../core/i18n/format';
import { formatValue } from '../../../core/views/chart';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import {
  DateField,
  FileField,
  Form,
  type FormValues,
  NumberField,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import { type PlanKind, planKindLabels, planKinds } from '../catalogue';
import type { PlanView, ResultView } from '../plans';
import { type ResultStatus, resultStatusClass, resultStatuses, resultStatusLabels } from '../rules';
import { MonitoringStyles, monitoringCrumb, ProgressBar } from './shared';

const plansCrumb = { href: '/monitoring/plannen', label: 'Actieplannen' };

function StatusTag({ status }: { status: string }) {
  return (
    <Tag kind={resultStatusClass[status as ResultStatus] ?? 'neutral'}>
      {resultStatusLabels[status as ResultStatus] ?? status}
    </Tag>
  );
}

type PlanRow = {
  id: string;
  title: string;
  kind: string;
  startYear: number;
  endYear: number;
  ownerName: string;
  progress: number | null;
  resultCount: number;
};

export function PlanListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
  canCreate,
}: {
  ctx: ViewContext;
  rows: PlanRow[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined; kind?: string | undefined };
  canCreate: boolean;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Actieplannen"
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, { label: 'Actieplannen' }]}
    >
      <MonitoringStyles />
      <h1>Actieplannen</h1>
      <p class="lead">
        Lokale actieplannen, plannen van regietafels en het Vlaamse horizontale integratieplan: resultaten met
        gewichten, mijlpalen, gekoppelde indicatoren en hun voortgang. Iedereen kan ze volgen.
      </p>
      {canCreate && (
        <p class="actions">
          <a class="button button--primary" href="/monitoring/plannen/nieuw">
            Nieuw actieplan
          </a>
        </p>
      )}
      <FilterBar action="/monitoring/plannen" submit="Zoeken">
        <FilterText name="q" label="Zoek" value={query.q} />
        <FilterSelect
          name="kind"
          label="Soort"
          value={query.kind}
          all="Alle soorten"
          options={planKinds.map((k) => ({ value: k, label: planKindLabels[k] }))}
        />
      </FilterBar>
      <Table
        caption={`Actieplannen (${total})`}
        path="/monitoring/plannen"
        query={query}
        rows={rows}
        empty="Geen actieplannen gevonden."
        columns={[
          {
            key: 'title',
            label: 'Plan',
            render: (p) => <a href={`/monitoring/plannen/${p.id}`}>{p.title}</a>,
          },
          { key: 'owner', label: 'Eigenaar', render: (p) => p.ownerName },
          { key: 'kind', label: 'Soort', render: (p) => planKindLabels[p.kind as PlanKind] ?? p.kind },
          { key: 'period', label: 'Looptijd', render: (p) => `${p.startYear}–${p.endYear}` },
          {
            key: 'progress',
            label: 'Voortgang',
            render: (p) =>
              p.progress === null ? (
                'Nog geen resultaten'
              ) : (
                <ProgressBar value={p.progress} label={`Voortgang van ${p.title}`} />
              ),
          },
        ]}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path="/monitoring/plannen" query={query} />
    </Layout>
  );
}

function ResultLine({ plan, r }: { plan: PlanView; r: ResultView }) {
  return (
    <li class={`result--depth-${Math.min(r.depth, 5)}`}>
      <p>
        <strong>{r.code}</strong> <a href={`/monitoring/plannen/${plan.id}/resultaten/${r.id}`}>{r.title}</a>{' '}
        <StatusTag status={r.status} />
      </p>
      <p>
        <ProgressBar value={r.rolled} label={`Voortgang van ${r.code} ${r.title}`} />
        {r.hasChildren ? ' (berekend uit de deelresultaten)' : ''} · gewicht{' '}
        {r.weight.toLocaleString('nl-BE')}
      </p>
      {r.indicators.length > 0 && (
        <ul>
          {r.indicators.map((i) => (
            <li>
              <a href={`/monitoring/indicatoren/${i.code}`}>{i.name}</a>: basis{' '}
              {formatValue(i.baselineValue, i.decimals, i.unit)}
              {i.baselinePeriod ? ` (${i.baselinePeriod})` : ''}, streefwaarde{' '}
              {formatValue(i.targetValue, i.decimals, i.unit)}
              {i.targetPeriod ? ` (${i.targetPeriod})` : ''}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function PlanPage({ ctx, plan, canEdit }: { ctx: ViewContext; plan: PlanView; canEdit: boolean }) {
  return (
    <Layout
      ctx={ctx}
      title={plan.title}
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, plansCrumb, { label: plan.title }]}
    >
      <MonitoringStyles />
      <h1>{plan.title}</h1>
      {plan.description && <p class="lead">{plan.description}</p>}
      <SummaryList
        items={[
          ['Eigenaar', plan.ownerName],
          ['Soort', planKindLabels[plan.kind as PlanKind] ?? plan.kind],
          ['Looptijd', `${plan.startYear}–${plan.endYear}`],
          [
            'Regietafel',
            plan.regietafelId ? (
              <a href={`/monitoring/regietafels/${plan.regietafelId}`}>{plan.regietafelName}</a>
            ) : null,
          ],
          ['Voortgang', <ProgressBar value={plan.progress} label="Voortgang van het plan" />],
        ]}
      />
      <p class="actions">
        {canEdit && (
          <>
            <a class="button button--primary" href={`/monitoring/plannen/${plan.id}/resultaten/nieuw`}>
              Resultaat toevoegen
            </a>{' '}
            <a class="button button--secondary" href={`/monitoring/plannen/${plan.id}/bewerken`}>
              Plan bewerken
            </a>{' '}
            <a class="button button--secondary" href={`/monitoring/plannen/${plan.id}/voortgang-bijwerken`}>
              Voortgang bijwerken met CSV of Excel
            </a>{' '}
          </>
        )}
        <a href={`/monitoring/plannen/${plan.id}/voortgang.csv`} download>
          Download de resultaten (CSV)
        </a>{' '}
        <a href={`/monitoring/plannen/${plan.id}/voortgang.xlsx`} download>
          Download de resultaten (Excel)
        </a>
      </p>
      <h2>Resultaten</h2>
      <p class="field__hint">
        De voortgang van een resultaat met deelresultaten is het gewogen gemiddelde van zijn deelresultaten;
        geschrapte resultaten tellen niet mee.
      </p>
      {plan.results.length === 0 ? (
        <p class="empty-state">Dit plan heeft nog geen resultaten.</p>
      ) : (
        <ul class="result-tree">
          {plan.results.map((r) => (
            <ResultLine plan={plan} r={r} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

type TimelineItem = {
  id: string;
  progress: number;
  status: string;
  note: string | null;
  createdAt: Date;
  userName: string | null;
  organisationName: string | null;
};

export function ResultPage({
  ctx,
  plan,
  result,
  timeline,
  canEdit,
  errors,
  values,
  indicators,
}: {
  ctx: ViewContext;
  plan: PlanView;
  result: ResultView;
  timeline: { items: TimelineItem[]; total: number; page: number; pageSize: number };
  canEdit: boolean;
  errors?: FieldErrors | undefined;
  values?: FormValues;
  indicators: Array<{ code: string; name: string }>;
}) {
  const base = `/monitoring/plannen/${plan.id}/resultaten/${result.id}`;
  const children = plan.results.filter((r) => r.parentId === result.id);
  return (
    <Layout
      ctx={ctx}
      title={`${result.code} ${result.title}`}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        plansCrumb,
        { href: `/monitoring/plannen/${plan.id}`, label: plan.title },
        { label: result.code },
      ]}
    >
      <MonitoringStyles />
      <h1>
        {result.code} {result.title}
      </h1>
      {result.description && <p class="lead">{result.description}</p>}
      <SummaryList
        items={[
          ['Status', <StatusTag status={result.status} />],
          ['Voortgang', <ProgressBar value={result.rolled} label="Voortgang van dit resultaat" />],
          ['Gewicht', result.weight.toLocaleString('nl-BE')],
          [
            'Looptijd',
            result.startDate || result.endDate
              ? `${formatDate(result.startDate)} – ${formatDate(result.endDate)}`
              : null,
          ],
          [
            'Deelresultaten',
            children.length ? children.map((c) => `${c.code} ${c.title}`).join('; ') : 'Geen',
          ],
        ]}
      />
      {canEdit && (
        <p class="actions">
          <a class="button button--secondary" href={`${base}/bewerken`}>
            Resultaat bewerken
          </a>
        </p>
      )}
      {canEdit && (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">Voortgang bijwerken</h2>
          <Form ctx={ctx} action={`${base}/voortgang`} errors={errors} once>
            {result.hasChildren ? (
              <>
                <p class="field__hint">
                  De voortgang wordt berekend uit de deelresultaten; u kunt de status en een toelichting
                  geven.
                </p>
                <input type="hidden" name="progress" value={String(result.rolled)} />
              </>
            ) : (
              <NumberField
                name="progress"
                label="Voortgang in %"
                hint="Een getal van 0 tot 100."
                value={values?.progress ?? result.rolled}
                errors={errors}
                required
              />
            )}
            <SelectField
              name="status"
              label="Status"
              value={values?.status ?? result.status}
              errors={errors}
              required
              options={resultStatuses.map((s) => ({ value: s, label: resultStatusLabels[s] }))}
            />
            <TextArea name="note" label="Toelichting" value={values?.note} errors={errors} rows={3} />
            <SubmitButton>Voortgang bewaren</SubmitButton>
          </Form>
        </section>
      )}
      <h2>Gekoppelde indicatoren</h2>
      {result.indicators.length === 0 ? (
        <p class="empty-state">Nog geen indicatoren gekoppeld.</p>
      ) : (
        <ul>
          {result.indicators.map((i) => (
            <li>
              <a href={`/monitoring/indicatoren/${i.code}`}>{i.name}</a>: basis{' '}
              {formatValue(i.baselineValue, i.decimals, i.unit)}
              {i.baselinePeriod ? ` (${i.baselinePeriod})` : ''}, streefwaarde{' '}
              {formatValue(i.targetValue, i.decimals, i.unit)}
              {i.targetPeriod ? ` (${i.targetPeriod})` : ''}
              {plan.areaCode && (
                <>
                  {' '}
                  ·{' '}
                  <a href={`/monitoring/gemeenten/${plan.areaCode}#ind-${i.code}`}>evolutie in de gemeente</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details>
          <summary>Indicator koppelen</summary>
          <Form ctx={ctx} action={`${base}/indicatoren`}>
            <SelectField
              name="indicator"
              label="Indicator"
              options={indicators.map((i) => ({ value: i.code, label: i.name }))}
              required
            />
            <TextField name="baselineValue" label="Basiswaarde" width="short" />
            <TextField
              name="baselinePeriod"
              label="Periode van de basiswaarde"
              hint="Bv. 2023"
              width="short"
            />
            <TextField name="targetValue" label="Streefwaarde" width="short" />
            <TextField name="targetPeriod" label="Te halen in" hint="Bv. 2030" width="short" />
            <SubmitButton variant="secondary">Koppelen</SubmitButton>
          </Form>
        </details>
      )}
      <h2>Mijlpalen</h2>
      {result.milestones.length === 0 ? (
        <p class="empty-state">Nog geen mijlpalen.</p>
      ) : (
        <ul>
          {result.milestones.map((m) => (
            <li>
              {m.title}: tegen {formatDate(m.dueDate)}
              {m.doneOn ? `, gehaald op ${formatDate(m.doneOn)}` : ''}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <details>
          <summary>Mijlpaal toevoegen</summary>
          <Form ctx={ctx} action={`${base}/mijlpalen`} once>
            <TextField name="title" label="Mijlpaal" required />
            <DateField name="dueDate" label="Tegen" required />
            <DateField name="doneOn" label="Gehaald op" />
            <SubmitButton variant="secondary">Toevoegen</SubmitButton>
          </Form>
        </details>
      )}
      <h2>Tijdlijn</h2>
      {timeline.items.length === 0 ? (
        <p class="empty-state">Nog geen voortgangsrapporten.</p>
      ) : (
        <ol class="timeline" reversed>
          {timeline.items.map((t) => (
            <li>
              <p>
                <strong>{formatDateTime(t.createdAt)}</strong>: {t.progress.toLocaleString('nl-BE')} %,{' '}
                <StatusTag status={t.status} />
                {t.userName ? ` door ${t.userName}` : ''}
                {t.organisationName ? ` (${t.organisationName})` : ''}
              </p>
              {t.note && <p>{t.note}</p>}
            </li>
          ))}
        </ol>
      )}
      <Pagination page={timeline.page} pageSize={timeline.pageSize} total={timeline.total} path={base} />
    </Layout>
  );
}

export function PlanFormPage({
  ctx,
  values,
  errors,
  planId,
  tables,
}: {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors | undefined;
  planId?: string;
  tables: Array<{ id: string; name: string }>;
}) {
  const title = planId ? 'Actieplan bewerken' : 'Nieuw actieplan';
  return (
    <Layout
      ctx={ctx}
      title={title}
      narrow
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, plansCrumb, { label: title }]}
    >
      <h1>{title}</h1>
      {!planId && (
        <p>
          Het plan hoort bij uw organisatie ({ctx.principal?.active.organisationName}); alleen uw organisatie
          kan het aanpassen.
        </p>
      )}
      <Form
        ctx={ctx}
        action={planId ? `/monitoring/plannen/${planId}/bewerken` : '/monitoring/plannen/nieuw'}
        errors={errors}
        once={!planId}
      >
        <TextField name="title" label="Titel" value={values.title} errors={errors} required />
        <TextArea
          name="description"
          label="Beschrijving"
          value={values.description}
          errors={errors}
          rows={4}
        />
        <SelectField
          name="kind"
          label="Soort plan"
          value={values.kind ?? 'local'}
          errors={errors}
          required
          options={planKinds.map((k) => ({ value: k, label: planKindLabels[k] }))}
        />
        <SelectField
          name="regietafelId"
          label="Regietafel"
          value={values.regietafelId}
          errors={errors}
          placeholder="Geen"
          options={tables.map((t) => ({ value: t.id, label: t.name }))}
        />
        <TextField
          name="areaCode"
          label="NIS-code van de gemeente"
          hint="Voor een lokaal plan: de gemeente waarover het gaat, bv. 12025."
          value={values.areaCode}
          errors={errors}
          width="short"
        />
        <NumberField
          name="startYear"
          label="Beginjaar"
          value={values.startYear ?? new Date().getFullYear()}
          errors={errors}
          required
        />
        <NumberField
          name="endYear"
          label="Eindjaar"
          value={values.endYear ?? new Date().getFullYear() + 5}
          errors={errors}
          required
        />
        <SubmitButton>{planId ? 'Bewaren' : 'Plan opstellen'}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ResultFormPage({
  ctx,
  plan,
  values,
  errors,
  resultId,
}: {
  ctx: ViewContext;
  plan: PlanView;
  values: FormValues;
  errors?: FieldErrors | undefined;
  resultId?: string;
}) {
  const title = resultId ? 'Resultaat bewerken' : 'Resultaat toevoegen';
  const action = resultId
    ? `/monitoring/plannen/${plan.id}/resultaten/${resultId}/bewerken`
    : `/monitoring/plannen/${plan.id}/resultaten/nieuw`;
  const parents = plan.results.filter((r) => r.id !== resultId);
  return (
    <Layout
      ctx={ctx}
      title={title}
      narrow
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        plansCrumb,
        { href: `/monitoring/plannen/${plan.id}`, label: plan.title },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <Form ctx={ctx} action={action} errors={errors} once={!resultId}>
        <TextField name="title" label="Titel" value={values.title} errors={errors} required />
        <TextField
          name="code"
          label="Code"
          hint="Bv. 2.1; leeg laten om een volgnummer te krijgen."
          value={values.code}
          errors={errors}
          width="short"
        />
        <TextArea
          name="description"
          label="Beschrijving"
          value={values.description}
          errors={errors}
          rows={3}
        />
        <SelectField
          name="parentId"
          label="Onderdeel van"
          value={values.parentId}
          errors={errors}
          placeholder="Geen (hoofdresultaat)"
          options={parents.map((r) => ({ value: r.id, label: `${r.code} ${r.title}` }))}
        />
        <TextField
          name="weight"
          label="Gewicht"
          hint="Hoe zwaar dit resultaat doorweegt in het bovenliggende, bv. 1 of 2."
          value={values.weight ?? 1}
          errors={errors}
          width="short"
        />
        <SelectField
          name="status"
          label="Status"
          value={values.status ?? 'planned'}
          errors={errors}
          required
          options={resultStatuses.map((s) => ({ value: s, label: resultStatusLabels[s] }))}
        />
        <DateField name="startDate" label="Begindatum" value={values.startDate} errors={errors} />
        <DateField name="endDate" label="Einddatum" value={values.endDate} errors={errors} />
        <SubmitButton>{resultId ? 'Bewaren' : 'Toevoegen'}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function BulkProgressPage({
  ctx,
  plan,
  errors,
  lineErrors,
  unit = 'Regel',
}: {
  ctx: ViewContext;
  plan: PlanView;
  errors?: FieldErrors | undefined;
  lineErrors?: Array<{ line: number; message: string }>;
  /** "Regel" (CSV) or "Rij" (Excel). */
  unit?: string;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Voortgang bijwerken met CSV"
      narrow
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        plansCrumb,
        { href: `/monitoring/plannen/${plan.id}`, label: plan.title },
        { label: 'Voortgang met CSV' },
      ]}
    >
      <h1>Voortgang bijwerken met CSV</h1>
      <p>
        Download eerst{' '}
        <a href={`/monitoring/plannen/${plan.id}/voortgang.csv`}>de resultaten van dit plan (CSV)</a> of{' '}
        <a href={`/monitoring/plannen/${plan.id}/voortgang.xlsx`}>als Excel-werkmap</a>, vul de kolommen
        voortgang, status en toelichting aan en laad het bestand hier op. Als één regel niet klopt, wordt
        niets bijgewerkt.
      </p>
      {lineErrors && lineErrors.length > 0 && (
        <div class="error-summary" role="alert" aria-labelledby="bulk-errors-title">
          <h2 class="error-summary__title" id="bulk-errors-title">
            Er werd niets bijgewerkt: {lineErrors.length} fout(en)
          </h2>
          <ul class="error-summary__list">
            {lineErrors.map((e) => (
              <li>
                {unit} {e.line}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Form ctx={ctx} action={`/monitoring/plannen/${plan.id}/voortgang-bijwerken`} multipart errors={errors}>
        <FileField
          name="file"
          label="CSV-bestand of Excel-werkmap"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          errors={errors}
          required
          hint="Hoogstens 1 MB; CSV (UTF-8) of .xlsx."
        />
        <SubmitButton>Voortgang bijwerken</SubmitButton>
      </Form>
    </Layout>
  );
}
