import type { ComponentChildren } from 'preact';
import { CHART_CSS, formatValue } from '../../../core/views/chart';
import { SEQUENTIAL_5 } from '../rules';
import type { Cell } from '../service';

/** Dutch collation for names (one collator: localeCompare with a locale builds one per call). */
export const byDutchName = new Intl.Collator('nl').compare;
export const sortByName = <T extends { name: string }>(list: T[]): T[] =>
  [...list].sort((a, b) => byDutchName(a.name, b.name));

export const STYLESHEET_PATH = '/monitoring/stijl.css';

/** Module styles: charts, choropleth classes, tiles, progress and the result tree (no inline styles). */
export const MONITORING_CSS = `${CHART_CSS}
${SEQUENTIAL_5.map((c, i) => `.map__area.choro-${i} { fill: ${c}; }`).join('\n')}
.map__area.choro-none { fill: #f4f4f2; }
.map__area.choro-suppressed { fill: #cbd2da; }
.map__area.choro-selected { stroke: #1d1d1b; stroke-width: 2; }
.legend { list-style: none; padding: 0; margin: .5rem 0 1rem; }
.legend li { display: flex; align-items: center; gap: .5rem; margin: .2rem 0; }
.legend svg { flex: none; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; margin: 1rem 0 2rem; padding: 0; list-style: none; }
.tile { border: 1px solid #cbd2da; border-top: 5px solid #ffe615; padding: 1rem; background: #fff; }
.tile__title { font-size: 1rem; margin: 0 0 .5rem; }
.tile__value { font-size: 1.8rem; font-weight: 700; margin: 0; line-height: 1.2; }
.tile__meta { margin: .25rem 0 0; font-size: .95rem; color: #545454; }
.tile__trend--better { color: #1b6b3a; }
.tile__trend--worse { color: #b3001b; }
.indicator-block { border-top: 1px solid #cbd2da; padding-top: 1rem; margin-top: 2rem; }
.progress { width: 10rem; height: 1rem; vertical-align: middle; accent-color: #1b6b3a; }
.result-tree { list-style: none; padding: 0; }
.result-tree li { padding: .5rem 0; border-bottom: 1px solid #e3e6ea; }
${[1, 2, 3, 4, 5].map((d) => `.result--depth-${d} { padding-left: ${d * 1.5}rem !important; }`).join('\n')}
.demo-label { background: #fff4d6; border-left: 5px solid #ffe615; padding: .5rem 1rem; }
.timeline { list-style: none; padding: 0; border-left: 3px solid #cbd2da; margin-left: .5rem; }
.timeline li { padding: 0 0 1rem 1rem; }
.theme-nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
.error-lines td { vertical-align: top; }
`;

/** The module stylesheet; allowed by the CSP (style-src 'self'). */
export function MonitoringStyles() {
  return <link rel="stylesheet" href={STYLESHEET_PATH} />;
}

export function cellText(cell: Cell, decimals: number, unit?: string | null): string {
  if (cell.suppressed) return 'minder dan 5';
  return formatValue(cell.value, decimals, unit);
}

/** Short explanation shown wherever cells can be suppressed. */
export function SuppressionNote() {
  return (
    <p class="field__hint">
      Cijfers over minder dan 5 personen tonen we niet ("minder dan 5"), om niemand herkenbaar te maken.
    </p>
  );
}

export function DemoNotice({ children }: { children?: ComponentChildren }) {
  return (
    <p class="demo-label">
      <strong>Demowaarden.</strong>{' '}
      {children ??
        'De cijfers van deze indicator zijn synthetisch en dienen alleen om het platform te tonen; ze beschrijven geen echte gemeente.'}
    </p>
  );
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <>
      <progress class="progress" max={100} value={value} aria-label={label}>
        {value} %
      </progress>{' '}
      {value.toLocaleString('nl-BE', { maximumFractionDigits: 1 })} %
    </>
  );
}

export const monitoringCrumb = { href: '/monitoring', label: 'Monitoring' };
