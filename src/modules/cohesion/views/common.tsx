import type { ComponentChildren } from 'preact';
import { formatNumber } from '../../../core/i18n/format';
import { formatValue } from '../../../core/views/chart';
import { Tag } from '../../../core/views/table';
import { type TargetState, targetStateLabels } from '../rules';
import { type BookingStatus, bookingWorkflow, type CoachingStatus, coachingWorkflow } from '../workflow';

export const cohesionCrumbs = [
  { href: '/home', label: 'Start' },
  { href: '/sociale-cohesie', label: 'Sociale cohesie' },
];

export function CoachingTag({ status }: { status: CoachingStatus }) {
  const s = coachingWorkflow.statuses[status];
  return <Tag kind={s.class}>{s.label}</Tag>;
}

export function BookingTag({ status }: { status: BookingStatus }) {
  const s = bookingWorkflow.statuses[status];
  return <Tag kind={s.class}>{s.label}</Tag>;
}

export function TargetTag({ state }: { state: TargetState }) {
  const kind = state === 'met' ? 'positive' : state === 'below' ? 'waiting' : 'neutral';
  return <Tag kind={kind}>{targetStateLabels[state]}</Tag>;
}

export const pct = (v: number | null) => formatValue(v, 1, '%');
export const num = (v: number) => formatNumber(v);

/** Text typed with blank lines, shown as paragraphs. */
export function Paragraphs({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <>
      {text.split(/\r?\n\s*\r?\n/).map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

type Option = { value: string; label: string };

/** A labelled select for filter bars (GET forms). */
export function FilterSelect(p: {
  name: string;
  label: string;
  value: string | undefined;
  all: string;
  options: Option[];
}) {
  return (
    <div class="field">
      <label class="field__label" for={`flt-${p.name}`}>
        {p.label}
      </label>
      <select class="input select" id={`flt-${p.name}`} name={p.name}>
        <option value="">{p.all}</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FilterBar({
  action,
  label,
  children,
}: {
  action: string;
  label: string;
  children: ComponentChildren;
}) {
  return (
    <form method="get" action={action} class="filter-bar" role="search" aria-label={label}>
      {children}
      <button type="submit" class="button button--secondary">
        Filteren
      </button>
    </form>
  );
}

export const optionsOf = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
