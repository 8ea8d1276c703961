import type { FieldErrors } from '../../../core/http/errors';
import { formatDateTime } from '../../../core/i18n/format';
import { ChartWithTable, formatValue } from '../../../core/views/chart';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import {
  Checkboxes,
  Form,
  type FormValues,
  NumberField,
  Radios,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import {
  areaLevelLabels,
  directionLabels,
  type IndicatorType,
  indicatorTypeLabels,
  indicatorTypes,
  measureLabels,
  themeLabel,
  themes,
} from '../catalogue';
import { breakdownDimensions, frequencyLabels, type Measure } from '../rules';
import type { Indicator, SeriesLine } from '../service';
import { DemoNotice, MonitoringStyles, monitoringCrumb, SuppressionNote } from './shared';

type ListProps = {
  ctx: ViewContext;
  rows: Indicator[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined; theme?: string | undefined; type?: string | undefined };
  canManage: boolean;
};

export function IndicatorListPage({ ctx, rows, total, page, pageSize, query, canManage }: ListProps) {
  return (
    <Layout
      ctx={ctx}
      title="Indicatoren"
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, { label: 'Indicatoren' }]}
    >
      <h1>Indicatorcatalogus</h1>
      <p class="lead">
        Elke indicator met zijn metadatafiche: definitie, berekeningswijze, bron, meetfrequentie, kwaliteit,
        basis- en streefwaarde.
      </p>
      {canManage && (
        <p class="actions">
          <a class="button button--secondary" href="/monitoring/indicatoren/nieuw">
            Nieuwe indicator
          </a>{' '}
          <a class="button button--secondary" href="/monitoring/import">
            Waarden importeren
          </a>
        </p>
      )}
      <FilterBar action="/monitoring/indicatoren" submit="Zoeken">
        <FilterText name="q" label="Zoek" value={query.q} />
        <FilterSelect
          name="theme"
          label="Thema"
          value={query.theme}
          all="Alle thema's"
          options={themes.map((t) => ({ value: t.code, label: t.label }))}
        />
        <FilterSelect
          name="type"
          label="Soort"
          value={query.type}
          all="Alle soorten"
          options={indicatorTypes.map((t) => ({ value: t, label: indicatorTypeLabels[t] }))}
        />
      </FilterBar>
      <Table
        caption={`Indicatoren (${total})`}
        path="/monitoring/indicatoren"
        query={query}
        empty="Geen indicatoren gevonden."
        rows={rows}
        columns={[
          {
            key: 'name',
            label: 'Indicator',
            render: (i) => (
              <>
                <a href={`/monitoring/indicatoren/${i.code}`}>{i.name}</a>
                {i.demo && (
                  <>
                    {' '}
                    <Tag kind="waiting">demo</Tag>
                  </>
                )}
              </>
            ),
          },
          { key: 'theme', label: 'Thema', render: (i) => themeLabel(i.theme) },
          {
            key: 'type',
            label: 'Soort',
            render: (i) => indicatorTypeLabels[i.type as IndicatorType] ?? i.type,
          },
          { key: 'unit', label: 'Eenheid', render: (i) => i.unit },
        ]}
      />
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        path="/monitoring/indicatoren"
        query={query}
      />
    </Layout>
  );
}

const value = (v: number | null, ind: Indicator, period: string | null) =>
  v === null ? null : `${formatValue(v, ind.decimals, ind.unit)}${period ? ` (${period})` : ''}`;

type FicheProps = {
  ctx: ViewContext;
  ind: Indicator;
  overview: { periods: string[]; lines: SeriesLine[]; areaCount: number };
  canManage: boolean;
  /** For platform-computed indicators: when the values were computed, and the recompute button. */
  computed?: { at: Date | null; canRecompute: boolean } | undefined;
};

/** The notice on a computed indicator: where the figures come from, how fresh, and the button. */
function ComputedNotice({
  ctx,
  ind,
  computed,
}: {
  ctx: ViewContext;
  ind: Indicator;
  computed: NonNullable<FicheProps['computed']>;
}) {
  return (
    <div class="notice" role="status">
      <p>
        <strong>Berekend door het platform</strong> uit zijn eigen gegevens; deze waarden kunnen niet worden
        ingelezen.{' '}
        {computed.at
          ? `Gegevens van ${formatDateTime(computed.at)}. Ze worden elk uur opnieuw berekend.`
          : 'De waarden zijn nog niet berekend; dat gebeurt elk uur.'}
      </p>
      {computed.canRecompute && (
        <Form ctx={ctx} action="/monitoring/indicatoren/herberekenen" class="inline-form">
          <input type="hidden" name="code" value={ind.code} />
          <SubmitButton variant="secondary">Nu herberekenen</SubmitButton>
        </Form>
      )}
    </div>
  );
}

export function IndicatorPage({ ctx, ind, overview, canManage, computed }: FicheProps) {
  const last = overview.lines[0]?.cells
    .map((c, i) => ({ c, p: overview.periods[i] }))
    .filter((x) => x.c.value !== null)
    .pop();
  const breakdowns = ind.breakdowns
    .map((b) => breakdownDimensions[b as keyof typeof breakdownDimensions]?.label ?? b)
    .join(', ');
  return (
    <Layout
      ctx={ctx}
      title={ind.name}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        { href: '/monitoring/indicatoren', label: 'Indicatoren' },
        { label: ind.name },
      ]}
    >
      <MonitoringStyles />
      <h1>{ind.name}</h1>
      {ind.demo && <DemoNotice />}
      {!ind.published && (
        <p class="notice notice--warning">Deze indicator is niet gepubliceerd als open data.</p>
      )}
      {computed && <ComputedNotice ctx={ctx} ind={ind} computed={computed} />}
      <h2>Metadatafiche</h2>
      <SummaryList
        items={[
          ['Benaming', ind.name],
          ['Code', <code>{ind.code}</code>],
          ['Definitie', ind.definition],
          ['Soort indicator', indicatorTypeLabels[ind.type as IndicatorType] ?? ind.type],
          ['Berekeningswijze', ind.calculation],
          ['Soort waarde', measureLabels[ind.measure as Measure] ?? ind.measure],
          ...(ind.measure === 'rate'
            ? ([
                ['Teller', ind.numeratorLabel],
                [
                  'Noemer',
                  `${ind.denominatorLabel ?? ''}${ind.multiplier !== 100 ? ` (maal ${ind.multiplier})` : ' (maal 100)'}`,
                ],
              ] as Array<[string, string | null]>)
            : []),
          ['Eenheid', `${ind.unit}, ${ind.decimals} decimalen`],
          ['Bron', ind.source],
          ['Meetfrequentie', frequencyLabels[ind.frequency as 'year'] ?? ind.frequency],
          ['Niveau', areaLevelLabels[ind.areaLevel as 'municipality'] ?? ind.areaLevel],
          ['Kwaliteitsbeoordeling', ind.quality],
          [
            'Laatst gekende waarde',
            last && overview.lines[0]
              ? `${formatValue(last.c.value, ind.decimals, ind.unit)} (${last.p}, ${overview.lines[0].name})`
              : null,
          ],
          ['Basiswaarde', value(ind.baselineValue, ind, ind.baselinePeriod)],
          ['Streefwaarde', value(ind.targetValue, ind, ind.targetPeriod)],
          ['Richting', directionLabels[ind.direction as 'higher'] ?? ind.direction],
          ['Beleidsrelevantie', ind.policyRelevance],
          ['Budgetrelevantie', ind.budgetRelevance],
          ['Thema', themeLabel(ind.theme)],
          ['Uitsplitsingen', breakdowns || 'Geen'],
          ['Persoonsgegevens', ind.personalData ? 'Ja: cijfers onder 5 personen worden niet getoond' : 'Nee'],
        ]}
      />
      {ind.personalData && <SuppressionNote />}
      <p class="actions">
        {ind.areaLevel === 'municipality' && (
          <a class="button button--secondary" href={`/monitoring/kaart?indicator=${ind.code}`}>
            Bekijk op de kaart
          </a>
        )}{' '}
        <a class="button button--secondary" href={`/api/v1/indicators/${ind.code}/values.csv`} download>
          Download de waarden (CSV)
        </a>{' '}
        <a class="button button--secondary" href={`/api/v1/indicators/${ind.code}/values.xlsx`} download>
          Download de waarden (Excel)
        </a>{' '}
        <a href={`/api/v1/indicators/${ind.code}`}>Fiche als JSON</a>
        {canManage && (
          <>
            {' '}
            <a class="button button--secondary" href={`/monitoring/indicatoren/${ind.code}/bewerken`}>
              Fiche bewerken
            </a>
          </>
        )}
      </p>
      {overview.periods.length > 0 && overview.lines.length > 0 ? (
        <ChartWithTable
          headingLevel={2}
          spec={{
            kind: 'trend',
            id: 'overview',
            title: `${ind.name}: evolutie`,
            periods: overview.periods,
            series: overview.lines.map((l) => ({ name: l.name, values: l.cells.map((c) => c.value) })),
            target:
              ind.targetValue !== null
                ? {
                    value: ind.targetValue,
                    label: `Streefwaarde${ind.targetPeriod ? ` ${ind.targetPeriod}` : ''}`,
                  }
                : null,
            decimals: ind.decimals,
            unit: ind.unit,
            zero: ind.measure !== 'rate',
          }}
        />
      ) : (
        <p class="empty-state">Er zijn nog geen waarden voor deze indicator.</p>
      )}
    </Layout>
  );
}

type FormProps = {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors | undefined;
  /** Set when editing an existing indicator. */
  code?: string;
};

export function IndicatorFormPage({ ctx, values, errors, code }: FormProps) {
  const title = code ? 'Fiche bewerken' : 'Nieuwe indicator';
  const action = code ? `/monitoring/indicatoren/${code}/bewerken` : '/monitoring/indicatoren/nieuw';
  const v = (k: string) => values[k] as unknown;
  const bool = (k: string) => values[k] === true || values[k] === 'ja';
  return (
    <Layout
      ctx={ctx}
      title={title}
      narrow
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        { href: '/monitoring/indicatoren', label: 'Indicatoren' },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <Form ctx={ctx} action={action} errors={errors} once={!code}>
        {code ? (
          <p>
            Code: <code>{code}</code>
          </p>
        ) : (
          <TextField
            name="code"
            label="Code"
            hint="Kleine letters, cijfers en koppeltekens, bv. werkzaamheidsgraad-vrouwen. Wordt gebruikt in CSV-bestanden en de API."
            value={v('code')}
            errors={errors}
            required
            width="medium"
          />
        )}
        <TextField name="name" label="Benaming" value={v('name')} errors={errors} required />
        <TextArea
          name="definition"
          label="Definitie"
          value={v('definition')}
          errors={errors}
          required
          rows={3}
        />
        <Radios
          name="type"
          label="Soort indicator"
          value={v('type')}
          errors={errors}
          required
          options={indicatorTypes.map((t) => ({ value: t, label: indicatorTypeLabels[t] }))}
        />
        <TextArea
          name="calculation"
          label="Berekeningswijze"
          value={v('calculation')}
          errors={errors}
          required
          rows={3}
        />
        <Radios
          name="measure"
          label="Soort waarde"
          hint="Bepaalt hoe regionale cijfers berekend worden: aantallen worden opgeteld, verhoudingen herberekend uit teller en noemer."
          value={v('measure')}
          errors={errors}
          required
          options={(['count', 'rate', 'level'] as const).map((m) => ({ value: m, label: measureLabels[m] }))}
        />
        <TextField
          name="numeratorLabel"
          label="Teller (bij een verhouding)"
          value={v('numeratorLabel')}
          errors={errors}
        />
        <TextField
          name="denominatorLabel"
          label="Noemer (bij een verhouding)"
          value={v('denominatorLabel')}
          errors={errors}
        />
        <NumberField
          name="multiplier"
          label="Vermenigvuldiger"
          hint="100 voor een percentage, 1000 voor een promille."
          value={v('multiplier') ?? 100}
          errors={errors}
        />
        <TextField
          name="unit"
          label="Eenheid"
          hint="Bv. %, personen, ‰"
          value={v('unit')}
          errors={errors}
          required
          width="short"
        />
        <NumberField name="decimals" label="Aantal decimalen" value={v('decimals') ?? 0} errors={errors} />
        <TextField name="source" label="Bron" value={v('source')} errors={errors} required />
        <SelectField
          name="frequency"
          label="Meetfrequentie"
          value={v('frequency')}
          errors={errors}
          required
          options={[
            { value: 'year', label: 'Jaarlijks' },
            { value: 'quarter', label: 'Per kwartaal' },
          ]}
        />
        <SelectField
          name="areaLevel"
          label="Niveau van de waarden"
          value={v('areaLevel') ?? 'municipality'}
          errors={errors}
          required
          options={[
            { value: 'municipality', label: 'Per gemeente (regio’s worden berekend)' },
            { value: 'region', label: 'Per gewest' },
            { value: 'network', label: 'Per regionaal netwerk' },
          ]}
        />
        <TextArea
          name="quality"
          label="Kwaliteitsbeoordeling"
          value={v('quality')}
          errors={errors}
          rows={3}
        />
        <TextArea
          name="policyRelevance"
          label="Beleidsrelevantie"
          value={v('policyRelevance')}
          errors={errors}
          rows={3}
        />
        <TextArea
          name="budgetRelevance"
          label="Budgetrelevantie"
          value={v('budgetRelevance')}
          errors={errors}
          rows={3}
        />
        <SelectField
          name="theme"
          label="Thema"
          value={v('theme')}
          errors={errors}
          required
          options={themes.map((t) => ({ value: t.code, label: t.label }))}
          placeholder="Kies een thema"
        />
        <Checkboxes
          name="breakdowns"
          label="Uitsplitsingen"
          value={v('breakdowns')}
          errors={errors}
          options={[
            { value: 'sex', label: 'Geslacht (man, vrouw)' },
            { value: 'origin', label: 'Herkomst (Belgisch, EU, niet-EU)' },
          ]}
        />
        <Radios
          name="direction"
          label="Richting"
          value={v('direction') ?? 'neutral'}
          errors={errors}
          required
          options={(['higher', 'lower', 'neutral'] as const).map((d) => ({
            value: d,
            label: directionLabels[d],
          }))}
        />
        <TextField
          name="baselineValue"
          label="Basiswaarde"
          value={v('baselineValue')}
          errors={errors}
          width="short"
        />
        <TextField
          name="baselinePeriod"
          label="Periode van de basiswaarde"
          hint="Bv. 2023"
          value={v('baselinePeriod')}
          errors={errors}
          width="short"
        />
        <TextField
          name="targetValue"
          label="Streefwaarde"
          value={v('targetValue')}
          errors={errors}
          width="short"
        />
        <TextField
          name="targetPeriod"
          label="Streefwaarde te halen in"
          hint="Bv. 2030"
          value={v('targetPeriod')}
          errors={errors}
          width="short"
        />
        <Checkboxes
          name="flags"
          label="Eigenschappen"
          value={[
            bool('similarityContext') && 'similarityContext',
            bool('personalData') && 'personalData',
            bool('published') && 'published',
          ].filter(Boolean)}
          errors={errors}
          options={[
            { value: 'published', label: 'Publiceren als open data' },
            { value: 'similarityContext', label: 'Gebruiken om gelijkaardige gemeenten voor te stellen' },
            { value: 'personalData', label: 'Berekend uit persoonsgegevens (cijfers onder 5 verbergen)' },
          ]}
        />
        <SubmitButton>{code ? 'Bewaren' : 'Indicator toevoegen'}</SubmitButton>
      </Form>
    </Layout>
  );
}
