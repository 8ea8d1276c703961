import { formatDateTime } from '../i18n/format';
import { Pagination, Table } from '../views/table';
import type { AuditRow } from './service';

function changes(row: AuditRow): string {
  const before = (row.before ?? {}) as Record<string, unknown>;
  const after = (row.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return changed
    .slice(0, 8)
    .map(
      (k) =>
        `${k}: ${before[k] === undefined ? '' : `${JSON.stringify(before[k])} → `}${JSON.stringify(after[k] ?? null)}`,
    )
    .join('; ');
}

type Props = {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
  path: string;
  query?: Record<string, unknown>;
  showEntity?: boolean;
};

/** Who changed what and when, newest first. */
export function AuditTable({ rows, total, page, pageSize, path, query, showEntity }: Props) {
  return (
    <>
      <Table
        caption={`Wijzigingen (${total})`}
        path={path}
        query={query ?? {}}
        empty="Er zijn nog geen wijzigingen geregistreerd."
        columns={[
          { key: 'at', label: 'Wanneer', render: (r) => formatDateTime(r.at) },
          { key: 'actor', label: 'Wie', render: (r) => r.actorName ?? 'Systeem' },
          { key: 'action', label: 'Wat', render: (r) => <code>{r.action}</code> },
          ...(showEntity
            ? [{ key: 'entity', label: 'Gegeven', render: (r: AuditRow) => `${r.entityType} ${r.entityId}` }]
            : []),
          {
            key: 'changes',
            label: 'Wijziging',
            render: (r) => <span class="audit-changes">{changes(r)}</span>,
          },
        ]}
        rows={rows}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path={path} query={query ?? {}} />
    </>
  );
}
