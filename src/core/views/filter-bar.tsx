import type { ComponentChildren } from 'preact';

/**
 * The GET form above a list that narrows it down: its fields side by side, then one submit button.
 * Field ids start with "flt-" so they never clash with the "f-" ids of a form on the same page.
 */
export function FilterBar(p: {
  action: string;
  /** Accessible name of the form, e.g. "Tools filteren". */
  label?: string;
  /** role="search" (default); off for bars that choose a view rather than search a list. */
  search?: boolean;
  /** Text of the submit button. */
  submit?: string;
  children: ComponentChildren;
}) {
  return (
    <form
      method="get"
      action={p.action}
      class="filter-bar"
      role={p.search === false ? undefined : 'search'}
      aria-label={p.label}
    >
      {p.children}
      <button type="submit" class="button button--secondary">
        {p.submit ?? 'Filteren'}
      </button>
    </form>
  );
}

export type FilterOption = { value: string; label: string };

/** A labelled select; `all` adds a first, empty option that switches the filter off. */
export function FilterSelect(p: {
  name: string;
  label: string;
  value: string | null | undefined;
  all?: string;
  options: FilterOption[];
}) {
  const id = `flt-${p.name}`;
  return (
    <FilterField id={id} label={p.label}>
      <select class="input select" id={id} name={p.name}>
        {p.all !== undefined && <option value="">{p.all}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}

/** A labelled search (or month) input. */
export function FilterText(p: {
  name: string;
  label: string;
  value: string | undefined;
  type?: 'search' | 'month';
}) {
  const id = `flt-${p.name}`;
  return (
    <FilterField id={id} label={p.label}>
      <input
        class="input input--medium"
        id={id}
        name={p.name}
        type={(p.type ?? 'search') as 'search'}
        value={p.value ?? ''}
      />
    </FilterField>
  );
}

function FilterField(p: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label class="field__label" for={p.id}>
        {p.label}
      </label>
      {p.children}
    </div>
  );
}
