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
