import { and, asc, count, desc, eq, inArray, notExists, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { organisations } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { knowledgePractices, searchPractices } from '../knowledge';
import { isAdmin, isAdministration, isAgencyStaff, isLocalGovernment, localGovernmentTypes } from './access';
import { requireCohesionReader, requireUuid, text } from './common';
import { type Anchored, anchoredValues } from './rules';
import { closingActions, planParticipants } from './schema';

/** The themes of Plan Samenleven actions: the knowledge module's themes, so practices line up. */
export const closingThemes = [
  'nederlands',
  'werk',
  'onderwijs',
  'sociale_cohesie',
  'participatie',
  'antidiscriminatie',
  'vrouwen_meisjes',
] as const;
export const closingThemeLabels: Record<(typeof closingThemes)[number], string> = {
  nederlands: 'Nederlands',
  werk: 'Werk',
  onderwijs: 'Onderwijs',
  sociale_cohesie: 'Sociale cohesie',
  participatie: 'Participatie',
  antidiscriminatie: 'Antidiscriminatie',
  vrouwen_meisjes: 'Vrouwen en meisjes',
};

export async function isPlanParticipant(db: Executor, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: planParticipants.organisationId })
    .from(planParticipants)
    .where(eq(planParticipants.organisationId, organisationId));
  return !!row;
}

/** Local governments of Plan Samenleven record their own actions; agency staff support all of them. */
const canEditAction = (p: Principal, a: { organisationId: string }) =>
  isAdmin(p) || isAgencyStaff(p) || (isLocalGovernment(p) && p.active.organisationId === a.organisationId);

const columns = {
  id: closingActions.id,
  organisationId: closingActions.organisationId,
  organisationName: organisations.name,
  title: closingActions.title,
  theme: closingActions.theme,
  endResult: closingActions.endResult,
  evaluation: closingActions.evaluation,
  anchored: closingActions.anchored,
  anchoringNote: closingActions.anchoringNote,
  practiceId: closingActions.practiceId,
  practiceTitle: knowledgePractices.title,
  practiceStatus: knowledgePractices.status,
  updatedAt: closingActions.updatedAt,
};

function query(db: Executor) {
  return db
    .select(columns)
    .from(closingActions)
    .innerJoin(organisations, eq(organisations.id, closingActions.organisationId))
    .leftJoin(knowledgePractices, eq(knowledgePractices.id, closingActions.practiceId));
}
const typed = <T extends { anchored: string; practiceStatus: string | null; practiceId: string | null }>(
  r: T,
) => ({
  ...r,
  anchored: r.anchored as Anchored,
  // Only a published practice is linked for readers.
  practiceId: r.practiceStatus === 'published' ? r.practiceId : null,
});

const optionalFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

export const closingFilterSchema = z.object({
  q: optionalFilter(200),
  theme: z.enum(closingThemes).optional().catch(undefined),
  anchored: z.enum(anchoredValues).optional().catch(undefined),
  organisation: z.uuid().optional().catch(undefined),
});
export type ClosingFilter = z.infer<typeof closingFilterSchema>;

/**
 * The closing records of Plan Samenleven, searchable with Dutch stemming ("pleinmaker" finds
 * "pleinmakers"): shared between local governments and agencies to learn from each other.
 */
export async function searchClosingActions(ctx: ServiceContext, filter: ClosingFilter, page: Page) {
  requireCohesionReader(ctx.principal);
  const conditions: SQL[] = [];
  const q = filter.q ? sql`websearch_to_tsquery('dutch', ${filter.q})` : null;
  if (q) conditions.push(sql`${closingActions.search} @@ ${q}`);
  if (filter.theme) conditions.push(eq(closingActions.theme, filter.theme));
  if (filter.anchored) conditions.push(eq(closingActions.anchored, filter.anchored));
  if (filter.organisation) conditions.push(eq(closingActions.organisationId, filter.organisation));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    query(ctx.db)
      .where(where)
      .orderBy(
        ...(q ? [desc(sql`ts_rank(${closingActions.search}, ${q})`)] : []),
        asc(organisations.name),
        asc(closingActions.title),
        asc(closingActions.id),
      )
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(closingActions).where(where),
  ]);
  return { items: items.map(typed), total: total?.n ?? 0 };
}
export type ClosingRow = Awaited<ReturnType<typeof searchClosingActions>>['items'][number];

export async function getClosingAction(ctx: ServiceContext, id: string) {
  const user = requireCohesionReader(ctx.principal);
  requireUuid(id, 'Deze actie bestaat niet.');
  const [row] = await query(ctx.db).where(eq(closingActions.id, id));
  if (!row) throw new NotFoundError('Deze actie bestaat niet.');
  const action = typed(row);
  // Where no practice is linked, suggest published practices about the same thing.
  const related = action.practiceId
    ? []
    : (
        await searchPractices(
          ctx.db,
          { q: action.title.split(/\s+/).slice(0, 3).join(' or ') },
          { page: 1, pageSize: 3, offset: 0 },
        )
      ).items;
  return { action, canEdit: canEditAction(user, action), related };
}

/** What the caller may do: record actions (participants), or nothing. */
export async function closingPermissions(ctx: ServiceContext) {
  const user = requireCohesionReader(ctx.principal);
  const participant =
    isLocalGovernment(user) && (await isPlanParticipant(ctx.db, user.active.organisationId));
  return { canRecord: participant, canManageParticipants: canManageParticipants(user) };
}

/** Published practices to link to (title order). */
export async function practiceOptions(db: Executor) {
  const { items } = await searchPractices(db, { q: undefined }, { page: 1, pageSize: 200, offset: 0 });
  return items.map((p) => ({
    value: p.id,
    label: p.municipalityName ? `${p.title} (${p.municipalityName})` : p.title,
  }));
}

export const closingInputSchema = z.object({
  title: text('de naam van de actie', 200),
  theme: z.enum(closingThemes, { error: 'Kies een thema.' }),
  endResult: text('het eindresultaat', 5000),
  evaluation: text('de evaluatie', 5000),
  anchored: z.enum(anchoredValues, { error: 'Kies of de praktijk verankerd is.' }),
  anchoringNote: fields.optionalText('hoe de praktijk verankerd is', 2000),
  practiceId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.uuid({ error: 'Kies een goede praktijk uit de lijst.' }).nullable()),
});

async function readClosing(db: Executor, input: unknown) {
  const d = parseInput(closingInputSchema, input);
  if (d.anchored !== 'no' && !d.anchoringNote)
    throw new ValidationError({
      anchoringNote: 'Beschrijf hoe de praktijk verankerd is, bv. wie ze verderzet en met welke middelen.',
    });
  if (d.practiceId) {
    const [p] = await db
      .select({ status: knowledgePractices.status })
      .from(knowledgePractices)
      .where(eq(knowledgePractices.id, d.practiceId));
    if (p?.status !== 'published')
      throw new ValidationError({ practiceId: 'Kies een gepubliceerde goede praktijk uit de lijst.' });
  }
  return d;
}

export async function recordClosingAction(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  const { canRecord } = await closingPermissions(ctx);
  if (!canRecord)
    throw new ForbiddenError(
      'Alleen lokale besturen die deelnamen aan Plan Samenleven leggen hun acties vast.',
    );
  const d = await readClosing(ctx.db, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(closingActions)
      .values({ ...d, organisationId: user.active.organisationId, createdByUserId: user.userId })
      .returning();
    const { search: _search, ...after } = row!;
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.closing.created',
      entityType: 'cohesion_closing_action',
      entityId: row!.id,
      ownerOrganisationId: row!.organisationId,
      after,
    });
    return row!;
  });
}

export async function getClosingForEdit(ctx: ServiceContext, id: string) {
  const { action, canEdit } = await getClosingAction(ctx, id);
  if (!canEdit) throw new NotFoundError('Deze actie bestaat niet.');
  const [raw] = await ctx.db
    .select({ practiceId: closingActions.practiceId })
    .from(closingActions)
    .where(eq(closingActions.id, id));
  return { ...action, practiceId: raw?.practiceId ?? null };
}

export async function updateClosingAction(ctx: ServiceContext, id: string, input: unknown) {
  const existing = await getClosingForEdit(ctx, id);
  const d = await readClosing(ctx.db, input);
  return ctx.transaction(async (tx) => {
    const [before] = await tx.select().from(closingActions).where(eq(closingActions.id, id)).for('update');
    const [row] = await tx
      .update(closingActions)
      .set({ ...d, updatedAt: new Date() })
      .where(eq(closingActions.id, id))
      .returning();
    const strip = <T extends { search?: unknown }>(r: T) => {
      const { search: _s, ...rest } = r;
      return rest;
    };
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.closing.updated',
      entityType: 'cohesion_closing_action',
      entityId: id,
      ownerOrganisationId: existing.organisationId,
      before: before ? strip(before) : null,
      after: strip(row!),
    });
    return row!;
  });
}

/** Local governments that took part in Plan Samenleven (for the filter). */
export async function planParticipantOptions(db: Executor) {
  return db
    .select({ value: organisations.id, label: organisations.name })
    .from(planParticipants)
    .innerJoin(organisations, eq(organisations.id, planParticipants.organisationId))
    .orderBy(asc(organisations.name));
}

// ---------------------------------------------------------------------------------------------
// Who took part: managed by platform administrators and agency staff
// ---------------------------------------------------------------------------------------------

/** Platform administrators and agency staff keep the list of Plan Samenleven participants. */
export const canManageParticipants = (p: Principal | null | undefined) => !!p && isAdministration(p);

function requireParticipantManager(ctx: ServiceContext): Principal {
  const user = requireCohesionReader(ctx.principal);
  if (!canManageParticipants(user))
    throw new ForbiddenError(
      'Alleen medewerkers van de agentschappen en beheerders houden de deelnemers aan Plan Samenleven bij.',
    );
  return user;
}

const actionCount = sql<number>`(select count(*)::int from ${closingActions} where ${closingActions.organisationId} = ${planParticipants.organisationId})`;

/** The participating local governments, by name, with how many actions each closed. */
export async function listPlanParticipants(ctx: ServiceContext, page: Page) {
  requireParticipantManager(ctx);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        organisationId: planParticipants.organisationId,
        name: organisations.name,
        addedAt: planParticipants.addedAt,
        actions: actionCount,
      })
      .from(planParticipants)
      .innerJoin(organisations, eq(organisations.id, planParticipants.organisationId))
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(planParticipants),
  ]);
  return { items, total: total?.n ?? 0 };
}
export type PlanParticipantRow = Awaited<ReturnType<typeof listPlanParticipants>>['items'][number];

/** Local governments (and the VGC, De Rand, partnerships) that do not take part yet. */
export async function participantCandidates(db: Executor) {
  return db
    .select({ value: organisations.id, label: organisations.name })
    .from(organisations)
    .where(
      and(
        inArray(organisations.type, [...localGovernmentTypes]),
        notExists(
          db
            .select({ id: planParticipants.organisationId })
            .from(planParticipants)
            .where(eq(planParticipants.organisationId, organisations.id)),
        ),
      ),
    )
    .orderBy(asc(organisations.name));
}

export const participantInputSchema = z.object({
  organisationId: z.uuid({ error: 'Kies een lokaal bestuur uit de lijst.' }),
});

export async function addPlanParticipant(ctx: ServiceContext, input: unknown) {
  requireParticipantManager(ctx);
  const d = parseInput(participantInputSchema, input);
  const [org] = await ctx.db
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(eq(organisations.id, d.organisationId));
  if (!org || !(localGovernmentTypes as readonly string[]).includes(org.type))
    throw new ValidationError({ organisationId: 'Kies een lokaal bestuur uit de lijst.' });
  return ctx.transaction(async (tx) => {
    // The primary key keeps one row per local government, also when two people add it at once.
    const [row] = await tx
      .insert(planParticipants)
      .values({ organisationId: org.id })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ValidationError({ organisationId: `${org.name} neemt al deel aan Plan Samenleven.` });
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.plan.participant_added',
      entityType: 'cohesion_plan_participant',
      entityId: org.id,
      ownerOrganisationId: org.id,
      after: { ...row, name: org.name },
    });
    return { ...row, name: org.name };
  });
}

/** A participant with its number of closed actions, for the confirmation before removal. */
export async function getPlanParticipant(ctx: ServiceContext, organisationId: string) {
  requireParticipantManager(ctx);
  requireUuid(organisationId, 'Dit bestuur neemt niet deel aan Plan Samenleven.');
  const [row] = await ctx.db
    .select({
      organisationId: planParticipants.organisationId,
      name: organisations.name,
      addedAt: planParticipants.addedAt,
      actions: actionCount,
    })
    .from(planParticipants)
    .innerJoin(organisations, eq(organisations.id, planParticipants.organisationId))
    .where(eq(planParticipants.organisationId, organisationId));
  if (!row) throw new NotFoundError('Dit bestuur neemt niet deel aan Plan Samenleven.');
  return row;
}

/**
 * Removes a local government from Plan Samenleven. Its closed actions stay (searchable, and it can
 * still edit them); it can no longer record new ones.
 */
export async function removePlanParticipant(ctx: ServiceContext, organisationId: string) {
  const participant = await getPlanParticipant(ctx, organisationId);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .delete(planParticipants)
      .where(eq(planParticipants.organisationId, organisationId))
      .returning();
    if (!row) throw new NotFoundError('Dit bestuur neemt niet deel aan Plan Samenleven.');
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.plan.participant_removed',
      entityType: 'cohesion_plan_participant',
      entityId: organisationId,
      ownerOrganisationId: organisationId,
      before: { ...row, name: participant.name, actions: participant.actions },
    });
    return participant;
  });
}
