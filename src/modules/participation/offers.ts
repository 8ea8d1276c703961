import { and, asc, count, desc, eq, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { memberships, organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput, toFieldErrors } from '../../core/http/validation';
import { formatDate, todayIso } from '../../core/i18n/format';
import { enqueueMail } from '../../core/mail/mail';
import { transition } from '../../core/workflow/workflow';
import { municipalities } from '../reference';
import { isModerator, municipalitiesInScope, requirePublisher } from './access';
import { checkOfferCalendar, offerValidUntil, offerWeekdays, parseDateList, parseHours } from './rules';
import { participationOfferPlaces, participationOffers } from './schema';
import {
  audiences,
  availabilities,
  calendarTypes,
  categories,
  dutchLevels,
  languages,
  sectors,
  weekdays,
} from './vocab';
import { type OfferStatus, offerWorkflow, publisherRoles } from './workflow';

export const MAX_PLACES = 5;

const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { error: message });

const placeSchema = z.object({
  municipalityNis: z
    .string({ error: 'Kies de gemeente waar de activiteit plaatsvindt.' })
    .trim()
    .regex(/^\d{5}$/, { error: 'Kies de gemeente waar de activiteit plaatsvindt.' }),
  locationName: fields.optionalText('de naam van de plaats', 120),
  address: fields.optionalText('het adres', 200),
});

/** One schema for the HTML form and the JSON API (the form is mapped to this shape first). */
export const offerInputSchema = z.object({
  title: fields.requiredText('een titel', 120),
  description: fields.requiredText('een beschrijving', 4000),
  organiserName: fields.optionalText('de organisator', 160),
  category: choice(categories, 'Kies een soort activiteit.'),
  sector: choice(sectors, 'Kies een sector.'),
  calendarType: choice(calendarTypes, 'Kies wanneer de activiteit plaatsvindt.'),
  dates: z
    .union([z.string().max(2000), z.array(z.string().max(20)).max(100)])
    .optional()
    .transform((v) => (Array.isArray(v) ? parseDateList(v.join(',')) : parseDateList(v ?? ''))),
  startDate: z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v) => (v ? (parseDateList(v)[0] ?? v) : null)),
  endDate: z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v) => (v ? (parseDateList(v)[0] ?? v) : null)),
  weekdays: fields.many(choice(weekdays, 'Kies dagen uit de lijst.')),
  timeNote: fields.optionalText('het uur', 200),
  sessionHours: z
    .union([z.number(), z.string().max(20)], { error: 'Vul in hoeveel uur één keer duurt, bv. 2 of 2,5.' })
    .transform((v, ctx) => {
      const minutes = typeof v === 'number' ? Math.round(v * 60) : parseHours(v);
      if (minutes === null || minutes < 15 || minutes > 12 * 60) {
        ctx.addIssue({
          code: 'custom',
          message: 'Vul in hoeveel uur één keer duurt: tussen een kwartier en 12 uur, bv. 2 of 2,5.',
        });
        return z.NEVER;
      }
      return minutes;
    }),
  dutchLevel: choice(dutchLevels, 'Kies hoeveel Nederlands nodig is.'),
  audience: choice(audiences, 'Kies voor wie de activiteit is.'),
  childcare: checkbox,
  wheelchairAccessible: checkbox,
  accessibilityNote: fields.optionalText('de uitleg over toegankelijkheid', 500),
  capacity: z
    .union([z.number(), z.string().max(10)])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const n = typeof v === 'number' ? v : Number(v.trim());
      if (!Number.isInteger(n) || n < 1 || n > 10_000) {
        ctx.addIssue({ code: 'custom', message: 'Vul het aantal plaatsen in als een getal, bv. 12.' });
        return z.NEVER;
      }
      return n;
    }),
  availability: choice(availabilities, 'Kies of er nog plaats is.'),
  costNote: fields.optionalText('de prijs', 200),
  contactName: fields.requiredText('de naam van de contactpersoon', 120),
  contactEmail: fields.email(),
  contactPhone: fields.optionalText('het telefoonnummer', 40),
  contactLanguages: fields.many(choice(languages, 'Kies talen uit de lijst.')),
  places: z
    .array(placeSchema, { error: 'Kies minstens één gemeente waar de activiteit plaatsvindt.' })
    .max(MAX_PLACES, { error: `Een activiteit heeft hoogstens ${MAX_PLACES} plaatsen.` })
    .default([]),
});

export type OfferInput = z.output<typeof offerInputSchema>;

/**
 * Maps the flat HTML form (places.0.municipalityNis …) to the API shape; empty place rows are left out,
 * so the form can offer a few rows without forcing them.
 */
export function offerFormToInput(body: Record<string, unknown>): Record<string, unknown> {
  const places: Array<Record<string, unknown>> = [];
  for (let i = 0; i < MAX_PLACES; i++) {
    const nis = body[`places.${i}.municipalityNis`];
    const locationName = body[`places.${i}.locationName`];
    const address = body[`places.${i}.address`];
    if (!nis && !locationName && !address) continue;
    places.push({ municipalityNis: nis ?? '', locationName, address });
  }
  return { ...body, places };
}

/** Parses and checks an offer: fields, calendar rules, at least one known municipality. */
async function validateOffer(db: Executor, input: unknown, today: string, preParsed = false) {
  const parsed = preParsed
    ? ({ success: true, data: input as OfferInput } as const)
    : offerInputSchema.safeParse(input);
  const errors = parsed.success ? {} : toFieldErrors(parsed.error);
  if (!parsed.success) {
    // Report the missing municipality even when other fields are wrong too.
    const raw = (input ?? {}) as { places?: unknown };
    if (!Array.isArray(raw.places) || raw.places.length === 0)
      errors['places.0.municipalityNis'] ??= 'Kies minstens één gemeente waar de activiteit plaatsvindt.';
    throw new ValidationError(errors);
  }
  const data = parsed.data;
  Object.assign(errors, checkOfferCalendar(data, today));
  if (data.places.length === 0) {
    errors['places.0.municipalityNis'] = 'Kies minstens één gemeente waar de activiteit plaatsvindt.';
  }
  const nisList = [...new Set(data.places.map((p) => p.municipalityNis))];
  const known = nisList.length
    ? await db
        .select({ nis: municipalities.nis, networkCode: municipalities.networkCode })
        .from(municipalities)
        .where(inArray(municipalities.nis, nisList))
    : [];
  const networkByNis = new Map(known.map((k) => [k.nis, k.networkCode]));
  data.places.forEach((p, i) => {
    if (!networkByNis.has(p.municipalityNis))
      errors[`places.${i}.municipalityNis`] = 'Kies een gemeente uit de lijst.';
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { data, networkByNis };
}

function offerValues(data: OfferInput) {
  const calendar = {
    calendarType: data.calendarType,
    dates: data.calendarType === 'single' || data.calendarType === 'multiple' ? data.dates : [],
    startDate: data.calendarType === 'periodic' || data.calendarType === 'permanent' ? data.startDate : null,
    endDate: data.calendarType === 'periodic' || data.calendarType === 'permanent' ? data.endDate : null,
    weekdays: data.calendarType === 'periodic' || data.calendarType === 'permanent' ? data.weekdays : [],
  };
  return {
    organiserName: data.organiserName,
    title: data.title,
    description: data.description,
    category: data.category,
    sector: data.sector,
    ...calendar,
    weekdays: offerWeekdays(calendar),
    timeNote: data.timeNote,
    sessionMinutes: data.sessionHours,
    dutchLevel: data.dutchLevel,
    audience: data.audience,
    womenOnly: data.audience === 'women',
    childcare: data.childcare,
    wheelchairAccessible: data.wheelchairAccessible,
    accessibilityNote: data.accessibilityNote,
    capacity: data.capacity,
    availability: data.availability,
    costNote: data.costNote,
    contactName: data.contactName,
    contactEmail: data.contactEmail,
    contactPhone: data.contactPhone,
    contactLanguages: data.contactLanguages,
  };
}

export type OfferRow = typeof participationOffers.$inferSelect;
export type PlaceRow = { municipalityNis: string; municipalityName: string; networkCode: string } & Pick<
  typeof participationOfferPlaces.$inferSelect,
  'locationName' | 'address'
>;

/** Places of several offers in one query, with municipality names. */
export async function placesOf(db: Executor, offerIds: string[]): Promise<Map<string, PlaceRow[]>> {
  const out = new Map<string, PlaceRow[]>();
  if (offerIds.length === 0) return out;
  const rows = await db
    .select({
      offerId: participationOfferPlaces.offerId,
      municipalityNis: participationOfferPlaces.municipalityNis,
      municipalityName: municipalities.name,
      networkCode: participationOfferPlaces.networkCode,
      locationName: participationOfferPlaces.locationName,
      address: participationOfferPlaces.address,
    })
    .from(participationOfferPlaces)
    .innerJoin(municipalities, eq(municipalities.nis, participationOfferPlaces.municipalityNis))
    .where(inArray(participationOfferPlaces.offerId, offerIds))
    .orderBy(asc(participationOfferPlaces.offerId), asc(participationOfferPlaces.id));
  for (const { offerId, ...place } of rows) {
    const list = out.get(offerId) ?? [];
    list.push(place);
    out.set(offerId, list);
  }
  return out;
}

function auditView(offer: OfferRow, places: Array<{ municipalityNis: string }>) {
  const { search: _search, ...rest } = offer;
  return { ...rest, places: places.map((p) => p.municipalityNis) };
}

/** Whether a moderator may approve or send back this offer: one of its places lies in their scope. */
async function inModerationScope(db: Executor, p: Principal, offerId: string): Promise<boolean> {
  if (!isModerator(p)) return false;
  const scope = await municipalitiesInScope(db, p);
  if (scope.length === 0) return false;
  const [hit] = await db
    .select({ n: count() })
    .from(participationOfferPlaces)
    .where(
      and(
        eq(participationOfferPlaces.offerId, offerId),
        inArray(participationOfferPlaces.municipalityNis, scope),
      ),
    );
  return (hit?.n ?? 0) > 0;
}

async function loadOffer(db: Executor, id: string): Promise<OfferRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('Deze activiteit bestaat niet.');
  const [offer] = await db.select().from(participationOffers).where(eq(participationOffers.id, id));
  if (!offer) throw new NotFoundError('Deze activiteit bestaat niet.');
  return offer;
}

export type StaffOffer = OfferRow & {
  places: PlaceRow[];
  ownerName: string;
  isOwner: boolean;
  canModerate: boolean;
};

/** An offer as its owner or a moderator of its region sees it (any status); others get a 404. */
export async function getOfferForStaff(ctx: ServiceContext, id: string): Promise<StaffOffer> {
  const p = ctx.user;
  const offer = await loadOffer(ctx.db, id);
  const isOwner = offer.ownerOrganisationId === p.active.organisationId && requirePublisherSilently(p);
  const canModerate = await inModerationScope(ctx.db, p, id);
  if (!isOwner && !canModerate) throw new NotFoundError('Deze activiteit bestaat niet.');
  const [owner] = await ctx.db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, offer.ownerOrganisationId));
  const places = (await placesOf(ctx.db, [id])).get(id) ?? [];
  return { ...offer, places, ownerName: owner?.name ?? '', isOwner, canModerate };
}

function requirePublisherSilently(p: Principal): boolean {
  return (publisherRoles as readonly string[]).includes(p.active.role);
}

export type PublicOffer = OfferRow & { places: PlaceRow[]; ownerName: string };

/** The public view: published and not expired, else a 404. */
export async function getPublicOffer(db: Executor, id: string, today = todayIso()): Promise<PublicOffer> {
  const offer = await loadOffer(db, id);
  if (offer.status !== 'published' || (offer.validUntil && offer.validUntil < today))
    throw new NotFoundError('Deze activiteit is niet (meer) te vinden. Misschien is ze voorbij.');
  const [owner] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, offer.ownerOrganisationId));
  const places = (await placesOf(db, [id])).get(id) ?? [];
  return { ...offer, places, ownerName: owner?.name ?? '' };
}

/**
 * Creates an offer as a draft (or submitted for validation). `preParsed`: the API has already parsed
 * the body with `offerInputSchema`.
 */
export async function createOffer(ctx: ServiceContext, input: unknown, submit = false, preParsed = false) {
  const p = requirePublisher(ctx.user);
  const today = todayIso();
  const { data, networkByNis } = await validateOffer(ctx.db, input, today, preParsed);
  const status: OfferStatus = submit ? transition(offerWorkflow, 'draft', 'submit', p.active.role) : 'draft';
  return ctx.transaction(async (tx) => {
    const [offer] = await tx
      .insert(participationOffers)
      .values({
        ...offerValues(data),
        ownerOrganisationId: p.active.organisationId,
        status,
        submittedAt: submit ? new Date() : null,
      })
      .returning();
    const places = data.places.map((pl) => ({
      offerId: offer!.id,
      municipalityNis: pl.municipalityNis,
      networkCode: networkByNis.get(pl.municipalityNis)!,
      locationName: pl.locationName,
      address: pl.address,
    }));
    await tx.insert(participationOfferPlaces).values(places);
    await writeAudit(tx, ctx.actor, {
      action: submit ? 'offer.submitted' : 'offer.created',
      entityType: 'participation_offer',
      entityId: offer!.id,
      ownerOrganisationId: offer!.ownerOrganisationId,
      after: auditView(offer!, places),
    });
    return offer!;
  });
}

/** Owners edit their offer; a published offer goes back to the moderator after a change. */
export async function updateOffer(ctx: ServiceContext, id: string, input: unknown, preParsed = false) {
  const p = requirePublisher(ctx.user);
  const before = await loadOffer(ctx.db, id);
  if (before.ownerOrganisationId !== p.active.organisationId)
    throw new NotFoundError('Deze activiteit bestaat niet.');
  if (before.status === 'archived')
    throw new ConflictError('Dit aanbod is gearchiveerd en kan niet meer worden aangepast.');
  const { data, networkByNis } = await validateOffer(ctx.db, input, todayIso(), preParsed);
  const status =
    before.status === 'published'
      ? transition(offerWorkflow, 'published', 'revise', p.active.role)
      : (before.status as OfferStatus);
  return ctx.transaction(async (tx) => {
    const beforePlaces = await tx
      .select({ municipalityNis: participationOfferPlaces.municipalityNis })
      .from(participationOfferPlaces)
      .where(eq(participationOfferPlaces.offerId, id));
    const [after] = await tx
      .update(participationOffers)
      .set({
        ...offerValues(data),
        status,
        submittedAt: status !== before.status ? new Date() : before.submittedAt,
        updatedAt: new Date(),
      })
      .where(and(eq(participationOffers.id, id), eq(participationOffers.status, before.status)))
      .returning();
    if (!after) throw new ConflictError('Iemand anders wijzigde dit aanbod net. Laad de pagina opnieuw.');
    await tx.delete(participationOfferPlaces).where(eq(participationOfferPlaces.offerId, id));
    const places = data.places.map((pl) => ({
      offerId: id,
      municipalityNis: pl.municipalityNis,
      networkCode: networkByNis.get(pl.municipalityNis)!,
      locationName: pl.locationName,
      address: pl.address,
    }));
    await tx.insert(participationOfferPlaces).values(places);
    await writeAudit(tx, ctx.actor, {
      action: 'offer.updated',
      entityType: 'participation_offer',
      entityId: id,
      ownerOrganisationId: before.ownerOrganisationId,
      before: auditView(before, beforePlaces),
      after: auditView(after, places),
    });
    return after;
  });
}

export const offerActionSchema = z.object({
  action: z.enum(['submit', 'approve', 'send_back', 'archive'], { error: 'Kies wat u wilt doen.' }),
  note: z.string().trim().max(1000, { error: 'De uitleg mag hoogstens 1000 tekens lang zijn.' }).nullish(),
});

const ownerActions = new Set(['submit', 'archive']);

/** Submit and archive by the owner; approve and send back by a moderator of the offer's region. */
export async function changeOfferStatus(ctx: ServiceContext, id: string, input: unknown) {
  const p = ctx.user;
  const parsed = parseInput(offerActionSchema, input);
  const action = parsed.action;
  const note = parsed.note || null;
  const before = await loadOffer(ctx.db, id);
  const isOwner = before.ownerOrganisationId === p.active.organisationId && requirePublisherSilently(p);
  if (ownerActions.has(action)) {
    if (!isOwner) throw new NotFoundError('Deze activiteit bestaat niet.');
  } else if (!(await inModerationScope(ctx.db, p, id))) {
    if (isOwner) throw new ForbiddenError('Een moderator van uw regio keurt uw aanbod goed, niet uzelf.');
    throw new NotFoundError('Deze activiteit bestaat niet.');
  }
  if (action === 'send_back' && !note)
    throw new ValidationError({ note: 'Schrijf kort wat de organisatie moet aanpassen.' });
  const to = transition(offerWorkflow, before.status as OfferStatus, action, p.active.role);
  const now = new Date();
  const today = todayIso(now);
  if (action === 'submit' && before.calendarType !== 'permanent') {
    const calendarErrors = checkOfferCalendar(
      { ...before, calendarType: before.calendarType as never, weekdays: before.weekdays as never },
      today,
    );
    if (Object.keys(calendarErrors).length)
      throw new ValidationError(
        calendarErrors,
        'De data van dit aanbod liggen in het verleden. Pas de data aan en dien dan opnieuw in.',
      );
  }
  const changes: Partial<typeof participationOffers.$inferInsert> = { status: to, updatedAt: now };
  if (action === 'submit') Object.assign(changes, { submittedAt: now, moderationNote: null });
  if (action === 'approve') {
    Object.assign(changes, {
      publishedAt: now,
      moderatedByUserId: p.userId,
      moderationNote: null,
      remindedAt: null,
      validUntil: offerValidUntil(
        {
          calendarType: before.calendarType as never,
          dates: before.dates,
          startDate: before.startDate,
          endDate: before.endDate,
          weekdays: before.weekdays as never,
        },
        today,
      ),
    });
  }
  if (action === 'send_back') Object.assign(changes, { moderatedByUserId: p.userId, moderationNote: note });
  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(participationOffers)
      .set(changes)
      .where(and(eq(participationOffers.id, id), eq(participationOffers.status, before.status)))
      .returning();
    if (!after) throw new ConflictError('Iemand anders wijzigde dit aanbod net. Laad de pagina opnieuw.');
    await writeAudit(tx, ctx.actor, {
      action: `offer.${action}`,
      entityType: 'participation_offer',
      entityId: id,
      ownerOrganisationId: before.ownerOrganisationId,
      before: { status: before.status },
      after: { status: after.status, note, validUntil: after.validUntil },
    });
    if (action === 'approve' || action === 'send_back') {
      const url = `${ctx.config.baseUrl}/participatie/aanbod/${id}`;
      const text =
        action === 'approve'
          ? `Goed nieuws: uw activiteit "${after.title}" staat nu op het aanbodplatform. Ze blijft zichtbaar tot ${formatDate(after.validUntil)}.\n\n${url}`
          : `Uw activiteit "${after.title}" werd teruggestuurd. Wat moet anders:\n\n${note}\n\nPas de activiteit aan en dien ze opnieuw in:\n${url}`;
      await mailOwners(tx, before.ownerOrganisationId, {
        subject: action === 'approve' ? 'Uw activiteit is gepubliceerd' : 'Uw activiteit werd teruggestuurd',
        text,
      });
    }
    return after;
  });
}

/** Mails the publishing members of an organisation (one mail each) in the caller's transaction. */
export async function mailOwners(
  tx: Executor,
  organisationId: string,
  message: { subject: string; text: string },
): Promise<number> {
  const recipients = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        inArray(memberships.role, [...publisherRoles]),
        isNull(users.disabledAt),
      ),
    );
  const emails = [...new Set(recipients.map((r) => r.email.toLowerCase()))];
  for (const to of emails) await enqueueMail(tx, { to, ...message });
  return emails.length;
}

export type OfferListFilter = { status?: OfferStatus | undefined };

/** The offers of the organisation the user acts for. */
export async function listOwnOffers(ctx: ServiceContext, filter: OfferListFilter, page: Page) {
  const p = requirePublisher(ctx.user);
  const conditions: SQL[] = [eq(participationOffers.ownerOrganisationId, p.active.organisationId)];
  if (filter.status) conditions.push(eq(participationOffers.status, filter.status));
  return listOffers(ctx.db, and(...conditions)!, page);
}

/** What a moderator has to look at: offers in their region waiting for validation (or another status). */
export async function listModerationQueue(ctx: ServiceContext, status: OfferStatus, page: Page) {
  const p = ctx.user;
  if (!isModerator(p))
    throw new ForbiddenError('Alleen netwerkcoördinatoren en lokale besturen modereren aanbod.');
  const scope = await municipalitiesInScope(ctx.db, p);
  if (scope.length === 0) return { items: [], total: 0 };
  const inScope = sql`exists (select 1 from ${participationOfferPlaces} where ${participationOfferPlaces.offerId} = ${participationOffers.id} and ${inArray(participationOfferPlaces.municipalityNis, scope)})`;
  return listOffers(ctx.db, and(eq(participationOffers.status, status), inScope)!, page);
}

async function listOffers(db: Executor, where: SQL, page: Page) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: participationOffers.id,
        title: participationOffers.title,
        category: participationOffers.category,
        status: participationOffers.status,
        validUntil: participationOffers.validUntil,
        submittedAt: participationOffers.submittedAt,
        updatedAt: participationOffers.updatedAt,
        ownerName: organisations.name,
      })
      .from(participationOffers)
      .innerJoin(organisations, eq(organisations.id, participationOffers.ownerOrganisationId))
      .where(where)
      .orderBy(desc(participationOffers.updatedAt), asc(participationOffers.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(participationOffers).where(where),
  ]);
  const places = await placesOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => ({ ...r, places: places.get(r.id) ?? [] })),
    total: total?.n ?? 0,
  };
}

export type OfferListItem = Awaited<ReturnType<typeof listOffers>>['items'][number];

/** Published offers whose last day has passed become "expired"; returns how many. */
export async function expireOffers(db: Executor, today = todayIso()): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(participationOffers)
      .set({ status: 'expired', updatedAt: new Date() })
      .where(
        and(eq(participationOffers.status, 'published'), sql`${participationOffers.validUntil} < ${today}`),
      )
      .returning({ id: participationOffers.id, owner: participationOffers.ownerOrganisationId });
    for (const o of expired) {
      await writeAudit(
        tx,
        { userId: null, organisationId: null },
        {
          action: 'offer.expire',
          entityType: 'participation_offer',
          entityId: o.id,
          ownerOrganisationId: o.owner,
          before: { status: 'published' },
          after: { status: 'expired' },
        },
      );
    }
    return expired.length;
  });
}

/** Reminds owners once, two weeks before their offer expires; returns how many offers. */
export async function remindOwners(db: Executor, baseUrl: string, today = todayIso()): Promise<number> {
  const limit = new Date(`${today}T12:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + 14);
  const horizon = limit.toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const due = await tx
      .update(participationOffers)
      .set({ remindedAt: new Date() })
      .where(
        and(
          eq(participationOffers.status, 'published'),
          isNull(participationOffers.remindedAt),
          gte(participationOffers.validUntil, today),
          sql`${participationOffers.validUntil} <= ${horizon}`,
        ),
      )
      .returning();
    for (const o of due) {
      await mailOwners(tx, o.ownerOrganisationId, {
        subject: `Uw activiteit "${o.title}" verloopt binnenkort`,
        text: `Uw activiteit "${o.title}" staat nog tot ${formatDate(o.validUntil)} op het aanbodplatform.\n\nLoopt de activiteit verder? Pas dan de data aan en dien ze opnieuw in:\n${baseUrl}/participatie/aanbod/${o.id}`,
      });
    }
    return due.length;
  });
}

export const visibleOfferCondition = (today: string): SQL =>
  and(
    eq(participationOffers.status, 'published'),
    or(isNull(participationOffers.validUntil), gte(participationOffers.validUntil, today)),
  )!;
