import { and, asc, count, desc, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { organisations, users } from '../../core/access/schema';
import { systemActor, writeAudit, writeAudits } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor, Tx } from '../../core/db/client';
import { ConflictError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { formatDate, todayIso } from '../../core/i18n/format';
import { enqueueMail } from '../../core/mail/mail';
import { transition } from '../../core/workflow/workflow';
import { municipalities } from '../reference';
import { requireCounsellor, requirePublisher } from './access';
import {
  addDays,
  anonymisedFields,
  checkHourEntry,
  countValidatedMinutes,
  DEFAULT_RETENTION_DAYS,
  decideLinkUse,
  formatHours,
  hashLinkToken,
  isIsoDate,
  LINK_VALID_DAYS,
  linkMessages,
  newTrajectoryCode,
  newVerificationCode,
  normaliseVerificationCode,
  parseDate,
  parseHours,
  progress,
  signLinkToken,
  verifyLinkToken,
} from './rules';
import {
  participationAccessLog,
  participationActivities,
  participationCertificates,
  participationConfirmationLinks,
  participationHourEntries,
  participationOffers,
  participationTrajectories,
} from './schema';
import { categories, dutchLevels } from './vocab';
import {
  type HourStatus,
  hourWorkflow,
  LINK_ROLE,
  type TrajectoryStatus,
  trajectoryWorkflow,
} from './workflow';

const t = participationTrajectories;
const h = participationHourEntries;
const a = participationActivities;
const l = participationConfirmationLinks;

const isUuid = (v: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

export const trajectoryInputSchema = z.object({
  municipalityNis: z
    .string({ error: 'Kies de gemeente waar de inburgeraar woont.' })
    .trim()
    .regex(/^\d{5}$/, { error: 'Kies de gemeente waar de inburgeraar woont.' }),
  startDate: z
    .string({ error: 'Vul de startdatum in.' })
    .trim()
    .min(1, { error: 'Vul de startdatum in.' })
    .max(20)
    .transform(parseDate)
    .refine(isIsoDate, { error: 'Vul een geldige startdatum in, bv. 12/01/2026.' }),
  obliged: z
    .union([z.boolean(), z.enum(['ja', 'nee', 'true', 'false'])], {
      error: 'Kies of het traject verplicht is.',
    })
    .transform((v) => v === true || v === 'ja' || v === 'true'),
  dutchLevel: z.enum(dutchLevels, { error: 'Kies het niveau Nederlands.' }),
  note: fields.optionalText('de notitie', 500),
});

/** Trajectories of the counsellor's organisation only. */
function ownTrajectory(ctx: ServiceContext, id: string): SQL {
  const p = requireCounsellor(ctx.user);
  if (!isUuid(id)) throw new NotFoundError('Dit traject bestaat niet.');
  return and(eq(t.id, id), eq(t.counsellorOrganisationId, p.active.organisationId))!;
}

async function logAccess(db: Executor, ctx: ServiceContext, trajectoryId: string, action: string) {
  await db.insert(participationAccessLog).values({
    trajectoryId,
    userId: ctx.principal?.userId ?? null,
    organisationId: ctx.principal?.active.organisationId ?? null,
    action,
    requestId: ctx.requestId ?? null,
  });
}

export async function createTrajectory(ctx: ServiceContext, input: unknown, preParsed = false) {
  const p = requireCounsellor(ctx.user);
  const data = preParsed
    ? (input as z.output<typeof trajectoryInputSchema>)
    : parseInput(trajectoryInputSchema, input);
  const today = todayIso();
  if (data.startDate > addDays(today, 90))
    throw new ValidationError({ startDate: 'De startdatum ligt meer dan drie maanden in de toekomst.' });
  const [m] = await ctx.db
    .select({ nis: municipalities.nis })
    .from(municipalities)
    .where(eq(municipalities.nis, data.municipalityNis));
  if (!m) throw new ValidationError({ municipalityNis: 'Kies een gemeente uit de lijst.' });
  return ctx.transaction(async (tx) => {
    let row: typeof t.$inferSelect | undefined;
    for (let attempt = 0; !row && attempt < 5; attempt++) {
      [row] = await tx
        .insert(t)
        .values({
          ...data,
          code: newTrajectoryCode(Number(data.startDate.slice(0, 4))),
          counsellorOrganisationId: p.active.organisationId,
          counsellorUserId: p.userId,
        })
        .onConflictDoNothing()
        .returning();
    }
    if (!row) throw new ConflictError('Er kon geen unieke trajectcode worden gemaakt. Probeer opnieuw.');
    await writeAudit(tx, ctx.actor, {
      action: 'trajectory.created',
      entityType: 'participation_trajectory',
      entityId: row.id,
      ownerOrganisationId: row.counsellorOrganisationId,
      after: {
        code: row.code,
        municipalityNis: row.municipalityNis,
        startDate: row.startDate,
        obliged: row.obliged,
      },
    });
    return row;
  });
}

const validatedSum = sql<number>`coalesce((select sum(${h.minutes}) from ${h} where ${h.trajectoryId} = ${t.id} and ${h.status} = 'validated' and ${h.confirmationId} is not null), 0)::int`;
const waitingSum = sql<number>`coalesce((select sum(${h.minutes}) from ${h} where ${h.trajectoryId} = ${t.id} and ${h.status} in ('registered', 'confirmed')), 0)::int`;

export const trajectoryListQuery = z.object({
  status: z.enum(['active', 'completed', 'stopped']).optional().catch(undefined),
  code: z
    .string()
    .trim()
    .max(30)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});

export async function listTrajectories(
  ctx: ServiceContext,
  filter: z.output<typeof trajectoryListQuery>,
  page: Page,
) {
  const p = requireCounsellor(ctx.user);
  const conditions: SQL[] = [eq(t.counsellorOrganisationId, p.active.organisationId)];
  if (filter.status) conditions.push(eq(t.status, filter.status));
  if (filter.code)
    conditions.push(sql`${t.code} ilike ${`%${filter.code.replace(/[%_\\]/g, (c) => `\\${c}`)}%`}`);
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: t.id,
        code: t.code,
        status: t.status,
        municipalityNis: t.municipalityNis,
        startDate: t.startDate,
        obliged: t.obliged,
        dutchLevel: t.dutchLevel,
        municipalityName: municipalities.name,
        anonymisedAt: t.anonymisedAt,
        validatedMinutes: validatedSum,
        waitingMinutes: waitingSum,
      })
      .from(t)
      .innerJoin(municipalities, eq(municipalities.nis, t.municipalityNis))
      .where(where)
      .orderBy(desc(t.createdAt), asc(t.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(t).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type TrajectoryListItem = Awaited<ReturnType<typeof listTrajectories>>['items'][number];

/** A newcomer's record, for the counsellor's organisation only; every look is logged. */
export async function getTrajectory(ctx: ServiceContext, id: string, action = 'view') {
  const where = ownTrajectory(ctx, id);
  const [row] = await ctx.db
    .select({ trajectory: t, municipalityName: municipalities.name, counsellorName: users.name })
    .from(t)
    .innerJoin(municipalities, eq(municipalities.nis, t.municipalityNis))
    .leftJoin(users, eq(users.id, t.counsellorUserId))
    .where(where);
  if (!row) throw new NotFoundError('Dit traject bestaat niet.');
  await logAccess(ctx.db, ctx, id, action);
  const [activities, entries, links, [certificate], accessLog] = await Promise.all([
    ctx.db.select().from(a).where(eq(a.trajectoryId, id)).orderBy(asc(a.createdAt), asc(a.id)),
    ctx.db.select().from(h).where(eq(h.trajectoryId, id)).orderBy(desc(h.date), desc(h.createdAt)),
    ctx.db
      .select({
        id: l.id,
        activityId: l.activityId,
        sentTo: l.sentTo,
        expiresAt: l.expiresAt,
        usedAt: l.usedAt,
        decision: l.decision,
        entryIds: l.entryIds,
        createdAt: l.createdAt,
      })
      .from(l)
      .where(eq(l.trajectoryId, id))
      .orderBy(desc(l.createdAt)),
    ctx.db.select().from(participationCertificates).where(eq(participationCertificates.trajectoryId, id)),
    ctx.db
      .select({
        at: participationAccessLog.at,
        action: participationAccessLog.action,
        userName: users.name,
        organisationName: organisations.name,
      })
      .from(participationAccessLog)
      .leftJoin(users, eq(users.id, participationAccessLog.userId))
      .leftJoin(organisations, eq(organisations.id, participationAccessLog.organisationId))
      .where(eq(participationAccessLog.trajectoryId, id))
      .orderBy(desc(participationAccessLog.at))
      .limit(20),
  ]);
  const validatedMinutes = countValidatedMinutes(entries);
  return {
    ...row.trajectory,
    municipalityName: row.municipalityName,
    counsellorName: row.counsellorName,
    activities,
    entries,
    links,
    certificate: certificate ?? null,
    accessLog,
    progress: progress(validatedMinutes),
  };
}

export type TrajectoryDetail = Awaited<ReturnType<typeof getTrajectory>>;

async function lockActiveTrajectory(tx: Tx, ctx: ServiceContext, id: string) {
  const [row] = await tx.select().from(t).where(ownTrajectory(ctx, id)).for('update');
  if (!row) throw new NotFoundError('Dit traject bestaat niet.');
  if (row.status !== 'active')
    throw new ConflictError(
      `Dit traject is ${trajectoryWorkflow.statuses[row.status as TrajectoryStatus]?.label.toLowerCase() ?? row.status}. Er kan niets meer bij.`,
    );
  return row;
}

export const activityInputSchema = z.object({
  offerId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isUuid(v), { error: 'Kies een activiteit uit de lijst.' }),
  title: fields.optionalText('de naam van de activiteit', 160),
  organisationName: fields.optionalText('de organisatie', 160),
  category: z
    .enum(categories, { error: 'Kies een soort activiteit.' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  contactName: fields.optionalText('de naam van de contactpersoon', 120),
  contactEmail: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => v || null)
    .pipe(z.email({ error: 'Vul een geldig e-mailadres in, bv. naam@organisatie.be.' }).nullable()),
  plannedHours: z
    .union([z.number(), z.string().max(10)])
    .optional()
    .transform((v, c) => {
      if (v === undefined || v === '') return null;
      const minutes = typeof v === 'number' ? Math.round(v * 60) : parseHours(v);
      if (minutes === null || minutes <= 0 || minutes > 200 * 60) {
        c.addIssue({ code: 'custom', message: 'Vul het geplande aantal uren in als een getal, bv. 20.' });
        return z.NEVER;
      }
      return minutes;
    }),
});

/** Plans an activity: an offer of the platform, or another activity with its own contact person. */
export async function addActivity(
  ctx: ServiceContext,
  trajectoryId: string,
  input: unknown,
  preParsed = false,
) {
  const data = preParsed
    ? (input as z.output<typeof activityInputSchema>)
    : parseInput(activityInputSchema, input);
  let values: Omit<typeof a.$inferInsert, 'trajectoryId'>;
  if (data.offerId) {
    const [offer] = await ctx.db
      .select()
      .from(participationOffers)
      .where(
        and(
          eq(participationOffers.id, data.offerId),
          inArray(participationOffers.status, ['published', 'expired']),
        ),
      );
    if (!offer)
      throw new ValidationError({ offerId: 'Deze activiteit staat niet (meer) op het aanbodplatform.' });
    values = {
      offerId: offer.id,
      title: offer.title,
      organisationName: offer.organiserName,
      category: offer.category,
      contactName: offer.contactName,
      contactEmail: offer.contactEmail,
      plannedMinutes: data.plannedHours,
    };
  } else {
    const errors: Record<string, string> = {};
    if (!data.title)
      errors.title = 'Kies een activiteit van het aanbodplatform, of vul de naam van de activiteit in.';
    if (!data.category) errors.category = 'Kies een soort activiteit.';
    if (!data.contactName) errors.contactName = 'Vul de naam van de contactpersoon in.';
    if (!data.contactEmail)
      errors.contactEmail = 'Vul het e-mailadres van de contactpersoon in: die bevestigt de uren.';
    if (Object.keys(errors).length) throw new ValidationError(errors);
    values = {
      offerId: null,
      title: data.title!,
      organisationName: data.organisationName,
      category: data.category!,
      contactName: data.contactName!,
      contactEmail: data.contactEmail!,
      plannedMinutes: data.plannedHours,
    };
  }
  return ctx.transaction(async (tx) => {
    const trajectory = await lockActiveTrajectory(tx, ctx, trajectoryId);
    const [row] = await tx
      .insert(a)
      .values({ ...values, trajectoryId })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'trajectory.activity_added',
      entityType: 'participation_trajectory',
      entityId: trajectoryId,
      ownerOrganisationId: trajectory.counsellorOrganisationId,
      after: { activityId: row!.id, title: row!.title, offerId: row!.offerId },
    });
    return row!;
  });
}

export const hourInputSchema = z.object({
  activityId: z
    .string({ error: 'Kies de activiteit.' })
    .trim()
    .refine(isUuid, { error: 'Kies de activiteit.' }),
  date: z
    .string({ error: 'Vul de datum in.' })
    .trim()
    .min(1, { error: 'Vul de datum in.' })
    .max(20)
    .transform(parseDate),
  hours: z
    .union([z.number(), z.string().max(20)], { error: 'Vul het aantal uren in, bv. 2 of 2,5.' })
    .transform((v) => (typeof v === 'number' ? Math.round(v * 60) : (parseHours(v) ?? Number.NaN))),
});

/**
 * Registers hours of one activity on one date. The trajectory row is locked while the day total is
 * checked, so two registrations at the same moment cannot pass 12 hours together.
 */
export async function registerHours(
  ctx: ServiceContext,
  trajectoryId: string,
  input: unknown,
  preParsed = false,
) {
  const data = preParsed ? (input as z.output<typeof hourInputSchema>) : parseInput(hourInputSchema, input);
  if (Number.isNaN(data.hours)) throw new ValidationError({ hours: 'Vul het aantal uren in, bv. 2 of 2,5.' });
  return ctx.transaction(async (tx) => {
    const trajectory = await lockActiveTrajectory(tx, ctx, trajectoryId);
    const [activity] = await tx
      .select({ id: a.id })
      .from(a)
      .where(and(eq(a.id, data.activityId), eq(a.trajectoryId, trajectoryId)));
    if (!activity) throw new ValidationError({ activityId: 'Kies een activiteit van dit traject.' });
    const [day] = isIsoDate(data.date)
      ? await tx
          .select({ minutes: sql<number>`coalesce(sum(${h.minutes}), 0)::int` })
          .from(h)
          .where(
            and(
              eq(h.trajectoryId, trajectoryId),
              eq(h.date, data.date),
              inArray(h.status, ['registered', 'confirmed', 'validated']),
            ),
          )
      : [{ minutes: 0 }];
    const errors = checkHourEntry({
      date: data.date,
      minutes: data.hours,
      trajectoryStart: trajectory.startDate,
      today: todayIso(),
      minutesAlreadyOnDate: day?.minutes ?? 0,
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const [entry] = await tx
      .insert(h)
      .values({
        trajectoryId,
        activityId: data.activityId,
        date: data.date,
        minutes: data.hours,
        createdByUserId: ctx.user.userId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'hours.registered',
      entityType: 'participation_trajectory',
      entityId: trajectoryId,
      ownerOrganisationId: trajectory.counsellorOrganisationId,
      after: {
        entryId: entry!.id,
        activityId: entry!.activityId,
        date: entry!.date,
        minutes: entry!.minutes,
      },
    });
    return entry!;
  });
}

/**
 * Sends the activity's contact person a one-time link to confirm the hours waiting for confirmation.
 * An earlier unused link for the same activity stops working, so only one link is ever live.
 */
export async function requestConfirmation(ctx: ServiceContext, trajectoryId: string, activityId: string) {
  if (!isUuid(activityId)) throw new NotFoundError('Deze activiteit bestaat niet.');
  return ctx.transaction(async (tx) => {
    const trajectory = await lockActiveTrajectory(tx, ctx, trajectoryId);
    const [activity] = await tx
      .select()
      .from(a)
      .where(and(eq(a.id, activityId), eq(a.trajectoryId, trajectoryId)));
    if (!activity) throw new NotFoundError('Deze activiteit bestaat niet.');
    const waiting = await tx
      .select({ id: h.id, date: h.date, minutes: h.minutes })
      .from(h)
      .where(and(eq(h.activityId, activityId), eq(h.status, 'registered')))
      .orderBy(asc(h.date));
    if (waiting.length === 0)
      throw new ConflictError('Er zijn geen uren die op bevestiging wachten voor deze activiteit.');
    const now = new Date();
    await tx
      .update(l)
      .set({ expiresAt: now })
      .where(and(eq(l.activityId, activityId), isNull(l.usedAt), sql`${l.expiresAt} > ${now.toISOString()}`));
    const id = crypto.randomUUID();
    const token = signLinkToken(ctx.config.sessionSecret, id);
    const expiresAt = new Date(now.getTime() + LINK_VALID_DAYS * 86_400_000);
    await tx.insert(l).values({
      id,
      trajectoryId,
      activityId,
      tokenHash: hashLinkToken(token),
      entryIds: waiting.map((w) => w.id),
      sentTo: activity.contactEmail,
      expiresAt,
      createdByUserId: ctx.user.userId,
    });
    const url = `${ctx.config.baseUrl}/bevestigen/${token}`;
    const lines = waiting.map((w) => `- ${formatDate(w.date)}: ${formatHours(w.minutes)}`).join('\n');
    await enqueueMail(tx, {
      to: activity.contactEmail,
      subject: `Bevestig de uren van ${trajectory.code} bij "${activity.title}"`,
      text: `Beste ${activity.contactName},\n\nIemand met trajectcode ${trajectory.code} deed mee aan "${activity.title}". Dit zijn de uren:\n\n${lines}\n\nKlopt dit? Bevestig het met deze link. U hebt geen account nodig. De link werkt één keer, tot ${formatDate(expiresAt)}.\n\n${url}\n\nDank u wel!\n${ctx.user.name}, ${ctx.user.active.organisationName}`,
    });
    await writeAudit(tx, ctx.actor, {
      action: 'hours.confirmation_requested',
      entityType: 'participation_trajectory',
      entityId: trajectoryId,
      ownerOrganisationId: trajectory.counsellorOrganisationId,
      after: { linkId: id, activityId, entries: waiting.length, sentTo: activity.contactEmail },
    });
    return { token, url, sentTo: activity.contactEmail, entries: waiting.length };
  });
}

type LinkLookup =
  | { state: 'invalid' }
  | {
      state: 'ok' | 'used' | 'expired';
      link: typeof l.$inferSelect;
      trajectoryCode: string;
      counsellorOrganisation: string;
      activity: { title: string; organisationName: string | null; contactName: string };
      entries: Array<{ id: string; date: string; minutes: number; status: string }>;
    };

/** Reads a confirmation link for the page the contact person opens; no account needed. */
export async function lookupConfirmation(
  db: Executor,
  secret: string,
  token: string,
  now = new Date(),
): Promise<LinkLookup> {
  const linkId = verifyLinkToken(secret, token);
  if (!linkId) return { state: 'invalid' };
  const [row] = await db
    .select({
      link: l,
      trajectoryCode: t.code,
      counsellorOrganisation: organisations.name,
      title: a.title,
      organisationName: a.organisationName,
      contactName: a.contactName,
    })
    .from(l)
    .innerJoin(t, eq(t.id, l.trajectoryId))
    .innerJoin(a, eq(a.id, l.activityId))
    .innerJoin(organisations, eq(organisations.id, t.counsellorOrganisationId))
    .where(and(eq(l.id, linkId), eq(l.tokenHash, hashLinkToken(token))));
  if (!row) return { state: 'invalid' };
  const entries = await db
    .select({ id: h.id, date: h.date, minutes: h.minutes, status: h.status })
    .from(h)
    .where(inArray(h.id, row.link.entryIds))
    .orderBy(asc(h.date));
  return {
    state: decideLinkUse(row.link, now),
    link: row.link,
    trajectoryCode: row.trajectoryCode,
    counsellorOrganisation: row.counsellorOrganisation,
    activity: { title: row.title, organisationName: row.organisationName, contactName: row.contactName },
    entries,
  };
}

export const confirmationInputSchema = z.object({
  decision: z.enum(['confirm', 'dispute'], { error: 'Kies of de uren kloppen.' }),
  name: fields.requiredText('uw naam', 120),
  remark: fields.optionalText('de opmerking', 500),
});

export class LinkRefusedError extends ConflictError {
  constructor(readonly reason: 'used' | 'expired' | 'invalid') {
    super(linkMessages[reason]);
  }
}

/**
 * The contact person confirms (or disputes) through the link. The link is claimed with one UPDATE
 * that only succeeds while it is unused and valid; a second use, a tampered or an expired link
 * changes nothing.
 */
export async function useConfirmation(ctx: ServiceContext, token: string, input: unknown) {
  const linkId = verifyLinkToken(ctx.config.sessionSecret, token);
  if (!linkId) throw new LinkRefusedError('invalid');
  const data = parseInput(confirmationInputSchema, input);
  const to = transition(hourWorkflow, 'registered', data.decision, LINK_ROLE) as HourStatus;
  return ctx.transaction(async (tx) => {
    const now = new Date();
    const [claimed] = await tx
      .update(l)
      .set({ usedAt: now, decision: data.decision })
      .where(
        and(
          eq(l.id, linkId),
          eq(l.tokenHash, hashLinkToken(token)),
          isNull(l.usedAt),
          sql`${l.expiresAt} > ${now.toISOString()}`,
        ),
      )
      .returning();
    if (!claimed) {
      const [existing] = await tx
        .select()
        .from(l)
        .where(and(eq(l.id, linkId), eq(l.tokenHash, hashLinkToken(token))));
      if (!existing) throw new LinkRefusedError('invalid');
      const state = decideLinkUse(existing, now);
      throw new LinkRefusedError(state === 'ok' ? 'used' : state);
    }
    const changed = await tx
      .update(h)
      .set({
        status: to,
        confirmationId: claimed.id,
        confirmedAt: now,
        confirmedByName: data.name,
        note: data.remark,
      })
      .where(and(inArray(h.id, claimed.entryIds), eq(h.status, 'registered'), isNull(h.confirmationId)))
      .returning({ id: h.id, minutes: h.minutes });
    const [trajectory] = await tx
      .select({ org: t.counsellorOrganisationId })
      .from(t)
      .where(eq(t.id, claimed.trajectoryId));
    await writeAudit(tx, systemActor, {
      action: data.decision === 'confirm' ? 'hours.confirmed' : 'hours.disputed',
      entityType: 'participation_trajectory',
      entityId: claimed.trajectoryId,
      ownerOrganisationId: trajectory?.org ?? null,
      after: {
        linkId: claimed.id,
        by: data.name,
        entries: changed.map((c) => c.id),
        minutes: changed.reduce((s, c) => s + c.minutes, 0),
      },
    });
    return {
      decision: data.decision,
      entries: changed.length,
      minutes: changed.reduce((s, c) => s + c.minutes, 0),
    };
  });
}

export const hourDecisionSchema = z.object({
  action: z.enum(['validate', 'reject'], { error: 'Kies valideren of afwijzen.' }),
});

/** The counsellor validates confirmed hours (or rejects an entry); a step from the wrong state is a 409. */
export async function decideHours(
  ctx: ServiceContext,
  trajectoryId: string,
  entryId: string,
  input: unknown,
) {
  const { action } = parseInput(hourDecisionSchema, input);
  if (!isUuid(entryId)) throw new NotFoundError('Deze uren bestaan niet.');
  return ctx.transaction(async (tx) => {
    const trajectory = await lockActiveTrajectory(tx, ctx, trajectoryId);
    const [entry] = await tx
      .select()
      .from(h)
      .where(and(eq(h.id, entryId), eq(h.trajectoryId, trajectoryId)));
    if (!entry) throw new NotFoundError('Deze uren bestaan niet.');
    const to = transition(hourWorkflow, entry.status as HourStatus, action, ctx.user.active.role);
    const now = new Date();
    const [after] = await tx
      .update(h)
      .set({ status: to, validatedAt: now, validatedByUserId: ctx.user.userId })
      .where(and(eq(h.id, entryId), eq(h.status, entry.status)))
      .returning();
    if (!after) throw new ConflictError('Iemand anders wijzigde deze uren net. Laad de pagina opnieuw.');
    await writeAudit(tx, ctx.actor, {
      action: `hours.${action}`,
      entityType: 'participation_trajectory',
      entityId: trajectoryId,
      ownerOrganisationId: trajectory.counsellorOrganisationId,
      before: { entryId, status: entry.status },
      after: { entryId, status: after.status, minutes: after.minutes },
    });
    return after;
  });
}

/** Validates every confirmed entry of the trajectory at once. */
export async function validateAllConfirmed(ctx: ServiceContext, trajectoryId: string) {
  return ctx.transaction(async (tx) => {
    const trajectory = await lockActiveTrajectory(tx, ctx, trajectoryId);
    transition(hourWorkflow, 'confirmed', 'validate', ctx.user.active.role);
    const changed = await tx
      .update(h)
      .set({ status: 'validated', validatedAt: new Date(), validatedByUserId: ctx.user.userId })
      .where(and(eq(h.trajectoryId, trajectoryId), eq(h.status, 'confirmed')))
      .returning({ id: h.id, minutes: h.minutes });
    if (changed.length === 0) throw new ConflictError('Er zijn geen bevestigde uren om te valideren.');
    await writeAudit(tx, ctx.actor, {
      action: 'hours.validate',
      entityType: 'participation_trajectory',
      entityId: trajectoryId,
      ownerOrganisationId: trajectory.counsellorOrganisationId,
      after: { entries: changed.map((c) => c.id), minutes: changed.reduce((s, c) => s + c.minutes, 0) },
    });
    return changed.length;
  });
}

export const trajectoryActionSchema = z.object({
  action: z.enum(['close', 'stop', 'resume'], { error: 'Kies wat u wilt doen.' }),
});

/** Close (with a certificate, from 40 validated hours), stop or resume a trajectory. */
export async function changeTrajectoryStatus(ctx: ServiceContext, id: string, input: unknown) {
  const { action } = parseInput(trajectoryActionSchema, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx.select().from(t).where(ownTrajectory(ctx, id)).for('update');
    if (!row) throw new NotFoundError('Dit traject bestaat niet.');
    if (row.anonymisedAt)
      throw new ConflictError('Dit traject is geanonimiseerd en kan niet meer veranderen.');
    const to = transition(trajectoryWorkflow, row.status as TrajectoryStatus, action, ctx.user.active.role);
    const now = new Date();
    let certificate: typeof participationCertificates.$inferSelect | undefined;
    if (action === 'close') {
      const entries = await tx.select().from(h).where(eq(h.trajectoryId, id));
      const minutes = countValidatedMinutes(entries);
      const p = progress(minutes);
      if (!p.complete)
        throw new ValidationError(
          {
            _form: `Er zijn pas ${formatHours(minutes)} gevalideerd. Nog ${formatHours(p.remainingMinutes)} nodig.`,
          },
          `Een traject sluit u af vanaf 40 gevalideerde uren. Nu: ${formatHours(minutes)}.`,
        );
      const activities = await tx.select().from(a).where(eq(a.trajectoryId, id));
      const counted = entries.filter((e) => e.status === 'validated' && e.confirmationId);
      const perActivity = activities
        .map((act) => ({
          title: act.title,
          category: act.category,
          minutes: counted.filter((e) => e.activityId === act.id).reduce((s, e) => s + e.minutes, 0),
        }))
        .filter((x) => x.minutes > 0);
      const [org] = await tx
        .select({ name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, row.counsellorOrganisationId));
      for (let attempt = 0; !certificate && attempt < 5; attempt++) {
        [certificate] = await tx
          .insert(participationCertificates)
          .values({
            trajectoryId: id,
            verificationCode: newVerificationCode(),
            trajectoryCode: row.code,
            issuerOrganisationId: row.counsellorOrganisationId,
            issuerName: org?.name ?? '',
            validatedMinutes: minutes,
            periodStart: row.startDate,
            periodEnd:
              counted
                .map((e) => e.date)
                .sort()
                .at(-1) ?? todayIso(now),
            activities: perActivity,
            issuedAt: now,
          })
          .onConflictDoNothing()
          .returning();
      }
      if (!certificate) throw new ConflictError('Er is al een attest voor dit traject.');
    }
    const [after] = await tx
      .update(t)
      .set({ status: to, closedAt: to === 'active' ? null : now, updatedAt: now })
      .where(and(eq(t.id, id), eq(t.status, row.status)))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: `trajectory.${action}`,
      entityType: 'participation_trajectory',
      entityId: id,
      ownerOrganisationId: row.counsellorOrganisationId,
      before: { status: row.status },
      after: { status: after!.status, certificate: certificate?.verificationCode },
    });
    return { trajectory: after!, certificate: certificate ?? null };
  });
}

/** What the certificate shows; the printable page is a view of the record, so it is logged. */
export async function getCertificateForPrint(ctx: ServiceContext, trajectoryId: string) {
  const where = ownTrajectory(ctx, trajectoryId);
  const [row] = await ctx.db
    .select({ certificate: participationCertificates })
    .from(participationCertificates)
    .innerJoin(t, eq(t.id, participationCertificates.trajectoryId))
    .where(where);
  if (!row) throw new NotFoundError('Er is nog geen attest voor dit traject.');
  await logAccess(ctx.db, ctx, trajectoryId, 'certificate');
  return row.certificate;
}

/**
 * The public check of a certificate code: only what the certificate itself shows (no municipality,
 * no counsellor, nothing else of the record). Returns null for an unknown or unreadable code.
 */
export async function verifyCertificate(db: Executor, input: string) {
  const code = normaliseVerificationCode(input);
  if (!code) return null;
  const [c] = await db
    .select({
      verificationCode: participationCertificates.verificationCode,
      trajectoryCode: participationCertificates.trajectoryCode,
      issuerName: participationCertificates.issuerName,
      validatedMinutes: participationCertificates.validatedMinutes,
      periodStart: participationCertificates.periodStart,
      periodEnd: participationCertificates.periodEnd,
      activities: participationCertificates.activities,
      issuedAt: participationCertificates.issuedAt,
      revokedAt: participationCertificates.revokedAt,
      anonymisedAt: t.anonymisedAt,
    })
    .from(participationCertificates)
    .innerJoin(t, eq(t.id, participationCertificates.trajectoryId))
    .where(eq(participationCertificates.verificationCode, code));
  return c ?? null;
}

export type VerifiedCertificate = NonNullable<Awaited<ReturnType<typeof verifyCertificate>>>;

/** Advisory lock key of the anonymisation job: one instance anonymises a batch at a time. */
const ANONYMISE_LOCK = 715_002;

/**
 * Anonymises completed and stopped trajectories whose retention period has passed: the code, the
 * counsellor, contact persons, names and notes go; dates, municipality, hours and the certificate's
 * validity stay for the aggregates. Works set-based in batches of `batchSize` trajectories, each batch
 * one transaction with its audit records; stops when another instance holds the job's lock. Returns
 * how many.
 */
export async function anonymiseExpiredTrajectories(
  db: Executor,
  now = new Date(),
  days = DEFAULT_RETENTION_DAYS,
  batchSize = 500,
) {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const lock = (await tx.execute(sql`select pg_try_advisory_xact_lock(${ANONYMISE_LOCK}) as locked`)) as {
        rows: Array<{ locked: boolean }>;
      };
      if (!lock.rows[0]?.locked) return -1;
      const due = await tx
        .select({ id: t.id, org: t.counsellorOrganisationId })
        .from(t)
        .where(
          and(inArray(t.status, ['completed', 'stopped']), isNull(t.anonymisedAt), lte(t.closedAt, cutoff)),
        )
        .orderBy(asc(t.closedAt), asc(t.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (due.length === 0) return 0;
      const ids = due.map((row) => row.id);
      const codes = due.map((row) => anonymisedFields(row.id).code);
      await tx.execute(sql`
        update ${t} set code = u.code, counsellor_user_id = null, note = null,
          anonymised_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
        from unnest(array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[], array[${sql.join(
          codes.map((code) => sql`${code}`),
          sql`, `,
        )}]::text[]) as u(id, code)
        where ${t.id} = u.id`);
      // Rows already without personal data are left alone (no needless new row versions).
      await tx
        .update(a)
        .set({ contactName: 'Geanonimiseerd', contactEmail: 'geanonimiseerd@invalid' })
        .where(
          and(
            inArray(a.trajectoryId, ids),
            sql`(${a.contactName} is distinct from 'Geanonimiseerd' or ${a.contactEmail} is distinct from 'geanonimiseerd@invalid')`,
          ),
        );
      await tx
        .update(h)
        .set({ confirmedByName: null, note: null })
        .where(
          and(inArray(h.trajectoryId, ids), sql`(${h.confirmedByName} is not null or ${h.note} is not null)`),
        );
      await tx.delete(l).where(inArray(l.trajectoryId, ids));
      await tx
        .update(participationCertificates)
        .set({ trajectoryCode: 'Geanonimiseerd' })
        .where(inArray(participationCertificates.trajectoryId, ids));
      await writeAudits(
        tx,
        systemActor,
        due.map((row) => ({
          action: 'trajectory.anonymised',
          entityType: 'participation_trajectory',
          entityId: row.id,
          ownerOrganisationId: row.org,
          after: { retentionDays: days },
        })),
      );
      return due.length;
    });
    if (done > 0) total += done;
    if (done < batchSize) return total;
  }
}

// ---------------------------------------------------------------------------------------------
// Confirming while logged in: the organisation that owns the offer confirms in Regiekamer itself.

/**
 * Hours waiting for confirmation at activities of the caller's own offers, per activity. Shows only
 * the pseudonymous code and the dates and hours, which the contact person needs to confirm.
 */
export async function listOwnerConfirmations(ctx: ServiceContext, page: Page) {
  const p = requirePublisher(ctx.user);
  const where = and(
    eq(participationOffers.ownerOrganisationId, p.active.organisationId),
    eq(t.status, 'active'),
    sql`exists (select 1 from ${h} where ${h.activityId} = ${a.id} and ${h.status} = 'registered')`,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        activityId: a.id,
        title: a.title,
        trajectoryCode: t.code,
        counsellorOrganisation: organisations.name,
      })
      .from(a)
      .innerJoin(participationOffers, eq(participationOffers.id, a.offerId))
      .innerJoin(t, eq(t.id, a.trajectoryId))
      .innerJoin(organisations, eq(organisations.id, t.counsellorOrganisationId))
      .where(where)
      .orderBy(asc(a.title), asc(a.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db
      .select({ n: count() })
      .from(a)
      .innerJoin(participationOffers, eq(participationOffers.id, a.offerId))
      .innerJoin(t, eq(t.id, a.trajectoryId))
      .where(where),
  ]);
  const entries = rows.length
    ? await ctx.db
        .select({ activityId: h.activityId, id: h.id, date: h.date, minutes: h.minutes })
        .from(h)
        .where(
          and(
            inArray(
              h.activityId,
              rows.map((r) => r.activityId),
            ),
            eq(h.status, 'registered'),
          ),
        )
        .orderBy(asc(h.date))
    : [];
  return {
    items: rows.map((r) => ({ ...r, entries: entries.filter((e) => e.activityId === r.activityId) })),
    total: total?.n ?? 0,
  };
}

export type OwnerConfirmation = Awaited<ReturnType<typeof listOwnerConfirmations>>['items'][number];

export const ownerConfirmationSchema = z.object({
  decision: z.enum(['confirm', 'dispute'], { error: 'Kies of de uren kloppen.' }),
  remark: fields.optionalText('de opmerking', 500),
});

/**
 * The owner of the offer confirms (or disputes) the waiting hours of one activity while logged in.
 * It counts as one confirmation, like a used link: open links for the activity stop working.
 */
export async function confirmAsOwner(ctx: ServiceContext, activityId: string, input: unknown) {
  const p = requirePublisher(ctx.user);
  if (!isUuid(activityId)) throw new NotFoundError('Deze activiteit bestaat niet.');
  const data = parseInput(ownerConfirmationSchema, input);
  const to = transition(hourWorkflow, 'registered', data.decision, p.active.role) as HourStatus;
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .select({ activity: a, trajectory: t })
      .from(a)
      .innerJoin(participationOffers, eq(participationOffers.id, a.offerId))
      .innerJoin(t, eq(t.id, a.trajectoryId))
      .where(and(eq(a.id, activityId), eq(participationOffers.ownerOrganisationId, p.active.organisationId)))
      .for('update', { of: t });
    if (!row) throw new NotFoundError('Deze activiteit bestaat niet.');
    if (row.trajectory.status !== 'active') throw new ConflictError('Dit traject loopt niet meer.');
    const waiting = await tx
      .select({ id: h.id, minutes: h.minutes })
      .from(h)
      .where(and(eq(h.activityId, activityId), eq(h.status, 'registered'), isNull(h.confirmationId)));
    if (waiting.length === 0) throw new ConflictError('Er zijn geen uren meer die op bevestiging wachten.');
    const now = new Date();
    await tx
      .update(l)
      .set({ expiresAt: now })
      .where(and(eq(l.activityId, activityId), isNull(l.usedAt), sql`${l.expiresAt} > ${now.toISOString()}`));
    const id = crypto.randomUUID();
    await tx.insert(l).values({
      id,
      trajectoryId: row.trajectory.id,
      activityId,
      // A confirmation in the application: there is no link, only an unguessable placeholder.
      tokenHash: hashLinkToken(`session:${id}:${crypto.randomUUID()}`),
      entryIds: waiting.map((w) => w.id),
      sentTo: p.email,
      expiresAt: now,
      usedAt: now,
      decision: data.decision,
      createdByUserId: p.userId,
    });
    const changed = await tx
      .update(h)
      .set({
        status: to,
        confirmationId: id,
        confirmedAt: now,
        confirmedByName: p.name,
        confirmedByUserId: p.userId,
        note: data.remark,
      })
      .where(
        and(
          inArray(
            h.id,
            waiting.map((w) => w.id),
          ),
          eq(h.status, 'registered'),
          isNull(h.confirmationId),
        ),
      )
      .returning({ id: h.id, minutes: h.minutes });
    await writeAudit(tx, ctx.actor, {
      action: data.decision === 'confirm' ? 'hours.confirmed' : 'hours.disputed',
      entityType: 'participation_trajectory',
      entityId: row.trajectory.id,
      ownerOrganisationId: row.trajectory.counsellorOrganisationId,
      after: { confirmationId: id, by: p.name, entries: changed.map((c) => c.id) },
    });
    return {
      decision: data.decision,
      entries: changed.length,
      minutes: changed.reduce((s, c) => s + c.minutes, 0),
    };
  });
}
