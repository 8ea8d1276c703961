import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { organisations } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput, toFieldErrors } from '../../core/http/validation';
import { transitionFor } from '../../core/workflow/workflow';
import { listMunicipalities, municipalities } from '../reference';
import {
  canBook,
  canCreateProgramme,
  canManageProgramme,
  isAdministration,
  isExpert,
  isLocalGovernment,
} from './access';
import { governedMunicipalities, requireCohesionReader, requireUuid, text, wholeNumber } from './common';
import {
  type AgeBand,
  type Area,
  type AreaKind,
  ageBandKey,
  ageBands,
  areaKinds,
  areaMessage,
  type BandFigures,
  checkArea,
  checkReach,
  checkTargetPct,
  cohesionThemes,
  reachTotals,
  targetState,
  womenShare,
  yearMessage,
} from './rules';
import { bookings, programmes, reachFigures } from './schema';
import { type BookingStatus, bookingWorkflow } from './workflow';

const experts = alias(organisations, 'expert');

// ---------------------------------------------------------------------------------------------
// Areas
// ---------------------------------------------------------------------------------------------

/** Provinces as they appear in the reference data (Brussels has none). */
export async function provinceOptions(db: Executor) {
  const rows = await listMunicipalities(db);
  const map = new Map<string, string>();
  for (const m of rows) if (m.provinceNis && m.provinceName) map.set(m.provinceNis, m.provinceName);
  return [...map]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
}

/** "Heel Vlaanderen en Brussel", "provincie Antwerpen en Limburg", "Mechelen, Lier". */
export async function describeArea(db: Executor, area: Area): Promise<string> {
  if (area.kind === 'flanders') return 'heel Vlaanderen en Brussel';
  if (area.kind === 'provinces') {
    const names = (await provinceOptions(db)).filter((p) => area.codes.includes(p.value)).map((p) => p.label);
    return `provincie ${names.join(', ')}`;
  }
  const rows = area.codes.length
    ? await db
        .select({ name: municipalities.name })
        .from(municipalities)
        .where(inArray(municipalities.nis, [...area.codes]))
        .orderBy(asc(municipalities.name))
    : [];
  return `gemeenten ${rows.map((r) => r.name).join(', ')}`;
}

const areaOf = (p: { areaKind: string; areaCodes: string[] }): Area => ({
  kind: p.areaKind as AreaKind,
  codes: p.areaCodes,
});

// ---------------------------------------------------------------------------------------------
// Programmes
// ---------------------------------------------------------------------------------------------

const programmeColumns = {
  id: programmes.id,
  expertOrganisationId: programmes.expertOrganisationId,
  expertName: experts.name,
  title: programmes.title,
  description: programmes.description,
  theme: programmes.theme,
  targetWomenPct: programmes.targetWomenPct,
  targetParticipants: programmes.targetParticipants,
  areaKind: programmes.areaKind,
  areaCodes: programmes.areaCodes,
  active: programmes.active,
  createdAt: programmes.createdAt,
};

function programmeQuery(db: Executor) {
  return db
    .select(programmeColumns)
    .from(programmes)
    .innerJoin(experts, eq(experts.id, programmes.expertOrganisationId));
}

export const programmeFilterSchema = z.object({
  theme: z.enum(cohesionThemes).optional().catch(undefined),
  mine: z.enum(['1']).optional().catch(undefined),
});

/** Active programmes for everyone who may read focus support; an expert also sees its own inactive ones. */
export async function listProgrammes(
  ctx: ServiceContext,
  filter: z.infer<typeof programmeFilterSchema>,
  page: Page,
) {
  const user = requireCohesionReader(ctx.principal);
  const own = isExpert(user) ? eq(programmes.expertOrganisationId, user.active.organisationId) : undefined;
  const visible = own ? sql`(${programmes.active} or ${own})` : eq(programmes.active, true);
  const where = and(
    visible,
    filter.theme ? eq(programmes.theme, filter.theme) : undefined,
    filter.mine && own ? own : undefined,
  );
  const [items, [total]] = await Promise.all([
    programmeQuery(ctx.db)
      .where(where)
      .orderBy(asc(programmes.title), asc(programmes.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(programmes).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
export type ProgrammeRow = Awaited<ReturnType<typeof listProgrammes>>['items'][number];

async function programmeRow(ctx: ServiceContext, id: string) {
  const user = requireCohesionReader(ctx.principal);
  requireUuid(id, 'Dit programma bestaat niet.');
  const [row] = await programmeQuery(ctx.db).where(eq(programmes.id, id));
  if (!row || (!row.active && !canManageProgramme(user, row)))
    throw new NotFoundError('Dit programma bestaat niet.');
  return row;
}

/** One programme, with what the caller can do: book it (local governments) or follow its bookings (its expert). */
export async function getProgramme(ctx: ServiceContext, id: string) {
  const programme = await programmeRow(ctx, id);
  const user = ctx.user;
  const area = areaOf(programme);
  const manages = canManageProgramme(user, programme);
  const [areaText, own] = await Promise.all([
    describeArea(ctx.db, area),
    canBook(user)
      ? governedMunicipalities(ctx.db, user.active.organisationId, user.active.municipalityNis)
      : Promise.resolve([]),
  ]);
  return {
    programme,
    area,
    areaText,
    manages,
    canBook: canBook(user) && programme.active,
    /** The caller's municipalities (all of them: one outside the area gets a clear message). */
    bookableMunicipalities: own,
  };
}
export type ProgrammeDetail = Awaited<ReturnType<typeof getProgramme>>;

const optionalWhole = (label: string, min: number, max: number) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))
    .pipe(wholeNumber(label, min, max).nullable());

export const programmeInputSchema = z.object({
  title: text('een titel', 200),
  description: text('een beschrijving', 5000),
  theme: z.enum(cohesionThemes, { error: 'Kies een thema: Nederlands, werk of onderwijs.' }),
  targetWomenPct: wholeNumber('het richtcijfer voor vrouwen en meisjes', 0, 100),
  targetParticipants: optionalWhole('het richtcijfer voor deelnemers', 1, 100_000),
  areaKind: z.enum(areaKinds, { error: 'Kies het werkingsgebied.' }),
  provinces: fields.many(z.string().regex(/^\d{5}$/)),
  municipalities: z.string().max(20_000).optional().default(''),
  active: fields.many(z.string()).transform((v) => v.includes('ja')),
});

/** Reads the area: provinces by code; municipalities one per line, by NIS code or name. */
async function readArea(
  db: Executor,
  d: Pick<z.infer<typeof programmeInputSchema>, 'areaKind' | 'provinces' | 'municipalities'>,
) {
  const errors: Record<string, string> = {};
  let codes: string[] = [];
  if (d.areaKind === 'provinces') {
    const known = new Set((await provinceOptions(db)).map((p) => p.value));
    codes = [...new Set(d.provinces)].filter((c) => known.has(c));
  }
  if (d.areaKind === 'municipalities') {
    const all = await listMunicipalities(db);
    const byKey = new Map<string, string>();
    for (const m of all) {
      byKey.set(m.nis, m.nis);
      byKey.set(m.name.toLowerCase(), m.nis);
    }
    const lines = d.municipalities
      .split(/\r?\n|;|,/)
      .map((l) => l.trim())
      .filter(Boolean);
    const unknown = lines.filter((l) => !byKey.has(l.toLowerCase()));
    if (unknown.length)
      errors.municipalities = `Deze gemeenten vinden we niet: ${unknown.join(', ')}. Gebruik de naam of de NIS-code.`;
    codes = [...new Set(lines.map((l) => byKey.get(l.toLowerCase())).filter((c): c is string => !!c))];
  }
  const area: Area = { kind: d.areaKind, codes };
  const message = checkArea(area);
  if (message && !errors.municipalities)
    errors[d.areaKind === 'provinces' ? 'provinces' : 'municipalities'] = message;
  return { area, errors };
}

/** Checks a programme form; every problem (fields and area alike) becomes one Dutch field message. */
async function readProgramme(db: Executor, input: unknown) {
  const parsed = programmeInputSchema.safeParse(input);
  const errors: Record<string, string> = parsed.success ? {} : toFieldErrors(parsed.error);
  // The area is checked even when other fields are wrong, so every message shows at once.
  const areaInput = programmeInputSchema
    .pick({ areaKind: true, provinces: true, municipalities: true })
    .safeParse(input);
  let area: Area = { kind: 'flanders', codes: [] };
  if (areaInput.success) {
    const read = await readArea(db, areaInput.data);
    area = read.area;
    for (const [k, v] of Object.entries(read.errors)) errors[k] ??= v;
  }
  if (parsed.success) {
    const pct = checkTargetPct(parsed.data.targetWomenPct);
    if (pct) errors.targetWomenPct = pct;
  }
  if (!parsed.success || Object.keys(errors).length) throw new ValidationError(errors);
  const d = parsed.data;
  return {
    title: d.title,
    description: d.description,
    theme: d.theme,
    targetWomenPct: d.targetWomenPct,
    targetParticipants: d.targetParticipants,
    areaKind: area.kind,
    areaCodes: [...area.codes],
    active: d.active,
  };
}

export async function createProgramme(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  if (!canCreateProgramme(user))
    throw new ForbiddenError('Alleen expertenorganisaties publiceren een programma.');
  const values = await readProgramme(ctx.db, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(programmes)
      .values({ ...values, expertOrganisationId: user.active.organisationId, createdByUserId: user.userId })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.programme.created',
      entityType: 'cohesion_programme',
      entityId: row!.id,
      ownerOrganisationId: row!.expertOrganisationId,
      after: row,
    });
    return row!;
  });
}

export async function getProgrammeForEdit(ctx: ServiceContext, id: string) {
  const row = await programmeRow(ctx, id);
  if (!canManageProgramme(ctx.user, row)) throw new NotFoundError('Dit programma bestaat niet.');
  return row;
}

export function programmeFormValues(p: ProgrammeRow) {
  return {
    title: p.title,
    description: p.description,
    theme: p.theme,
    targetWomenPct: String(p.targetWomenPct),
    targetParticipants: p.targetParticipants === null ? '' : String(p.targetParticipants),
    areaKind: p.areaKind,
    provinces: p.areaKind === 'provinces' ? p.areaCodes : [],
    municipalities: p.areaKind === 'municipalities' ? p.areaCodes.join('\n') : '',
    active: p.active ? ['ja'] : [],
  };
}

export async function updateProgramme(ctx: ServiceContext, id: string, input: unknown) {
  const existing = await getProgrammeForEdit(ctx, id);
  const values = await readProgramme(ctx.db, input);
  return ctx.transaction(async (tx) => {
    const [before] = await tx.select().from(programmes).where(eq(programmes.id, existing.id)).for('update');
    const [after] = await tx
      .update(programmes)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(programmes.id, existing.id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.programme.updated',
      entityType: 'cohesion_programme',
      entityId: existing.id,
      ownerOrganisationId: existing.expertOrganisationId,
      before,
      after,
    });
    return after!;
  });
}

// ---------------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------------

export const bookingInputSchema = z.object({
  municipalityNis: z
    .string({ error: 'Kies een gemeente.' })
    .regex(/^\d{5}$/, { error: 'Kies een gemeente.' }),
  year: wholeNumber('het jaar', 2000, 2100),
  note: fields.optionalText('de toelichting', 2000),
});

/**
 * A local government books a programme for one of its municipalities and a year. The municipality
 * must lie in the programme's area; one active booking per programme, municipality and year.
 */
export async function bookProgramme(ctx: ServiceContext, id: string, input: unknown, now = new Date()) {
  const user = ctx.user;
  requireCohesionReader(user);
  if (!canBook(user)) throw new ForbiddenError('Alleen lokale besturen boeken een programma.');
  const programme = await programmeRow(ctx, id);
  if (!programme.active)
    throw new ValidationError({ municipalityNis: 'Dit programma kan niet meer geboekt worden.' });
  const d = parseInput(bookingInputSchema, input);
  const errors: Record<string, string> = {};
  const own = await governedMunicipalities(ctx.db, user.active.organisationId, user.active.municipalityNis);
  const municipality = own.find((m) => m.nis === d.municipalityNis);
  if (!municipality) errors.municipalityNis = 'Kies een gemeente waarvoor uw bestuur bevoegd is.';
  else {
    const area = areaOf(programme);
    const message = areaMessage(area, municipality, await describeArea(ctx.db, area));
    if (message) errors.municipalityNis = message;
  }
  const year = yearMessage(d.year, Number(now.toISOString().slice(0, 4)));
  if (year) errors.year = year;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return ctx.transaction(async (tx) => {
    // Lock the programme so two bookings for the same municipality and year cannot both pass the check.
    await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.id, programme.id))
      .for('update');
    const [existing] = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(
        and(
          eq(bookings.programmeId, programme.id),
          eq(bookings.municipalityNis, d.municipalityNis),
          eq(bookings.year, d.year),
          eq(bookings.status, 'booked'),
        ),
      );
    if (existing)
      throw new ValidationError({
        municipalityNis: `${municipality!.name} heeft dit programma al geboekt voor ${d.year}.`,
      });
    const [row] = await tx
      .insert(bookings)
      .values({
        programmeId: programme.id,
        organisationId: user.active.organisationId,
        municipalityNis: d.municipalityNis,
        year: d.year,
        note: d.note,
        status: 'booked',
        bookedByUserId: user.userId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.booking.created',
      entityType: 'cohesion_booking',
      entityId: row!.id,
      ownerOrganisationId: row!.organisationId,
      after: row,
    });
    return row!;
  });
}

const reachParticipants = sql<number>`coalesce((select sum(${reachFigures.participants})::int from ${reachFigures} where ${reachFigures.bookingId} = ${bookings.id}), 0)`;
const reachWomen = sql<number>`coalesce((select sum(${reachFigures.women})::int from ${reachFigures} where ${reachFigures.bookingId} = ${bookings.id}), 0)`;

const bookingColumns = {
  id: bookings.id,
  programmeId: bookings.programmeId,
  programmeTitle: programmes.title,
  theme: programmes.theme,
  targetWomenPct: programmes.targetWomenPct,
  targetParticipants: programmes.targetParticipants,
  expertOrganisationId: programmes.expertOrganisationId,
  expertName: experts.name,
  organisationId: bookings.organisationId,
  organisationName: organisations.name,
  municipalityNis: bookings.municipalityNis,
  municipalityName: municipalities.name,
  year: bookings.year,
  note: bookings.note,
  status: bookings.status,
  reachReportedAt: bookings.reachReportedAt,
  participants: reachParticipants,
  women: reachWomen,
  createdAt: bookings.createdAt,
};

function bookingQuery(db: Executor) {
  return db
    .select(bookingColumns)
    .from(bookings)
    .innerJoin(programmes, eq(programmes.id, bookings.programmeId))
    .innerJoin(experts, eq(experts.id, programmes.expertOrganisationId))
    .innerJoin(organisations, eq(organisations.id, bookings.organisationId))
    .innerJoin(municipalities, eq(municipalities.nis, bookings.municipalityNis));
}

/**
 * Which bookings a principal sees: a local government its own, an expert organisation those of its
 * own programmes, the administration (agency staff, platform administrators) all of Flanders.
 */
export function bookingScope(p: Principal): SQL | undefined {
  if (isAdministration(p)) return undefined;
  if (isLocalGovernment(p)) return eq(bookings.organisationId, p.active.organisationId);
  if (isExpert(p)) return eq(programmes.expertOrganisationId, p.active.organisationId);
  return sql`false`;
}

const withShare = <
  T extends {
    status: string;
    participants: number;
    women: number;
    targetWomenPct: number;
    reachReportedAt: Date | null;
  },
>(
  r: T,
) => {
  const share = r.reachReportedAt ? womenShare(r.participants, r.women) : null;
  return { ...r, status: r.status as BookingStatus, share, target: targetState(share, r.targetWomenPct) };
};

export const bookingFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  programme: z.uuid().optional().catch(undefined),
  status: z.enum(['booked', 'cancelled']).optional().catch(undefined),
});
export type BookingFilter = z.infer<typeof bookingFilterSchema>;

export async function listBookings(ctx: ServiceContext, filter: BookingFilter, page: Page) {
  const user = requireCohesionReader(ctx.principal);
  const where = and(
    bookingScope(user),
    filter.year ? eq(bookings.year, filter.year) : undefined,
    filter.programme ? eq(bookings.programmeId, filter.programme) : undefined,
    filter.status ? eq(bookings.status, filter.status) : undefined,
  );
  const [items, [total]] = await Promise.all([
    bookingQuery(ctx.db)
      .where(where)
      .orderBy(desc(bookings.year), asc(municipalities.name), asc(bookings.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db
      .select({ n: count() })
      .from(bookings)
      .innerJoin(programmes, eq(programmes.id, bookings.programmeId))
      .where(where),
  ]);
  return { items: items.map(withShare), total: total?.n ?? 0 };
}
export type BookingRow = Awaited<ReturnType<typeof listBookings>>['items'][number];

async function bookingFor(ctx: ServiceContext, id: string) {
  const user = requireCohesionReader(ctx.principal);
  requireUuid(id, 'Deze boeking bestaat niet.');
  const scope = bookingScope(user);
  const [row] = await bookingQuery(ctx.db).where(and(eq(bookings.id, id), scope));
  if (!row) throw new NotFoundError('Deze boeking bestaat niet.');
  return withShare(row);
}

export async function getBooking(ctx: ServiceContext, id: string) {
  const booking = await bookingFor(ctx, id);
  const user = ctx.user;
  const figures = await ctx.db
    .select({
      ageBand: reachFigures.ageBand,
      participants: reachFigures.participants,
      women: reachFigures.women,
    })
    .from(reachFigures)
    .where(eq(reachFigures.bookingId, id));
  const byBand = new Map(figures.map((f) => [f.ageBand, f]));
  return {
    booking,
    figures: ageBands.map((b) => ({
      ageBand: b,
      participants: byBand.get(b)?.participants ?? 0,
      women: byBand.get(b)?.women ?? 0,
    })),
    canReport: booking.status === 'booked' && canManageProgramme(user, booking),
    canCancel:
      booking.status === 'booked' &&
      !booking.reachReportedAt &&
      isLocalGovernment(user) &&
      user.active.organisationId === booking.organisationId,
  };
}
export type BookingDetail = Awaited<ReturnType<typeof getBooking>>;

export async function cancelBooking(ctx: ServiceContext, id: string) {
  const booking = await bookingFor(ctx, id);
  const user = ctx.user;
  if (!isLocalGovernment(user) || user.active.organisationId !== booking.organisationId)
    throw new ForbiddenError('Alleen het lokaal bestuur dat boekte, annuleert de boeking.');
  return ctx.transaction(async (tx) => {
    const [before] = await tx.select().from(bookings).where(eq(bookings.id, id)).for('update');
    const to = transitionFor(bookingWorkflow, before!.status as BookingStatus, 'cancel', user);
    if (before!.reachReportedAt)
      throw new ConflictError('Het bereik van deze boeking is al gerapporteerd: annuleren kan niet meer.');
    const [after] = await tx
      .update(bookings)
      .set({ status: to, updatedAt: new Date() })
      .where(eq(bookings.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.booking.cancelled',
      entityType: 'cohesion_booking',
      entityId: id,
      ownerOrganisationId: before!.organisationId,
      before,
      after,
    });
    return after!;
  });
}

/** Reach as posted by the form: `<band>_participants` and `<band>_women` for every age band. */
export function reachFromForm(input: Record<string, unknown>): {
  figures: BandFigures[];
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const figures: BandFigures[] = [];
  for (const band of ageBands) {
    const key = ageBandKey[band];
    const read = (field: 'participants' | 'women') => {
      const raw = input[`${key}_${field}`];
      const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      if (s === '') return 0;
      if (!/^-?\d+$/.test(s)) {
        errors[`${key}_${field}`] = 'Vul een geheel getal in (0 of meer).';
        return 0;
      }
      return Number(s);
    };
    figures.push({ ageBand: band, participants: read('participants'), women: read('women') });
  }
  return { figures, errors };
}

export const reachApiSchema = z.object({
  figures: z
    .array(
      z.object({
        ageBand: z.enum(ageBands),
        participants: z.number().int(),
        women: z.number().int().describe('Of the participants: women and girls'),
      }),
    )
    .min(1)
    .max(ageBands.length),
});

/**
 * The expert organisation reports the reach of a booking, per age band; a new report replaces the
 * previous one. Women and girls never outnumber the participants; nothing is written otherwise.
 */
export async function reportReach(
  ctx: ServiceContext,
  id: string,
  figuresIn: BandFigures[],
  formErrors: Record<string, string> = {},
) {
  const booking = await bookingFor(ctx, id);
  if (!canManageProgramme(ctx.user, booking))
    throw new ForbiddenError('Alleen de expertenorganisatie van het programma rapporteert het bereik.');
  if (booking.status !== 'booked')
    throw new ValidationError({ [`${ageBandKey['0-17']}_participants`]: 'Deze boeking is geannuleerd.' });
  const bands = new Set<AgeBand>();
  const figures = ageBands.map((b) => {
    const f = figuresIn.find((x) => x.ageBand === b);
    if (f) bands.add(b);
    return f ?? { ageBand: b, participants: 0, women: 0 };
  });
  const errors = { ...checkReach(figures), ...formErrors };
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return ctx.transaction(async (tx) => {
    const [locked] = await tx.select().from(bookings).where(eq(bookings.id, id)).for('update');
    const before = await tx.select().from(reachFigures).where(eq(reachFigures.bookingId, id));
    await tx.delete(reachFigures).where(eq(reachFigures.bookingId, id));
    await tx.insert(reachFigures).values(figures.map((f) => ({ bookingId: id, ...f })));
    await tx
      .update(bookings)
      .set({ reachReportedAt: new Date(), reachReportedByUserId: ctx.user.userId, updatedAt: new Date() })
      .where(eq(bookings.id, id));
    const totals = reachTotals(figures);
    await writeAudit(tx, ctx.actor, {
      action: 'cohesion.booking.reach_reported',
      entityType: 'cohesion_booking',
      entityId: id,
      ownerOrganisationId: locked!.organisationId,
      before: before.length ? before : null,
      after: { figures, ...totals, share: womenShare(totals.participants, totals.women) },
    });
    return { figures, ...totals, share: womenShare(totals.participants, totals.women) };
  });
}

// ---------------------------------------------------------------------------------------------
// Reach dashboard
// ---------------------------------------------------------------------------------------------

export const reachFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  programme: z.uuid().optional().catch(undefined),
  theme: z.enum(cohesionThemes).optional().catch(undefined),
});
export type ReachFilter = z.infer<typeof reachFilterSchema>;

/**
 * Reach per programme, municipality and year (one active booking each), scoped like the bookings,
 * with the share of women and girls against the programme's target; and the totals per programme.
 */
export async function reachDashboard(ctx: ServiceContext, filter: ReachFilter) {
  const user = requireCohesionReader(ctx.principal);
  const where = and(
    bookingScope(user),
    eq(bookings.status, 'booked'),
    filter.year ? eq(bookings.year, filter.year) : undefined,
    filter.programme ? eq(bookings.programmeId, filter.programme) : undefined,
    filter.theme ? eq(programmes.theme, filter.theme) : undefined,
  );
  // Bounded: one row per programme × municipality × year in the caller's scope.
  const rows = (
    await bookingQuery(ctx.db)
      .where(where)
      .orderBy(asc(programmes.title), desc(bookings.year), asc(municipalities.name))
      .limit(5000)
  ).map(withShare);
  const byProgramme = new Map<
    string,
    {
      programmeId: string;
      title: string;
      targetWomenPct: number;
      participants: number;
      women: number;
      bookings: number;
      reported: number;
    }
  >();
  for (const r of rows) {
    const p = byProgramme.get(r.programmeId) ?? {
      programmeId: r.programmeId,
      title: r.programmeTitle,
      targetWomenPct: r.targetWomenPct,
      participants: 0,
      women: 0,
      bookings: 0,
      reported: 0,
    };
    p.bookings += 1;
    if (r.reachReportedAt) {
      p.reported += 1;
      p.participants += r.participants;
      p.women += r.women;
    }
    byProgramme.set(r.programmeId, p);
  }
  const totals = [...byProgramme.values()].map((p) => {
    const share = womenShare(p.participants, p.women);
    return { ...p, share, target: targetState(share, p.targetWomenPct) };
  });
  const years = await ctx.db
    .selectDistinct({ year: bookings.year })
    .from(bookings)
    .innerJoin(programmes, eq(programmes.id, bookings.programmeId))
    .where(bookingScope(user))
    .orderBy(desc(bookings.year));
  const programmeOptions = await ctx.db
    .selectDistinct({ id: programmes.id, title: programmes.title })
    .from(bookings)
    .innerJoin(programmes, eq(programmes.id, bookings.programmeId))
    .where(bookingScope(user))
    .orderBy(asc(programmes.title));
  return {
    rows,
    totals,
    years: years.map((y) => y.year),
    programmes: programmeOptions,
    flandersWide: isAdministration(user),
  };
}
export type ReachDashboard = Awaited<ReturnType<typeof reachDashboard>>;

/** Expert home card: the bookings of its programmes still waiting for a reach report. */
export async function bookingsToReport(ctx: ServiceContext, limit = 5) {
  const user = ctx.user;
  if (!isExpert(user)) return [];
  return bookingQuery(ctx.db)
    .where(and(bookingScope(user), eq(bookings.status, 'booked'), sql`${bookings.reachReportedAt} is null`))
    .orderBy(asc(bookings.year), asc(municipalities.name))
    .limit(limit);
}
