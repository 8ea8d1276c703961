import { and, asc, count, eq, exists, gt, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import { type OrganisationType, type Role, roles, rolesByOrganisationType } from '../../core/access/roles';
import { memberships, organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import { auditLog } from '../../core/audit/schema';
import { type AuditFilter, searchAudit } from '../../core/audit/service';
import { sessions, userTokens } from '../../core/auth/schema';
import { invite } from '../../core/auth/service';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';

/**
 * Who may use the admin pages: platform administrators see and manage everyone; agency staff see
 * and invite the users of their own agency only (read-only otherwise).
 */
definePolicy('user_admin', 'view', (p) => ['platform_admin', 'agency_staff'].includes(p.active.role));
definePolicy('user_admin', 'manage', (p) => p.active.role === 'platform_admin');

export const mayUseAdmin = (p: Principal | null | undefined) => can(p, 'view', { type: 'user_admin' });
export const mayManageUsers = (p: Principal | null | undefined) => can(p, 'manage', { type: 'user_admin' });
export const mayReadAudit = (p: Principal | null | undefined) => can(p, 'read_all', { type: 'audit' });

/** The organisation whose users the principal may see, or null for all of them. */
function userScope(principal: Principal): string | null {
  authorize(principal, 'view', { type: 'user_admin' });
  return principal.active.role === 'platform_admin' ? null : principal.active.organisationId;
}

/** A user is in an organisation's scope through a membership or an open invitation into it. */
function inOrganisation(db: Executor, organisationId: string): SQL {
  return or(
    exists(
      db
        .select({ one: sql`1` })
        .from(memberships)
        .where(and(eq(memberships.userId, users.id), eq(memberships.organisationId, organisationId))),
    ),
    exists(
      db
        .select({ one: sql`1` })
        .from(userTokens)
        .where(
          and(
            eq(userTokens.userId, users.id),
            eq(userTokens.purpose, 'invitation'),
            eq(userTokens.organisationId, organisationId),
            isNull(userTokens.usedAt),
            gt(userTokens.expiresAt, new Date()),
          ),
        ),
    ),
  )!;
}

const escapeLike = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  /** False for an invited user who has not chosen a password yet (and does not use OIDC). */
  activated: sql<boolean>`(${users.passwordHash} is not null or ${users.oidcSubject} is not null)`,
};

export type MembershipRow = {
  id: string;
  userId: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationType: string;
};

async function membershipsOf(
  db: Executor,
  userIds: string[],
  scope: string | null,
): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({
      id: memberships.id,
      userId: memberships.userId,
      role: memberships.role,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(inArray(memberships.userId, userIds), scope ? eq(memberships.organisationId, scope) : undefined),
    )
    .orderBy(asc(organisations.name), asc(memberships.role));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export type UserFilter = { q?: string | undefined };

/** Users the principal may see, searchable on name and e-mail, with their (visible) memberships. */
export async function listUsers(ctx: ServiceContext, filter: UserFilter, page: Page) {
  const scope = userScope(ctx.user);
  const conditions: SQL[] = [];
  if (filter.q) {
    const term = escapeLike(filter.q);
    conditions.push(or(ilike(users.name, term), ilike(users.email, term))!);
  }
  if (scope) conditions.push(inOrganisation(ctx.db, scope));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(userColumns)
      .from(users)
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(users).where(where),
  ]);
  const all = await membershipsOf(
    ctx.db,
    items.map((u) => u.id),
    scope,
  );
  return {
    items: items.map((u) => ({ ...u, memberships: all.filter((m) => m.userId === u.id) })),
    total: total?.n ?? 0,
  };
}

export type UserListRow = Awaited<ReturnType<typeof listUsers>>['items'][number];

/** One user, if the principal may see them; otherwise a 404, so nobody learns who exists. */
export async function getUser(ctx: ServiceContext, id: string) {
  const scope = userScope(ctx.user);
  const [user] = await ctx.db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.id, id), scope ? inOrganisation(ctx.db, scope) : undefined));
  if (!user) throw new NotFoundError('Deze gebruiker bestaat niet, of u hebt er geen toegang toe.');
  const [userMemberships, invitations] = await Promise.all([
    membershipsOf(ctx.db, [id], scope),
    ctx.db
      .select({
        id: userTokens.id,
        role: userTokens.role,
        organisationName: organisations.name,
        createdAt: userTokens.createdAt,
        expiresAt: userTokens.expiresAt,
      })
      .from(userTokens)
      .innerJoin(organisations, eq(organisations.id, userTokens.organisationId))
      .where(
        and(
          eq(userTokens.userId, id),
          eq(userTokens.purpose, 'invitation'),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, new Date()),
          scope ? eq(userTokens.organisationId, scope) : undefined,
        ),
      )
      .orderBy(asc(userTokens.createdAt)),
  ]);
  return { ...user, memberships: userMemberships, invitations };
}

export type UserDetail = Awaited<ReturnType<typeof getUser>>;

export type OrganisationOption = { id: string; name: string; type: OrganisationType };

/** Organisations the principal may add people to: all for administrators, their own agency for staff. */
export async function organisationOptions(ctx: ServiceContext): Promise<OrganisationOption[]> {
  const scope = userScope(ctx.user);
  const rows = await ctx.db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(scope ? eq(organisations.id, scope) : undefined)
    .orderBy(asc(organisations.name));
  return rows.map((r) => ({ ...r, type: r.type as OrganisationType }));
}

/** Roles the principal may hand out; only administrators make administrators. */
export function grantableRoles(principal: Principal): Role[] {
  return principal.active.role === 'platform_admin'
    ? [...roles]
    : roles.filter((r) => r !== 'platform_admin');
}

async function organisationForRole(db: Executor, organisationId: string, role: Role) {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!organisation) throw new ValidationError({ organisationId: 'Kies een bestaande organisatie.' });
  const allowed = rolesByOrganisationType[organisation.type as OrganisationType] ?? [];
  if (!allowed.includes(role)) {
    throw new ValidationError({ role: 'Deze rol past niet bij dit soort organisatie.' });
  }
  return organisation;
}

const membershipSchema = z.object({
  organisationId: z.uuid({ error: 'Kies een organisatie.' }),
  role: z.enum(roles, { error: 'Kies een rol.' }),
});

async function managedUser(ctx: ServiceContext, id: string) {
  authorize(ctx.user, 'manage', { type: 'user_admin' });
  const [user] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!user) throw new NotFoundError('Deze gebruiker bestaat niet.');
  return user;
}

/** Gives a user a role in an organisation (administrators only). */
export async function addMembership(ctx: ServiceContext, userId: string, input: unknown) {
  const user = await managedUser(ctx, userId);
  const data = parseInput(membershipSchema, input);
  const organisation = await organisationForRole(ctx.db, data.organisationId, data.role);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(memberships)
      .values({ userId: user.id, organisationId: organisation.id, role: data.role })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new ValidationError({ role: `${user.name} heeft deze rol al bij ${organisation.name}.` });
    }
    await writeAudit(tx, ctx.actor, {
      action: 'membership.added',
      entityType: 'user',
      entityId: user.id,
      ownerOrganisationId: organisation.id,
      after: { membershipId: row.id, organisation: organisation.name, role: row.role },
    });
    return row;
  });
}

/** One membership of a user, for the confirmation page (administrators only). */
export async function getMembership(ctx: ServiceContext, userId: string, membershipId: string) {
  await managedUser(ctx, userId);
  const [row] = (await membershipsOf(ctx.db, [userId], null)).filter((m) => m.id === membershipId);
  if (!row) throw new NotFoundError('Dit lidmaatschap bestaat niet (meer).');
  return row;
}

/** Takes a role away; a user keeps at least one membership (disable the account instead). */
export async function removeMembership(ctx: ServiceContext, userId: string, membershipId: string) {
  const user = await managedUser(ctx, userId);
  if (ctx.user.active.id === membershipId) {
    throw new ForbiddenError('U kunt het lidmaatschap waarmee u nu werkt niet zelf verwijderen.');
  }
  return ctx.transaction(async (tx) => {
    const all = await membershipsOf(tx, [userId], null);
    const membership = all.find((m) => m.id === membershipId);
    if (!membership) throw new NotFoundError('Dit lidmaatschap bestaat niet (meer).');
    if (all.length === 1) {
      throw new ValidationError(
        {
          confirm: `Dit is het enige lidmaatschap van ${user.name}. Schakel de gebruiker uit in plaats van het laatste lidmaatschap te verwijderen.`,
        },
        'Een gebruiker houdt minstens één lidmaatschap.',
      );
    }
    await tx.delete(memberships).where(and(eq(memberships.id, membershipId), eq(memberships.userId, userId)));
    await writeAudit(tx, ctx.actor, {
      action: 'membership.removed',
      entityType: 'user',
      entityId: userId,
      ownerOrganisationId: membership.organisationId,
      before: { membershipId, organisation: membership.organisationName, role: membership.role },
    });
    return membership;
  });
}

/** Disables an account and ends its sessions at once; its API tokens stop working while disabled. */
export async function disableUser(ctx: ServiceContext, userId: string) {
  const user = await managedUser(ctx, userId);
  if (user.id === ctx.user.userId) throw new ForbiddenError('U kunt uw eigen account niet uitschakelen.');
  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ disabledAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, userId), isNull(users.disabledAt)))
      .returning();
    if (!after) return user;
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    await writeAudit(tx, ctx.actor, {
      action: 'user.disabled',
      entityType: 'user',
      entityId: userId,
      before: { disabledAt: null },
      after: { disabledAt: after.disabledAt, sessionsEnded: ended.length },
    });
    return after;
  });
}

export async function enableUser(ctx: ServiceContext, userId: string) {
  const user = await managedUser(ctx, userId);
  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ disabledAt: null, updatedAt: new Date() })
      .where(and(eq(users.id, userId), sql`${users.disabledAt} is not null`))
      .returning();
    if (!after) return user;
    await writeAudit(tx, ctx.actor, {
      action: 'user.enabled',
      entityType: 'user',
      entityId: userId,
      before: { disabledAt: user.disabledAt },
      after: { disabledAt: null },
    });
    return after;
  });
}

export const invitationSchema = z.object({
  email: fields.email(),
  name: fields.requiredText('de naam', 200),
  organisationId: z.uuid({ error: 'Kies een organisatie.' }),
  role: z.enum(roles, { error: 'Kies een rol.' }),
});

/**
 * Invites someone into an organisation; the mail goes through the outbox (see `invite`). Agency staff
 * invite into their own agency only and never hand out the administrator role.
 */
export async function inviteUser(ctx: ServiceContext, input: unknown) {
  const principal = ctx.user;
  const scope = userScope(principal);
  const data = parseInput(invitationSchema, input);
  if (scope && data.organisationId !== scope) throw new ForbiddenError();
  if (!grantableRoles(principal).includes(data.role)) throw new ForbiddenError();
  const organisation = await organisationForRole(ctx.db, data.organisationId, data.role);
  const [already] = await ctx.db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        sql`lower(${users.email}) = ${data.email.toLowerCase()}`,
        eq(memberships.organisationId, organisation.id),
        eq(memberships.role, data.role),
      ),
    );
  if (already)
    throw new ValidationError({ email: `Deze persoon heeft deze rol al bij ${organisation.name}.` });
  // invite() checks once more that the principal may invite into this organisation.
  await invite(ctx, data);
  return { email: data.email, organisationName: organisation.name };
}

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Vul een datum in als jjjj-mm-dd, bv. 2026-01-31.' })
      .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'Deze datum bestaat niet.' })
      .optional(),
  );
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Hoogstens ${max} tekens.` })
    .optional()
    .transform((v) => v || undefined);

export const auditFilterSchema = z
  .object({
    entityType: filterText(60),
    entityId: filterText(100),
    action: filterText(100),
    actor: filterText(254),
    from: isoDate,
    to: isoDate,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    error: 'De einddatum ligt voor de begindatum.',
    path: ['to'],
  });

export type AuditQuery = z.output<typeof auditFilterSchema>;

/** The global audit log with filters; the actor may be given as a user id or an e-mail address. */
export async function searchGlobalAudit(ctx: ServiceContext, filter: AuditQuery, page: Page) {
  authorize(ctx.user, 'read_all', { type: 'audit' });
  const search: AuditFilter = {
    entityType: filter.entityType,
    entityId: filter.entityId,
    action: filter.action,
    from: filter.from,
    to: filter.to,
  };
  let actorName: string | null = null;
  if (filter.actor) {
    const byId = z.uuid().safeParse(filter.actor).success;
    const [actor] = await ctx.db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(byId ? eq(users.id, filter.actor) : sql`lower(${users.email}) = ${filter.actor.toLowerCase()}`);
    if (!actor) throw new ValidationError({ actor: 'Er is geen gebruiker met dit e-mailadres.' });
    search.actorUserId = actor.id;
    actorName = actor.name;
  }
  const result = await searchAudit(ctx, search, page);
  return { ...result, actorName };
}

/**
 * The entity types in the log, for the filter. A loose index scan on audit_entity_idx: one index
 * probe per distinct type instead of reading the whole log.
 */
export async function auditEntityTypes(ctx: ServiceContext): Promise<string[]> {
  authorize(ctx.user, 'read_all', { type: 'audit' });
  const result = (await ctx.db.execute(sql`
    with recursive t(v) as (
      (select ${auditLog.entityType} from ${auditLog} order by 1 limit 1)
      union all
      select (select ${auditLog.entityType} from ${auditLog} where ${auditLog.entityType} > t.v order by 1 limit 1)
      from t where t.v is not null
    )
    select v from t where v is not null`)) as unknown as { rows: Array<{ v: string }> };
  return result.rows.map((r) => r.v);
}
