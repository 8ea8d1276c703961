import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import { ServiceContext } from '../../core/context';
import type { Db, Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { parseInput } from '../../core/http/validation';
import { createEvent, knowledgeEvents } from '../knowledge';
import { canCreateTrajectory, canEnrol, canManageTrajectory, isAdmin, localGovernmentTypes } from './access';
import { requireCohesionReader, requireUuid, text, wholeNumber } from './common';
import {
  type CohesionTheme,
  cohesionThemes,
  enrolmentMessage,
  type TrajectoryFormat,
  trajectoryFormats,
  trajectoryPlaces,
} from './rules';
import { learningTrajectories, trajectoryEnrolments, trajectoryMessages, trajectorySessions } from './schema';

const enrolledCount = sql<number>`(select count(*)::int from ${trajectoryEnrolments} where ${trajectoryEnrolments.trajectoryId} = ${learningTrajectories.id})`;

const listColumns = {
  id: learningTrajectories.id,
  title: learningTrajectories.title,
  description: learningTrajectories.description,
  theme: learningTrajectories.theme,
  format: learningTrajectories.format,
  capacity: learningTrajectories.capacity,
  enrolmentOpen: learningTrajectories.enrolmentOpen,
  agencyOrganisationId: learningTrajectories.agencyOrganisationId,
  agencyName: organisations.name,
  enrolled: enrolledCount,
  createdAt: learningTrajectories.createdAt,
};

export const trajectoryFilterSchema = z.object({
  theme: z.enum(cohesionThemes).optional().catch(undefined),
  format: z.enum(trajectoryFormats).optional().catch(undefined),
});
export type TrajectoryFilter = z.infer<typeof trajectoryFilterSchema>;

const typed = <T extends { theme: string; format: string }>(r: T) => ({
  ...r,
  theme: r.theme as CohesionTheme,
  format: r.format as TrajectoryFormat,
});

/** The learning offer of the agencies, newest first, with whether the caller's organisation takes part. */
export async function listTrajectories(ctx: ServiceContext, filter: TrajectoryFilter, page: Page) {
  const user = requireCohesionReader(ctx.principal);
  const conditions = [
    ...(filter.theme ? [eq(learningTrajectories.theme, filter.theme)] : []),
    ...(filter.format ? [eq(learningTrajectories.format, filter.format)] : []),
  ];
  const where = conditions.length ? and(...conditions) : undefined;
  const mine = sql<boolean>`exists (select 1 from ${trajectoryEnrolments} where ${trajectoryEnrolments.trajectoryId} = ${learningTrajectories.id} and ${trajectoryEnrolments.organisationId} = ${user.active.organisationId})`;
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({ ...listColumns, mine })
      .from(learningTrajectories)
      .innerJoin(organisations, eq(organisations.id, learningTrajectories.agencyOrganisationId))
      .where(where)
      .orderBy(desc(learningTrajectories.createdAt), asc(learningTrajectories.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(learningTrajectories).where(where),
  ]);
  return { items: items.map(typed), total: total?.n ?? 0 };
}
export type TrajectoryRow = Awaited<ReturnType<typeof listTrajectories>>['items'][number];

async function trajectoryRow(db: Executor, id: string) {
  requireUuid(id, 'Dit leertraject bestaat niet.');
  const [row] = await db
    .select(listColumns)
    .from(learningTrajectories)
    .innerJoin(organisations, eq(organisations.id, learningTrajectories.agencyOrganisationId))
    .where(eq(learningTrajectories.id, id));
  if (!row) throw new NotFoundError('Dit leertraject bestaat niet.');
  return typed(row);
}

/**
 * One trajectory. Everyone who may read focus support sees what it is and its sessions; the list of
 * enrolled local governments and the exchange board are for those governments and the agency.
 */
export async function getTrajectory(ctx: ServiceContext, id: string, messagePage: Page) {
  const user = requireCohesionReader(ctx.principal);
  const t = await trajectoryRow(ctx.db, id);
  const enrolled = await ctx.db
    .select({ id: organisations.id, name: organisations.name, since: trajectoryEnrolments.createdAt })
    .from(trajectoryEnrolments)
    .innerJoin(organisations, eq(organisations.id, trajectoryEnrolments.organisationId))
    .where(eq(trajectoryEnrolments.trajectoryId, id))
    .orderBy(asc(organisations.name));
  const isEnrolled = enrolled.some((e) => e.id === user.active.organisationId);
  const manages = canManageTrajectory(user, t);
  const insider = isEnrolled || manages || isAdmin(user);
  const sessions = await ctx.db
    .select({
      id: knowledgeEvents.id,
      title: knowledgeEvents.title,
      startsAt: knowledgeEvents.startsAt,
      endsAt: knowledgeEvents.endsAt,
      location: knowledgeEvents.location,
      onlineUrl: knowledgeEvents.onlineUrl,
      cancelledAt: knowledgeEvents.cancelledAt,
    })
    .from(trajectorySessions)
    .innerJoin(knowledgeEvents, eq(knowledgeEvents.id, trajectorySessions.eventId))
    .where(eq(trajectorySessions.trajectoryId, id))
    .orderBy(asc(knowledgeEvents.startsAt));
  let messages: Array<{
    id: string;
    body: string;
    createdAt: Date;
    organisationName: string;
    author: string | null;
  }> = [];
  let messageTotal = 0;
  if (insider) {
    const [rows, [n]] = await Promise.all([
      ctx.db
        .select({
          id: trajectoryMessages.id,
          body: trajectoryMessages.body,
          createdAt: trajectoryMessages.createdAt,
          organisationName: organisations.name,
          author: users.name,
        })
        .from(trajectoryMessages)
        .innerJoin(organisations, eq(organisations.id, trajectoryMessages.organisationId))
        .leftJoin(users, eq(users.id, trajectoryMessages.userId))
        .where(eq(trajectoryMessages.trajectoryId, id))
        .orderBy(desc(trajectoryMessages.createdAt), desc(trajectoryMessages.id))
        .limit(messagePage.pageSize)
        .offset(messagePage.offset),
      ctx.db.select({ n: count() }).from(trajectoryMessages).where(eq(trajectoryMessages.trajectoryId, id)),
    ]);
    messages = rows;
    messageTotal = n?.n ?? 0;
  }
  const places = trajectoryPlaces(t.format, t.capacity);
  const canEnrolNow = canEnrol(user) && !isEnrolled && enrolmentMessage(t, t.enrolled, false) === null;
  return {
    trajectory: t,
    places,
    sessions,
    enrolled: insider ? enrolled : null,
    isEnrolled,
    manages,
    insider,
    canEnrol: canEnrolNow,
    canPost: isEnrolled || manages || isAdmin(user),
    messages,
    messageTotal,
  };
}
export type TrajectoryDetail = Awaited<ReturnType<typeof getTrajectory>>;

export const trajectoryInputSchema = z.object({
  title: text('een titel', 200),
  description: text('een beschrijving', 5000),
  theme: z.enum(cohesionThemes, { error: 'Kies een thema: Nederlands, werk of onderwijs.' }),
  format: z.enum(trajectoryFormats, { error: 'Kies individueel of collectief.' }),
  capacity: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .pipe(wholeNumber('het maximum aantal besturen', 1, 500).nullable()),
});

export async function createTrajectory(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  if (!canCreateTrajectory(user))
    throw new ForbiddenError('Alleen medewerkers van de agentschappen stellen leertrajecten op.');
  const d = parseInput(trajectoryInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(learningTrajectories)
      .values({
        title: d.title,
        description: d.description,
        theme: d.theme,
        format: d.format,
        capacity: d.format === 'individual' ? 1 : d.capacity,
        agencyOrganisationId: user.active.organisationId,
        createdByUserId: user.userId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.trajectory.created',
      entityType: 'cohesion_trajectory',
      entityId: row!.id,
      ownerOrganisationId: row!.agencyOrganisationId,
      after: row,
    });
    return row!;
  });
}

/** A local government enrols itself; the trajectory row is locked so capacity holds under load. */
export async function enrol(ctx: ServiceContext, id: string) {
  const user = ctx.user;
  requireCohesionReader(user);
  if (!canEnrol(user))
    throw new ForbiddenError('Alleen lokale besturen schrijven zich in voor een leertraject.');
  requireUuid(id, 'Dit leertraject bestaat niet.');
  return ctx.transaction(async (tx) => {
    const [t] = await tx
      .select()
      .from(learningTrajectories)
      .where(eq(learningTrajectories.id, id))
      .for('update');
    if (!t) throw new NotFoundError('Dit leertraject bestaat niet.');
    const [n] = await tx
      .select({ n: count() })
      .from(trajectoryEnrolments)
      .where(eq(trajectoryEnrolments.trajectoryId, id));
    const [already] = await tx
      .select({ id: trajectoryEnrolments.organisationId })
      .from(trajectoryEnrolments)
      .where(
        and(
          eq(trajectoryEnrolments.trajectoryId, id),
          eq(trajectoryEnrolments.organisationId, user.active.organisationId),
        ),
      );
    const message = enrolmentMessage(
      { format: t.format as TrajectoryFormat, capacity: t.capacity, enrolmentOpen: t.enrolmentOpen },
      n?.n ?? 0,
      !!already,
    );
    if (message) throw new ValidationError({ enrol: message }, message);
    const [row] = await tx
      .insert(trajectoryEnrolments)
      .values({ trajectoryId: id, organisationId: user.active.organisationId, enrolledByUserId: user.userId })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.trajectory.enrolled',
      entityType: 'cohesion_trajectory',
      entityId: id,
      ownerOrganisationId: user.active.organisationId,
      after: row,
    });
    return row!;
  });
}

export async function withdraw(ctx: ServiceContext, id: string) {
  const user = ctx.user;
  requireCohesionReader(user);
  if (!canEnrol(user)) throw new ForbiddenError('Alleen lokale besturen schrijven zich uit.');
  requireUuid(id, 'Dit leertraject bestaat niet.');
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .delete(trajectoryEnrolments)
      .where(
        and(
          eq(trajectoryEnrolments.trajectoryId, id),
          eq(trajectoryEnrolments.organisationId, user.active.organisationId),
        ),
      )
      .returning();
    if (!row) throw new NotFoundError('Uw bestuur is niet ingeschreven voor dit leertraject.');
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.trajectory.withdrawn',
      entityType: 'cohesion_trajectory',
      entityId: id,
      ownerOrganisationId: user.active.organisationId,
      before: row,
    });
    return row;
  });
}

export const messageInputSchema = z.object({ body: text('een bericht', 4000) });

/** A message on the exchange board: enrolled local governments and the agency. */
export async function postMessage(ctx: ServiceContext, id: string, input: unknown) {
  const user = ctx.user;
  requireCohesionReader(user);
  const t = await trajectoryRow(ctx.db, id);
  const [enrolled] = await ctx.db
    .select({ id: trajectoryEnrolments.organisationId })
    .from(trajectoryEnrolments)
    .where(
      and(
        eq(trajectoryEnrolments.trajectoryId, id),
        eq(trajectoryEnrolments.organisationId, user.active.organisationId),
      ),
    );
  if (!enrolled && !canManageTrajectory(user, t))
    throw new ForbiddenError(
      'Alleen ingeschreven lokale besturen en het agentschap schrijven op dit uitwisselbord.',
    );
  const d = parseInput(messageInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(trajectoryMessages)
      .values({
        trajectoryId: id,
        organisationId: user.active.organisationId,
        userId: user.userId,
        body: d.body,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.trajectory.message',
      entityType: 'cohesion_trajectory',
      entityId: id,
      ownerOrganisationId: t.agencyOrganisationId,
      after: row,
    });
    return row!;
  });
}

export const sessionInputSchema = z.object({
  title: text('een titel voor de sessie', 150),
  description: z.string().trim().max(5000).optional().default(''),
  startDate: z.string().trim().max(10).optional().default(''),
  startTime: z.string().trim().max(5).optional().default(''),
  endTime: z.string().trim().max(5).optional().default(''),
  location: z.string().trim().max(300).optional().default(''),
  onlineUrl: z.string().trim().max(500).optional().default(''),
  capacity: z.string().trim().max(10).optional().default(''),
});

/**
 * A session is an event of the knowledge module, so registration, the agenda and calendars work as
 * for every event. A collective trajectory's sessions are open to every local government (the offer is
 * shared); an individual trajectory's only to the enrolled local government. Event and link are written
 * in one transaction.
 */
export async function addSession(ctx: ServiceContext, id: string, input: unknown) {
  const user = ctx.user;
  requireCohesionReader(user);
  const t = await trajectoryRow(ctx.db, id);
  if (!canManageTrajectory(user, t)) throw new NotFoundError('Dit leertraject bestaat niet.');
  const d = parseInput(sessionInputSchema, input);
  let invited = '';
  if (t.format === 'individual') {
    const enrolled = await ctx.db
      .select({ name: organisations.name, nis: organisations.municipalityNis, type: organisations.type })
      .from(trajectoryEnrolments)
      .innerJoin(organisations, eq(organisations.id, trajectoryEnrolments.organisationId))
      .where(eq(trajectoryEnrolments.trajectoryId, id));
    if (enrolled.length === 0)
      throw new ValidationError({
        title: 'Een sessie van een individueel traject plant u zodra een lokaal bestuur ingeschreven is.',
      });
    invited = enrolled.map((e) => (e.type === 'local_government' && e.nis ? e.nis : e.name)).join('\n');
  }
  const eventInput = {
    title: `${t.title}: ${d.title}`,
    description: d.description || t.description,
    type: 'vorming',
    themes: [t.theme],
    audienceKind: t.format === 'individual' ? 'invited' : 'all_local_governments',
    invited,
    startDate: d.startDate,
    startTime: d.startTime,
    endTime: d.endTime,
    location: d.location,
    onlineUrl: d.onlineUrl,
    capacity: d.capacity,
    waitlistEnabled: ['ja'],
  };
  return ctx.transaction(async (tx) => {
    // The knowledge module writes the event (and its audit) inside this transaction.
    const inner = new ServiceContext(tx as unknown as Db, ctx.config, ctx.principal, ctx.requestId);
    const event = await createEvent(inner, eventInput);
    await tx.insert(trajectorySessions).values({ trajectoryId: id, eventId: event.id });
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.trajectory.session_added',
      entityType: 'cohesion_trajectory',
      entityId: id,
      ownerOrganisationId: t.agencyOrganisationId,
      after: { eventId: event.id, title: event.title, startsAt: event.startsAt },
    });
    return event;
  });
}

/** Trajectories the caller's organisation is enrolled in (home card). */
export async function myTrajectories(ctx: ServiceContext, limit = 5) {
  const user = ctx.user;
  if (!localGovernmentTypes.includes(user.active.organisationType)) return [];
  return ctx.db
    .select({
      id: learningTrajectories.id,
      title: learningTrajectories.title,
      theme: learningTrajectories.theme,
    })
    .from(trajectoryEnrolments)
    .innerJoin(learningTrajectories, eq(learningTrajectories.id, trajectoryEnrolments.trajectoryId))
    .where(eq(trajectoryEnrolments.organisationId, user.active.organisationId))
    .orderBy(desc(trajectoryEnrolments.createdAt))
    .limit(limit);
}
