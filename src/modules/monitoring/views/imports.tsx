import type { FieldErrors } from '../../../core/http/errors';
import { formatDateTime, formatNumber } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FileField, Form, Radios, SubmitButton } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import {
  IMPORT_MAX_BYTES,
  type ImportStrategy,
  importStrategies,
  importStrategyLabels,
  VALUE_COLUMNS,
} from '../catalogue';
import type { Batch, BatchReport } from '../imports';
import { monitoringCrumb } from './shared';

const statusLabels: Record<string, { label: string; kind: string }> = {
  checked: { label: 'Gecontroleerd', kind: 'pending' },
  imported: { label: 'Ingelezen', kind: 'positive' },
  discarded: { label: 'Verworpen', kind: 'neutral' },
};

type BatchRow = {
  id: string;
  fileName: string;
  status: string;
  rowCount: number;
  errorCount: number;
  created: number;
  updated: number;
  createdAt: Date;
  organisationName: string;
};

type ImportProps = {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  batches: { items: BatchRow[]; total: number; page: number; pageSize: number };
};

export function ImportPage({ ctx, values, errors, batches }: ImportProps) {
  return (
    <Layout
      ctx={ctx}
      title="Waarden importeren"
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, { label: 'Importeren' }]}
    >
      <h1>Waarden importeren</h1>
      <p class="lead">
        Laad een CSV-bestand of een Excel-werkmap (.xlsx) op. We controleren eerst elke regel; er wordt niets
        ingelezen tot het bestand foutloos is.
      </p>
      <details>
        <summary>Hoe ziet het bestand eruit?</summary>
        <p>
          Een kopregel met de kolommen <code>{VALUE_COLUMNS.join(';')}</code>, gescheiden door puntkomma's of
          komma's (UTF-8). In een Excel-werkmap staan dezelfde kolommen op de eerste rij van het eerste
          werkblad; fouten melden we dan per rij. Een export van een indicator (CSV of Excel) heeft hetzelfde
          formaat en kan zo opnieuw worden ingelezen.
        </p>
        <ul>
          <li>
            <strong>indicator</strong>: de code uit de <a href="/monitoring/indicatoren">catalogus</a>.
          </li>
          <li>
            <strong>nis</strong> of <strong>gemeente</strong>: NIS-code of officiële naam. Voor jaren voor
            2025 mogen de oude codes van gefusioneerde gemeenten: we tellen ze samen tot de gemeente van 2025
            (verhoudingen opnieuw uit teller en noemer).
          </li>
          <li>
            <strong>periode</strong>: een jaar (2024) of een kwartaal (2024-Q1), volgens de meetfrequentie.
          </li>
          <li>
            <strong>uitsplitsing</strong>: leeg of <code>totaal</code>, <code>geslacht:vrouw</code>,{' '}
            <code>herkomst:niet-eu</code> …
          </li>
          <li>
            <strong>waarde</strong> voor aantallen; <strong>teller</strong> en <strong>noemer</strong> voor
            verhoudingen.
          </li>
          <li>
            <strong>status</strong>: <code>voorlopig</code> of <code>definitief</code> (standaard).{' '}
            <strong>bron</strong>: vrij.
          </li>
        </ul>
      </details>
      <Form ctx={ctx} action="/monitoring/import" multipart errors={errors}>
        <FileField
          name="file"
          label="CSV-bestand of Excel-werkmap"
          hint={`Hoogstens ${IMPORT_MAX_BYTES / 1024 / 1024} MB. CSV (bewaar in Excel als "CSV UTF-8") of .xlsx.`}
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          errors={errors}
          required
        />
        <Radios
          name="strategy"
          label="Wat met waarden die al bestaan?"
          value={values.strategy ?? 'upsert'}
          errors={errors}
          required
          options={importStrategies.map((s) => ({
            value: s,
            label: importStrategyLabels[s].label,
            hint: importStrategyLabels[s].hint,
          }))}
        />
        <SubmitButton>Controleren</SubmitButton>
      </Form>
      <h2>Eerdere imports</h2>
      <Table
        caption="Imports"
        path="/monitoring/import"
        rows={batches.items}
        empty="Nog geen imports."
        columns={[
          {
            key: 'file',
            label: 'Bestand',
            render: (b) => <a href={`/monitoring/import/${b.id}`}>{b.fileName}</a>,
          },
          { key: 'when', label: 'Opgeladen', render: (b) => formatDateTime(b.createdAt) },
          { key: 'org', label: 'Door', render: (b) => b.organisationName },
          {
            key: 'status',
            label: 'Status',
            render: (b) => (
              <Tag kind={statusLabels[b.status]?.kind}>{statusLabels[b.status]?.label ?? b.status}</Tag>
            ),
          },
          { key: 'rows', label: 'Regels', numeric: true, render: (b) => formatNumber(b.rowCount) },
          { key: 'errors', label: 'Fouten', numeric: true, render: (b) => formatNumber(b.errorCount) },
        ]}
      />
      <Pagination
        page={batches.page}
        pageSize={batches.pageSize}
        total={batches.total}
        path="/monitoring/import"
      />
    </Layout>
  );
}

export function BatchPage({
  ctx,
  batch,
  errors,
}: {
  ctx: ViewContext;
  batch: Batch & { userName: string | null };
  errors?: FieldErrors | undefined;
}) {
  const report = (batch.report ?? null) as BatchReport | null;
  const unit = report?.unit === 'rij' ? 'Rij' : 'Regel';
  const clean = batch.status === 'checked' && batch.errorCount === 0;
  return (
    <Layout
      ctx={ctx}
      title={`Import ${batch.fileName}`}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        { href: '/monitoring/import', label: 'Importeren' },
        { label: batch.fileName },
      ]}
    >
      <h1>Import: {batch.fileName}</h1>
      {errors?._form && (
        <div class="error-summary" role="alert">
          <h2 class="error-summary__title">Er is een probleem</h2>
          <p>{errors._form}</p>
        </div>
      )}
      <SummaryList
        items={[
          [
            'Status',
            <Tag kind={statusLabels[batch.status]?.kind}>
              {statusLabels[batch.status]?.label ?? batch.status}
            </Tag>,
          ],
          [
            'Opgeladen',
            `${formatDateTime(batch.createdAt)}${batch.userName ? ` door ${batch.userName}` : ''}`,
          ],
          ['Werkwijze', importStrategyLabels[batch.strategy as ImportStrategy]?.label ?? batch.strategy],
          [unit === 'Rij' ? 'Rijen' : 'Regels', formatNumber(batch.rowCount)],
          ['Fouten', formatNumber(batch.errorCount)],
          ...(report
            ? ([
                ['Geldige waarden', formatNumber(report.summary.valid)],
                [
                  'Nieuw / bij te werken',
                  `${formatNumber(report.toCreate)} / ${formatNumber(report.toUpdate)}`,
                ],
                ['Indicatoren', report.summary.indicators.join(', ') || '–'],
                ['Periodes', report.summary.periods.join(', ') || '–'],
                ['Gebieden', formatNumber(report.summary.areas)],
                ['Samengeteld na de fusies van 2025', formatNumber(report.summary.merged)],
              ] as Array<[string, string]>)
            : []),
          ...(batch.status === 'imported'
            ? ([
                [
                  'Ingelezen',
                  `${formatNumber(batch.created)} nieuw, ${formatNumber(batch.updated)} bijgewerkt op ${formatDateTime(batch.importedAt)}`,
                ],
              ] as Array<[string, string]>)
            : []),
        ]}
      />
      {batch.status === 'checked' && batch.errorCount > 0 && (
        <div class="notice notice--warning" role="status">
          Dit bestand bevat {formatNumber(batch.errorCount)} fout(en). Er werd niets ingelezen. Verbeter het
          bestand en laad het opnieuw op.
        </div>
      )}
      {clean && (
        <div class="notice notice--success" role="status">
          Het bestand is foutloos. Kies Inlezen om de {formatNumber(report?.summary.valid ?? 0)} waarden te
          bewaren.
        </div>
      )}
      {report && report.errors.length > 0 && (
        <div class="table-wrap">
          <table class="table error-lines">
            <caption class="table__caption">
              Fouten per {unit.toLowerCase()}
              {batch.errorCount > report.errors.length
                ? ` (de eerste ${report.errors.length} van ${batch.errorCount})`
                : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col" class="numeric">
                  {unit}
                </th>
                <th scope="col">Kolom</th>
                <th scope="col">Fout</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e) => (
                <tr>
                  <td class="numeric">{e.line}</td>
                  <td>{e.column ?? '–'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {batch.status === 'checked' && (
        <div class="actions">
          {clean && (
            <Form ctx={ctx} action={`/monitoring/import/${batch.id}/inlezen`} class="inline-form">
              <SubmitButton>Inlezen</SubmitButton>
            </Form>
          )}{' '}
          <Form ctx={ctx} action={`/monitoring/import/${batch.id}/verwerpen`} class="inline-form">
            <SubmitButton variant="secondary">Verwerpen</SubmitButton>
          </Form>{' '}
          <a href="/monitoring/import">Een ander bestand opladen</a>
        </div>
      )}
    </Layout>
  );
}
