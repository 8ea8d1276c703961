import type { FieldErrors } from '../../../core/http/errors';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import { Form, Radios, SelectField, SubmitButton, TextArea, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination } from '../../../core/views/table';
import { type ToolKind, themeLabel, themeLabels, themes, toolKindLabels, toolKinds } from '../rules';
import type { ToolFilter, ToolRow } from '../tools';

const crumbs = [
  { href: '/', label: 'Start' },
  { href: '/tools', label: 'Praktische tools' },
];

export function ToolListPage(p: {
  ctx: ViewContext;
  rows: ToolRow[];
  total: number;
  page: number;
  pageSize: number;
  query: ToolFilter;
  canCreate: boolean;
  editable: Set<string>;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Praktische tools"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Praktische tools' }]}
    >
      <h1>Praktische tools</h1>
      <p class="lead">
        Draaiboeken, sjablonen en online tools waarmee u als lokaal bestuur zelf aan de slag kunt,
        bijvoorbeeld voor een inburgeringsceremonie of een buddyproject.
      </p>
      {p.canCreate && (
        <p class="actions">
          <a class="button button--secondary" href="/tools/nieuw">
            Tool toevoegen
          </a>
        </p>
      )}
      <FilterBar action="/tools" label="Tools filteren">
        <FilterText name="q" label="Zoek" value={p.query.q} />
        <FilterSelect
          name="kind"
          label="Soort"
          value={p.query.kind}
          all="Alle soorten"
          options={toolKinds.map((k) => ({ value: k, label: toolKindLabels[k] }))}
        />
        <FilterSelect
          name="theme"
          label="Thema"
          value={p.query.theme}
          all="Alle thema's"
          options={themes.map((t) => ({ value: t, label: themeLabels[t] }))}
        />
      </FilterBar>
      {p.total === 0 && <p class="empty-state">Geen tools gevonden.</p>}
      <ul class="card-list">
        {p.rows.map((t) => (
          <li class="card">
            <h2>
              <a href={t.url} rel="noopener noreferrer">
                {t.title}
              </a>
            </h2>
            <p class="field__hint">
              {toolKindLabels[t.kind as ToolKind] ?? t.kind} · {themeLabel(t.theme)} · {t.organisationName}
            </p>
            <p>{t.description}</p>
            {p.editable.has(t.id) && (
              <p>
                <a href={`/tools/${t.id}/bewerken`}>
                  Wijzigen<span class="visually-hidden"> {t.title}</span>
                </a>
              </p>
            )}
          </li>
        ))}
      </ul>
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} path="/tools" query={p.query} />
    </Layout>
  );
}

export function ToolFormPage(p: {
  ctx: ViewContext;
  mode: 'create' | 'edit';
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const title = p.mode === 'create' ? 'Tool toevoegen' : 'Tool wijzigen';
  return (
    <Layout ctx={p.ctx} title={title} breadcrumbs={[...crumbs, { label: title }]} narrow>
      <h1>{title}</h1>
      <Form ctx={p.ctx} action={p.action} errors={p.errors} once={p.mode === 'create'}>
        <TextField name="title" label="Titel" value={p.values.title} errors={p.errors} required />
        <TextArea
          name="description"
          label="Beschrijving"
          value={p.values.description}
          errors={p.errors}
          required
          rows={4}
        />
        <Radios
          name="kind"
          label="Soort"
          value={p.values.kind}
          errors={p.errors}
          required
          options={toolKinds.map((k) => ({ value: k, label: toolKindLabels[k] }))}
        />
        <SelectField
          name="theme"
          label="Thema"
          value={p.values.theme}
          errors={p.errors}
          required
          placeholder="Kies een thema"
          options={themes.map((t) => ({ value: t, label: themeLabels[t] }))}
        />
        <TextField
          name="url"
          label="Link naar het bestand of de online tool"
          type="url"
          value={p.values.url}
          errors={p.errors}
          required
        />
        <SubmitButton>{p.mode === 'create' ? 'Toevoegen' : 'Bewaren'}</SubmitButton>
      </Form>
    </Layout>
  );
}
