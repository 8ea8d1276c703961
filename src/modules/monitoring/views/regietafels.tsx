import type { FieldErrors } from '../../../core/http/errors';
import { formatLongDate } from '../../../core/i18n/format';
import type { ViewContext } from '../../../core/views/context';
import { FilterBar, FilterText } from '../../../core/views/filter-bar';
import {
  DateField,
  Form,
  type FormValues,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table } from '../../../core/views/table';
import {
  type MemberRole,
  memberRoleLabels,
  memberRoles,
  type RegietafelLevel,
  regietafelLevelLabels,
  regietafelLevels,
} from '../catalogue';
import type { getRegietafel } from '../regietafels';
import { monitoringCrumb } from './shared';

const tablesCrumb = { href: '/monitoring/regietafels', label: 'Regietafels' };

type Row = { id: string; name: string; level: string; ownerName: string };

export function RegietafelListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  canCreate,
}: {
  ctx: ViewContext;
  rows: Row[];
  total: number;
  page: number;
  pageSize: number;
  canCreate: boolean;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Regietafels"
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, { label: 'Regietafels' }]}
    >
      <h1>Regietafels</h1>
      <p class="lead">
        Op Vlaamse, regionale en lokale regietafels stemmen federale, Vlaamse en lokale overheden hun
        prioriteiten voor migratie en integratie af.
      </p>
      {canCreate && (
        <p class="actions">
          <a class="button button--primary" href="/monitoring/regietafels/nieuw">
            Nieuwe regietafel
          </a>
        </p>
      )}
      <Table
        caption={`Regietafels (${total})`}
        path="/monitoring/regietafels"
        rows={rows}
        empty="Nog geen regietafels."
        columns={[
          {
            key: 'name',
            label: 'Regietafel',
            render: (t) => <a href={`/monitoring/regietafels/${t.id}`}>{t.name}</a>,
          },
          {
            key: 'level',
            label: 'Niveau',
            render: (t) => regietafelLevelLabels[t.level as RegietafelLevel] ?? t.level,
          },
          { key: 'owner', label: 'Secretariaat', render: (t) => t.ownerName },
        ]}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path="/monitoring/regietafels" />
    </Layout>
  );
}

type Detail = Awaited<ReturnType<typeof getRegietafel>>;

export function RegietafelPage({
  ctx,
  table,
  page,
  pageSize,
  canEdit,
}: {
  ctx: ViewContext;
  table: Detail;
  page: number;
  pageSize: number;
  canEdit: boolean;
}) {
  return (
    <Layout
      ctx={ctx}
      title={table.name}
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, tablesCrumb, { label: table.name }]}
    >
      <h1>{table.name}</h1>
      {table.description && <p class="lead">{table.description}</p>}
      <SummaryList
        items={[
          ['Niveau', regietafelLevelLabels[table.level as RegietafelLevel] ?? table.level],
          ['Secretariaat', table.ownerName],
          [
            'Actieplan',
            table.plans.length ? (
              <ul class="link-list">
                {table.plans.map((p) => (
                  <li>
                    <a href={`/monitoring/plannen/${p.id}`}>{p.title}</a>
                  </li>
                ))}
              </ul>
            ) : null,
          ],
        ]}
      />
      {canEdit && (
        <p class="actions">
          <a class="button button--secondary" href={`/monitoring/regietafels/${table.id}/leden`}>
            Lid toevoegen
          </a>{' '}
          <a
            class="button button--secondary"
            href={`/monitoring/regietafels/${table.id}/vergaderingen/nieuw`}
          >
            Vergadering toevoegen
          </a>{' '}
          <a class="button button--secondary" href={`/monitoring/plannen/nieuw?regietafel=${table.id}`}>
            Actieplan opstellen
          </a>
        </p>
      )}
      <h2>Leden</h2>
      <Table
        caption="Leden van de regietafel"
        path={`/monitoring/regietafels/${table.id}`}
        rows={table.members}
        empty="Nog geen leden."
        columns={[
          {
            key: 'name',
            label: 'Organisatie',
            render: (m) => <a href={`/organisaties/${m.organisationId}`}>{m.name}</a>,
          },
          { key: 'role', label: 'Rol', render: (m) => memberRoleLabels[m.role as MemberRole] ?? m.role },
        ]}
      />
      <h2>Vergaderingen</h2>
      {table.meetings.length === 0 ? (
        <p class="empty-state">Nog geen vergaderingen.</p>
      ) : (
        table.meetings.map((m) => (
          <section class="card" aria-label={`Vergadering van ${formatLongDate(m.date)}`}>
            <h3>{formatLongDate(m.date)}</h3>
            <SummaryList
              items={[
                ['Agenda', m.agenda],
                ['Beslissingen', m.decisions],
                ['Opvolgacties', m.followUp],
              ]}
            />
          </section>
        ))
      )}
      <Pagination
        page={page}
        pageSize={pageSize}
        total={table.meetingTotal}
        path={`/monitoring/regietafels/${table.id}`}
      />
    </Layout>
  );
}

export function RegietafelFormPage({
  ctx,
  values,
  errors,
}: {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Nieuwe regietafel"
      narrow
      breadcrumbs={[{ href: '/', label: 'Start' }, monitoringCrumb, tablesCrumb, { label: 'Nieuw' }]}
    >
      <h1>Nieuwe regietafel</h1>
      <p>
        Uw organisatie ({ctx.principal?.active.organisationName}) neemt het secretariaat op en beheert de
        regietafel.
      </p>
      <Form ctx={ctx} action="/monitoring/regietafels/nieuw" errors={errors} once>
        <TextField name="name" label="Naam" value={values.name} errors={errors} required />
        <SelectField
          name="level"
          label="Niveau"
          value={values.level}
          errors={errors}
          required
          options={regietafelLevels.map((l) => ({ value: l, label: regietafelLevelLabels[l] }))}
        />
        <TextArea
          name="description"
          label="Opdracht en prioriteiten"
          value={values.description}
          errors={errors}
          rows={4}
        />
        <SubmitButton>Oprichten</SubmitButton>
      </Form>
    </Layout>
  );
}

export function MemberFormPage({
  ctx,
  table,
  organisations,
  q,
  values,
  errors,
}: {
  ctx: ViewContext;
  table: { id: string; name: string };
  organisations: Array<{ id: string; name: string }>;
  q: string | undefined;
  values: FormValues;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Lid toevoegen"
      narrow
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        tablesCrumb,
        { href: `/monitoring/regietafels/${table.id}`, label: table.name },
        { label: 'Lid toevoegen' },
      ]}
    >
      <h1>Lid toevoegen aan {table.name}</h1>
      <FilterBar action={`/monitoring/regietafels/${table.id}/leden`} submit="Zoeken">
        <FilterText name="q" label="Zoek een organisatie" value={q} />
      </FilterBar>
      <Form ctx={ctx} action={`/monitoring/regietafels/${table.id}/leden`} errors={errors}>
        <SelectField
          name="organisationId"
          label="Organisatie"
          hint="De eerste 50 resultaten van uw zoekopdracht."
          value={values.organisationId}
          errors={errors}
          required
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          name="role"
          label="Rol"
          value={values.role ?? 'member'}
          errors={errors}
          required
          options={memberRoles.map((r) => ({ value: r, label: memberRoleLabels[r] }))}
        />
        <SubmitButton>Toevoegen</SubmitButton>
      </Form>
    </Layout>
  );
}

export function MeetingFormPage({
  ctx,
  table,
  values,
  errors,
}: {
  ctx: ViewContext;
  table: { id: string; name: string };
  values: FormValues;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Vergadering toevoegen"
      narrow
      breadcrumbs={[
        { href: '/', label: 'Start' },
        monitoringCrumb,
        tablesCrumb,
        { href: `/monitoring/regietafels/${table.id}`, label: table.name },
        { label: 'Vergadering' },
      ]}
    >
      <h1>Vergadering van {table.name}</h1>
      <Form ctx={ctx} action={`/monitoring/regietafels/${table.id}/vergaderingen/nieuw`} errors={errors} once>
        <DateField name="date" label="Datum" value={values.date} errors={errors} required />
        <TextArea name="agenda" label="Agenda" value={values.agenda} errors={errors} required rows={4} />
        <TextArea name="decisions" label="Beslissingen" value={values.decisions} errors={errors} rows={4} />
        <TextArea name="followUp" label="Opvolgacties" value={values.followUp} errors={errors} rows={4} />
        <SubmitButton>Bewaren</SubmitButton>
      </Form>
    </Layout>
  );
}
