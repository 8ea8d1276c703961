import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Charts drawn on the server by Observable Plot into a linkedom document, and returned as an SVG
 * string that a strict CSP (script-src 'self'; style-src 'self') accepts: no <script>, no <style>,
 * no inline style attributes, no event handlers. Every chart carries role="img" with a <title> and a
 * <desc>, and ChartWithTable always follows the picture with the table of the same numbers.
 */

/** Okabe–Ito colours: distinguishable for the common forms of colour blindness. */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9', '#E69F00', '#000000'];
/** Dash patterns, so series differ by more than colour alone. */
const SERIES_DASHES = [undefined, '6 3', '2 3', '8 3 2 3', '4 4', '1 2', '10 4'];
const SERIES_SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross', 'wye'] as const;
export const TARGET_COLOUR = '#1d1d1b';
const BAR_COLOUR = '#0072B2';
const BAR_HIGHLIGHT = '#E69F00';

const LOCALE = 'nl-BE';
const formats = new Map<number, Intl.NumberFormat>();

/** 1.234,5: a number in Flemish notation with a fixed number of decimals. */
export function formatFixed(value: number, decimals = 0): string {
  const d = Math.max(0, Math.min(6, Math.trunc(decimals)));
  let f = formats.get(d);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: d, maximumFractionDigits: d });
    formats.set(d, f);
  }
  return f.format(value);
}

/** A value with its unit, or a dash when unknown. */
export function formatValue(value: number | null | undefined, decimals = 0, unit?: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const n = formatFixed(value, decimals);
  if (!unit) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

export type TrendSeries = {
  name: string;
  /** One value per period, in the order of `periods`; null where unknown or suppressed. */
  values: Array<number | null>;
};

export type TrendSpec = {
  kind: 'trend';
  /** Unique on the page: used for the ids of <title> and <desc>. */
  id: string;
  title: string;
  /** A sentence for screen readers; a summary is generated when absent. */
  description?: string;
  periods: string[];
  series: TrendSeries[];
  target?: { value: number; label?: string } | null;
  decimals?: number;
  unit?: string | null;
  /** Start the value axis at zero (counts); off for rates that move in a narrow band. */
  zero?: boolean;
};

export type BarSpec = {
  kind: 'bar';
  id: string;
  title: string;
  description?: string;
  bars: Array<{ label: string; value: number | null; highlight?: boolean }>;
  /** A vertical reference line, e.g. Flanders or the target. */
  reference?: { value: number; label: string } | null;
  decimals?: number;
  unit?: string | null;
  /** Heading of the label column in the table. */
  labelHeading?: string;
};

export type ChartSpec = TrendSpec | BarSpec;

const WIDTH = 640;

function emptyDocument() {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

/** Presentation attributes a `style` declaration may become; anything else is dropped. */
const PRESENTATION = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'font-variant',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
]);

type DomElement = {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  remove(): void;
};

/** Attributes that hold coordinates; Plot writes them with up to 17 digits, half of a chart's bytes. */
const GEOMETRY = new Set([
  'd',
  'transform',
  'points',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'width',
  'height',
]);
/** Coordinates to a hundredth of a pixel: invisible, and charts shrink by about a third. */
const roundCoordinates = (value: string) =>
  value.replace(/-?\d*\.\d{3,}(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));

/**
 * Makes Plot's SVG safe under our CSP: removes <style>, <script> and <foreignObject> elements and
 * event handlers, turns style attributes into presentation attributes, and drops javascript: links.
 */
export function sanitiseSvg(root: DomElement): void {
  const walk = (el: DomElement) => {
    const tag = el.tagName.toLowerCase();
    if (tag === 'style' || tag === 'script' || tag === 'foreignobject') {
      el.remove();
      return;
    }
    for (const { name, value } of Array.from(el.attributes)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) el.removeAttribute(name);
      // Children of role="img" are not read out, and axe forbids their labels; the chart's own title names it.
      else if (lower === 'aria-label' && el !== root) el.removeAttribute(name);
      else if (lower === 'style') {
        el.removeAttribute(name);
        for (const declaration of value.split(';')) {
          const [prop, ...rest] = declaration.split(':');
          const key = prop?.trim().toLowerCase() ?? '';
          const v = rest.join(':').trim();
          if (PRESENTATION.has(key) && v && !/[<>"]|url\(|expression/i.test(v) && !el.hasAttribute(key)) {
            el.setAttribute(key, v);
          }
        }
      } else if ((lower === 'href' || lower === 'xlink:href') && /^\s*(javascript|data):/i.test(value)) {
        el.removeAttribute(name);
      } else if (GEOMETRY.has(lower)) {
        el.setAttribute(name, roundCoordinates(value));
      }
    }
    for (const child of Array.from(el.children)) walk(child);
  };
  walk(root);
}

const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Gives the SVG its accessible name and description, and a size that follows its container. */
function finish(svg: DomElement, spec: ChartSpec): string {
  sanitiseSvg(svg);
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${titleId} ${descId}`);
  svg.setAttribute('class', 'chart__svg');
  svg.setAttribute('width', '100%');
  svg.removeAttribute('height');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('font-family', 'inherit');
  svg.setAttribute('font-size', '12');
  const html = (svg as unknown as { outerHTML: string }).outerHTML;
  // <title> is raw text in an HTML document, so title and description are escaped and added here.
  const open = html.indexOf('>') + 1;
  const label =
    `<title id="${escapeXml(titleId)}">${escapeXml(spec.title)}</title>` +
    `<desc id="${escapeXml(descId)}">${escapeXml(spec.description ?? describeChart(spec))}</desc>`;
  return `${html.slice(0, open)}${label}${html.slice(open)}`;
}

/** A sentence that says what the chart shows, for its <desc>. */
export function describeChart(spec: ChartSpec): string {
  const fmt = (v: number | null | undefined) => formatValue(v, spec.decimals ?? 0, spec.unit);
  if (spec.kind === 'trend') {
    const first = spec.periods[0];
    const last = spec.periods[spec.periods.length - 1];
    const parts = spec.series.map((s) => {
      const known = s.values
        .map((v, i) => ({ v, p: spec.periods[i] }))
        .filter((x): x is { v: number; p: string } => x.v !== null && x.v !== undefined);
      if (known.length === 0) return `${s.name}: geen gegevens`;
      const a = known[0]!;
      const b = known[known.length - 1]!;
      return known.length === 1
        ? `${s.name}: ${fmt(a.v)} in ${a.p}`
        : `${s.name}: van ${fmt(a.v)} in ${a.p} naar ${fmt(b.v)} in ${b.p}`;
    });
    const target = spec.target ? ` Streefwaarde: ${fmt(spec.target.value)}.` : '';
    return `Lijngrafiek${first ? ` van ${first} tot ${last}` : ''}. ${parts.join('; ')}.${target} De tabel eronder geeft alle waarden.`;
  }
  const known = spec.bars.filter((b) => b.value !== null);
  const sorted = [...known].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const top = sorted[0];
  const bottom = sorted[sorted.length - 1];
  const range =
    top && bottom && sorted.length > 1
      ? ` Hoogste: ${top.label} (${fmt(top.value)}); laagste: ${bottom.label} (${fmt(bottom.value)}).`
      : top
        ? ` ${top.label}: ${fmt(top.value)}.`
        : ' Geen gegevens.';
  const ref = spec.reference ? ` Referentielijn ${spec.reference.label}: ${fmt(spec.reference.value)}.` : '';
  return `Staafdiagram met ${spec.bars.length} staven.${range}${ref} De tabel eronder geeft alle waarden.`;
}

type TrendRow = { period: string; value: number; series: string };

export function renderTrendSvg(spec: TrendSpec): string {
  const decimals = spec.decimals ?? 0;
  const rows: TrendRow[] = [];
  const undefinedRows: Array<{ period: string; value: number | undefined; series: string }> = [];
  spec.series.forEach((s) => {
    spec.periods.forEach((period, i) => {
      const v = s.values[i];
      const value = v === null || v === undefined || !Number.isFinite(v) ? undefined : v;
      undefinedRows.push({ period, value, series: s.name });
      if (value !== undefined) rows.push({ period, value, series: s.name });
    });
  });
  const names = spec.series.map((s) => s.name);
  const colourOf = (name: string) => SERIES_COLOURS[names.indexOf(name) % SERIES_COLOURS.length]!;
  const marks: Plot.Markish[] = [Plot.gridY({ stroke: '#cbd2da', strokeOpacity: 1 })];
  if (spec.zero !== false) marks.push(Plot.ruleY([0], { stroke: '#545454' }));
  if (spec.target) {
    marks.push(
      Plot.ruleY([spec.target.value], { stroke: TARGET_COLOUR, strokeDasharray: '3 3', strokeWidth: 1.5 }),
      Plot.text([spec.target.value], {
        y: (d: number) => d,
        frameAnchor: 'right',
        dy: -6,
        textAnchor: 'end',
        text: () => `${spec.target?.label ?? 'Streefwaarde'} ${formatFixed(spec.target!.value, decimals)}`,
        fill: TARGET_COLOUR,
      }),
    );
  }
  spec.series.forEach((s, i) => {
    const data = undefinedRows.filter((r) => r.series === s.name);
    const dash = SERIES_DASHES[i % SERIES_DASHES.length];
    marks.push(
      Plot.lineY(data, {
        x: 'period',
        y: 'value',
        stroke: colourOf(s.name),
        strokeWidth: i === 0 ? 3 : 2,
        ...(dash ? { strokeDasharray: dash } : {}),
      }),
      Plot.dot(
        data.filter((r) => r.value !== undefined),
        {
          x: 'period',
          y: 'value',
          fill: colourOf(s.name),
          r: i === 0 ? 4 : 3,
          symbol: () => SERIES_SYMBOLS[i % SERIES_SYMBOLS.length],
          title: (r: TrendRow) => `${r.series}, ${r.period}: ${formatValue(r.value, decimals, spec.unit)}`,
        },
      ),
    );
  });
  const values = rows.map((r) => r.value).concat(spec.target ? [spec.target.value] : []);
  const svg = Plot.plot({
    document: emptyDocument() as unknown as Document,
    width: WIDTH,
    height: 300,
    marginLeft: 56,
    marginRight: 24,
    marginTop: 24,
    x: { type: 'point', domain: spec.periods, label: null, padding: 0.3 },
    y: {
      label: spec.unit ? `↑ ${spec.unit}` : null,
      tickFormat: (d: number) => formatFixed(d, decimals > 0 && Math.abs(d) < 10 ? 1 : 0),
      ...(spec.zero === false || values.length === 0
        ? {}
        : { domain: [Math.min(0, ...values), Math.max(...values) * 1.08] }),
      nice: true,
    },
    symbol: { type: 'identity' },
    marks,
  }) as unknown as DomElement;
  return finish(svg, spec);
}

/** Characters of a bar label that fit in the 220-pixel left margin. */
const MAX_LABEL = 32;
const shortenLabel = (l: string) => (l.length > MAX_LABEL ? `${l.slice(0, MAX_LABEL - 1)}…` : l);

export function renderBarSvg(spec: BarSpec): string {
  const decimals = spec.decimals ?? 0;
  const data = spec.bars.map((b, i) => ({ ...b, key: `${i}`, v: b.value ?? 0 }));
  const labels = data.map((d) => d.label);
  const height = Math.max(120, 40 + spec.bars.length * 26);
  const longest = Math.max(4, ...labels.map((l) => l.length));
  const values = data.filter((d) => d.value !== null).map((d) => d.v);
  const max = Math.max(0, ...values, spec.reference?.value ?? 0);
  const marks: Plot.Markish[] = [
    Plot.gridX({ stroke: '#cbd2da', strokeOpacity: 1 }),
    Plot.barX(
      data.filter((d) => d.value !== null),
      {
        y: 'label',
        x: 'v',
        fill: (d: { highlight?: boolean }) => (d.highlight ? BAR_HIGHLIGHT : BAR_COLOUR),
        stroke: (d: { highlight?: boolean }) => (d.highlight ? '#1d1d1b' : 'none'),
        strokeWidth: 1.5,
        title: (d: { label: string; v: number }) => `${d.label}: ${formatValue(d.v, decimals, spec.unit)}`,
      },
    ),
    Plot.text(data, {
      y: 'label',
      x: 'v',
      text: (d: { value: number | null }) =>
        d.value === null ? 'geen gegevens' : formatFixed(d.value, decimals),
      textAnchor: 'start',
      dx: 4,
      fill: '#1d1d1b',
    }),
    Plot.ruleX([0], { stroke: '#545454' }),
  ];
  if (spec.reference) {
    marks.push(
      Plot.ruleX([spec.reference.value], { stroke: TARGET_COLOUR, strokeDasharray: '3 3', strokeWidth: 1.5 }),
    );
  }
  const svg = Plot.plot({
    document: emptyDocument() as unknown as Document,
    width: WIDTH,
    height,
    marginLeft: Math.min(220, 12 + Math.min(longest, MAX_LABEL) * 6.5),
    marginRight: 64,
    marginTop: spec.reference ? 28 : 16,
    // Long labels are shortened on the axis only; the title of each bar and the table keep them whole.
    y: {
      type: 'band',
      domain: labels,
      label: null,
      padding: 0.2,
      tickFormat: (l: string) => shortenLabel(l),
    },
    x: {
      label: spec.unit ? `${spec.unit} →` : null,
      domain: [0, max * 1.1 || 1],
      tickFormat: (d: number) => formatFixed(d, 0),
      ticks: 5,
    },
    marks: spec.reference
      ? [
          ...marks,
          Plot.text([spec.reference.value], {
            x: (d: number) => d,
            frameAnchor: 'top',
            dy: -20,
            text: () => `${spec.reference!.label} ${formatFixed(spec.reference!.value, decimals)}`,
            fill: TARGET_COLOUR,
          }),
        ]
      : marks,
  }) as unknown as DomElement;
  return finish(svg, spec);
}

/**
 * Rendered chart SVGs, keyed by everything they are drawn from (the spec): drawing a chart with Observable
 * Plot costs milliseconds, and a municipal profile draws twenty. A small LRU bounded in bytes, per process;
 * a miss only costs the drawing, so several instances need not share it.
 */
const CACHE_MAX_BYTES = 24 * 1024 * 1024;
const renderedSvgs = new Map<string, string>();
let renderedBytes = 0;

/** The chart's SVG, from the cache when the same spec was drawn before. */
export function renderChartSvg(spec: ChartSpec): string {
  const key = JSON.stringify(spec);
  const hit = renderedSvgs.get(key);
  if (hit !== undefined) {
    renderedSvgs.delete(key); // most recently used last
    renderedSvgs.set(key, hit);
    return hit;
  }
  const svg = spec.kind === 'trend' ? renderTrendSvg(spec) : renderBarSvg(spec);
  renderedSvgs.set(key, svg);
  renderedBytes += key.length + svg.length;
  for (const [k, v] of renderedSvgs) {
    if (renderedBytes <= CACHE_MAX_BYTES) break;
    renderedSvgs.delete(k);
    renderedBytes -= k.length + v.length;
  }
  return svg;
}

/** How many rendered charts the cache holds (tests). */
export const cachedChartCount = () => renderedSvgs.size;

/** The chart alone (prefer ChartWithTable: a chart is always followed by its numbers). */
export function Chart({ spec }: { spec: ChartSpec }) {
  // The SVG comes from Plot through sanitiseSvg; text is escaped by linkedom's serialiser.
  return <div class="chart" dangerouslySetInnerHTML={{ __html: renderChartSvg(spec) }} />;
}

/** A legend in HTML: each series with its colour and dash pattern drawn in a tiny SVG. */
export function ChartLegend({ spec }: { spec: ChartSpec }) {
  if (spec.kind !== 'trend' || (spec.series.length < 2 && !spec.target)) return null;
  return (
    <ul class="chart-legend">
      {spec.series.map((s, i) => (
        <li>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <line
              x1="1"
              y1="6"
              x2="27"
              y2="6"
              stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
              stroke-width={i === 0 ? 3 : 2}
              stroke-dasharray={SERIES_DASHES[i % SERIES_DASHES.length]}
            />
          </svg>{' '}
          {s.name}
        </li>
      ))}
      {spec.target && (
        <li>
          <svg width="28" height="12" aria-hidden="true" focusable="false">
            <line
              x1="1"
              y1="6"
              x2="27"
              y2="6"
              stroke={TARGET_COLOUR}
              stroke-width="1.5"
              stroke-dasharray="3 3"
            />
          </svg>{' '}
          {spec.target.label ?? 'Streefwaarde'}
        </li>
      )}
    </ul>
  );
}

/** The numbers behind a chart, as a table with the same title. */
export function ChartTable({ spec, caption }: { spec: ChartSpec; caption?: string }) {
  const fmt = (v: number | null | undefined) => formatValue(v, spec.decimals ?? 0, spec.unit);
  if (spec.kind === 'trend') {
    return (
      <div class="table-wrap">
        <table class="table">
          <caption class="table__caption">{caption ?? `${spec.title}: de cijfers`}</caption>
          <thead>
            <tr>
              <th scope="col">Periode</th>
              {spec.series.map((s) => (
                <th scope="col" class="numeric">
                  {s.name}
                </th>
              ))}
              {spec.target && (
                <th scope="col" class="numeric">
                  {spec.target.label ?? 'Streefwaarde'}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {spec.periods.map((p, i) => (
              <tr>
                <th scope="row">{p}</th>
                {spec.series.map((s) => (
                  <td class="numeric">{fmt(s.values[i])}</td>
                ))}
                {spec.target && <td class="numeric">{fmt(spec.target.value)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="table__caption">{caption ?? `${spec.title}: de cijfers`}</caption>
        <thead>
          <tr>
            <th scope="col">{spec.labelHeading ?? 'Gebied'}</th>
            <th scope="col" class="numeric">
              Waarde
            </th>
          </tr>
        </thead>
        <tbody>
          {spec.bars.map((b) => (
            <tr class={b.highlight ? 'table__row--highlight' : undefined}>
              <th scope="row">{b.label}</th>
              <td class="numeric">{fmt(b.value)}</td>
            </tr>
          ))}
          {spec.reference && (
            <tr>
              <th scope="row">{spec.reference.label}</th>
              <td class="numeric">{fmt(spec.reference.value)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A chart followed by its data table: the pattern every chart on the platform follows. */
export function ChartWithTable({
  spec,
  caption,
  headingLevel,
}: {
  spec: ChartSpec;
  caption?: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = headingLevel ? (`h${headingLevel}` as 'h2') : null;
  return (
    <figure class="chart-figure" aria-labelledby={`${spec.id}-caption`}>
      {Heading ? (
        <Heading id={`${spec.id}-caption`} class="chart-figure__title">
          {spec.title}
        </Heading>
      ) : (
        <figcaption id={`${spec.id}-caption`} class="chart-figure__title">
          {spec.title}
        </figcaption>
      )}
      <Chart spec={spec} />
      <ChartLegend spec={spec} />
      <ChartTable spec={spec} caption={caption} />
    </figure>
  );
}

/** Styles for charts, legends and choropleth classes (served as a stylesheet; no inline styles). */
export const CHART_CSS = `
.chart { max-width: 48rem; }
.chart__svg { display: block; width: 100%; height: auto; max-width: 100%; overflow: visible; }
.chart-figure { margin: 0 0 2rem; }
.chart-figure__title { font-size: 1.15rem; font-weight: 700; margin: 0 0 .5rem; }
.chart-legend { list-style: none; padding: 0; margin: .25rem 0 .75rem; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; font-size: .95rem; }
.chart-legend svg { vertical-align: middle; }
.table__row--highlight th, .table__row--highlight td { font-weight: 700; background: #fff4d6; }
`;
