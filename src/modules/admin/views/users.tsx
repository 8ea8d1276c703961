import type { ComponentChildren } from 'preact';
import {
  type OrganisationType,
  organisationTypeLabels,
  type Role,
  roleLabels,
  rolesByOrganisationType,
} from '../../../core/access/roles';
import type { FieldErrors } from '../../../core/http/errors';
import { formatDate, formatDateTime } from '../../../core/i18n/format';
import { ConfirmPage as CoreConfirmPage } from '../../../core/views/confirm';
import type { ViewContext } from '../../../core/views/context';
import { Form, SelectField, SubmitButton } from '../../../core/views/form';
import { type Crumb, Layout } from '../../../core/views/layout';
import { Pagination, SummaryList, Table, Tag } from '../../../core/views/table';
import type { MembershipRow, OrganisationOption, UserDetail, UserListRow } from '../service';

export const adminCrumbs: Crumb[] = [
  { href: '/home', label: 'Start' },
  { href: '/beheer', label: 'Beheer' },
];

const roleLabel = (r: string) => roleLabels[r as Role] ?? r;

export function UserStatus({ user }: { user: { disabledAt: Date | null; activated: boolean } }) {
  if (user.disabledAt) return <Tag kind="negative">Uitgeschakeld</Tag>;
  if (!user.activated) return <Tag kind="waiting">Uitnodiging open</Tag>;
  return <Tag kind="positive">Actief</Tag>;
}

function MembershipList({ rows }: { rows: MembershipRow[] }) {
  if (rows.length === 0) return <span>–</span>;
  return (
    <ul class="link-list">
      {rows.map((m) => (
        <li>
          {m.organisationName} ({roleLabel(m.role)})
        </li>
      ))}
    </ul>
  );
}

export function UserListPage({
  ctx,
  rows,
  total,
  page,
  pageSize,
  query,
  scopeName,
  canInvite,
}: {
  ctx: ViewContext;
  rows: UserListRow[];
  total: number;
  page: number;
  pageSize: number;
  query: { q?: string | undefined };
  /** Set for agency staff: the organisation the list is limited to. */
  scopeName: string | null;
  canInvite: boolean;
}) {
  return (
    <Layout ctx={ctx} title="Gebruikers" breadcrumbs={[...adminCrumbs, { label: 'Gebruikers' }]}>
      <h1>Gebruikers</h1>
      {scopeName && <p class="lead">U ziet de gebruikers van {scopeName}.</p>}
      {canInvite && (
        <p class="actions">
          <a class="button button--secondary" href="/beheer/uitnodigen">
            Iemand uitnodigen
          </a>
        </p>
      )}
      <form method="get" action="/beheer/gebruikers" class="filter-bar" role="search">
        <div class="field">
          <label class="field__label" for="f-q">
            Zoek op naam of e-mailadres
          </label>
          <input class="input input--medium" id="f-q" name="q" type="search" value={query.q ?? ''} />
        </div>
        <button type="submit" class="button button--secondary">
          Zoeken
        </button>
      </form>
      <Table
        caption={`Gebruikers (${total})`}
        path="/beheer/gebruikers"
        query={query}
        empty="Geen gebruikers gevonden."
        columns={[
          { key: 'name', label: 'Naam', render: (u) => <a href={`/beheer/gebruikers/${u.id}`}>{u.name}</a> },
          { key: 'email', label: 'E-mailadres', render: (u) => u.email },
          {
            key: 'memberships',
            label: 'Lidmaatschappen',
            render: (u) => <MembershipList rows={u.memberships} />,
          },
          { key: 'status', label: 'Status', render: (u) => <UserStatus user={u} /> },
        ]}
        rows={rows}
      />
      <Pagination page={page} pageSize={pageSize} total={total} path="/beheer/gebruikers" query={query} />
    </Layout>
  );
}

/** Which roles fit which kind of organisation, as a hint next to the role field. */
export const roleHint = Object.entries(rolesByOrganisationType)
  .filter(([type]) => type !== 'flemish_administration')
  .map(
    ([type, list]) =>
      `${organisationTypeLabels[type as OrganisationType]}: ${list.map((r) => roleLabels[r].toLowerCase()).join(', ')}`,
  )
  .join('. ');

export function OrganisationSelect({
  options,
  value,
  errors,
}: {
  options: OrganisationOption[];
  value: unknown;
  errors: FieldErrors | undefined;
}) {
  return (
    <SelectField
      name="organisationId"
      label="Organisatie"
      required
      value={value ?? (options.length === 1 ? options[0]!.id : undefined)}
      errors={errors}
      placeholder={options.length === 1 ? undefined : 'Kies een organisatie'}
      options={options.map((o) => ({
        value: o.id,
        label: `${o.name} (${organisationTypeLabels[o.type] ?? o.type})`,
      }))}
    />
  );
}

export function RoleSelect({
  roles,
  value,
  errors,
}: {
  roles: readonly Role[];
  value: unknown;
  errors: FieldErrors | undefined;
}) {
  return (
    <SelectField
      name="role"
      label="Rol"
      required
      hint={roleHint}
      value={value}
      errors={errors}
      placeholder="Kies een rol"
      options={roles.map((r) => ({ value: r, label: roleLabels[r] }))}
    />
  );
}

export function UserPage({
  ctx,
  user,
  canManage,
  canAudit,
  organisations,
  roles,
  values = {},
  errors,
}: {
  ctx: ViewContext;
  user: UserDetail;
  canManage: boolean;
  canAudit: boolean;
  organisations: OrganisationOption[];
  roles: readonly Role[];
  values?: Record<string, unknown>;
  errors?: FieldErrors | undefined;
}) {
  const base = `/beheer/gebruikers/${user.id}`;
  return (
    <Layout
      ctx={ctx}
      title={user.name}
      breadcrumbs={[
        ...adminCrumbs,
        { href: '/beheer/gebruikers', label: 'Gebruikers' },
        { label: user.name },
      ]}
    >
      <h1>{user.name}</h1>
      <SummaryList
        items={[
          ['E-mailadres', user.email],
          ['Status', <UserStatus user={user} />],
          ['Uitgeschakeld op', user.disabledAt ? formatDateTime(user.disabledAt) : null],
          ['Account aangemaakt', formatDate(user.createdAt)],
        ]}
      />
      {(canManage || canAudit) && (
        <p class="actions">
          {canManage &&
            user.id !== ctx.principal?.userId &&
            (user.disabledAt ? (
              <a class="button button--secondary" href={`${base}/inschakelen`}>
                Gebruiker weer inschakelen
              </a>
            ) : (
              <a class="button button--warning" href={`${base}/uitschakelen`}>
                Gebruiker uitschakelen
              </a>
            ))}{' '}
          {canAudit && (
            <>
              <a href={`/beheer/audit?entityType=user&entityId=${user.id}`}>Wijzigingen aan deze gebruiker</a>
              {' · '}
              <a href={`/beheer/audit?actor=${user.id}`}>Wat deze gebruiker wijzigde</a>
            </>
          )}
        </p>
      )}

      <h2>Lidmaatschappen</h2>
      <Table
        caption={`Lidmaatschappen van ${user.name} (${user.memberships.length})`}
        path={base}
        empty="Deze gebruiker heeft geen lidmaatschappen."
        columns={[
          { key: 'organisation', label: 'Organisatie', render: (m) => m.organisationName },
          {
            key: 'type',
            label: 'Soort',
            render: (m) =>
              organisationTypeLabels[m.organisationType as OrganisationType] ?? m.organisationType,
          },
          { key: 'role', label: 'Rol', render: (m) => roleLabel(m.role) },
          ...(canManage
            ? [
                {
                  key: 'actions',
                  label: 'Acties',
                  render: (m: MembershipRow) => (
                    <a href={`${base}/lidmaatschappen/${m.id}/verwijderen`}>
                      Verwijderen
                      <span class="visually-hidden">
                        : {m.organisationName}, {roleLabel(m.role)}
                      </span>
                    </a>
                  ),
                },
              ]
            : []),
        ]}
        rows={user.memberships}
      />

      {user.invitations.length > 0 && (
        <>
          <h2>Openstaande uitnodigingen</h2>
          <Table
            caption="Openstaande uitnodigingen"
            path={base}
            columns={[
              { key: 'organisation', label: 'Organisatie', render: (i) => i.organisationName },
              { key: 'role', label: 'Rol', render: (i) => roleLabel(i.role ?? '') },
              { key: 'sent', label: 'Verstuurd', render: (i) => formatDateTime(i.createdAt) },
              { key: 'expires', label: 'Geldig tot', render: (i) => formatDateTime(i.expiresAt) },
            ]}
            rows={user.invitations}
          />
        </>
      )}

      {canManage && (
        <section aria-labelledby="add-membership">
          <h2 id="add-membership">Lidmaatschap toevoegen</h2>
          <Form ctx={ctx} action={`${base}/lidmaatschappen`} errors={errors} once>
            <OrganisationSelect options={organisations} value={values.organisationId} errors={errors} />
            <RoleSelect roles={roles} value={values.role} errors={errors} />
            <SubmitButton>Lidmaatschap toevoegen</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** "Are you sure?" before a destructive action: what will happen, a warning button and a way back. */
/** A confirmation step on a user's page (core ConfirmPage with the admin breadcrumbs). */
export function ConfirmPage({
  ctx,
  title,
  user,
  action,
  button,
  variant = 'warning',
  errors,
  children,
}: {
  ctx: ViewContext;
  title: string;
  user: { id: string; name: string };
  action: string;
  button: string;
  variant?: 'warning' | 'primary';
  errors?: FieldErrors | undefined;
  children: ComponentChildren;
}) {
  const back = `/beheer/gebruikers/${user.id}`;
  return (
    <CoreConfirmPage
      ctx={ctx}
      title={title}
      action={action}
      confirmLabel={button}
      cancelHref={back}
      cancelLabel={`Terug naar ${user.name}`}
      variant={variant}
      errors={errors}
      breadcrumbs={[
        ...adminCrumbs,
        { href: '/beheer/gebruikers', label: 'Gebruikers' },
        { href: back, label: user.name },
        { label: title },
      ]}
    >
      {children}
    </CoreConfirmPage>
  );
}
