import { formatNumber } from '../../../core/i18n/format';
import { Tag } from '../../../core/views/table';
import { type RequestStatus, requestWorkflow, statusLabel } from '../rules';

export function StatusTag({ status, forLocalGovernment }: { status: string; forLocalGovernment?: boolean }) {
  const def = requestWorkflow.statuses[status as RequestStatus];
  return <Tag kind={def?.class ?? 'neutral'}>{statusLabel(status, forLocalGovernment)}</Tag>;
}

/** Overdue requests stand out: a red tag with the word, never colour alone. */
export function OverdueTag() {
  return <Tag kind="negative">Te laat</Tag>;
}

export type Bar = { label: string; value: number };

const WIDTH = 720;
const LABEL_WIDTH = 300;
const ROW = 30;
const BAR = 20;
const TOP = 8;
const VALUE_SPACE = 48;

function shorten(text: string, max = 36): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A horizontal bar chart drawn on the server as SVG: a title and description for screen readers, the
 * value written next to every bar, and always followed by a table with the same figures.
 */
export function BarChart({
  id,
  title,
  description,
  bars,
  unit,
}: {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
  unit: string;
}) {
  const height = TOP * 2 + Math.max(1, bars.length) * ROW;
  const maxValue = Math.max(1, ...bars.map((b) => b.value));
  const scale = (WIDTH - LABEL_WIDTH - VALUE_SPACE) / maxValue;
  return (
    <figure class="map-figure" aria-labelledby={`${id}-caption`}>
      {/* Drawn at its real size; on a narrow screen the wrapper scrolls sideways, like a wide table. */}
      <div class="table-wrap">
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          width={WIDTH}
          height={height}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          xmlns="http://www.w3.org/2000/svg"
          font-family="inherit"
          font-size="14"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          <line
            x1={LABEL_WIDTH}
            x2={LABEL_WIDTH}
            y1={TOP / 2}
            y2={height - TOP / 2}
            stroke="#333333"
            stroke-width="1"
          />
          {bars.map((b, i) => {
            const y = TOP + i * ROW;
            const w = Math.max(b.value > 0 ? 2 : 0, Math.round(b.value * scale));
            return (
              <g>
                <title>{`${b.label}: ${formatNumber(b.value)} ${unit}`}</title>
                <text x={LABEL_WIDTH - 8} y={y + BAR / 2 + 5} text-anchor="end" fill="#1a1a1a">
                  {shorten(b.label)}
                </text>
                <rect
                  x={LABEL_WIDTH}
                  y={y}
                  width={w}
                  height={BAR}
                  fill="#1d4f91"
                  stroke="#0b2a52"
                  stroke-width="1"
                />
                <text x={LABEL_WIDTH + w + 6} y={y + BAR / 2 + 5} fill="#1a1a1a" font-weight="bold">
                  {formatNumber(b.value)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption id={`${id}-caption`}>{title}. De cijfers staan ook in de tabel hieronder.</figcaption>
    </figure>
  );
}

export function ExportLink({ href, label }: { href: string; label: string }) {
  return (
    <p class="actions">
      <a href={href} download>
        {label} downloaden (CSV)
      </a>
    </p>
  );
}

export const yearsAround = (year: number) => [year - 1, year, year + 1];
