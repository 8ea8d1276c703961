import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import type { Role } from '../../core/access/roles';
import { organisations, users } from '../../core/access/schema';
import { type AuditActor, writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor, Tx } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { formatDateTime, formatLongDate } from '../../core/i18n/format';
import { enqueueMail } from '../../core/mail/mail';
import { transition } from '../../core/workflow/workflow';
import { networks } from '../reference';
import { buildCalendar, type IcsEvent } from './ics';
import {
  audienceCondition,
  colleaguesOf,
  organisationFacts,
  organisationLinesMessage,
  resolveOrganisations,
} from './organisations';
import {
  type Audience,
  type AudienceKind,
  allocate,
  audienceKinds,
  brusselsLocalToUtc,
  canRecordAttendance,
  canSelfCancel,
  eventTypes,
  isInAudience,
  monthRange,
  organisationLimitMessage,
  outsideAudienceMessage,
  registrationClosedReason,
  registrationWindow,
  themes,
  toPromote,
  utcToBrusselsLocal,
} from './rules';
import { calendarFeeds, eventInvitations, events, learningNetworks, registrations } from './schema';
import {
  activeRegistrationStatuses,
  countingRegistrationStatuses,
  organiserRoles,
  type RegistrationStatus,
  registrationWorkflow,
  systemTransition,
} from './workflow';

export type EventRow = typeof events.$inferSelect;
type EventResource = { type: 'knowledge_event'; organiserOrganisationId: string };

const isOrganiserRole = (role: Role) => (organiserRoles as readonly Role[]).includes(role);

/** Agencies and regional networks organise events (and administrators, for any organiser). */
definePolicy('knowledge_event', 'create', (p: Principal) =>
  p.active.role === 'platform_admin'
    ? true
    : isOrganiserRole(p.active.role) && ['agency', 'network'].includes(p.active.organisationType),
);
/** Only the organising organisation's staff manage an event, its participants and attendance. */
definePolicy<EventResource>(
  'knowledge_event',
  'manage',
  (p, e) =>
    p.active.role === 'platform_admin' ||
    (isOrganiserRole(p.active.role) && p.active.organisationId === e.organiserOrganisationId),
);

export const canManageEvent = (p: Principal | null | undefined, e: { organiserOrganisationId: string }) =>
  can(p, 'manage', { type: 'knowledge_event', organiserOrganisationId: e.organiserOrganisationId });
export const canCreateEvent = (p: Principal | null | undefined) =>
  can(p, 'create', { type: 'knowledge_event' });

// ---------------------------------------------------------------------------------------------
// Reading events
// ---------------------------------------------------------------------------------------------

const counting = countingRegistrationStatuses;
const takenSql = sql<number>`(select count(*)::int from ${registrations} where ${registrations.eventId} = ${events.id} and ${registrations.status} in (${sql.join(
  counting.map((s) => sql`${s}`),
  sql`, `,
)}))`;
const waitlistedSql = sql<number>`(select count(*)::int from ${registrations} where ${registrations.eventId} = ${events.id} and ${registrations.status} = 'waitlisted')`;

const eventListColumns = {
  id: events.id,
  title: events.title,
  type: events.type,
  themes: events.themes,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  location: events.location,
  onlineUrl: events.onlineUrl,
  capacity: events.capacity,
  registrationOpensAt: events.registrationOpensAt,
  registrationClosesAt: events.registrationClosesAt,
  waitlistEnabled: events.waitlistEnabled,
  approvalRequired: events.approvalRequired,
  cancelledAt: events.cancelledAt,
  audienceKind: events.audienceKind,
  audienceCode: events.audienceCode,
  learningNetworkId: events.learningNetworkId,
  organiserOrganisationId: events.organiserOrganisationId,
  organiserName: organisations.name,
  taken: takenSql,
  waitlisted: waitlistedSql,
  updatedAt: events.updatedAt,
  revision: events.revision,
  description: events.description,
};
const optionalFilter = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

export const agendaFilterSchema = z.object({
  theme: z.enum(themes).optional().catch(undefined),
  type: z.enum(eventTypes).optional().catch(undefined),
  region: z
    .string()
    .regex(/^[A-Z0-9]{2,20}$/)
    .optional()
    .catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional()
    .catch(undefined),
  q: optionalFilter(100),
});
export type AgendaFilter = z.infer<typeof agendaFilterSchema>;

function agendaConditions(filter: AgendaFilter, now: Date): SQL[] {
  const conditions: SQL[] = [];
  const range = filter.month ? monthRange(filter.month) : null;
  if (range) conditions.push(gte(events.startsAt, range.from), lt(events.startsAt, range.to));
  else conditions.push(gte(events.endsAt, now));
  if (filter.theme) conditions.push(sql`${filter.theme} = any(${events.themes})`);
  if (filter.type) conditions.push(eq(events.type, filter.type));
  if (filter.region) {
    // Events for that region: its reference region, its regional network, or run by that network.
    conditions.push(
      or(
        and(eq(events.audienceKind, 'region'), eq(events.audienceCode, filter.region)),
        and(
          eq(events.audienceKind, 'network'),
          sql`${events.audienceCode} in (select ${networks.code} from ${networks} where ${networks.code} = ${filter.region} or ${networks.referenceRegionCode} = ${filter.region})`,
        ),
        sql`${events.organiserOrganisationId} in (select ${organisations.id} from ${organisations} where ${organisations.networkCode} = ${filter.region})`,
      )!,
    );
  }
  if (filter.q) {
    const term = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${events.title} ilike ${term} or ${events.description} ilike ${term})`);
  }
  return conditions;
}

/** The public agenda: upcoming events (or one month), filtered, paginated. */
export async function listAgenda(db: Executor, filter: AgendaFilter, page: Page, now = new Date()) {
  const where = and(...agendaConditions(filter, now));
  const [items, [total]] = await Promise.all([
    db
      .select(eventListColumns)
      .from(events)
      .innerJoin(organisations, eq(organisations.id, events.organiserOrganisationId))
      .where(where)
      .orderBy(asc(events.startsAt), asc(events.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(events).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
export type EventListRow = Awaited<ReturnType<typeof listAgenda>>['items'][number];

async function eventRow(db: Executor, id: string): Promise<EventRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Dit evenement bestaat niet.');
  const [row] = await db.select().from(events).where(eq(events.id, id));
  if (!row) throw new NotFoundError('Dit evenement bestaat niet.');
  return row;
}

export function audienceOf(event: EventRow, invitedOrganisationIds: string[]): Audience {
  return {
    kind: event.audienceKind as AudienceKind,
    code: event.audienceCode,
    invitedOrganisationIds,
    learningNetworkId: event.learningNetworkId,
  };
}

async function invitedOrganisations(db: Executor, eventId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(eventInvitations)
    .innerJoin(organisations, eq(organisations.id, eventInvitations.organisationId))
    .where(eq(eventInvitations.eventId, eventId))
    .orderBy(asc(organisations.name));
}

/** A Dutch description of who may register. */
async function audienceDescription(db: Executor, event: EventRow, invited: { name: string }[]) {
  switch (event.audienceKind as AudienceKind) {
    case 'all_local_governments':
      return 'Alle lokale besturen (ook de VGC, vzw De Rand en intergemeentelijke samenwerkingsverbanden)';
    case 'region':
    case 'network': {
      const [n] = await db
        .select({ name: networks.name })
        .from(networks)
        .where(eq(networks.code, event.audienceCode ?? ''));
      return event.audienceKind === 'region'
        ? `De lokale besturen van de referentieregio ${n?.name ?? event.audienceCode}`
        : `De leden van het regionaal netwerk ${n?.name ?? event.audienceCode}`;
    }
    case 'invited':
      return `Uitgenodigde organisaties: ${invited.map((o) => o.name).join(', ')}`;
    case 'learning_network': {
      const [ln] = await db
        .select({ name: learningNetworks.name })
        .from(learningNetworks)
        .where(eq(learningNetworks.id, event.learningNetworkId ?? '00000000-0000-0000-0000-000000000000'));
      return `De leden van het lerend netwerk ${ln?.name ?? ''}`;
    }
    default:
      return '';
  }
}

/** One event for its page: public facts, and for a signed-in user what they and their organisation can do. */
export async function getEventDetail(
  db: Executor,
  principal: Principal | null,
  id: string,
  now = new Date(),
) {
  const event = await eventRow(db, id);
  const [counts] = await db
    .select({ taken: takenSql, waitlisted: waitlistedSql, organiserName: organisations.name })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.organiserOrganisationId))
    .where(eq(events.id, id));
  const invited = event.audienceKind === 'invited' ? await invitedOrganisations(db, id) : [];
  const [audienceText, learningNetwork] = await Promise.all([
    audienceDescription(db, event, invited),
    event.learningNetworkId
      ? db
          .select({ id: learningNetworks.id, name: learningNetworks.name })
          .from(learningNetworks)
          .where(eq(learningNetworks.id, event.learningNetworkId))
          .then((r) => r[0] ?? null)
      : null,
  ]);
  let viewer: {
    inAudience: boolean;
    canManage: boolean;
    colleagues: Awaited<ReturnType<typeof colleaguesOf>>;
    registrations: Array<{
      id: string;
      userId: string;
      name: string;
      status: RegistrationStatus;
      waitlistPosition: number | null;
    }>;
  } | null = null;
  if (principal) {
    const facts = await organisationFacts(db, principal.active);
    const inAudience = isInAudience(
      audienceOf(
        event,
        invited.map((o) => o.id),
      ),
      facts,
    );
    const own = await db
      .select({
        id: registrations.id,
        userId: registrations.userId,
        name: users.name,
        status: registrations.status,
        arrival: registrations.arrival,
      })
      .from(registrations)
      .innerJoin(users, eq(users.id, registrations.userId))
      .where(
        and(
          eq(registrations.eventId, id),
          ne(registrations.status, 'cancelled'),
          or(
            eq(registrations.organisationId, principal.active.organisationId),
            eq(registrations.userId, principal.userId),
          ),
        ),
      )
      .orderBy(asc(registrations.arrival));
    const positions = await waitlistPositions(
      db,
      id,
      own.filter((r) => r.status === 'waitlisted').map((r) => r.arrival),
    );
    viewer = {
      inAudience,
      canManage: canManageEvent(principal, event),
      colleagues: inAudience ? await colleaguesOf(db, principal.active.organisationId) : [],
      registrations: own.map((r) => ({
        id: r.id,
        userId: r.userId,
        name: r.name,
        status: r.status as RegistrationStatus,
        waitlistPosition: positions.get(r.arrival) ?? null,
      })),
    };
  }
  return {
    event,
    organiserName: counts?.organiserName ?? '',
    taken: counts?.taken ?? 0,
    waitlisted: counts?.waitlisted ?? 0,
    invited,
    audienceText,
    learningNetwork,
    window: registrationWindow(event, now),
    closedReason: registrationClosedReason(event, now, formatDateTime),
    canSelfCancel: canSelfCancel(event, now),
    viewer,
  };
}
export type EventDetail = Awaited<ReturnType<typeof getEventDetail>>;

/** Place on the waitlist (1 = next in line) for the given arrival numbers. */
async function waitlistPositions(db: Executor, eventId: string, arrivals: number[]) {
  const out = new Map<number, number>();
  if (!arrivals.length) return out;
  const rows = await db
    .select({ arrival: registrations.arrival })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.arrival));
  rows.forEach((r, i) => {
    if (arrivals.includes(r.arrival)) out.set(r.arrival, i + 1);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Creating, changing and cancelling events
// ---------------------------------------------------------------------------------------------

const yes = fields.many(z.string()).transform((v) => v.includes('ja'));
const optionalInt = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .max(10)
    .optional()
    .transform((v, c) => {
      if (!v) return null;
      if (!/^\d+$/.test(v)) {
        c.addIssue({ code: 'custom', message: `Vul bij ${label} een geheel getal in, bv. 40.` });
        return z.NEVER;
      }
      const n = Number(v);
      if (n < min || n > max) {
        c.addIssue({ code: 'custom', message: `${label} moet tussen ${min} en ${max} liggen.` });
        return z.NEVER;
      }
      return n;
    });
const optionalUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .url({ protocol: /^https?$/, error: `Vul bij ${label} een volledig webadres in, bv. https://…` })
        .nullable(),
    );
const dateText = z.string().trim().max(10).optional().default('');
const timeText = z.string().trim().max(5).optional().default('');

export const eventInputSchema = z.object({
  title: fields.requiredText('een titel', 200),
  description: fields.requiredText('een beschrijving', 5000),
  type: z.enum(eventTypes, { error: 'Kies een soort evenement.' }),
  themes: fields
    .many(z.enum(themes, { error: 'Kies een thema uit de lijst.' }))
    .pipe(z.array(z.enum(themes)).min(1, { error: 'Kies minstens één thema.' })),
  audienceKind: z.enum(audienceKinds, { error: 'Kies voor wie het evenement is.' }),
  audienceRegion: optionalFilter(20),
  audienceNetwork: optionalFilter(20),
  invited: z.string().max(20_000).optional().default(''),
  learningNetworkId: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.uuid({ error: 'Onbekend lerend netwerk.' }).nullable()),
  startDate: dateText,
  startTime: timeText,
  endDate: dateText,
  endTime: timeText,
  location: fields.optionalText('de plaats', 300),
  onlineUrl: optionalUrl('de link'),
  capacity: optionalInt('het aantal plaatsen', 1, 10_000),
  registrationOpensDate: dateText,
  registrationClosesDate: dateText,
  registrationClosesTime: timeText,
  waitlistEnabled: yes,
  approvalRequired: yes,
  organisationLimit: optionalInt('het maximum per organisatie', 1, 1000),
});

type EventValues = Omit<typeof events.$inferInsert, 'organiserOrganisationId'> & { invitedIds: string[] };

/** Checks an event form and turns it into column values; every problem becomes a Dutch field message. */
async function readEventInput(db: Executor, input: unknown): Promise<EventValues> {
  const d = parseInput(eventInputSchema, input);
  const errors: Record<string, string> = {};
  const startsAt = d.startDate ? brusselsLocalToUtc(d.startDate, d.startTime || '00:00') : null;
  if (!d.startDate) errors.startDate = 'Vul de datum van het evenement in.';
  else if (!d.startTime) errors.startTime = 'Vul het beginuur in, bv. 09:30.';
  else if (!startsAt) errors.startDate = 'Vul een bestaande datum en een uur als 09:30 in.';
  const endsAt = d.endTime ? brusselsLocalToUtc(d.endDate || d.startDate, d.endTime) : null;
  if (!d.endTime) errors.endTime = 'Vul het einduur in, bv. 12:00.';
  else if (!endsAt) errors.endTime = 'Vul een bestaand einduur in, bv. 12:00.';
  else if (startsAt && endsAt <= startsAt) errors.endTime = 'Het evenement moet eindigen na het begin.';
  if (!d.location && !d.onlineUrl)
    errors.location = 'Vul een plaats in, of een link voor een online evenement.';
  const opensAt = d.registrationOpensDate ? brusselsLocalToUtc(d.registrationOpensDate) : null;
  if (d.registrationOpensDate && !opensAt) errors.registrationOpensDate = 'Vul een bestaande datum in.';
  let closesAt = startsAt;
  if (d.registrationClosesDate) {
    closesAt = brusselsLocalToUtc(d.registrationClosesDate, d.registrationClosesTime || '23:59');
    if (!closesAt) errors.registrationClosesDate = 'Vul een bestaande datum in.';
    else if (startsAt && closesAt > startsAt)
      errors.registrationClosesDate = 'De inschrijvingen moeten sluiten vóór het evenement begint.';
    else if (opensAt && closesAt <= opensAt)
      errors.registrationClosesDate = 'De inschrijvingen moeten sluiten na de opening.';
  }
  let audienceCode: string | null = null;
  let invitedIds: string[] = [];
  if (d.audienceKind === 'region' || d.audienceKind === 'network') {
    const field = d.audienceKind === 'region' ? 'audienceRegion' : 'audienceNetwork';
    const code = d.audienceKind === 'region' ? d.audienceRegion : d.audienceNetwork;
    const [known] = code
      ? await db
          .select({ code: networks.code })
          .from(networks)
          .where(
            d.audienceKind === 'region' ? eq(networks.referenceRegionCode, code) : eq(networks.code, code),
          )
      : [];
    if (!known)
      errors[field] =
        d.audienceKind === 'region' ? 'Kies een referentieregio.' : 'Kies een regionaal netwerk.';
    audienceCode = code ?? null;
  }
  if (d.audienceKind === 'invited') {
    const resolved = await resolveOrganisations(db, d.invited);
    const message = organisationLinesMessage(resolved);
    if (message) errors.invited = message;
    else if (!resolved.ids.length) errors.invited = 'Vul minstens één organisatie in.';
    invitedIds = resolved.ids;
  }
  if (d.audienceKind === 'learning_network' && !d.learningNetworkId)
    errors.audienceKind = 'Een evenement voor een lerend netwerk maakt u vanaf de pagina van dat netwerk.';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    title: d.title,
    description: d.description,
    type: d.type,
    themes: d.themes,
    audienceKind: d.audienceKind,
    audienceCode,
    learningNetworkId: d.learningNetworkId,
    startsAt: startsAt!,
    endsAt: endsAt!,
    location: d.location,
    onlineUrl: d.onlineUrl,
    capacity: d.capacity,
    registrationOpensAt: opensAt,
    registrationClosesAt: closesAt!,
    waitlistEnabled: d.waitlistEnabled,
    approvalRequired: d.approvalRequired,
    organisationLimit: d.organisationLimit,
    invitedIds,
  };
}

/** Form values for an existing event (Brussels dates and times). */
export function eventFormValues(event: EventRow, invited: { name: string }[]) {
  const start = utcToBrusselsLocal(event.startsAt);
  const end = utcToBrusselsLocal(event.endsAt);
  const closes = utcToBrusselsLocal(event.registrationClosesAt);
  return {
    title: event.title,
    description: event.description,
    type: event.type,
    themes: event.themes,
    audienceKind: event.audienceKind,
    audienceRegion: event.audienceKind === 'region' ? event.audienceCode : '',
    audienceNetwork: event.audienceKind === 'network' ? event.audienceCode : '',
    invited: invited.map((o) => o.name).join('\n'),
    learningNetworkId: event.learningNetworkId ?? '',
    startDate: start.date,
    startTime: start.time,
    endDate: end.date === start.date ? '' : end.date,
    endTime: end.time,
    location: event.location ?? '',
    onlineUrl: event.onlineUrl ?? '',
    capacity: event.capacity ?? '',
    registrationOpensDate: event.registrationOpensAt
      ? utcToBrusselsLocal(event.registrationOpensAt).date
      : '',
    registrationClosesDate: closes.date,
    registrationClosesTime: closes.time,
    waitlistEnabled: event.waitlistEnabled ? ['ja'] : [],
    approvalRequired: event.approvalRequired ? ['ja'] : [],
    organisationLimit: event.organisationLimit ?? '',
  };
}

/** A session of a learning network may only be added by those who run the network. */
async function checkLearningNetwork(ctx: ServiceContext, learningNetworkId: string | null | undefined) {
  if (!learningNetworkId) return;
  const [ln] = await ctx.db
    .select({ organiserOrganisationId: learningNetworks.organiserOrganisationId })
    .from(learningNetworks)
    .where(eq(learningNetworks.id, learningNetworkId));
  if (!ln || !canManageEvent(ctx.user, ln))
    throw new ValidationError({ audienceKind: 'U kunt geen sessies toevoegen aan dit lerend netwerk.' });
}

export async function createEvent(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  if (!canCreateEvent(user))
    throw new ForbiddenError('Alleen agentschappen en regionale netwerken organiseren evenementen.');
  const { invitedIds, ...values } = await readEventInput(ctx.db, input);
  await checkLearningNetwork(ctx, values.learningNetworkId);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({
        ...values,
        organiserOrganisationId: user.active.organisationId,
        createdByUserId: user.userId,
      })
      .returning();
    if (invitedIds.length)
      await tx
        .insert(eventInvitations)
        .values(invitedIds.map((organisationId) => ({ eventId: row!.id, organisationId })));
    await writeAudit(tx, ctx.actor, {
      action: 'event.created',
      entityType: 'knowledge_event',
      entityId: row!.id,
      ownerOrganisationId: row!.organiserOrganisationId,
      after: { ...row, invitedIds },
    });
    return row!;
  });
}

async function manageableEvent(ctx: ServiceContext, id: string): Promise<EventRow> {
  const event = await eventRow(ctx.db, id);
  // Another organisation's event: as if it did not exist for changing.
  if (!canManageEvent(ctx.user, event)) throw new NotFoundError();
  return event;
}

export async function getEventForEdit(ctx: ServiceContext, id: string) {
  const event = await manageableEvent(ctx, id);
  return { event, invited: await invitedOrganisations(ctx.db, id) };
}

export async function updateEvent(ctx: ServiceContext, id: string, input: unknown, now = new Date()) {
  const before = await manageableEvent(ctx, id);
  if (before.cancelledAt)
    throw new ValidationError({ title: 'Dit evenement is geannuleerd en kan niet meer wijzigen.' });
  const { invitedIds, ...values } = await readEventInput(ctx.db, input);
  if (values.learningNetworkId !== before.learningNetworkId)
    await checkLearningNetwork(ctx, values.learningNetworkId);
  return ctx.transaction(async (tx) => {
    const [locked] = await tx.select().from(events).where(eq(events.id, id)).for('update');
    const taken = await countTaken(tx, id);
    if (values.capacity !== null && values.capacity !== undefined && values.capacity < taken)
      throw new ValidationError({
        capacity: `Er zijn al ${taken} plaatsen ingenomen. Het aantal plaatsen kan niet lager dan ${taken}.`,
      });
    const [after] = await tx
      .update(events)
      .set({ ...values, revision: locked!.revision + 1, updatedAt: new Date() })
      .where(eq(events.id, id))
      .returning();
    await tx.delete(eventInvitations).where(eq(eventInvitations.eventId, id));
    if (invitedIds.length)
      await tx
        .insert(eventInvitations)
        .values(invitedIds.map((organisationId) => ({ eventId: id, organisationId })));
    await writeAudit(tx, ctx.actor, {
      action: 'event.updated',
      entityType: 'knowledge_event',
      entityId: id,
      ownerOrganisationId: after!.organiserOrganisationId,
      before,
      after: { ...after, invitedIds },
    });
    const practicalChange =
      before.startsAt.getTime() !== after!.startsAt.getTime() ||
      before.endsAt.getTime() !== after!.endsAt.getTime() ||
      before.location !== after!.location ||
      before.onlineUrl !== after!.onlineUrl;
    if (practicalChange) await mailParticipants(tx, ctx, after!, 'changed');
    await promoteFromWaitlist(tx, ctx, after!, now);
    return after!;
  });
}

export const cancelEventSchema = z.object({
  reason: fields.requiredText('de reden van de annulering', 1000),
});

/** Cancels an event: every registration is cancelled and every participant is told, with a calendar update. */
export async function cancelEvent(ctx: ServiceContext, id: string, input: unknown) {
  const event = await manageableEvent(ctx, id);
  const { reason } = parseInput(cancelEventSchema, input);
  if (event.cancelledAt) throw new ValidationError({ reason: 'Dit evenement is al geannuleerd.' });
  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(events)
      .set({
        cancelledAt: new Date(),
        cancelReason: reason,
        revision: event.revision + 1,
        updatedAt: new Date(),
      })
      .where(eq(events.id, id))
      .returning();
    await mailParticipants(tx, ctx, after!, 'cancelled');
    const active = await tx
      .update(registrations)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(
        and(
          eq(registrations.eventId, id),
          inArray(registrations.status, ['registered', 'pending_approval', 'waitlisted']),
        ),
      )
      .returning({ id: registrations.id });
    await writeAudit(tx, ctx.actor, {
      action: 'event.cancelled',
      entityType: 'knowledge_event',
      entityId: id,
      ownerOrganisationId: event.organiserOrganisationId,
      before: { cancelledAt: null },
      after: { cancelledAt: after!.cancelledAt, cancelReason: reason, cancelledRegistrations: active.length },
    });
    return after!;
  });
}

// ---------------------------------------------------------------------------------------------
// Registering
// ---------------------------------------------------------------------------------------------

export const registerSchema = z.object({
  participants: fields
    .many(z.uuid({ error: 'Kies wie u inschrijft uit de lijst.' }))
    .pipe(
      z
        .array(z.string())
        .min(1, { error: 'Kies wie u inschrijft: uzelf, een collega of meerdere collega’s.' })
        .max(100, { error: 'U kunt maximaal 100 mensen tegelijk inschrijven.' }),
    ),
});

const refuse = (message: string): never => {
  throw new ValidationError({ participants: message }, message);
};

async function countTaken(tx: Executor, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, counting)));
  return row?.n ?? 0;
}

export type RegistrationResult = { id: string; userId: string; name: string; status: RegistrationStatus };

/**
 * Registers the caller and/or colleagues of the caller's organisation. Capacity holds under load:
 * the event row is locked (SELECT … FOR UPDATE) for the whole transaction, so the count of places
 * taken and the inserts that follow cannot interleave with another registration for the same event.
 */
export async function registerForEvent(
  ctx: ServiceContext,
  eventId: string,
  input: unknown,
  now = new Date(),
): Promise<RegistrationResult[]> {
  const user = ctx.user;
  const { participants } = parseInput(registerSchema, input);
  const wanted = [...new Set(participants)];
  const event = await eventRow(ctx.db, eventId);
  const invited =
    event.audienceKind === 'invited'
      ? (
          await ctx.db
            .select({ id: eventInvitations.organisationId })
            .from(eventInvitations)
            .where(
              and(
                eq(eventInvitations.eventId, eventId),
                eq(eventInvitations.organisationId, user.active.organisationId),
              ),
            )
        ).map((r) => r.id)
      : [];
  const facts = await organisationFacts(ctx.db, user.active);
  if (!isInAudience(audienceOf(event, invited), facts))
    refuse(
      outsideAudienceMessage[event.audienceKind as AudienceKind] ??
        'Uw organisatie kan zich niet inschrijven.',
    );
  const people = await colleaguesOf(ctx.db, user.active.organisationId, wanted);
  if (people.length !== wanted.length)
    refuse(`U kunt alleen uzelf en collega’s van ${user.active.organisationName} inschrijven.`);
  // Keep the order the caller gave (arrival order within one request).
  const ordered = wanted.map((id) => people.find((p) => p.id === id)!);

  return ctx.transaction(async (tx) => {
    const [locked] = await tx.select().from(events).where(eq(events.id, eventId)).for('update');
    if (!locked) throw new NotFoundError('Dit evenement bestaat niet.');
    const closed = registrationClosedReason(locked, now, formatDateTime);
    if (closed) refuse(closed);

    const [tally] = await tx
      .select({
        taken: sql<number>`count(*) filter (where ${registrations.status} in (${sql.join(
          counting.map((s) => sql`${s}`),
          sql`, `,
        )}))::int`,
        fromOrganisation: sql<number>`count(*) filter (where ${registrations.organisationId} = ${user.active.organisationId})::int`,
      })
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')));
    const already = await tx
      .select({ userId: registrations.userId })
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, eventId),
          ne(registrations.status, 'cancelled'),
          inArray(registrations.userId, wanted),
        ),
      );
    if (already.length) {
      const names = ordered.filter((p) => already.some((a) => a.userId === p.id));
      refuse(
        names.length === 1 && names[0]!.id === user.userId
          ? 'U bent al ingeschreven voor dit evenement.'
          : `${names.map((n) => n.name).join(', ')} ${names.length === 1 ? 'is' : 'zijn'} al ingeschreven voor dit evenement.`,
      );
    }
    const limit = organisationLimitMessage(
      locked.organisationLimit,
      tally?.fromOrganisation ?? 0,
      ordered.length,
    );
    if (limit) refuse(limit);
    const allocation = allocate(locked, tally?.taken ?? 0, ordered.length);
    if (!allocation.ok) return refuse(allocation.message);

    const results: RegistrationResult[] = [];
    for (const [i, person] of ordered.entries()) {
      const status = allocation.statuses[i]!;
      const [row] = await tx
        .insert(registrations)
        .values({
          eventId,
          userId: person.id,
          organisationId: user.active.organisationId,
          registeredByUserId: user.userId,
          status,
        })
        .returning();
      await writeAudit(tx, ctx.actor, {
        action: 'registration.created',
        entityType: 'knowledge_registration',
        entityId: row!.id,
        ownerOrganisationId: user.active.organisationId,
        after: row,
      });
      await mailRegistration(tx, ctx.config.baseUrl, locked, person, status, {
        byName: person.id === user.userId ? null : user.name,
      });
      results.push({ id: row!.id, userId: person.id, name: person.name, status });
    }
    return results;
  });
}

type RegistrationWithEvent = {
  registration: typeof registrations.$inferSelect;
  event: EventRow;
  person: { id: string; name: string; email: string };
};

async function registrationWithEvent(db: Executor, id: string): Promise<RegistrationWithEvent> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze inschrijving bestaat niet.');
  const [row] = await db
    .select({
      registration: registrations,
      event: events,
      person: { id: users.id, name: users.name, email: users.email },
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(eq(registrations.id, id));
  if (!row) throw new NotFoundError('Deze inschrijving bestaat niet.');
  return row;
}

/**
 * Cancels a registration: by the participant or a colleague of the same organisation until the
 * deadline, or by the organiser at any time. The first on the waitlist moves up and is told.
 */
export async function cancelRegistration(ctx: ServiceContext, id: string, now = new Date()) {
  const user = ctx.user;
  const { registration, event, person } = await registrationWithEvent(ctx.db, id);
  const organiser = canManageEvent(user, event);
  const ownSide =
    registration.userId === user.userId || registration.organisationId === user.active.organisationId;
  if (!organiser && !ownSide) throw new NotFoundError('Deze inschrijving bestaat niet.');
  if (!organiser && !canSelfCancel(event, now)) {
    const message = event.cancelledAt
      ? 'Dit evenement is geannuleerd; uw inschrijving vervalt vanzelf.'
      : `Annuleren kon tot ${formatDateTime(event.registrationClosesAt)}. Neem contact op met de organisator.`;
    throw new ValidationError({ _form: message }, message);
  }
  return ctx.transaction(async (tx) => {
    const [locked] = await tx.select().from(events).where(eq(events.id, event.id)).for('update');
    const [current] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
    const to = transition(
      registrationWorkflow,
      current!.status as RegistrationStatus,
      'cancel',
      user.active.role,
    );
    const [after] = await tx
      .update(registrations)
      .set({ status: to, updatedAt: new Date() })
      .where(eq(registrations.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'registration.cancelled',
      entityType: 'knowledge_registration',
      entityId: id,
      ownerOrganisationId: registration.organisationId,
      before: { status: current!.status },
      after: { status: to },
    });
    await enqueueMail(tx, {
      to: person.email,
      subject: `Inschrijving geannuleerd: ${locked!.title}`,
      text: [
        `Dag ${person.name},`,
        '',
        `${person.id === user.userId ? 'U hebt' : `${user.name} heeft`} uw inschrijving voor "${locked!.title}" op ${formatLongDate(locked!.startsAt)} geannuleerd.`,
        '',
        'Met vriendelijke groeten,',
        'Regiekamer',
      ].join('\n'),
    });
    const promoted = await promoteFromWaitlist(tx, ctx, locked!, now);
    return { registration: after!, promoted };
  });
}

/**
 * Gives free places to the first people on the waitlist, in arrival order, and tells them by e-mail.
 * Call it inside the transaction that holds the event lock.
 */
export async function promoteFromWaitlist(
  tx: Tx,
  ctx: { actor: AuditActor; config: { baseUrl: string } },
  event: EventRow,
  now: Date,
) {
  if (event.cancelledAt || now >= event.startsAt || !event.waitlistEnabled) return [];
  const taken = await countTaken(tx, event.id);
  const free = event.capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, event.capacity - taken);
  if (free === 0) return [];
  const query = tx
    .select({ registration: registrations, person: { id: users.id, name: users.name, email: users.email } })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.eventId, event.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.arrival));
  const waiting = await (Number.isFinite(free) ? query.limit(free) : query);
  const chosen = toPromote(
    event,
    taken,
    waiting.map((w) => ({ ...w, arrival: w.registration.arrival })),
  );
  const action = event.approvalRequired ? 'promote_for_approval' : 'promote';
  for (const { registration, person } of chosen) {
    const to = systemTransition(registrationWorkflow, 'waitlisted', action);
    await tx
      .update(registrations)
      .set({ status: to, updatedAt: new Date() })
      .where(eq(registrations.id, registration.id));
    await writeAudit(tx, ctx.actor, {
      action: 'registration.promoted',
      entityType: 'knowledge_registration',
      entityId: registration.id,
      ownerOrganisationId: registration.organisationId,
      before: { status: 'waitlisted' },
      after: { status: to },
    });
    await mailRegistration(tx, ctx.config.baseUrl, event, person, to, { promoted: true });
  }
  return chosen.map((c) => c.registration.id);
}

/** The organiser approves or refuses a registration that waits for approval. */
export async function decideRegistration(
  ctx: ServiceContext,
  id: string,
  action: 'approve' | 'reject',
  now = new Date(),
) {
  const user = ctx.user;
  const { registration, event, person } = await registrationWithEvent(ctx.db, id);
  if (!canManageEvent(user, event)) throw new NotFoundError('Deze inschrijving bestaat niet.');
  return ctx.transaction(async (tx) => {
    const [locked] = await tx.select().from(events).where(eq(events.id, event.id)).for('update');
    const [current] = await tx.select().from(registrations).where(eq(registrations.id, id)).for('update');
    const to = transition(
      registrationWorkflow,
      current!.status as RegistrationStatus,
      action,
      user.active.role,
    );
    await tx.update(registrations).set({ status: to, updatedAt: new Date() }).where(eq(registrations.id, id));
    await writeAudit(tx, ctx.actor, {
      action: `registration.${action === 'approve' ? 'approved' : 'rejected'}`,
      entityType: 'knowledge_registration',
      entityId: id,
      ownerOrganisationId: registration.organisationId,
      before: { status: current!.status },
      after: { status: to },
    });
    if (action === 'approve') await mailRegistration(tx, ctx.config.baseUrl, locked!, person, to, {});
    else {
      await enqueueMail(tx, {
        to: person.email,
        subject: `Inschrijving niet aanvaard: ${locked!.title}`,
        text: [
          `Dag ${person.name},`,
          '',
          `De organisator kon uw inschrijving voor "${locked!.title}" op ${formatLongDate(locked!.startsAt)} niet aanvaarden.`,
          'Hebt u vragen? Neem contact op met de organisator.',
          '',
          'Met vriendelijke groeten,',
          'Regiekamer',
        ].join('\n'),
      });
      await promoteFromWaitlist(tx, ctx, locked!, now);
    }
    return to;
  });
}

// ---------------------------------------------------------------------------------------------
// Participants and attendance (organisers)
// ---------------------------------------------------------------------------------------------

const participantColumns = {
  id: registrations.id,
  arrival: registrations.arrival,
  status: registrations.status,
  createdAt: registrations.createdAt,
  name: users.name,
  email: users.email,
  organisationName: organisations.name,
  registeredByName: sql<
    string | null
  >`(select u.name from ${users} u where u.id = ${registrations.registeredByUserId})`,
};

/** Participants of an event in arrival order, for its organiser. */
export async function listParticipants(ctx: ServiceContext, eventId: string, page: Page, now = new Date()) {
  const event = await manageableEvent(ctx, eventId);
  const where = eq(registrations.eventId, eventId);
  const [items, [total], [summary]] = await Promise.all([
    ctx.db
      .select(participantColumns)
      .from(registrations)
      .innerJoin(users, eq(users.id, registrations.userId))
      .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
      .where(where)
      .orderBy(
        sql`case ${registrations.status} when 'cancelled' then 2 when 'waitlisted' then 1 else 0 end`,
        asc(registrations.arrival),
      )
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(registrations).where(where),
    ctx.db
      .select({
        taken: sql<number>`count(*) filter (where ${registrations.status} in (${sql.join(
          counting.map((s) => sql`${s}`),
          sql`, `,
        )}))::int`,
        waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
        pending: sql<number>`count(*) filter (where ${registrations.status} = 'pending_approval')::int`,
        attended: sql<number>`count(*) filter (where ${registrations.status} = 'attended')::int`,
      })
      .from(registrations)
      .where(where),
  ]);
  return {
    event,
    items: items.map((i) => ({ ...i, status: i.status as RegistrationStatus })),
    total: total?.n ?? 0,
    summary: summary ?? { taken: 0, waitlisted: 0, pending: 0, attended: 0 },
    canRecordAttendance: canRecordAttendance(event, now),
  };
}
export type ParticipantRow = Awaited<ReturnType<typeof listParticipants>>['items'][number];

/** Form fields `a_<registrationId>` = attended | no_show. */
export async function recordAttendance(
  ctx: ServiceContext,
  eventId: string,
  input: unknown,
  now = new Date(),
) {
  const user = ctx.user;
  const event = await manageableEvent(ctx, eventId);
  if (!canRecordAttendance(event, now)) {
    const message = event.cancelledAt
      ? 'Dit evenement is geannuleerd.'
      : `U kunt de aanwezigheden registreren vanaf de dag van het evenement (${formatLongDate(event.startsAt)}).`;
    throw new ValidationError({ _form: message }, message);
  }
  const body = (input ?? {}) as Record<string, unknown>;
  const wanted = new Map<string, 'attended' | 'no_show'>();
  for (const [key, value] of Object.entries(body)) {
    const id = key.startsWith('a_') ? key.slice(2) : null;
    if (!id || !z.uuid().safeParse(id).success) continue;
    if (value === 'attended' || value === 'no_show') wanted.set(id, value);
    else if (value !== '' && value !== undefined)
      throw new ValidationError({ [key]: 'Kies aanwezig of afwezig.' });
  }
  if (!wanted.size)
    throw new ValidationError({ _form: 'Duid voor minstens één deelnemer aan of die aanwezig was.' });
  return ctx.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), inArray(registrations.id, [...wanted.keys()])))
      .for('update');
    if (rows.length !== wanted.size)
      throw new NotFoundError('Een van deze inschrijvingen hoort niet bij dit evenement.');
    let changed = 0;
    for (const row of rows) {
      const target = wanted.get(row.id)!;
      if (row.status === target) continue;
      const to = transition(
        registrationWorkflow,
        row.status as RegistrationStatus,
        target === 'attended' ? 'mark_attended' : 'mark_no_show',
        user.active.role,
      );
      await tx
        .update(registrations)
        .set({ status: to, updatedAt: new Date() })
        .where(eq(registrations.id, row.id));
      await writeAudit(tx, ctx.actor, {
        action: 'registration.attendance',
        entityType: 'knowledge_registration',
        entityId: row.id,
        ownerOrganisationId: row.organisationId,
        before: { status: row.status },
        after: { status: to },
      });
      changed++;
    }
    return changed;
  });
}

/** The participant list as CSV rows; the export itself is logged, as it holds personal data. */
export async function exportParticipants(ctx: ServiceContext, eventId: string) {
  const event = await manageableEvent(ctx, eventId);
  const rows = await ctx.db
    .select(participantColumns)
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(organisations, eq(organisations.id, registrations.organisationId))
    .where(eq(registrations.eventId, eventId))
    .orderBy(asc(registrations.arrival));
  await ctx.transaction((tx) =>
    writeAudit(tx, ctx.actor, {
      action: 'event.participants_exported',
      entityType: 'knowledge_event',
      entityId: eventId,
      ownerOrganisationId: event.organiserOrganisationId,
      after: { rows: rows.length },
    }),
  );
  return { event, rows: rows.map((r) => ({ ...r, status: r.status as RegistrationStatus })) };
}

/** Events organised by the caller's organisation (all for administrators), newest first. */
export async function listOrganisedEvents(ctx: ServiceContext, page: Page) {
  const user = ctx.user;
  const where =
    user.active.role === 'platform_admin'
      ? undefined
      : eq(events.organiserOrganisationId, user.active.organisationId);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(eventListColumns)
      .from(events)
      .innerJoin(organisations, eq(organisations.id, events.organiserOrganisationId))
      .where(where)
      .orderBy(desc(events.startsAt), asc(events.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(events).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// My registrations, home cards
// ---------------------------------------------------------------------------------------------

export type RegistrationScope = 'mine' | 'organisation';

/**
 * The caller's registrations (any organisation), or those of the caller's colleagues in the active
 * organisation; upcoming first, or past.
 */
export async function listMyRegistrations(
  ctx: ServiceContext,
  options: { scope: RegistrationScope; past: boolean },
  page: Page,
  now = new Date(),
) {
  const user = ctx.user;
  const who =
    options.scope === 'mine'
      ? eq(registrations.userId, user.userId)
      : and(
          eq(registrations.organisationId, user.active.organisationId),
          ne(registrations.userId, user.userId),
        );
  const when = options.past ? lt(events.endsAt, now) : gte(events.endsAt, now);
  const where = and(who, when);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: registrations.id,
        status: registrations.status,
        arrival: registrations.arrival,
        createdAt: registrations.createdAt,
        name: users.name,
        eventId: events.id,
        title: events.title,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        registrationClosesAt: events.registrationClosesAt,
        cancelledAt: events.cancelledAt,
        location: events.location,
        onlineUrl: events.onlineUrl,
      })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .innerJoin(users, eq(users.id, registrations.userId))
      .where(where)
      .orderBy(options.past ? desc(events.startsAt) : asc(events.startsAt), asc(registrations.arrival))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db
      .select({ n: count() })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(where),
  ]);
  return {
    items: items.map((i) => ({
      ...i,
      status: i.status as RegistrationStatus,
      canCancel:
        activeRegistrationStatuses.includes(i.status as RegistrationStatus) &&
        !['attended', 'no_show'].includes(i.status) &&
        canSelfCancel({ ...i, registrationOpensAt: null }, now),
    })),
    total: total?.n ?? 0,
  };
}
export type MyRegistrationRow = Awaited<ReturnType<typeof listMyRegistrations>>['items'][number];

/** Upcoming events the caller takes part in (for the home page). */
export async function upcomingForUser(ctx: ServiceContext, limit = 5, now = new Date()) {
  const { items } = await listMyRegistrations(
    ctx,
    { scope: 'mine', past: false },
    { page: 1, pageSize: 50, offset: 0 },
    now,
  );
  return items.filter((i) => i.status !== 'cancelled').slice(0, limit);
}

/** Events the caller's organisation may register for now, where the caller is not yet registered. */
export async function openForOrganisation(ctx: ServiceContext, limit = 5, now = new Date()) {
  const user = ctx.user;
  const facts = await organisationFacts(ctx.db, user.active);
  return ctx.db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      registrationClosesAt: events.registrationClosesAt,
    })
    .from(events)
    .where(
      and(
        audienceCondition(facts),
        sql`${events.cancelledAt} is null`,
        gte(events.startsAt, now),
        gte(events.registrationClosesAt, now),
        or(sql`${events.registrationOpensAt} is null`, lt(events.registrationOpensAt, now)),
        sql`not exists (select 1 from ${registrations} where ${registrations.eventId} = ${events.id} and ${registrations.userId} = ${user.userId} and ${registrations.status} <> 'cancelled')`,
      ),
    )
    .orderBy(asc(events.registrationClosesAt))
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Calendars
// ---------------------------------------------------------------------------------------------

function icsEventFor(
  event: Pick<
    EventRow,
    | 'id'
    | 'title'
    | 'description'
    | 'startsAt'
    | 'endsAt'
    | 'location'
    | 'onlineUrl'
    | 'cancelledAt'
    | 'updatedAt'
    | 'revision'
  >,
  baseUrl: string,
  extra?: string,
): IcsEvent {
  const url = `${baseUrl}/agenda/${event.id}`;
  return {
    uid: `${event.id}@regiekamer`,
    start: event.startsAt,
    end: event.endsAt,
    summary: event.title,
    description: [extra, event.description, event.onlineUrl ? `Online: ${event.onlineUrl}` : null, url]
      .filter(Boolean)
      .join('\n\n'),
    location: event.location ?? event.onlineUrl,
    url,
    cancelled: !!event.cancelledAt,
    updatedAt: event.updatedAt,
    sequence: event.revision,
  };
}

export function eventCalendar(event: EventRow, baseUrl: string): string {
  return buildCalendar({ name: event.title, events: [icsEventFor(event, baseUrl)] });
}

/** The public agenda as an iCalendar feed: the same filters, from 30 days back, at most 500 events. */
export async function agendaCalendar(db: Executor, filter: AgendaFilter, baseUrl: string, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const { items } = await listAgenda(db, filter, { page: 1, pageSize: 500, offset: 0 }, since);
  return buildCalendar({
    name: 'Regiekamer: agenda kennisdeling',
    events: items.map((e) => icsEventFor(e, baseUrl)),
  });
}

const feedSignature = (secret: string, feedId: string) =>
  createHmac('sha256', secret).update(`knowledge-feed:${feedId}`).digest('base64url').slice(0, 32);

/** The secret address of the caller's personal agenda; `reset` makes a new one and retires the old. */
export async function personalFeedUrl(ctx: ServiceContext, options: { reset?: boolean } = {}) {
  const user = ctx.user;
  let [feed] = await ctx.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, user.userId));
  if (!feed || options.reset) {
    feed = await ctx.transaction(async (tx) => {
      // One at a time per user: two clicks at once would otherwise both insert (unique user_id).
      await tx.select({ id: users.id }).from(users).where(eq(users.id, user.userId)).for('update');
      if (!options.reset) {
        const [existing] = await tx.select().from(calendarFeeds).where(eq(calendarFeeds.userId, user.userId));
        if (existing) return existing;
      }
      await tx.delete(calendarFeeds).where(eq(calendarFeeds.userId, user.userId));
      const [row] = await tx.insert(calendarFeeds).values({ userId: user.userId }).returning();
      await writeAudit(tx, ctx.actor, {
        action: options.reset ? 'calendar_feed.reset' : 'calendar_feed.created',
        entityType: 'user',
        entityId: user.userId,
      });
      return row!;
    });
  }
  return `${ctx.config.baseUrl}/agenda/persoonlijk/${feed.id}.${feedSignature(ctx.config.sessionSecret, feed.id)}.ics`;
}

/** The personal feed for a secret token, or null when the token is unknown or forged. */
export async function personalCalendar(
  db: Executor,
  config: { baseUrl: string; sessionSecret: string },
  token: string,
  now = new Date(),
) {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{32})(?:\.ics)?$/.exec(token);
  if (!m) return null;
  const [, feedId, signature] = m;
  const expected = Buffer.from(feedSignature(config.sessionSecret, feedId!));
  if (!timingSafeEqual(expected, Buffer.from(signature!))) return null;
  const [feed] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feedId!));
  if (!feed) return null;
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await db
    .select({ event: events, status: registrations.status })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.userId, feed.userId),
        inArray(registrations.status, ['registered', 'pending_approval', 'waitlisted', 'attended']),
        gte(events.endsAt, since),
      ),
    )
    .orderBy(asc(events.startsAt))
    .limit(500);
  return buildCalendar({
    name: 'Regiekamer: mijn evenementen',
    events: rows.map((r) =>
      icsEventFor(
        r.event,
        config.baseUrl,
        r.status === 'waitlisted'
          ? 'U staat op de wachtlijst.'
          : r.status === 'pending_approval'
            ? 'Uw inschrijving wacht op goedkeuring.'
            : undefined,
      ),
    ),
  });
}

// ---------------------------------------------------------------------------------------------
// Mails
// ---------------------------------------------------------------------------------------------

function practicalLines(event: EventRow): string[] {
  const start = utcToBrusselsLocal(event.startsAt);
  const end = utcToBrusselsLocal(event.endsAt);
  return [
    `Wanneer: ${formatLongDate(event.startsAt)}, ${start.time} tot ${end.date === start.date ? end.time : `${formatLongDate(event.endsAt)} ${end.time}`}`,
    ...(event.location ? [`Waar: ${event.location}`] : []),
    ...(event.onlineUrl ? [`Online: ${event.onlineUrl}`] : []),
  ];
}

/** Confirms a registration's status to the participant; a place comes with an .ics file. */
async function mailRegistration(
  tx: Executor,
  baseUrl: string,
  event: EventRow,
  person: { name: string; email: string },
  status: RegistrationStatus,
  options: { byName?: string | null; promoted?: boolean },
) {
  const by = options.byName ? `${options.byName} heeft u ingeschreven` : 'U bent ingeschreven';
  const intro: Record<string, { subject: string; line: string }> = {
    registered: options.promoted
      ? {
          subject: `Er is een plaats vrij: u bent ingeschreven voor ${event.title}`,
          line: `Goed nieuws: er kwam een plaats vrij. U stond op de wachtlijst en bent nu ingeschreven voor "${event.title}".`,
        }
      : {
          subject: `Inschrijving bevestigd: ${event.title}`,
          line: `${by} voor "${event.title}". Uw plaats is zeker.`,
        },
    pending_approval: {
      subject: `Inschrijving ontvangen: ${event.title}`,
      line: options.promoted
        ? `Er kwam een plaats vrij voor "${event.title}". De organisator keurt uw inschrijving nog goed; u krijgt daarover een bericht.`
        : `${by} voor "${event.title}". De organisator keurt inschrijvingen eerst goed; u krijgt daarover een bericht.`,
    },
    waitlisted: {
      subject: `Op de wachtlijst: ${event.title}`,
      line: `"${event.title}" is volzet. ${options.byName ? `${options.byName} heeft u` : 'U staat'} op de wachtlijst${options.byName ? ' gezet' : ''}. Komt er een plaats vrij, dan krijgt u die automatisch in volgorde van inschrijving, en een e-mail.`,
    },
  };
  const chosen = intro[status];
  if (!chosen) return;
  await enqueueMail(tx, {
    to: person.email,
    subject: chosen.subject,
    text: [
      `Dag ${person.name},`,
      '',
      chosen.line,
      '',
      ...practicalLines(event),
      '',
      `Kunt u niet komen? Annuleer dan vóór ${formatDateTime(event.registrationClosesAt)} via ${baseUrl}/mijn-inschrijvingen, zodat iemand anders uw plaats krijgt.`,
      `Meer informatie: ${baseUrl}/agenda/${event.id}`,
      '',
      'Met vriendelijke groeten,',
      'Regiekamer',
    ].join('\n'),
    attachments:
      status === 'registered'
        ? [
            {
              filename: 'evenement.ics',
              content: eventCalendar(event, baseUrl),
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            },
          ]
        : undefined,
  });
}

/** Tells everyone with a place or on the waitlist that the event changed or was cancelled. */
async function mailParticipants(
  tx: Tx,
  ctx: { config: { baseUrl: string } },
  event: EventRow,
  what: 'changed' | 'cancelled',
) {
  const people = await tx
    .select({ name: users.name, email: users.email, status: registrations.status })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(
      and(
        eq(registrations.eventId, event.id),
        inArray(registrations.status, ['registered', 'pending_approval', 'waitlisted']),
      ),
    );
  const baseUrl = ctx.config.baseUrl;
  for (const p of people) {
    await enqueueMail(tx, {
      to: p.email,
      subject: what === 'cancelled' ? `Geannuleerd: ${event.title}` : `Gewijzigd: ${event.title}`,
      text: [
        `Dag ${p.name},`,
        '',
        what === 'cancelled'
          ? `"${event.title}" gaat niet door. Uw inschrijving vervalt.${event.cancelReason ? `\nReden: ${event.cancelReason}` : ''}`
          : `Het tijdstip of de plaats van "${event.title}" is gewijzigd. Dit zijn de nieuwe gegevens:`,
        '',
        ...practicalLines(event),
        '',
        `Meer informatie: ${baseUrl}/agenda/${event.id}`,
        '',
        'Met vriendelijke groeten,',
        'Regiekamer',
      ].join('\n'),
      attachments:
        p.status === 'registered' || what === 'cancelled'
          ? [
              {
                filename: 'evenement.ics',
                content: eventCalendar(event, baseUrl),
                contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              },
            ]
          : undefined,
    });
  }
}
