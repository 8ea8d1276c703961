import type { FieldErrors } from '../../../core/http/errors';
import { formatDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { Form, SelectField, SubmitButton, TextArea, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, Table } from '../../../core/views/table';
import type { LearningNetworkDetail, listLearningNetworks } from '../networks';
import { themeLabel, themeLabels, themes } from '../rules';
import type { RegistrationStatus } from '../workflow';
import { ActionButton, eventWhen, Paragraphs, RegistrationTag } from './common';

type NetworkListRow = Awaited<ReturnType<typeof listLearningNetworks>>['items'][number];
const crumbs = [
  { href: '/', label: 'Start' },
  { href: '/lerende-netwerken', label: 'Lerende netwerken' },
];

export function NetworkListPage(p: {
  ctx: ViewContext;
  rows: NetworkListRow[];
  total: number;
  page: number;
  pageSize: number;
  canCreate: boolean;
}) {
  return (
    <Layout
      ctx={p.ctx}
      title="Lerende netwerken"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Lerende netwerken' }]}
    >
      <h1>Lerende netwerken</h1>
      <p class="lead">
        In een lerend netwerk werken lokale besturen een tijd samen rond één thema, met sessies en gedeelde
        documenten. Hier staan de netwerken waarvan uw organisatie lid is.
      </p>
      {p.canCreate && (
        <p class="actions">
          <a class="button button--secondary" href="/lerende-netwerken/nieuw">
            Nieuw lerend netwerk
          </a>
        </p>
      )}
      <Table
        caption={`Lerende netwerken (${p.total})`}
        path="/lerende-netwerken"
        rows={p.rows}
        empty="Uw organisatie is nog geen lid van een lerend netwerk. Vraag ernaar bij uw aanspreekpersoon."
        columns={[
          { key: 'name', label: 'Naam', render: (n) => <a href={`/lerende-netwerken/${n.id}`}>{n.name}</a> },
          { key: 'theme', label: 'Thema', render: (n) => themeLabel(n.theme) },
          { key: 'organiser', label: 'Organisator', render: (n) => n.organiserName },
          { key: 'members', label: 'Leden', numeric: true, render: (n) => n.members },
          {
            key: 'next',
            label: 'Volgende sessie',
            render: (n) => (n.nextSession ? formatDate(new Date(n.nextSession)) : 'Nog niet gepland'),
          },
        ]}
      />
      <Pagination page={p.page} pageSize={p.pageSize} total={p.total} path="/lerende-netwerken" />
    </Layout>
  );
}

export function NetworkPage(p: {
  ctx: ViewContext;
  d: LearningNetworkDetail;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
}) {
  const { network, organiser, members, sessions, resources, manage } = p.d;
  const base = `/lerende-netwerken/${network.id}`;
  const myOrg = p.ctx.principal?.active.organisationId;
  return (
    <Layout ctx={p.ctx} title={network.name} breadcrumbs={[...crumbs, { label: network.name }]}>
      <h1>{network.name}</h1>
      <p class="lead">
        Thema: {themeLabel(network.theme)} · georganiseerd door{' '}
        <a href={`/organisaties/${organiser.id}`}>{organiser.name}</a>
      </p>
      <Paragraphs text={network.description} />

      <h2>Sessies</h2>
      {p.d.canAddSession && (
        <p>
          <a class="button button--secondary" href={`/agenda/nieuw?lerendNetwerk=${network.id}`}>
            Sessie toevoegen
          </a>
        </p>
      )}
      <Table
        caption={`Sessies (${sessions.length})`}
        path={base}
        rows={sessions}
        empty="Er zijn nog geen sessies gepland."
        columns={[
          { key: 'when', label: 'Wanneer', render: (s) => eventWhen(s.startsAt, s.endsAt) },
          {
            key: 'title',
            label: 'Sessie',
            render: (s) => (
              <>
                <a href={`/agenda/${s.id}`}>{s.title}</a>
                {s.cancelledAt && (
                  <>
                    {' '}
                    <strong class="tag tag--negative">Geannuleerd</strong>
                  </>
                )}
              </>
            ),
          },
          { key: 'where', label: 'Waar', render: (s) => s.location ?? (s.onlineUrl ? 'Online' : '') },
          {
            key: 'me',
            label: 'Mijn inschrijving',
            render: (s) =>
              s.myStatus ? (
                <RegistrationTag status={s.myStatus as RegistrationStatus} public />
              ) : (
                'Niet ingeschreven'
              ),
          },
        ]}
      />

      <h2>Gedeelde documenten en links</h2>
      <Table
        caption={`Documenten en links (${resources.length})`}
        path={base}
        rows={resources}
        empty="Er is nog niets gedeeld."
        columns={[
          {
            key: 'title',
            label: 'Document',
            render: (r) => (
              <>
                <a href={r.url} rel="noopener noreferrer">
                  {r.title}
                </a>
                {r.description && (
                  <>
                    <br />
                    <span class="field__hint">{r.description}</span>
                  </>
                )}
              </>
            ),
          },
          {
            key: 'by',
            label: 'Gedeeld door',
            render: (r) =>
              `${r.addedByName ?? ''}${r.addedByOrganisation ? `, ${r.addedByOrganisation}` : ''}`,
          },
          { key: 'at', label: 'Datum', render: (r) => formatDate(r.createdAt) },
          {
            key: 'remove',
            label: 'Actie',
            render: (r) =>
              manage || r.addedByOrganisationId === myOrg ? (
                <ActionButton
                  csrf={p.ctx.csrfToken}
                  action={`${base}/documenten/${r.id}/verwijderen`}
                  label={
                    <>
                      Verwijderen<span class="visually-hidden"> {r.title}</span>
                    </>
                  }
                  variant="warning"
                />
              ) : (
                ''
              ),
          },
        ]}
      />
      <Form ctx={p.ctx} action={`${base}/documenten`} errors={p.errors} once>
        <h3>Een document of link delen</h3>
        <TextField name="title" label="Titel" value={p.values?.title} errors={p.errors} required />
        <TextField
          name="url"
          label="Webadres"
          hint="De link naar het document (bv. op uw gedeelde schijf of website) of naar een webpagina."
          type="url"
          value={p.values?.url}
          errors={p.errors}
          required
        />
        <TextField name="description" label="Korte uitleg" value={p.values?.description} errors={p.errors} />
        <SubmitButton variant="secondary">Delen</SubmitButton>
      </Form>

      <h2>Leden ({members.length})</h2>
      <Table
        caption="Leden van het netwerk"
        path={base}
        rows={members}
        empty="Nog geen leden."
        columns={[
          {
            key: 'name',
            label: 'Organisatie',
            render: (m) => (
              <>
                <a href={`/organisaties/${m.id}`}>{m.name}</a>
                {m.id === myOrg ? ' (uw organisatie)' : ''}
              </>
            ),
          },
          ...(manage
            ? [
                {
                  key: 'remove',
                  label: 'Actie',
                  render: (m: (typeof members)[number]) => (
                    <ActionButton
                      csrf={p.ctx.csrfToken}
                      action={`${base}/leden/${m.id}/verwijderen`}
                      label={
                        <>
                          Verwijderen<span class="visually-hidden"> {m.name}</span>
                        </>
                      }
                      variant="warning"
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <Form ctx={p.ctx} action={`${base}/leden`} errors={p.errors}>
          <TextArea
            name="members"
            label="Leden toevoegen"
            hint="Eén per regel: de NIS-code van de gemeente (bv. 12025) of de naam van de organisatie."
            value={p.values?.members}
            errors={p.errors}
            required
            rows={3}
          />
          <SubmitButton variant="secondary">Toevoegen</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}

export function NetworkFormPage(p: {
  ctx: ViewContext;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout ctx={p.ctx} title="Nieuw lerend netwerk" breadcrumbs={[...crumbs, { label: 'Nieuw' }]} narrow>
      <h1>Nieuw lerend netwerk</h1>
      <Form ctx={p.ctx} action="/lerende-netwerken/nieuw" errors={p.errors} once>
        <TextField name="name" label="Naam" value={p.values.name} errors={p.errors} required />
        <SelectField
          name="theme"
          label="Thema"
          value={p.values.theme}
          errors={p.errors}
          required
          placeholder="Kies een thema"
          options={themes.map((t) => ({ value: t, label: themeLabels[t] }))}
        />
        <TextArea
          name="description"
          label="Beschrijving"
          value={p.values.description}
          errors={p.errors}
          rows={5}
        />
        <TextArea
          name="members"
          label="Leden"
          hint="Eén per regel: de NIS-code van de gemeente (bv. 12025) of de naam van de organisatie. U kunt later leden toevoegen."
          value={p.values.members}
          errors={p.errors}
          rows={5}
        />
        <SubmitButton>Lerend netwerk aanmaken</SubmitButton>
      </Form>
    </Layout>
  );
}
