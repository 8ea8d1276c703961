import { and, asc, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import { organisations } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { memberRoles, regietafelLevels } from './catalogue';
import { actionPlans, meetings, regietafelMembers, regietafels } from './schema';

export type Regietafel = typeof regietafels.$inferSelect;

/** The organisation that runs a regietafel's secretariat edits it; so do platform administrators. */
definePolicy<{ type: 'regietafel'; ownerOrganisationId: string }>(
  'regietafel',
  'update',
  (p: Principal, t) =>
    p.active.role === 'platform_admin' || p.active.organisationId === t.ownerOrganisationId,
);

const TABLE_ROLES = ['platform_admin', 'agency_staff', 'network_coordinator', 'local_officer'];
export const canCreateRegietafel = (p: Principal | null | undefined) =>
  !!p && TABLE_ROLES.includes(p.active.role);
export const canEditRegietafel = (
  p: Principal | null | undefined,
  t: Pick<Regietafel, 'ownerOrganisationId'>,
) => can(p, 'update', { type: 'regietafel', ownerOrganisationId: t.ownerOrganisationId });

export async function listRegietafels(
  db: Executor,
  filter: { q?: string | undefined; level?: string | undefined },
  page: Page,
) {
  const conditions: SQL[] = [];
  if (filter.q) conditions.push(ilike(regietafels.name, `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (filter.level) conditions.push(eq(regietafels.level, filter.level));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: regietafels.id,
        name: regietafels.name,
        level: regietafels.level,
        ownerName: organisations.name,
        ownerOrganisationId: regietafels.ownerOrganisationId,
      })
      .from(regietafels)
      .innerJoin(organisations, eq(organisations.id, regietafels.ownerOrganisationId))
      .where(where)
      .orderBy(asc(regietafels.name), asc(regietafels.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(regietafels).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

async function findTable(db: Executor, id: string): Promise<Regietafel> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze regietafel bestaat niet.');
  const [t] = await db.select().from(regietafels).where(eq(regietafels.id, id));
  if (!t) throw new NotFoundError('Deze regietafel bestaat niet.');
  return t;
}

/** A regietafel with its members, its plans and a page of meetings (newest first). */
export async function getRegietafel(db: Executor, id: string, meetingPage: Page) {
  const t = await findTable(db, id);
  const [[owner], members, plans, meetingRows, [meetingTotal]] = await Promise.all([
    db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, t.ownerOrganisationId)),
    db
      .select({
        organisationId: regietafelMembers.organisationId,
        role: regietafelMembers.role,
        name: organisations.name,
        type: organisations.type,
      })
      .from(regietafelMembers)
      .innerJoin(organisations, eq(organisations.id, regietafelMembers.organisationId))
      .where(eq(regietafelMembers.regietafelId, id))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: actionPlans.id, title: actionPlans.title })
      .from(actionPlans)
      .where(eq(actionPlans.regietafelId, id))
      .orderBy(asc(actionPlans.title)),
    db
      .select()
      .from(meetings)
      .where(eq(meetings.regietafelId, id))
      .orderBy(desc(meetings.date), desc(meetings.createdAt))
      .limit(meetingPage.pageSize)
      .offset(meetingPage.offset),
    db.select({ n: count() }).from(meetings).where(eq(meetings.regietafelId, id)),
  ]);
  return {
    ...t,
    ownerName: owner?.name ?? '',
    members,
    plans,
    meetings: meetingRows,
    meetingTotal: meetingTotal?.n ?? 0,
  };
}

export const regietafelInputSchema = z.object({
  name: fields.requiredText('de naam', 200),
  level: z.enum(regietafelLevels, { error: 'Kies het niveau.' }),
  description: fields.optionalText('de beschrijving', 4000),
});

export async function createRegietafel(ctx: ServiceContext, input: unknown): Promise<Regietafel> {
  if (!canCreateRegietafel(ctx.user))
    throw new ForbiddenError('U kunt geen regietafel oprichten met deze rol.');
  const data = parseInput(regietafelInputSchema, input);
  const owner = ctx.user.active.organisationId;
  return ctx.transaction(async (tx) => {
    const [t] = await tx
      .insert(regietafels)
      .values({ ...data, ownerOrganisationId: owner })
      .returning();
    await tx
      .insert(regietafelMembers)
      .values({ regietafelId: t!.id, organisationId: owner, role: 'secretariat' });
    await writeAudit(tx, ctx.actor, {
      action: 'regietafel.created',
      entityType: 'regietafel',
      entityId: t!.id,
      ownerOrganisationId: owner,
      after: t,
    });
    return t!;
  });
}

/** The table, if the caller may edit it. */
export async function tableForEdit(ctx: ServiceContext, id: string): Promise<Regietafel> {
  const t = await findTable(ctx.db, id);
  if (!canEditRegietafel(ctx.user, t))
    throw new ForbiddenError('Alleen het secretariaat van deze regietafel kan ze aanpassen.');
  return t;
}

export const memberInputSchema = z.object({
  organisationId: z.uuid({ error: 'Kies een organisatie.' }),
  role: z.enum(memberRoles, { error: 'Kies een rol.' }).default('member'),
});

export async function addMember(ctx: ServiceContext, id: string, input: unknown) {
  const t = await tableForEdit(ctx, id);
  const data = parseInput(memberInputSchema, input);
  await ctx.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, data.organisationId));
    if (!org) throw new ValidationError({ organisationId: 'Deze organisatie bestaat niet.' });
    await tx
      .insert(regietafelMembers)
      .values({ regietafelId: id, organisationId: org.id, role: data.role })
      .onConflictDoUpdate({
        target: [regietafelMembers.regietafelId, regietafelMembers.organisationId],
        set: { role: data.role },
      });
    await writeAudit(tx, ctx.actor, {
      action: 'regietafel.member_added',
      entityType: 'regietafel',
      entityId: id,
      ownerOrganisationId: t.ownerOrganisationId,
      after: { organisationId: org.id, name: org.name, role: data.role },
    });
  });
}

export const meetingInputSchema = z.object({
  date: z.iso.date({ error: 'Vul een geldige datum in, bv. 2026-03-12.' }),
  agenda: fields.requiredText('de agenda', 4000),
  decisions: fields.optionalText('de beslissingen', 8000),
  followUp: fields.optionalText('de opvolgacties', 8000),
});

export async function addMeeting(ctx: ServiceContext, id: string, input: unknown) {
  const t = await tableForEdit(ctx, id);
  const data = parseInput(meetingInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [m] = await tx
      .insert(meetings)
      .values({ regietafelId: id, ...data })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'regietafel.meeting_added',
      entityType: 'regietafel',
      entityId: id,
      ownerOrganisationId: t.ownerOrganisationId,
      after: m,
    });
    return m!;
  });
}

/** Organisations to pick as members (search, paginated to 50). */
export async function searchOrganisations(db: Executor, q: string | undefined) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(q ? ilike(organisations.name, `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`) : undefined)
    .orderBy(asc(organisations.name))
    .limit(50);
}
