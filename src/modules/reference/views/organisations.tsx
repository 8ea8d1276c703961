import { type OrganisationType, organisationTypeLabels, organisationTypes } from '../../../core/access/roles';
import type { AuditRow } from '../../../core/audit/service';
import { AuditTable } from '../../../core/audit/views';
import type { FieldErrors } from '../../../core/http/errors';
import type { ViewContext } from '../../../core/views/context';
import { Form, SubmitButton, TextArea, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table } from '../../../core/views/table';
import type { getOrganisation, listOrganisations } from '../service';

type OrgRow = Awaited<ReturnType<typeof listOrganisations>>['items'][number];
type OrgDetail = Awaited<ReturnType<typeof getOrganisation>>;

const typeLabel = (t: string) => organisationTypeLabels[t as OrganisationType] ?? t;

export function OrganisationListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
}: {
  ctx: ViewContext;
  rows: OrgRow[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined; type?: string | undefined };
}) {
  return (
    <Layout
      ctx={ctx}
      title="Organisaties"
      breadcrumbs={[{ href: '/', label: 'Start' }, { label: 'Organisaties' }]}
    >
      <h1>Organisaties</h1>
      <p class="lead">
        Lokale besturen, agentschappen, netwerken en partners die samen het integratiebeleid voeren.
      </p>
      <form method="get" action="/organisaties" class="filter-bar" role="search">
        <div class="field">
          <label class="field__label" for="f-q">
            Zoek op naam
          </label>
          <input class="input input--medium" id="f-q" name="q" type="search" value={query.q ?? ''} />
        </div>
        <div class="field">
          <label class="field__label" for="f-type">
            Soort organisatie
          </label>
          <select class="input select" id="f-type" name="type">
            <option value="">Alle soorten</option>
            {organisationTypes.map((t) => (
              <option value={t} selected={query.type === t}>
                {organisationTypeLabels[t]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          Zoeken
        </button>
      </form>
      <Table
        caption={`Organisaties (${total})`}
        path="/organisaties"
        query={query}
        empty="Geen organisaties gevonden."
        columns={[
          { key: 'name', label: 'Naam', render: (o) => <a href={`/organisaties/${o.id}`}>{o.name}</a> },
          { key: 'type', label: 'Soort', render: (o) => typeLabel(o.type) },
          { key: 'email', label: 'E-mail', render: (o) => o.email ?? '' },
        ]}
        rows={rows}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path="/organisaties" query={query} />
    </Layout>
  );
}

export function OrganisationPage({
  ctx,
  org,
  canEdit,
  canAudit,
}: {
  ctx: ViewContext;
  org: OrgDetail;
  canEdit: boolean;
  canAudit: boolean;
}) {
  return (
    <Layout
      ctx={ctx}
      title={org.name}
      breadcrumbs={[
        { href: '/', label: 'Start' },
        { href: '/organisaties', label: 'Organisaties' },
        { label: org.name },
      ]}
    >
      <h1>{org.name}</h1>
      <SummaryList
        items={[
          ['Soort', typeLabel(org.type)],
          [
            'Gemeente',
            org.municipalityNis ? <a href={`/gemeenten/${org.municipalityNis}`}>{org.shortName}</a> : null,
          ],
          ['E-mail', org.email ? <a href={`mailto:${org.email}`}>{org.email}</a> : null],
          ['Telefoon', org.phone],
          ['Website', org.website ? <a href={org.website}>{org.website}</a> : null],
          ['Adres', org.address],
        ]}
      />
      {(canEdit || canAudit) && (
        <p class="actions">
          {canEdit && (
            <a class="button button--secondary" href={`/organisaties/${org.id}/bewerken`}>
              Contactgegevens aanpassen
            </a>
          )}
          {canAudit && <a href={`/organisaties/${org.id}/historiek`}>Historiek van wijzigingen</a>}
        </p>
      )}
      {org.covered.length > 0 && (
        <>
          <h2>Werkt voor deze gemeenten ({org.covered.length})</h2>
          <ul class="columns-list">
            {org.covered.map((m) => (
              <li>
                <a href={`/gemeenten/${m.nis}`}>{m.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function OrganisationEditPage({
  ctx,
  org,
  values,
  errors,
}: {
  ctx: ViewContext;
  org: OrgDetail;
  values: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title={`Contactgegevens van ${org.name}`}
      narrow
      breadcrumbs={[
        { href: '/organisaties', label: 'Organisaties' },
        { href: `/organisaties/${org.id}`, label: org.name },
        { label: 'Aanpassen' },
      ]}
    >
      <h1>Contactgegevens aanpassen</h1>
      <Form ctx={ctx} action={`/organisaties/${org.id}/bewerken`} errors={errors}>
        <TextField
          name="email"
          label="Algemeen e-mailadres"
          type="email"
          value={values.email}
          errors={errors}
        />
        <TextField
          name="phone"
          label="Telefoonnummer"
          type="tel"
          value={values.phone}
          errors={errors}
          width="medium"
        />
        <TextField
          name="website"
          label="Website"
          type="url"
          hint="Bijvoorbeeld https://www.mechelen.be"
          value={values.website}
          errors={errors}
        />
        <TextArea name="address" label="Adres" rows={3} value={values.address} errors={errors} />
        <SubmitButton>Bewaren</SubmitButton> <a href={`/organisaties/${org.id}`}>Annuleren</a>
      </Form>
    </Layout>
  );
}

export function OrganisationAuditPage({
  ctx,
  org,
  rows,
  total,
  page,
  pageSize,
}: {
  ctx: ViewContext;
  org: OrgDetail;
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  return (
    <Layout
      ctx={ctx}
      title={`Historiek van ${org.name}`}
      breadcrumbs={[
        { href: '/organisaties', label: 'Organisaties' },
        { href: `/organisaties/${org.id}`, label: org.name },
        { label: 'Historiek' },
      ]}
    >
      <h1>Historiek van {org.name}</h1>
      <AuditTable
        rows={rows}
        total={total}
        page={page}
        pageSize={pageSize}
        path={`/organisaties/${org.id}/historiek`}
      />
    </Layout>
  );
}
