import { formatDateTime } from '../../../core/i18n/format';
import { ChartWithTable } from '../../../core/views/chart';
import type { ViewContext } from '../../../core/views/context';
import { Layout } from '../../../core/views/layout';
import { withQuery } from '../../../core/views/table';
import type { GeoMunicipality } from '../geo';
import type { Cell, ComparisonRow, Indicator } from '../service';
import {
  cellText,
  DemoNotice,
  MonitoringStyles,
  monitoringCrumb,
  SuppressionNote,
  sortByName,
} from './shared';

export type CompareQuery = {
  gemeente?: string | undefined;
  gemeenten: string[];
  indicatoren: string[];
  voorstel: boolean;
  periode?: string | undefined;
};

type Props = {
  ctx: ViewContext;
  query: CompareQuery;
  municipalities: GeoMunicipality[];
  allIndicators: Indicator[];
  chosen: Indicator[];
  result: {
    periods: Array<string | null>;
    rows: ComparisonRow[];
    flanders: Cell[];
    asOf: Date | null;
  } | null;
  similar: { indicators: Indicator[]; items: Array<{ nis: string; name: string; distance: number }> } | null;
};

export function ComparePage({ ctx, query, municipalities, allIndicators, chosen, result, similar }: Props) {
  const sorted = sortByName(municipalities);
  const chosenCodes = new Set(chosen.map((c) => c.code));
  const selected = new Set(query.gemeenten);
  const base = query.gemeente;
  const csvHref = withQuery('/monitoring/vergelijken.csv', query as unknown as Record<string, unknown>, {
    voorstel: query.voorstel ? '1' : undefined,
  });
  return (
    <Layout
      ctx={ctx}
      title="Vergelijken"
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, { label: 'Vergelijken' }]}
    >
      <MonitoringStyles />
      <h1>Gemeenten vergelijken</h1>
      <p class="lead">
        Kies een gemeente en laat het platform de 10 meest gelijkaardige gemeenten voorstellen, of kies zelf
        de gemeenten waarmee u wilt vergelijken.
      </p>
      <form method="get" action="/monitoring/vergelijken" class="form">
        <div class="field">
          <label class="field__label" for="f-gemeente">
            Uw gemeente
          </label>
          <select class="input select" id="f-gemeente" name="gemeente">
            <option value="">Kies een gemeente</option>
            {sorted.map((m) => (
              <option value={m.nis} selected={m.nis === base}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <div class="choice">
            <input
              class="choice__input"
              id="f-voorstel"
              type="checkbox"
              name="voorstel"
              value="1"
              checked={query.voorstel}
            />
            <label class="choice__label" for="f-voorstel">
              Stel de 10 meest gelijkaardige gemeenten voor
              <span class="field__hint choice__hint">
                Op basis van de contextindicatoren (grootte, bevolkingsdichtheid, herkomst, thuistaal).
              </span>
            </label>
          </div>
        </div>
        <div class="field">
          <label class="field__label" for="f-gemeenten">
            Of kies zelf gemeenten <span class="field__optional">(niet verplicht, hoogstens 15)</span>
          </label>
          <p class="field__hint" id="f-gemeenten-hint">
            Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen.
          </p>
          <select
            class="input select"
            id="f-gemeenten"
            name="gemeenten"
            multiple
            size={8}
            aria-describedby="f-gemeenten-hint"
          >
            {sorted.map((m) => (
              <option value={m.nis} selected={selected.has(m.nis)}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="fieldset">
          <legend class="field__label">Indicatoren (hoogstens 6)</legend>
          <div class="choices">
            {allIndicators.map((i, n) => (
              <div class="choice">
                <input
                  class="choice__input"
                  id={`f-ind-${n}`}
                  type="checkbox"
                  name="indicatoren"
                  value={i.code}
                  checked={chosenCodes.has(i.code)}
                />
                <label class="choice__label" for={`f-ind-${n}`}>
                  {i.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="button button--primary">
          Vergelijk
        </button>
      </form>

      {similar && similar.items.length > 0 && (
        <section aria-labelledby="similar-title">
          <h2 id="similar-title">Voorgestelde gelijkaardige gemeenten</h2>
          <p>
            Berekend op {similar.indicators.map((i) => i.name.toLowerCase()).join(', ')} (gestandaardiseerd;
            hoe kleiner de afstand, hoe gelijkaardiger).
          </p>
          <ol>
            {similar.items.map((s) => (
              <li>
                <a href={`/monitoring/gemeenten/${s.nis}`}>{s.name}</a> (afstand{' '}
                {s.distance.toLocaleString('nl-BE', { maximumFractionDigits: 2 })})
              </li>
            ))}
          </ol>
        </section>
      )}

      {result && result.rows.length > 0 && (
        <>
          {chosen.some((c) => c.demo) && <DemoNotice />}
          {chosen.some((c) => c.personalData) && <SuppressionNote />}
          <h2>Resultaat</h2>
          {result.asOf && (
            <p class="field__hint">Cijfers voor Vlaanderen: gegevens van {formatDateTime(result.asOf)}.</p>
          )}
          <p class="actions">
            <a class="button button--secondary" href={csvHref} download>
              Download als CSV
            </a>
          </p>
          {chosen.map((ind, i) => (
            <ChartWithTable
              headingLevel={3}
              spec={{
                kind: 'bar',
                id: `cmp-${ind.code}`,
                title: `${ind.name}${result.periods[i] ? `, ${result.periods[i]}` : ''}`,
                labelHeading: 'Gemeente',
                bars: result.rows.map((r) => ({
                  label: r.name,
                  value: r.cells[i]?.value ?? null,
                  highlight: r.nis === base,
                })),
                reference:
                  result.flanders[i]?.value !== null && result.flanders[i]?.value !== undefined
                    ? { value: result.flanders[i]!.value!, label: 'Vlaanderen' }
                    : null,
                decimals: ind.decimals,
                unit: ind.unit,
              }}
            />
          ))}
          <div class="table-wrap">
            <table class="table">
              <caption class="table__caption">Alle gekozen indicatoren naast elkaar</caption>
              <thead>
                <tr>
                  <th scope="col">Gemeente</th>
                  {chosen.map((ind, i) => (
                    <th scope="col" class="numeric">
                      {ind.name}
                      {result.periods[i] ? ` (${result.periods[i]})` : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr class={r.nis === base ? 'table__row--highlight' : undefined}>
                    <th scope="row">
                      <a href={`/monitoring/gemeenten/${r.nis}`}>{r.name}</a>
                    </th>
                    {chosen.map((ind, i) => (
                      <td class="numeric">{cellText(r.cells[i]!, ind.decimals, ind.unit)}</td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">Vlaanderen</th>
                  {chosen.map((ind, i) => (
                    <td class="numeric">{cellText(result.flanders[i]!, ind.decimals, ind.unit)}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}
      {result && result.rows.length === 0 && <p class="empty-state">Kies minstens één gemeente.</p>}
    </Layout>
  );
}
