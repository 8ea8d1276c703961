import { Tag } from '../../../core/views/table';
import type { Workflow } from '../../../core/workflow/workflow';

/** A status as a coloured tag: the staff label for staff, the plain public label for the applicant. */
export function StatusTag<S extends string>({
  workflow,
  status,
  staff,
}: {
  workflow: Workflow<S>;
  status: string;
  staff: boolean;
}) {
  const def = workflow.statuses[status as S];
  if (!def) return <Tag>{status}</Tag>;
  return <Tag kind={def.class}>{staff ? def.label : def.publicLabel}</Tag>;
}

/** Progress toward a number, as text (no colour alone). */
export function Progress({ value, of, label }: { value: number; of: number; label: string }) {
  const pct = of > 0 ? Math.min(100, Math.floor((value * 100) / of)) : 0;
  return (
    <span>
      <progress value={Math.min(value, of)} max={Math.max(of, 1)} aria-label={label}>
        {pct}%
      </progress>{' '}
      {pct}%
    </span>
  );
}

// One formatter for the process: creating an Intl formatter per number was the hot spot of the
// register page (a register shows hundreds of numbers).
const numberFormat = new Intl.NumberFormat('nl-BE');
export const nl = (n: number) => numberFormat.format(n);
