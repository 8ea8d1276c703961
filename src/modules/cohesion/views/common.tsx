import type { FieldErrors } from '../../../core/http/errors';
import { formatDateTime, formatNumber } from '../../../core/i18n/format';
import { formatValue } from '../../../core/views/chart';
import { type FilterOption, FilterSelect } from '../../../core/views/filter-bar';
import { Radios, TextArea, TextField } from '../../../core/views/form';
import { type Column, Pagination, Table, Tag } from '../../../core/views/table';
import { cohesionThemeLabels, type TargetState, targetStateLabels } from '../rules';
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

export const optionsOf = (labels: Record<string, string>): FilterOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** One page of a filtered list: its rows, where it is in the whole list, and the filter. */
export type Paged<Row, Query> = { rows: Row[]; total: number; page: number; pageSize: number; query: Query };

/**
 * One page of a list as a table captioned with the total, and the links to the other pages below it
 * (same address and filter).
 */
export function PagedTable<Row>(p: {
  list: Paged<Row, Record<string, unknown>>;
  caption: string;
  columns: Column<Row>[];
  path: string;
  empty: string;
}) {
  const { rows, total, page, pageSize, query } = p.list;
  return (
    <>
      <Table
        caption={`${p.caption} (${total})`}
        path={p.path}
        query={query}
        rows={rows}
        empty={p.empty}
        columns={p.columns}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path={p.path} query={query} />
    </>
  );
}

/** Messages on a board or notes on a file: who wrote them, when, and the text. */
export function Posts(p: {
  posts: Array<{ organisationName: string | null; author: string | null; createdAt: Date; body: string }>;
  empty: string;
}) {
  if (p.posts.length === 0) return <p class="empty-state">{p.empty}</p>;
  return (
    <ul class="card-list">
      {p.posts.map((post) => (
        <li class="card">
          <p>
            <strong>{post.organisationName ?? ''}</strong>
            {post.author ? `, ${post.author}` : ''} · {formatDateTime(post.createdAt)}
          </p>
          <Paragraphs text={post.body} />
        </li>
      ))}
    </ul>
  );
}

/** The title, description and theme that every offer (a learning trajectory, an expert programme) has. */
export function OfferFields(p: { values: Record<string, unknown>; errors: FieldErrors | undefined }) {
  return (
    <>
      <TextField name="title" label="Titel" value={p.values.title} errors={p.errors} required />
      <TextArea
        name="description"
        label="Beschrijving"
        value={p.values.description}
        errors={p.errors}
        required
      />
      <ThemeRadios value={p.values.theme} errors={p.errors} />
    </>
  );
}

/** The required choice of one of the priority themes: Nederlands, werk or onderwijs. */
export function ThemeRadios(p: { value: unknown; errors: FieldErrors | undefined }) {
  return (
    <Radios
      name="theme"
      label="Thema"
      options={optionsOf(cohesionThemeLabels)}
      value={p.value}
      errors={p.errors}
      required
    />
  );
}

/** The theme select of a filter bar. */
export function ThemeFilter(p: { value: string | undefined }) {
  return (
    <FilterSelect
      name="theme"
      label="Thema"
      value={p.value}
      all="Alle thema's"
      options={optionsOf(cohesionThemeLabels)}
    />
  );
}
