import type { Role } from '../../../core/access/roles';
import type { AuditRow } from '../../../core/audit/service';
import { AuditTable } from '../../../core/audit/views';
import type { FieldErrors } from '../../../core/http/errors';
import type { ViewContext } from '../../../core/views/context';
import { ErrorSummary, Form, fieldId, SubmitButton, TextField } from '../../../core/views/form';
import { Layout } from '../../../core/views/layout';
import type { AuditQuery, OrganisationOption } from '../service';
import { adminCrumbs, OrganisationSelect, RoleSelect } from './users';

export function AdminHomePage({
  ctx,
  canAudit,
  scopeName,
}: {
  ctx: ViewContext;
  canAudit: boolean;
  scopeName: string | null;
}) {
  return (
    <Layout ctx={ctx} title="Beheer" breadcrumbs={[{ href: '/home', label: 'Start' }, { label: 'Beheer' }]}>
      <h1>Beheer</h1>
      {scopeName && <p class="lead">U beheert de gebruikers van {scopeName}.</p>}
      <ul class="card-list">
        <li class="card">
          <h2>
            <a href="/beheer/gebruikers">Gebruikers</a>
          </h2>
          <p>Zoek gebruikers en bekijk voor welke organisaties ze werken.</p>
        </li>
        <li class="card">
          <h2>
            <a href="/beheer/uitnodigen">Iemand uitnodigen</a>
          </h2>
          <p>Nodig een collega uit; die krijgt een e-mail om een wachtwoord te kiezen.</p>
        </li>
        {canAudit && (
          <li class="card">
            <h2>
              <a href="/beheer/audit">Auditlog</a>
            </h2>
            <p>Wie wijzigde wat en wanneer, op het hele platform.</p>
          </li>
        )}
      </ul>
    </Layout>
  );
}

export function InvitePage({
  ctx,
  organisations,
  roles,
  values = {},
  errors,
}: {
  ctx: ViewContext;
  organisations: OrganisationOption[];
  roles: readonly Role[];
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  return (
    <Layout
      ctx={ctx}
      title="Iemand uitnodigen"
      narrow
      breadcrumbs={[...adminCrumbs, { label: 'Uitnodigen' }]}
    >
      <h1>Iemand uitnodigen</h1>
      <p>
        De persoon krijgt een e-mail met een link om een wachtwoord te kiezen. De link blijft 14 dagen geldig.
        Na het aanvaarden werkt de persoon mee voor de gekozen organisatie, in de gekozen rol.
      </p>
      <Form ctx={ctx} action="/beheer/uitnodigen" errors={errors} once>
        <TextField
          name="email"
          label="E-mailadres"
          type="email"
          autocomplete="off"
          required
          value={values.email}
          errors={errors}
        />
        <TextField name="name" label="Naam" required value={values.name} errors={errors} />
        <OrganisationSelect options={organisations} value={values.organisationId} errors={errors} />
        <RoleSelect roles={roles} value={values.role} errors={errors} />
        <SubmitButton>Uitnodiging versturen</SubmitButton> <a href="/beheer/gebruikers">Annuleren</a>
      </Form>
    </Layout>
  );
}

export function AuditPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
  entityTypes,
  actorName,
  errors,
}: {
  ctx: ViewContext;
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
  query: Record<string, string | undefined>;
  entityTypes: string[];
  actorName: string | null;
  errors?: FieldErrors | undefined;
}) {
  const filter = query as Partial<Record<keyof AuditQuery, string>>;
  return (
    <Layout ctx={ctx} title="Auditlog" breadcrumbs={[...adminCrumbs, { label: 'Auditlog' }]}>
      <h1>Auditlog</h1>
      <p class="lead">
        Elke wijziging op het platform: wie, wat en wanneer, met de waarden ervoor en erna.
        {actorName && <> Gefilterd op wijzigingen door {actorName}.</>}
      </p>
      <ErrorSummary errors={errors} />
      <form method="get" action="/beheer/audit" class="filter-bar" role="search">
        <div class="field">
          <label class="field__label" for={fieldId('entityType')}>
            Soort gegeven
          </label>
          <select class="input select" id={fieldId('entityType')} name="entityType">
            <option value="">Alle soorten</option>
            {entityTypes.map((t) => (
              <option value={t} selected={filter.entityType === t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        {filter.entityId && <input type="hidden" name="entityId" value={filter.entityId} />}
        <FilterInput
          name="action"
          label="Actie"
          hint="bv. user.disabled"
          value={filter.action}
          errors={errors}
        />
        <FilterInput
          name="actor"
          label="Wie (e-mailadres)"
          value={filter.actor}
          errors={errors}
          type="search"
        />
        <FilterInput name="from" label="Van" value={filter.from} errors={errors} type="date" />
        <FilterInput name="to" label="Tot en met" value={filter.to} errors={errors} type="date" />
        <button type="submit" class="button button--secondary">
          Filteren
        </button>
        <a href="/beheer/audit">Alle filters wissen</a>
      </form>
      <AuditTable
        rows={rows}
        total={total}
        page={page}
        pageSize={pageSize}
        path="/beheer/audit"
        query={query}
        showEntity
      />
    </Layout>
  );
}

function FilterInput({
  name,
  label,
  hint,
  value,
  errors,
  type = 'text',
}: {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  errors: FieldErrors | undefined;
  type?: 'text' | 'search' | 'date';
}) {
  const id = fieldId(name);
  const error = errors?.[name];
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">Fout: </span>
          {error}
        </p>
      )}
      <input
        class="input input--medium"
        id={id}
        name={name}
        type={type as 'text'}
        value={value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={
          [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
        }
      />
    </div>
  );
}
