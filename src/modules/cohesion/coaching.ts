import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { memberships, organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { parseInput } from '../../core/http/validation';
import { todayIso } from '../../core/i18n/format';
import { transitionFor } from '../../core/workflow/workflow';
import { municipalities } from '../reference';
import { serviceContactAssignments } from '../services';
import {
  canCoach,
  canReadCoaching,
  canRequestCoaching,
  isAdmin,
  isAgencyStaff,
  isLocalGovernment,
} from './access';
import { agencyId, requireCohesionReader, requireUuid, text, wholeNumber } from './common';
import {
  coachingSubjects,
  cohesionThemes,
  goalsFromText,
  goalsMessage,
  sessionDateMessage,
  startDateMessage,
  supportAgencyCode,
} from './rules';
import { coachingNotes, coachingSessions, coachings } from './schema';
import { agencyRoles, type CoachingStatus, coachingStatuses, coachingWorkflow } from './workflow';

const agencies = alias(organisations, 'agency');
const coaches = alias(users, 'coach');
const contacts = alias(users, 'contact');

const columns = {
  id: coachings.id,
  organisationId: coachings.organisationId,
  organisationName: organisations.name,
  agencyOrganisationId: coachings.agencyOrganisationId,
  agencyName: agencies.name,
  subject: coachings.subject,
  theme: coachings.theme,
  title: coachings.title,
  question: coachings.question,
  status: coachings.status,
  coachUserId: coachings.coachUserId,
  coachName: coaches.name,
  /** The local government's current fixed contact person at the agency (standard service). */
  contactUserId: serviceContactAssignments.contactUserId,
  contactName: contacts.name,
  startDate: coachings.startDate,
  goals: coachings.goals,
  declineReason: coachings.declineReason,
  evaluation: coachings.evaluation,
  goalsReached: coachings.goalsReached,
  closedAt: coachings.closedAt,
  createdAt: coachings.createdAt,
  updatedAt: coachings.updatedAt,
};

function query(db: Executor) {
  return db
    .select(columns)
    .from(coachings)
    .innerJoin(organisations, eq(organisations.id, coachings.organisationId))
    .innerJoin(agencies, eq(agencies.id, coachings.agencyOrganisationId))
    .leftJoin(coaches, eq(coaches.id, coachings.coachUserId))
    .leftJoin(
      serviceContactAssignments,
      and(
        eq(serviceContactAssignments.organisationId, coachings.organisationId),
        isNull(serviceContactAssignments.until),
      ),
    )
    .leftJoin(contacts, eq(contacts.id, serviceContactAssignments.contactUserId));
}
const typed = <T extends { status: string }>(r: T) => ({ ...r, status: r.status as CoachingStatus });

/**
 * What the caller may see, in the query: a local government its own requests; at the agency only the
 * coach and the local government's fixed contact person (not the agency's other staff); platform
 * administrators everything. Mirrors the `cohesion_coaching` read policy.
 */
function scope(db: Executor, p: Principal): SQL | undefined {
  if (isAdmin(p)) return undefined;
  if (isLocalGovernment(p)) return eq(coachings.organisationId, p.active.organisationId);
  if (isAgencyStaff(p)) {
    const portfolio = db
      .select({ id: serviceContactAssignments.organisationId })
      .from(serviceContactAssignments)
      .where(
        and(eq(serviceContactAssignments.contactUserId, p.userId), isNull(serviceContactAssignments.until)),
      );
    return and(
      eq(coachings.agencyOrganisationId, p.active.organisationId),
      or(eq(coachings.coachUserId, p.userId), inArray(coachings.organisationId, portfolio)),
    );
  }
  return sql`false`;
}

export const coachingFilterSchema = z.object({
  status: z.enum(coachingStatuses).optional().catch(undefined),
});

export async function listCoachings(
  ctx: ServiceContext,
  filter: z.infer<typeof coachingFilterSchema>,
  page: Page,
) {
  const user = requireCohesionReader(ctx.principal);
  const where = and(scope(ctx.db, user), filter.status ? eq(coachings.status, filter.status) : undefined);
  const [items, [total]] = await Promise.all([
    query(ctx.db)
      .where(where)
      .orderBy(desc(coachings.createdAt), asc(coachings.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(coachings).where(where),
  ]);
  return { items: items.map(typed), total: total?.n ?? 0 };
}
export type CoachingRow = Awaited<ReturnType<typeof listCoachings>>['items'][number];

async function coachingFor(ctx: ServiceContext, id: string) {
  const user = requireCohesionReader(ctx.principal);
  requireUuid(id, 'Deze begeleiding bestaat niet.');
  const [row] = await query(ctx.db).where(and(eq(coachings.id, id), scope(ctx.db, user)));
  // Another organisation's coaching, or another colleague's at the agency: as if it did not exist.
  if (!row || !canReadCoaching(user, row)) throw new NotFoundError('Deze begeleiding bestaat niet.');
  return typed(row);
}

/** The agency staff who can coach (for the coach choice). */
export async function agencyCoaches(db: Executor, agencyOrganisationId: string) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organisationId, agencyOrganisationId), inArray(memberships.role, [...agencyRoles])),
    )
    .orderBy(asc(users.name));
}

export async function getCoaching(ctx: ServiceContext, id: string) {
  const coaching = await coachingFor(ctx, id);
  const user = ctx.user;
  const [sessions, notes, coachOptions] = await Promise.all([
    ctx.db
      .select({
        id: coachingSessions.id,
        date: coachingSessions.date,
        summary: coachingSessions.summary,
        createdAt: coachingSessions.createdAt,
      })
      .from(coachingSessions)
      .where(eq(coachingSessions.coachingId, id))
      .orderBy(asc(coachingSessions.date), asc(coachingSessions.createdAt)),
    ctx.db
      .select({
        id: coachingNotes.id,
        body: coachingNotes.body,
        createdAt: coachingNotes.createdAt,
        author: users.name,
        organisationName: organisations.name,
      })
      .from(coachingNotes)
      .leftJoin(users, eq(users.id, coachingNotes.authorUserId))
      .leftJoin(organisations, eq(organisations.id, coachingNotes.authorOrganisationId))
      .where(eq(coachingNotes.coachingId, id))
      .orderBy(desc(coachingNotes.createdAt)),
    canCoach(user, coaching) ? agencyCoaches(ctx.db, coaching.agencyOrganisationId) : Promise.resolve([]),
  ]);
  return {
    coaching,
    sessions,
    notes,
    coachOptions,
    canCoach: canCoach(user, coaching),
    canWithdraw: coaching.status === 'requested' && isLocalGovernment(user),
    canNote: coaching.status === 'requested' || coaching.status === 'active',
  };
}
export type CoachingDetail = Awaited<ReturnType<typeof getCoaching>>;

export const requestInputSchema = z.object({
  subject: z.enum(coachingSubjects, { error: 'Kies of het om beleid of om een concrete actie gaat.' }),
  theme: z.enum(cohesionThemes, { error: 'Kies een thema: Nederlands, werk of onderwijs.' }),
  title: text('een korte titel', 200),
  question: text('uw vraag', 5000),
});

/** A local government asks its agency (AgII, or Atlas for Antwerpen, Amal for Gent) for coaching. */
export async function requestCoaching(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  requireCohesionReader(user);
  if (!canRequestCoaching(user)) throw new ForbiddenError('Alleen lokale besturen vragen begeleiding aan.');
  const d = parseInput(requestInputSchema, input);
  const [m] = user.active.municipalityNis
    ? await ctx.db
        .select({ supportAgency: municipalities.supportAgency })
        .from(municipalities)
        .where(eq(municipalities.nis, user.active.municipalityNis))
    : [];
  const agency = await agencyId(ctx.db, supportAgencyCode(m?.supportAgency));
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(coachings)
      .values({
        organisationId: user.active.organisationId,
        agencyOrganisationId: agency,
        subject: d.subject,
        theme: d.theme,
        title: d.title,
        question: d.question,
        status: 'requested',
        requestedByUserId: user.userId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.coaching.requested',
      entityType: 'cohesion_coaching',
      entityId: row!.id,
      ownerOrganisationId: row!.organisationId,
      after: row,
    });
    return row!;
  });
}

export const openInputSchema = z.object({
  coachUserId: z.uuid({ error: 'Kies een coach.' }),
  startDate: z.string({ error: 'Vul de startdatum in.' }).trim().max(10),
  goals: text('de doelen', 4000),
});

/** Applies a workflow step with a row lock, so two staff members cannot both take it. */
async function step(
  ctx: ServiceContext,
  id: string,
  action: string,
  values: Partial<typeof coachings.$inferInsert>,
  check?: (row: typeof coachings.$inferSelect) => void,
) {
  const user = ctx.user;
  return ctx.transaction(async (tx) => {
    const [before] = await tx.select().from(coachings).where(eq(coachings.id, id)).for('update');
    if (!before) throw new NotFoundError('Deze begeleiding bestaat niet.');
    const to = transitionFor(coachingWorkflow, before.status as CoachingStatus, action, user);
    check?.(before);
    const [after] = await tx
      .update(coachings)
      .set({ ...values, status: to, updatedAt: new Date() })
      .where(eq(coachings.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: `cohesion.coaching.${action}`,
      entityType: 'cohesion_coaching',
      entityId: id,
      ownerOrganisationId: before.organisationId,
      before,
      after,
    });
    return after!;
  });
}

/** The agency opens a coaching trajectory: a coach of its own staff, a start date and goals. */
export async function openCoaching(ctx: ServiceContext, id: string, input: unknown, today = todayIso()) {
  const coaching = await coachingFor(ctx, id);
  if (!canCoach(ctx.user, coaching))
    throw new ForbiddenError('Alleen het agentschap opent een begeleidingstraject.');
  // A step the status does not allow is refused before the form is read (the page no longer shows it).
  transitionFor(coachingWorkflow, coaching.status as CoachingStatus, 'open', ctx.user);
  const d = parseInput(openInputSchema, input);
  const errors: Record<string, string> = {};
  const dateError = startDateMessage(d.startDate, today);
  if (dateError) errors.startDate = dateError;
  const goals = goalsFromText(d.goals);
  const goalError = goalsMessage(goals);
  if (goalError) errors.goals = goalError;
  const allowed = await agencyCoaches(ctx.db, coaching.agencyOrganisationId);
  if (!allowed.some((c) => c.id === d.coachUserId)) errors.coachUserId = 'Kies een coach van uw agentschap.';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return step(ctx, id, 'open', { coachUserId: d.coachUserId, startDate: d.startDate, goals });
}

export const declineInputSchema = z.object({ reason: text('de reden', 2000) });

export async function declineCoaching(ctx: ServiceContext, id: string, input: unknown) {
  const coaching = await coachingFor(ctx, id);
  if (!canCoach(ctx.user, coaching))
    throw new ForbiddenError('Alleen het agentschap beslist over een aanvraag.');
  // A step the status does not allow is refused before the form is read (the page no longer shows it).
  transitionFor(coachingWorkflow, coaching.status as CoachingStatus, 'decline', ctx.user);
  const d = parseInput(declineInputSchema, input);
  return step(ctx, id, 'decline', { declineReason: d.reason });
}

export async function withdrawCoaching(ctx: ServiceContext, id: string) {
  await coachingFor(ctx, id);
  if (!isLocalGovernment(ctx.user) && !isAdmin(ctx.user))
    throw new ForbiddenError('Alleen het lokaal bestuur trekt zijn aanvraag in.');
  return step(ctx, id, 'withdraw', {});
}

export const closeInputSchema = z.object({
  evaluation: text('de eindevaluatie', 5000),
  goalsReached: wholeNumber('het aantal bereikte doelen', 0, 10),
});

export async function closeCoaching(ctx: ServiceContext, id: string, input: unknown) {
  const coaching = await coachingFor(ctx, id);
  if (!canCoach(ctx.user, coaching))
    throw new ForbiddenError('Alleen het agentschap rondt een begeleiding af.');
  // A step the status does not allow is refused before the form is read (the page no longer shows it).
  transitionFor(coachingWorkflow, coaching.status as CoachingStatus, 'close', ctx.user);
  const d = parseInput(closeInputSchema, input);
  if (d.goalsReached > coaching.goals.length)
    throw new ValidationError({
      goalsReached: `Er waren ${coaching.goals.length} doelen: er kunnen er niet meer bereikt zijn.`,
    });
  return step(ctx, id, 'close', {
    evaluation: d.evaluation,
    goalsReached: d.goalsReached,
    closedAt: new Date(),
  });
}

export const sessionInputSchema = z.object({
  date: z.string({ error: 'Vul de datum van de sessie in.' }).trim().max(10),
  summary: text('wat er besproken is', 5000),
});

/** A session of an open trajectory, never dated before the trajectory started. */
export async function addCoachingSession(
  ctx: ServiceContext,
  id: string,
  input: unknown,
  today = todayIso(),
) {
  const coaching = await coachingFor(ctx, id);
  if (!canCoach(ctx.user, coaching))
    throw new ForbiddenError('Alleen de coach van het agentschap legt sessies vast.');
  if (coaching.status !== 'active')
    throw new ValidationError({ date: 'Sessies legt u vast zolang de begeleiding loopt.' });
  const d = parseInput(sessionInputSchema, input);
  const dateError = sessionDateMessage(coaching.startDate, d.date, today);
  if (dateError) throw new ValidationError({ date: dateError });
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(coachingSessions)
      .values({ coachingId: id, date: d.date, summary: d.summary, createdByUserId: ctx.user.userId })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.coaching.session_added',
      entityType: 'cohesion_coaching',
      entityId: id,
      ownerOrganisationId: coaching.organisationId,
      after: row,
    });
    return row!;
  });
}

export const noteInputSchema = z.object({ body: text('een notitie', 4000) });

/** A note, by the local government or the agency, while the coaching is requested or running. */
export async function addCoachingNote(ctx: ServiceContext, id: string, input: unknown) {
  const coaching = await coachingFor(ctx, id);
  if (coaching.status !== 'requested' && coaching.status !== 'active')
    throw new ValidationError({ body: 'Deze begeleiding is afgesloten: notities kunnen niet meer.' });
  const d = parseInput(noteInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(coachingNotes)
      .values({
        coachingId: id,
        body: d.body,
        authorUserId: ctx.user.userId,
        authorOrganisationId: ctx.user.active.organisationId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.coaching.note_added',
      entityType: 'cohesion_coaching',
      entityId: id,
      ownerOrganisationId: coaching.organisationId,
      after: row,
    });
    return row!;
  });
}
