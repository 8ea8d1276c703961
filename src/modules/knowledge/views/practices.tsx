import type { FieldErrors } from '../../../core/http/errors';
import { formatDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import { Form, SelectField, SubmitButton, TextArea, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, withQuery } from '../../../core/views/table';
import type { PracticeFilter, PracticeRow } from '../practices';
import { themeLabel, themeLabels, themes } from '../rules';
import { type PracticeStatus, practiceStatuses, practiceWorkflow } from '../workflow';
import { Paragraphs, PracticeTag } from './common';

const crumbs = [
  { href: '/', label: 'Start' },
  { href: '/goede-praktijken', label: 'Goede praktijken' },
];
type Option = { value: string; label: string };

export function PracticeSearchPage(p: {
  ctx: ViewContext;
  rows: PracticeRow[];
  total: number;
  page: number;
  pageSize: number;
  query: PracticeFilter;
  municipalities: Option[];
  canSubmit: boolean;
  canManage: boolean;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Goede praktijken"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Goede praktijken' }]}
    >
      <h1>Goede praktijken</h1>
      <p class="lead">
        Hoe pakken andere lokale besturen het aan? Lees hoe zij integratie, Nederlands oefenen, werk of
        participatie lokaal organiseren, met hun resultaten en een contactpersoon.
      </p>
      {(p.canSubmit || p.canManage) && (
        <p class="actions">
          {p.canSubmit && (
            <a class="button button--secondary" href="/goede-praktijken/nieuw">
              Een goede praktijk delen
            </a>
          )}
          <a href="/goede-praktijken/overzicht">
            {p.canManage ? 'Redactie: te behandelen praktijken' : 'Praktijken van mijn organisatie'}
          </a>
        </p>
      )}
      <FilterBar action="/goede-praktijken" label="Goede praktijken zoeken" submit="Zoeken">
        <FilterText name="q" label="Zoek op woorden" value={p.query.q} />
        <FilterSelect
          name="theme"
          label="Thema"
          value={p.query.theme}
          all="Alle thema's"
          options={themes.map((t) => ({ value: t, label: themeLabels[t] }))}
        />
        <FilterSelect
          name="municipality"
          label="Gemeente"
          value={p.query.municipality}
          all="Alle gemeenten"
          options={p.municipalities}
        />
      </FilterBar>
      <p aria-live="polite">
        {p.total === 0
          ? 'Geen goede praktijken gevonden. Probeer een ander woord of minder filters.'
          : `${p.total} ${p.total === 1 ? 'goede praktijk' : 'goede praktijken'}${p.query.q ? ` voor "${p.query.q}"` : ''}.`}
      </p>
      <ul class="card-list">
        {p.rows.map((r) => (
          <li class="card">
            <h2>
              <a href={`/goede-praktijken/${r.id}`}>{r.title}</a>
            </h2>
            <p class="field__hint">
              {themeLabel(r.theme)}
              {r.municipalityName ? ` · ${r.municipalityName}` : ''} · {r.organisationName}
            </p>
            <p>{r.summary}</p>
          </li>
        ))}
      </ul>
      <Pagination
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        path="/goede-praktijken"
        query={p.query}
      />
    </Layout>
  );
}

export function PracticePage(p: {
  ctx: ViewContext;
  r: PracticeRow;
  canUpdate: boolean;
  canReview: boolean;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
}) {
  const r = p.r;
  return (
    <Layout ctx={p.ctx} title={r.title} breadcrumbs={[...crumbs, { label: r.title }]}>
      <h1>{r.title}</h1>
      {r.status !== 'published' && (
        <div class="notice notice--warning" role="status">
          <p>
            <strong>{practiceWorkflow.statuses[r.status].label}.</strong>{' '}
            {practiceWorkflow.statuses[r.status].publicLabel}. Deze praktijk is nog niet zichtbaar voor het
            publiek.
          </p>
          {r.editorNote && <p>Opmerking van de redactie: {r.editorNote}</p>}
        </div>
      )}
      <p class="lead">{r.summary}</p>
      <div class="two-columns">
        <div>
          <h2>Aanpak</h2>
          <Paragraphs text={r.approach} />
          {r.results && (
            <>
              <h2>Resultaten</h2>
              <Paragraphs text={r.results} />
            </>
          )}
        </div>
        <div>
          <SummaryList
            items={[
              ['Thema', themeLabel(r.theme)],
              [
                'Gemeente',
                r.municipalityNis ? (
                  <a href={`/gemeenten/${r.municipalityNis}`}>{r.municipalityName}</a>
                ) : null,
              ],
              ['Gedeeld door', <a href={`/organisaties/${r.organisationId}`}>{r.organisationName}</a>],
              ['Contactpersoon', r.contactName],
              ['E-mail', <a href={`mailto:${r.contactEmail}`}>{r.contactEmail}</a>],
              ['Gepubliceerd', r.publishedAt ? formatDate(r.publishedAt) : null],
            ]}
          />
        </div>
      </div>
      {p.canUpdate && (
        <p class="actions">
          <a class="button button--secondary" href={`/goede-praktijken/${r.id}/bewerken`}>
            {r.status === 'sent_back' ? 'Aanpassen en opnieuw indienen' : 'Wijzigen'}
          </a>
        </p>
      )}
      {p.canReview && (
        <section aria-labelledby="review-title">
          <h2 id="review-title">Redactie</h2>
          {r.status === 'submitted' && (
            <Form ctx={p.ctx} action={`/goede-praktijken/${r.id}/publiceren`}>
              <SubmitButton>Publiceren</SubmitButton>
            </Form>
          )}
          {(r.status === 'submitted' || r.status === 'published') && (
            <Form ctx={p.ctx} action={`/goede-praktijken/${r.id}/terugsturen`} errors={p.errors}>
              <TextArea
                name="note"
                label="Wat moet er veranderen?"
                hint="Dit bericht gaat per e-mail naar wie de praktijk indiende."
                value={p.values?.note}
                errors={p.errors}
                required
                rows={3}
              />
              <SubmitButton variant="secondary">Terugsturen</SubmitButton>
            </Form>
          )}
        </section>
      )}
    </Layout>
  );
}

export function PracticeFormPage(p: {
  ctx: ViewContext;
  mode: 'create' | 'edit';
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
  municipalities: Option[];
}) {
  const title = p.mode === 'create' ? 'Een goede praktijk delen' : 'Goede praktijk wijzigen';
  return (
    <Layout ctx={p.ctx} title={title} breadcrumbs={[...crumbs, { label: title }]} narrow>
      <h1>{title}</h1>
      {p.mode === 'create' && (
        <p class="lead">
          De redactie van het agentschap leest uw praktijk na en publiceert ze, of vraagt u om iets aan te
          passen.
        </p>
      )}
      <Form ctx={p.ctx} action={p.action} errors={p.errors} once={p.mode === 'create'}>
        <TextField
          name="title"
          label="Titel"
          value={p.values.title}
          errors={p.errors}
          required
          maxLength={200}
        />
        <TextArea
          name="summary"
          label="Korte samenvatting"
          hint="Twee of drie zinnen: wat doet u, voor wie?"
          value={p.values.summary}
          errors={p.errors}
          required
          rows={3}
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
        <SelectField
          name="municipalityNis"
          label="Gemeente"
          value={p.values.municipalityNis}
          errors={p.errors}
          placeholder="Geen bepaalde gemeente"
          options={p.municipalities}
        />
        <TextArea
          name="approach"
          label="Aanpak"
          hint="Hoe pakte u het aan? Met wie werkte u samen? Wat zou u anders doen?"
          value={p.values.approach}
          errors={p.errors}
          required
          rows={8}
        />
        <TextArea
          name="results"
          label="Resultaten"
          hint="Wat leverde het op, liefst in cijfers."
          value={p.values.results}
          errors={p.errors}
          rows={5}
        />
        <TextField
          name="contactName"
          label="Contactpersoon"
          value={p.values.contactName}
          errors={p.errors}
          required
          autocomplete="name"
        />
        <TextField
          name="contactEmail"
          label="E-mail van de contactpersoon"
          type="email"
          value={p.values.contactEmail}
          errors={p.errors}
          required
          autocomplete="email"
        />
        <SubmitButton>{p.mode === 'create' ? 'Indienen' : 'Bewaren'}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function PracticeManagePage(p: {
  ctx: ViewContext;
  rows: PracticeRow[];
  total: number;
  page: number;
  pageSize: number;
  status: PracticeStatus | undefined;
  editor: boolean;
}) {
  const title = p.editor ? 'Redactie goede praktijken' : 'Goede praktijken van mijn organisatie';
  const query = { status: p.status };
  return (
    <Layout
      ctx={p.ctx}
      title={title}
      breadcrumbs={[...crumbs, { label: p.editor ? 'Redactie' : 'Mijn organisatie' }]}
    >
      <h1>{title}</h1>
      <nav class="actions" aria-label="Status">
        <a href="/goede-praktijken/overzicht" aria-current={!p.status ? 'page' : undefined}>
          {p.editor ? 'Te behandelen' : 'Alle'}
        </a>
        {practiceStatuses.map((s) => (
          <a
            href={withQuery('/goede-praktijken/overzicht', {}, { status: s })}
            aria-current={p.status === s ? 'page' : undefined}
          >
            {practiceWorkflow.statuses[s].label}
          </a>
        ))}
      </nav>
      <Table
        caption={`${title} (${p.total})`}
        path="/goede-praktijken/overzicht"
        query={query}
        rows={p.rows}
        empty="Er zijn hier geen goede praktijken."
        columns={[
          {
            key: 'title',
            label: 'Titel',
            render: (r) => <a href={`/goede-praktijken/${r.id}`}>{r.title}</a>,
          },
          { key: 'org', label: 'Organisatie', render: (r) => r.organisationName },
          { key: 'theme', label: 'Thema', render: (r) => themeLabel(r.theme) },
          { key: 'status', label: 'Status', render: (r) => <PracticeTag status={r.status} /> },
          { key: 'updated', label: 'Laatst gewijzigd', render: (r) => formatDate(r.updatedAt) },
        ]}
      />
      <Pagination
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
        path="/goede-praktijken/overzicht"
        query={query}
      />
    </Layout>
  );
}
