import type { ComponentChildren } from 'preact';

export type Column<Row> = {
  key: string;
  label: string;
  /** When set, the header links to sort by this key. */
  sortable?: boolean;
  numeric?: boolean;
  render: (row: Row) => ComponentChildren;
};

export type SortState = { sort: string; dir: 'asc' | 'desc' };

/** Builds a URL on `path` with `query`, replacing the given keys. */
export function withQuery(
  path: string,
  query: Record<string, unknown>,
  changes: Record<string, unknown>,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) {
    if (v === undefined || v === null || v === '') continue;
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

type TableProps<Row> = {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  path: string;
  query?: Record<string, unknown>;
  sort?: SortState;
  empty?: string;
};

export function Table<Row>({ caption, columns, rows, path, query = {}, sort, empty }: TableProps<Row>) {
  if (rows.length === 0) return <p class="empty-state">{empty ?? 'Er zijn nog geen gegevens.'}</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <caption class="table__caption">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.sort === c.key;
              const ariaSort = active ? (sort?.dir === 'asc' ? 'ascending' : 'descending') : undefined;
              const nextDir = active && sort?.dir === 'asc' ? 'desc' : 'asc';
              return (
                <th scope="col" aria-sort={ariaSort} class={c.numeric ? 'numeric' : undefined}>
                  {c.sortable ? (
                    <a href={withQuery(path, query, { sort: c.key, dir: nextDir, page: undefined })}>
                      {c.label}
                      <span class="visually-hidden">
                        , sorteer {nextDir === 'asc' ? 'oplopend' : 'aflopend'}
                      </span>
                      {active && <span aria-hidden="true">{sort?.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
                    </a>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c) => (
                <td class={c.numeric ? 'numeric' : undefined}>{c.render(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type PaginationProps = {
  page: number;
  pageSize: number;
  total: number;
  path: string;
  query?: Record<string, unknown>;
};

export function Pagination({ page, pageSize, total, path, query = {} }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav class="pagination" aria-label="Paginering">
      <p class="pagination__summary">
        {total === 0 ? 'Geen resultaten' : `${first} tot ${last} van ${total}`}
      </p>
      {pages > 1 && (
        <ul class="pagination__list">
          {page > 1 && (
            <li>
              <a href={withQuery(path, query, { page: page - 1 })} rel="prev">
                ‹ Vorige<span class="visually-hidden"> pagina</span>
              </a>
            </li>
          )}
          <li>
            <span aria-current="page">
              Pagina {page} van {pages}
            </span>
          </li>
          {page < pages && (
            <li>
              <a href={withQuery(path, query, { page: page + 1 })} rel="next">
                Volgende<span class="visually-hidden"> pagina</span> ›
              </a>
            </li>
          )}
        </ul>
      )}
    </nav>
  );
}

export function SummaryList({ items }: { items: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="summary-list">
      {items.map(([key, value]) => (
        <div class="summary-list__row">
          <dt>{key}</dt>
          <dd>{value === null || value === undefined || value === '' ? '–' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Tag({ kind = 'neutral', children }: { kind?: string; children: ComponentChildren }) {
  return <strong class={`tag tag--${kind}`}>{children}</strong>;
}
