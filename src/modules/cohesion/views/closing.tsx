import type { FieldErrors } from '../../../core/http/errors';
import { formatDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterSelect, FilterText } from '../../../core/views/filter-bar';
import { Form, Radios, SelectField, SubmitButton, TextArea, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { SummaryList, Tag } from '../../../core/views/table';
import { type ClosingFilter, type ClosingRow, closingThemeLabels, type PlanParticipantRow } from '../closing';
import { type Anchored, anchoredLabels } from '../rules';
import { cohesionCrumbs, optionsOf, type Paged, PagedTable, Paragraphs } from './common';

type Option = { value: string; label: string };
const crumbs = [
  ...cohesionCrumbs,
  { href: '/sociale-cohesie/plan-samenleven', label: 'Afronding Plan Samenleven' },
];
const PARTICIPANTS = '/sociale-cohesie/plan-samenleven/deelnemers';
const themeText = (t: string) => closingThemeLabels[t as keyof typeof closingThemeLabels] ?? t;

export function AnchoredTag({ value }: { value: Anchored }) {
  return (
    <Tag kind={value === 'yes' ? 'positive' : value === 'partly' ? 'waiting' : 'neutral'}>
      {anchoredLabels[value]}
    </Tag>
  );
}

export function ClosingSearchPage(p: {
  ctx: ViewContext;
  list: Paged<ClosingRow, ClosingFilter>;
  organisations: Option[];
  canRecord: boolean;
  canManageParticipants: boolean;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Afronding Plan Samenleven"
      breadcrumbs={[...cohesionCrumbs, { label: 'Afronding Plan Samenleven' }]}
    >
      <h1>Afronding Plan Samenleven</h1>
      <p class="lead">
        Wat leverden de acties van Plan Samenleven op, hoe werden ze geëvalueerd en welke praktijken blijven
        bestaan? Zoek in de afgeronde acties van de deelnemende lokale besturen.
      </p>
      {(p.canRecord || p.canManageParticipants) && (
        <p class="actions">
          {p.canRecord && (
            <a class="button button--secondary" href="/sociale-cohesie/plan-samenleven/nieuw">
              Een actie afronden
            </a>
          )}
          {p.canManageParticipants && (
            <a class="button button--secondary" href={PARTICIPANTS}>
              Deelnemende besturen beheren
            </a>
          )}
        </p>
      )}
      <FilterBar action="/sociale-cohesie/plan-samenleven" label="Acties zoeken">
        <FilterText name="q" label="Zoek op woorden" value={p.list.query.q} />
        <FilterSelect
          name="theme"
          label="Thema"
          value={p.list.query.theme}
          all="Alle thema's"
          options={optionsOf(closingThemeLabels)}
        />
        <FilterSelect
          name="anchored"
          label="Verankering"
          value={p.list.query.anchored}
          all="Alle"
          options={optionsOf(anchoredLabels)}
        />
        <FilterSelect
          name="organisation"
          label="Lokaal bestuur"
          value={p.list.query.organisation}
          all="Alle besturen"
          options={p.organisations}
        />
      </FilterBar>
      <PagedTable
        list={p.list}
        caption="Afgeronde acties"
        path="/sociale-cohesie/plan-samenleven"
        empty="Geen acties gevonden. Probeer andere woorden of minder filters."
        columns={[
          {
            key: 'title',
            label: 'Actie',
            render: (r) => <a href={`/sociale-cohesie/plan-samenleven/${r.id}`}>{r.title}</a>,
          },
          { key: 'org', label: 'Lokaal bestuur', render: (r) => r.organisationName },
          { key: 'theme', label: 'Thema', render: (r) => themeText(r.theme) },
          { key: 'anchored', label: 'Verankering', render: (r) => <AnchoredTag value={r.anchored} /> },
          {
            key: 'practice',
            label: 'Goede praktijk',
            render: (r) =>
              r.practiceId ? <a href={`/goede-praktijken/${r.practiceId}`}>{r.practiceTitle}</a> : '–',
          },
        ]}
      />
    </Layout>
  );
}

export function ClosingPage(p: {
  ctx: ViewContext;
  action: ClosingRow;
  canEdit: boolean;
  related: Array<{ id: string; title: string; municipalityName: string | null }>;
}) {
  const a = p.action;
  return (
    <Layout ctx={p.ctx} title={a.title} breadcrumbs={[...crumbs, { label: a.title }]}>
      <h1>{a.title}</h1>
      <SummaryList
        items={[
          ['Lokaal bestuur', a.organisationName],
          ['Thema', themeText(a.theme)],
          ['Verankering', <AnchoredTag value={a.anchored} />],
          [
            'Goede praktijk',
            a.practiceId ? <a href={`/goede-praktijken/${a.practiceId}`}>{a.practiceTitle}</a> : null,
          ],
          ['Laatst bijgewerkt', formatDate(a.updatedAt)],
        ]}
      />
      <h2>Eindresultaat</h2>
      <Paragraphs text={a.endResult} />
      <h2>Evaluatie</h2>
      <Paragraphs text={a.evaluation} />
      {a.anchoringNote && (
        <>
          <h2>Hoe de praktijk verankerd is</h2>
          <Paragraphs text={a.anchoringNote} />
        </>
      )}
      {p.related.length > 0 && (
        <>
          <h2>Verwante goede praktijken</h2>
          <ul class="link-list">
            {p.related.map((r) => (
              <li>
                <a href={`/goede-praktijken/${r.id}`}>{r.title}</a>
                {r.municipalityName ? ` (${r.municipalityName})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {p.canEdit && (
        <p class="actions">
          <a class="button button--secondary" href={`/sociale-cohesie/plan-samenleven/${a.id}/bewerken`}>
            Bewerken
          </a>
        </p>
      )}
    </Layout>
  );
}

export function ClosingFormPage(p: {
  ctx: ViewContext;
  mode: 'create' | 'edit';
  action: string;
  values: Record<string, unknown>;
  errors?: FieldErrors;
  practices: Option[];
}) {
  const title = p.mode === 'create' ? 'Een actie van Plan Samenleven afronden' : 'Afgeronde actie bewerken';
  return (
    <Layout ctx={p.ctx} title={title} breadcrumbs={[...crumbs, { label: title }]} narrow>
      <h1>{title}</h1>
      <Form ctx={p.ctx} action={p.action} errors={p.errors} once={p.mode === 'create'}>
        <TextField
          name="title"
          label="Naam van de actie"
          hint="Bijvoorbeeld: Pleinmakers in de Arsenaalwijk"
          value={p.values.title}
          errors={p.errors}
          required
        />
        <SelectField
          name="theme"
          label="Thema"
          options={optionsOf(closingThemeLabels)}
          value={p.values.theme}
          errors={p.errors}
          required
        />
        <TextArea
          name="endResult"
          label="Eindresultaat"
          hint="Wat leverde de actie op, in cijfers en in woorden?"
          value={p.values.endResult}
          errors={p.errors}
          required
        />
        <TextArea
          name="evaluation"
          label="Evaluatie"
          hint="Wat werkte, wat niet, en wat leert u eruit?"
          value={p.values.evaluation}
          errors={p.errors}
          required
        />
        <Radios
          name="anchored"
          label="Is de praktijk verankerd?"
          options={optionsOf(anchoredLabels)}
          value={p.values.anchored}
          errors={p.errors}
          required
        />
        <TextArea
          name="anchoringNote"
          label="Hoe is de praktijk verankerd?"
          hint="Wie zet ze verder, met welke middelen?"
          value={p.values.anchoringNote}
          errors={p.errors}
          rows={3}
        />
        <SelectField
          name="practiceId"
          label="Goede praktijk in de kennisbank"
          hint="Staat deze praktijk als goede praktijk in de kennisbank? Kies ze dan."
          options={p.practices}
          placeholder="Geen"
          value={p.values.practiceId}
          errors={p.errors}
        />
        <SubmitButton>{p.mode === 'create' ? 'Actie afronden' : 'Bewaren'}</SubmitButton>
      </Form>
    </Layout>
  );
}

export function ParticipantsPage(p: {
  ctx: ViewContext;
  list: Paged<PlanParticipantRow, Record<string, never>>;
  candidates: Option[];
  values?: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  const title = 'Deelnemers aan Plan Samenleven';
  return (
    <Layout ctx={p.ctx} title={title} breadcrumbs={[...crumbs, { label: 'Deelnemers' }]}>
      <h1>{title}</h1>
      <p class="lead">
        De lokale besturen die deelnamen aan Plan Samenleven leggen het eindresultaat, de evaluatie en de
        verankering van hun acties vast.
      </p>
      <section aria-labelledby="add-participant-title">
        <h2 id="add-participant-title">Een lokaal bestuur toevoegen</h2>
        {p.candidates.length === 0 ? (
          <p class="empty-state">Alle lokale besturen nemen al deel.</p>
        ) : (
          <Form ctx={p.ctx} action={PARTICIPANTS} errors={p.errors} once>
            <SelectField
              name="organisationId"
              label="Lokaal bestuur"
              options={p.candidates}
              placeholder="Kies een lokaal bestuur"
              value={p.values?.organisationId}
              errors={p.errors}
              required
            />
            <SubmitButton>Toevoegen</SubmitButton>
          </Form>
        )}
      </section>
      <PagedTable
        list={p.list}
        caption="Deelnemende besturen"
        path={PARTICIPANTS}
        empty="Er nemen nog geen lokale besturen deel."
        columns={[
          { key: 'name', label: 'Lokaal bestuur', render: (r) => r.name },
          { key: 'added', label: 'Toegevoegd op', render: (r) => formatDate(r.addedAt) },
          {
            key: 'actions',
            label: 'Afgeronde acties',
            render: (r) =>
              r.actions > 0 ? (
                <a href={`/sociale-cohesie/plan-samenleven?organisation=${r.organisationId}`}>{r.actions}</a>
              ) : (
                '0'
              ),
          },
          {
            key: 'remove',
            label: 'Beheer',
            render: (r) => (
              <a href={`${PARTICIPANTS}/${r.organisationId}/verwijderen`}>
                Verwijderen<span class="visually-hidden"> ({r.name})</span>
              </a>
            ),
          },
        ]}
      />
    </Layout>
  );
}

export function RemoveParticipantPage(p: {
  ctx: ViewContext;
  participant: { organisationId: string; name: string; actions: number };
}) {
  const { participant: x } = p;
  const title = `${x.name} verwijderen uit Plan Samenleven?`;
  return (
    <Layout
      ctx={p.ctx}
      title={title}
      breadcrumbs={[...crumbs, { href: PARTICIPANTS, label: 'Deelnemers' }, { label: 'Verwijderen' }]}
      narrow
    >
      <h1>{title}</h1>
      <p>
        {x.name} kan daarna geen nieuwe acties van Plan Samenleven meer afronden.{' '}
        {x.actions === 0
          ? 'Het bestuur heeft nog geen afgeronde acties.'
          : `De ${x.actions === 1 ? 'afgeronde actie blijft' : `${x.actions} afgeronde acties blijven`} bewaard en doorzoekbaar.`}
      </p>
      <Form ctx={p.ctx} action={`${PARTICIPANTS}/${x.organisationId}/verwijderen`}>
        <p class="actions">
          <SubmitButton variant="warning">Ja, verwijderen</SubmitButton>{' '}
          <a href={PARTICIPANTS}>Nee, terug naar de deelnemers</a>
        </p>
      </Form>
    </Layout>
  );
}
