import { formatFixed } from '../../../core/views/chart';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect } from '../../../core/views/filter-bar';
import { Layout } from '../../../core/views/layout';
import { AreaMap, type ProjectedArea } from '../../../core/views/map';
import { breakdownLabel } from '../rules';
import type { Indicator, MapData } from '../service';
import {
  cellText,
  DemoNotice,
  MonitoringStyles,
  monitoringCrumb,
  SuppressionNote,
  sortByName,
} from './shared';

type Props = {
  ctx: ViewContext;
  data: MapData;
  areas: ProjectedArea[];
  indicators: Indicator[];
  selected?: string | undefined;
};

function Swatch({ fill, pattern }: { fill: string; pattern?: boolean }) {
  return (
    <svg width="28" height="18" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="26" height="16" fill={fill} stroke="#545454" stroke-width="1" />
      {pattern && <line x1="1" y1="17" x2="27" y2="1" stroke="#545454" stroke-width="1" />}
    </svg>
  );
}

export function MapPage({ ctx, data, areas, indicators, selected }: Props) {
  const ind = data.indicator;
  const fmt = (v: number) => formatFixed(v, ind.decimals);
  const byNis = new Map(data.rows.map((r) => [r.nis, r]));
  const missing = data.rows.filter((r) => r.cell.value === null && !r.cell.suppressed).length;
  const suppressed = data.rows.filter((r) => r.cell.suppressed).length;
  const selectedRow = selected ? byNis.get(selected) : undefined;
  const title = `${ind.name}${data.period ? `, ${data.period}` : ''}${data.breakdown !== 'totaal' ? ` (${breakdownLabel(data.breakdown)})` : ''}`;
  const description =
    data.legend.length === 0
      ? 'Kaart van de gemeenten zonder gegevens.'
      : `Kaart van de ${data.rows.length} gemeenten in ${data.legend.length} klassen van licht (laag) naar donker (hoog): ${data.legend
          .map((l) => `${fmt(l.from)} tot ${fmt(l.to)} (${l.count} gemeenten)`)
          .join(
            '; ',
          )}. ${missing ? `${missing} gemeenten zonder gegevens. ` : ''}De tabel onder de kaart geeft elke waarde.`;
  return (
    <Layout
      ctx={ctx}
      title={`Kaart: ${ind.name}`}
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, { label: 'Kaart' }]}
    >
      <MonitoringStyles />
      <h1>Kaart</h1>
      <FilterBar action="/monitoring/kaart" search={false} submit="Toon">
        <FilterSelect
          name="indicator"
          label="Indicator"
          value={ind.code}
          options={indicators.map((i) => ({ value: i.code, label: i.name }))}
        />
        <FilterSelect
          name="periode"
          label="Periode"
          value={data.period}
          options={[...data.periods].reverse().map((p) => ({ value: p, label: p }))}
        />
        <FilterSelect
          name="uitsplitsing"
          label="Uitsplitsing"
          value={data.breakdown}
          options={data.breakdowns.map((b) => ({ value: b.key, label: b.label }))}
        />
        {selected && <input type="hidden" name="gemeente" value={selected} />}
      </FilterBar>
      {ind.demo && <DemoNotice />}
      <h2>{title}</h2>
      <div class="two-columns">
        <figure class="map-figure">
          <AreaMap
            areas={areas}
            title={title}
            description={description}
            marker={selected}
            classFor={(nis) => {
              const r = byNis.get(nis);
              if (!r) return 'choro-none';
              const base = r.cell.suppressed
                ? 'choro-suppressed'
                : r.classIndex === null
                  ? 'choro-none'
                  : `choro-${data.legend[r.classIndex]?.palette ?? r.classIndex}`;
              return nis === selected ? `${base} choro-selected` : base;
            }}
          />
          <figcaption class="field__hint">
            Klassen met elk ongeveer evenveel gemeenten (kwantielen). De kleuren lopen van licht naar donker
            en zijn ook leesbaar voor wie kleurenblind is.
          </figcaption>
        </figure>
        <div>
          <h3>Legende</h3>
          <ul class="legend">
            {data.legend.map((l) => (
              <li>
                <Swatch fill={l.colour} />
                <span>
                  {fmt(l.from)} tot {fmt(l.to)} {ind.unit} ({l.count} gemeenten)
                </span>
              </li>
            ))}
            {suppressed > 0 && (
              <li>
                <Swatch fill="#cbd2da" pattern />
                <span>minder dan 5 personen, niet getoond ({suppressed} gemeenten)</span>
              </li>
            )}
            {missing > 0 && (
              <li>
                <Swatch fill="#f4f4f2" />
                <span>geen gegevens ({missing} gemeenten)</span>
              </li>
            )}
          </ul>
          {data.flanders.value !== null && (
            <p>
              Vlaanderen: <strong>{cellText(data.flanders, ind.decimals, ind.unit)}</strong>
            </p>
          )}
          {selectedRow && (
            <p>
              {selectedRow.name}: <strong>{cellText(selectedRow.cell, ind.decimals, ind.unit)}</strong>{' '}
              (aangeduid met een gele stip)
            </p>
          )}
          {ind.personalData && <SuppressionNote />}
          <p>
            <a href={`/monitoring/indicatoren/${ind.code}`}>Metadatafiche</a> ·{' '}
            <a
              href={`/api/v1/indicators/${ind.code}/values.csv?period=${data.period ?? ''}&breakdown=${data.breakdown}`}
              download
            >
              Download deze cijfers (CSV)
            </a>
          </p>
        </div>
      </div>
      <div class="table-wrap">
        <table class="table">
          <caption class="table__caption">{title}: waarde per gemeente</caption>
          <thead>
            <tr>
              <th scope="col">Gemeente</th>
              <th scope="col">NIS-code</th>
              <th scope="col" class="numeric">
                Waarde
              </th>
              <th scope="col" class="numeric">
                Klasse
              </th>
            </tr>
          </thead>
          <tbody>
            {sortByName(data.rows).map((r) => (
              <tr class={r.nis === selected ? 'table__row--highlight' : undefined}>
                <th scope="row">
                  <a href={`/monitoring/gemeenten/${r.nis}?thema=${ind.theme}`}>{r.name}</a>
                </th>
                <td>{r.nis}</td>
                <td class="numeric">{cellText(r.cell, ind.decimals, ind.unit)}</td>
                <td class="numeric">
                  {r.classIndex === null ? '–' : `${r.classIndex + 1} van ${data.legend.length}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
