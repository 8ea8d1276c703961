import { and, asc, count, desc, eq, ilike, inArray, isNull, lt, max, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { memberships, organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { formatDate, todayIso } from '../../core/i18n/format';
import { enqueueMail } from '../../core/mail/mail';
import {
  assertAgencyManager,
  type LocalGovernment,
  localGovernmentsQuery,
  scopeOf,
  scopeWhere,
  sideOf,
  visibleLocalGovernment,
} from './access';
import {
  contactKinds,
  dueDateFor,
  FREE_QUESTION_NORM_DAYS,
  isOpen,
  nextStatus,
  openStatuses,
  overdueStatuses,
  packageChoiceErrors,
  packageDiff,
  type RequestStatus,
  requestActions,
  requestStatuses,
  serviceAgencies,
  serviceCategories,
  serviceForms,
  statusLabel,
  validInYear,
  yearOpenError,
} from './rules';
import {
  serviceCatalogueItems,
  serviceContactAssignments,
  serviceContactLog,
  servicePackageChoices,
  servicePackageYears,
  serviceRequestMessages,
  serviceRequests,
} from './schema';

export const MAX_MESSAGE_LENGTH = 10_000;

const escapeLike = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
const currentYear = () => Number(todayIso().slice(0, 4));
const isoDate = (label: string) =>
  z
    .string({ error: `Vul ${label} in.` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `Vul ${label} in als dag/maand/jaar.` })
    .refine(
      (v) =>
        !Number.isNaN(Date.parse(`${v}T12:00:00Z`)) && new Date(`${v}T12:00:00Z`).toISOString().startsWith(v),
      {
        error: `${label.charAt(0).toUpperCase()}${label.slice(1)} bestaat niet.`,
      },
    );
const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/* ================================================================================================
 * Catalogue
 * ============================================================================================== */

export type CatalogueItem = typeof serviceCatalogueItems.$inferSelect;

export type CatalogueFilter = {
  q?: string | undefined;
  category?: string | undefined;
  form?: string | undefined;
  agency?: string | undefined;
  basic?: boolean | undefined;
  /** Managers also see items whose validity has ended. */
  includeExpired?: boolean | undefined;
};

function catalogueWhere(filter: CatalogueFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.q) {
    const term = escapeLike(filter.q);
    conditions.push(
      or(
        ilike(serviceCatalogueItems.title, term),
        ilike(serviceCatalogueItems.summary, term),
        ilike(serviceCatalogueItems.code, term),
      )!,
    );
  }
  if (filter.category) conditions.push(eq(serviceCatalogueItems.category, filter.category));
  if (filter.form) conditions.push(eq(serviceCatalogueItems.form, filter.form));
  if (filter.agency) conditions.push(sql`${filter.agency} = any(${serviceCatalogueItems.agencies})`);
  if (filter.basic !== undefined) conditions.push(eq(serviceCatalogueItems.inBasicPackage, filter.basic));
  if (!filter.includeExpired) {
    conditions.push(
      or(
        isNull(serviceCatalogueItems.validUntil),
        sql`${serviceCatalogueItems.validUntil} >= ${todayIso()}`,
      )!,
    );
  }
  return conditions.length ? and(...conditions) : undefined;
}

/** The catalogue is public: no scoping. */
export async function listCatalogue(db: Executor, filter: CatalogueFilter, page: Page) {
  const where = catalogueWhere(filter);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(serviceCatalogueItems)
      .where(where)
      .orderBy(asc(serviceCatalogueItems.title), asc(serviceCatalogueItems.code))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(serviceCatalogueItems).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function getCatalogueItem(db: Executor, code: string): Promise<CatalogueItem> {
  const [row] = await db.select().from(serviceCatalogueItems).where(eq(serviceCatalogueItems.code, code));
  if (!row) throw new NotFoundError('Deze dienst staat niet in de catalogus.');
  return row;
}

/** Items a local government of this agency can choose or ask for in a year. */
export async function catalogueForAgency(db: Executor, agencyCode: string, year: number) {
  const rows = await db
    .select()
    .from(serviceCatalogueItems)
    .where(sql`${agencyCode} = any(${serviceCatalogueItems.agencies})`)
    .orderBy(asc(serviceCatalogueItems.title), asc(serviceCatalogueItems.code));
  return rows.filter((r) => validInYear(r, year));
}

export function canManageCatalogue(p: Principal | null): boolean {
  return (
    !!p && (p.active.role === 'platform_admin' || (p.active.role === 'agency_staff' && !!p.active.agencyCode))
  );
}

export function canEditItem(p: Principal | null, item: Pick<CatalogueItem, 'agencies'>): boolean {
  if (!p) return false;
  if (p.active.role === 'platform_admin') return true;
  return (
    p.active.role === 'agency_staff' && !!p.active.agencyCode && item.agencies.includes(p.active.agencyCode)
  );
}

export const catalogueItemSchema = z
  .object({
    code: z
      .string({ error: 'Vul een code in.' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, {
        error: 'Een code heeft 2 tot 20 tekens: letters, cijfers en koppeltekens, bv. BP-ANALYSE.',
      }),
    title: fields.requiredText('een titel', 120),
    summary: fields.requiredText('een korte omschrijving', 300),
    description: fields.requiredText('een beschrijving', 10_000),
    category: z.enum(serviceCategories, { error: 'Kies een thema.' }),
    form: z.enum(serviceForms, { error: 'Kies een vorm.' }),
    agencies: fields
      .many(z.enum(serviceAgencies, { error: 'Kies een bestaand agentschap.' }))
      .refine((list) => list.length > 0, { error: 'Kies minstens één agentschap dat de dienst aanbiedt.' }),
    inBasicPackage: checkbox,
    validFrom: isoDate('de begindatum'),
    validUntil: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .pipe(isoDate('de einddatum').nullable()),
    normWorkingDays: z.coerce
      .number({ error: 'Vul de termijn in als een aantal werkdagen.' })
      .int({ error: 'Vul een heel aantal werkdagen in.' })
      .min(0, { error: 'De termijn kan niet negatief zijn.' })
      .max(250, { error: 'De termijn is hoogstens 250 werkdagen.' }),
  })
  .refine((v) => v.validUntil === null || v.validUntil >= v.validFrom, {
    error: 'De einddatum ligt voor de begindatum.',
    path: ['validUntil'],
  });

type ItemInput = z.output<typeof catalogueItemSchema>;

function assertCanManage(p: Principal): void {
  if (!canManageCatalogue(p)) {
    throw new ForbiddenError('Alleen beheerders en medewerkers van een agentschap beheren de catalogus.');
  }
}

/** Agency staff manage their own agency's part: the other agencies of an item stay as they were. */
function agenciesFor(p: Principal, wanted: string[], existing: readonly string[] = []): string[] {
  if (p.active.role === 'platform_admin') return [...new Set(wanted)].sort();
  const own = p.active.agencyCode!;
  return [...new Set([...existing.filter((a) => a !== own), own])].sort();
}

export async function createCatalogueItem(ctx: ServiceContext, input: unknown): Promise<CatalogueItem> {
  const p = ctx.user;
  assertCanManage(p);
  const data: ItemInput = parseInput(catalogueItemSchema, input);
  const values = { ...data, agencies: agenciesFor(p, data.agencies) };
  return ctx.transaction(async (tx) => {
    const [created] = await tx.insert(serviceCatalogueItems).values(values).onConflictDoNothing().returning();
    if (!created) throw new ValidationError({ code: 'Deze code bestaat al. Kies een andere code.' });
    await writeAudit(tx, ctx.actor, {
      action: 'service_item.created',
      entityType: 'service_item',
      entityId: created.id,
      after: created,
    });
    return created;
  });
}

export async function updateCatalogueItem(
  ctx: ServiceContext,
  code: string,
  input: unknown,
): Promise<CatalogueItem> {
  const p = ctx.user;
  const before = await getCatalogueItem(ctx.db, code);
  if (!canEditItem(p, before)) {
    throw new ForbiddenError('U kunt alleen diensten van uw eigen agentschap aanpassen.');
  }
  // The code is the item's address and stays as it is.
  const data: ItemInput = parseInput(catalogueItemSchema, { ...(input as object), code: before.code });
  const values = { ...data, code: before.code, agencies: agenciesFor(p, data.agencies, before.agencies) };
  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(serviceCatalogueItems)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(serviceCatalogueItems.id, before.id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'service_item.updated',
      entityType: 'service_item',
      entityId: before.id,
      before,
      after,
    });
    return after!;
  });
}

/* ================================================================================================
 * Contact persons
 * ============================================================================================== */

export async function currentContact(db: Executor, organisationId: string) {
  const [row] = await db
    .select({
      assignmentId: serviceContactAssignments.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      since: serviceContactAssignments.since,
      agencyCode: serviceContactAssignments.agencyCode,
      agencyName: organisations.name,
      agencyEmail: organisations.email,
      agencyPhone: organisations.phone,
    })
    .from(serviceContactAssignments)
    .innerJoin(users, eq(users.id, serviceContactAssignments.contactUserId))
    .leftJoin(organisations, eq(organisations.agencyCode, serviceContactAssignments.agencyCode))
    .where(
      and(
        eq(serviceContactAssignments.organisationId, organisationId),
        isNull(serviceContactAssignments.until),
      ),
    )
    .limit(1);
  return row ?? null;
}

export type CurrentContact = NonNullable<Awaited<ReturnType<typeof currentContact>>>;

export async function contactHistory(db: Executor, organisationId: string) {
  return db
    .select({
      id: serviceContactAssignments.id,
      name: users.name,
      since: serviceContactAssignments.since,
      until: serviceContactAssignments.until,
    })
    .from(serviceContactAssignments)
    .innerJoin(users, eq(users.id, serviceContactAssignments.contactUserId))
    .where(eq(serviceContactAssignments.organisationId, organisationId))
    .orderBy(desc(serviceContactAssignments.createdAt))
    .limit(50);
}

/** The agency's people who can be a local government's contact person. */
export async function contactCandidates(db: Executor, agencyCode: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(organisations.agencyCode, agencyCode),
        eq(memberships.role, 'contact_person'),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(asc(users.name));
}

export function canAssignContact(p: Principal, lg: LocalGovernment): boolean {
  return (
    p.active.role === 'platform_admin' ||
    (p.active.role === 'agency_staff' && p.active.agencyCode === lg.agencyCode)
  );
}

const assignSchema = z.object({
  contactUserId: z.uuid({ error: 'Kies een aanspreekpersoon.' }),
});

export async function assignContact(ctx: ServiceContext, organisationId: string, input: unknown) {
  const lg = await visibleLocalGovernment(ctx, organisationId);
  if (!canAssignContact(ctx.user, lg)) {
    throw new ForbiddenError('Alleen medewerkers van het agentschap wijzen een aanspreekpersoon toe.');
  }
  const { contactUserId } = parseInput(assignSchema, input);
  const candidates = await contactCandidates(ctx.db, lg.agencyCode);
  const person = candidates.find((c) => c.userId === contactUserId);
  if (!person) {
    throw new ValidationError({
      contactUserId: 'Deze persoon is geen aanspreekpersoon van het agentschap dat dit bestuur ondersteunt.',
    });
  }
  const today = todayIso();
  return ctx.transaction(async (tx) => {
    const before = await currentContact(tx, organisationId);
    if (before?.userId === contactUserId) {
      throw new ValidationError({
        contactUserId: `${person.name} is al de aanspreekpersoon van dit bestuur.`,
      });
    }
    if (before) {
      await tx
        .update(serviceContactAssignments)
        .set({ until: today })
        .where(eq(serviceContactAssignments.id, before.assignmentId));
    }
    const [created] = await tx
      .insert(serviceContactAssignments)
      .values({
        organisationId,
        contactUserId,
        agencyCode: lg.agencyCode,
        since: today,
        createdByUserId: ctx.user.userId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'service_contact.assigned',
      entityType: 'local_government',
      entityId: organisationId,
      ownerOrganisationId: organisationId,
      before: before ? { contactUserId: before.userId, name: before.name, since: before.since } : null,
      after: { contactUserId, name: person.name, since: today },
    });
    await enqueueMail(tx, {
      to: person.email,
      subject: `U bent aanspreekpersoon van ${lg.name}`,
      text: [
        `Beste ${person.name},`,
        '',
        `Vanaf ${formatDate(today)} bent u de vaste aanspreekpersoon van ${lg.name}.`,
        `U vindt het bestuur in uw portefeuille: ${ctx.config.baseUrl}/dienstverlening/besturen/${organisationId}`,
        '',
        'Regiekamer',
      ].join('\n'),
    });
    return created!;
  });
}

/* ================================================================================================
 * The basic package
 * ============================================================================================== */

export async function packageYear(db: Executor, agencyCode: string, year: number) {
  const [row] = await db
    .select()
    .from(servicePackageYears)
    .where(and(eq(servicePackageYears.agencyCode, agencyCode), eq(servicePackageYears.year, year)));
  return {
    agencyCode,
    year,
    maxItems: row?.maxItems ?? null,
    closed: !!row?.closedAt,
    closedAt: row?.closedAt ?? null,
  };
}

export async function currentChoice(db: Executor, organisationId: string, year: number) {
  return db
    .select({
      itemId: serviceCatalogueItems.id,
      code: serviceCatalogueItems.code,
      title: serviceCatalogueItems.title,
      chosenAt: servicePackageChoices.chosenAt,
    })
    .from(servicePackageChoices)
    .innerJoin(serviceCatalogueItems, eq(serviceCatalogueItems.id, servicePackageChoices.itemId))
    .where(
      and(
        eq(servicePackageChoices.organisationId, organisationId),
        eq(servicePackageChoices.year, year),
        isNull(servicePackageChoices.removedAt),
      ),
    )
    .orderBy(asc(serviceCatalogueItems.title), asc(serviceCatalogueItems.code));
}

export async function packageHistory(db: Executor, organisationId: string, year: number) {
  const chooser = alias(users, 'chooser');
  const remover = alias(users, 'remover');
  return db
    .select({
      id: servicePackageChoices.id,
      code: serviceCatalogueItems.code,
      title: serviceCatalogueItems.title,
      chosenAt: servicePackageChoices.chosenAt,
      chosenBy: chooser.name,
      removedAt: servicePackageChoices.removedAt,
      removedBy: remover.name,
    })
    .from(servicePackageChoices)
    .innerJoin(serviceCatalogueItems, eq(serviceCatalogueItems.id, servicePackageChoices.itemId))
    .leftJoin(chooser, eq(chooser.id, servicePackageChoices.chosenByUserId))
    .leftJoin(remover, eq(remover.id, servicePackageChoices.removedByUserId))
    .where(
      and(eq(servicePackageChoices.organisationId, organisationId), eq(servicePackageChoices.year, year)),
    )
    .orderBy(desc(servicePackageChoices.chosenAt), asc(serviceCatalogueItems.code))
    .limit(200);
}

export function canChoosePackage(p: Principal, organisationId: string): boolean {
  return p.active.role === 'local_officer' && p.active.organisationId === organisationId;
}

export const packageChoiceSchema = z.object({
  items: fields.many(z.string().trim().max(40)),
});

/** The local government's officer sets the basic package for a year; changes are kept as history. */
export async function savePackageChoice(
  ctx: ServiceContext,
  organisationId: string,
  year: number,
  input: unknown,
) {
  const p = ctx.user;
  const lg = await visibleLocalGovernment(ctx, organisationId);
  if (!canChoosePackage(p, organisationId)) {
    throw new ForbiddenError('Alleen een medewerker van het lokaal bestuur zelf kiest het basispakket.');
  }
  const { items: codes } = parseInput(packageChoiceSchema, input);
  const settings = await packageYear(ctx.db, lg.agencyCode, year);
  const yearError = yearOpenError({ year, currentYear: currentYear(), closed: settings.closed });
  if (yearError) throw new ValidationError({ items: yearError }, yearError);

  const catalogue = await ctx.db
    .select()
    .from(serviceCatalogueItems)
    .where(codes.length ? inArray(serviceCatalogueItems.code, codes) : sql`false`);
  const byCode = new Map(catalogue.map((i) => [i.code, i]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length) {
    throw new ValidationError({
      items: `Deze dienst staat niet in de catalogus: ${unknown.slice(0, 3).join(', ')}.`,
    });
  }
  const ids = codes.map((c) => byCode.get(c)!.id);
  const errors = packageChoiceErrors(ids, catalogue, {
    year,
    currentYear: currentYear(),
    closed: settings.closed,
    maxItems: settings.maxItems,
    agencyCode: lg.agencyCode,
  });
  if (errors.length) throw new ValidationError({ items: errors.join(' ') }, errors[0]);

  return ctx.transaction(async (tx) => {
    // Serialise concurrent saves of the same choice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`package:${organisationId}:${year}`}))`);
    const before = await currentChoice(tx, organisationId, year);
    const { added, removed } = packageDiff(
      before.map((b) => b.itemId),
      ids,
    );
    if (added.length === 0 && removed.length === 0) return { changed: false, added: 0, removed: 0 };
    const now = new Date();
    if (removed.length) {
      await tx
        .update(servicePackageChoices)
        .set({ removedAt: now, removedByUserId: p.userId })
        .where(
          and(
            eq(servicePackageChoices.organisationId, organisationId),
            eq(servicePackageChoices.year, year),
            inArray(servicePackageChoices.itemId, removed),
            isNull(servicePackageChoices.removedAt),
          ),
        );
    }
    if (added.length) {
      await tx
        .insert(servicePackageChoices)
        .values(
          added.map((itemId) => ({ organisationId, year, itemId, chosenAt: now, chosenByUserId: p.userId })),
        );
    }
    const afterCodes = [...new Set(codes)].sort();
    await writeAudit(tx, ctx.actor, {
      action: 'service_package.changed',
      entityType: 'local_government',
      entityId: organisationId,
      ownerOrganisationId: organisationId,
      before: { year, items: before.map((b) => b.code) },
      after: { year, items: afterCodes },
    });
    const contact = await currentContact(tx, organisationId);
    if (contact) {
      await enqueueMail(tx, {
        to: contact.email,
        subject: `${lg.name} wijzigde het basispakket ${year}`,
        text: [
          `Beste ${contact.name},`,
          '',
          `${lg.name} koos ${afterCodes.length} ${afterCodes.length === 1 ? 'dienst' : 'diensten'} uit het basispakket ${year}.`,
          `Bekijk de keuze: ${ctx.config.baseUrl}/dienstverlening/besturen/${organisationId}/basispakket/${year}`,
          '',
          'Regiekamer',
        ].join('\n'),
      });
    }
    return { changed: true, added: added.length, removed: removed.length };
  });
}

const packageSettingsSchema = z.object({
  maxItems: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || String(v).trim() === '' ? null : Number(String(v).trim())))
    .pipe(
      z
        .number({ error: 'Vul een aantal in, of laat het veld leeg voor geen limiet.' })
        .int({ error: 'Vul een heel aantal in.' })
        .min(1, { error: 'De limiet is minstens 1.' })
        .max(50, { error: 'De limiet is hoogstens 50.' })
        .nullable(),
    ),
  closed: checkbox,
});

export async function savePackageSettings(
  ctx: ServiceContext,
  agencyCode: string,
  year: number,
  input: unknown,
) {
  assertAgencyManager(ctx.user, agencyCode);
  const data = parseInput(packageSettingsSchema, input);
  const before = await packageYear(ctx.db, agencyCode, year);
  return ctx.transaction(async (tx) => {
    const closedAt = data.closed ? (before.closedAt ?? new Date()) : null;
    await tx
      .insert(servicePackageYears)
      .values({ agencyCode, year, maxItems: data.maxItems, closedAt })
      .onConflictDoUpdate({
        target: [servicePackageYears.agencyCode, servicePackageYears.year],
        set: { maxItems: data.maxItems, closedAt, updatedAt: new Date() },
      });
    await writeAudit(tx, ctx.actor, {
      action: 'service_package_year.updated',
      entityType: 'service_package_year',
      entityId: `${agencyCode}-${year}`,
      before: { maxItems: before.maxItems, closed: before.closed },
      after: { maxItems: data.maxItems, closed: data.closed },
    });
  });
}

/* ================================================================================================
 * Service requests
 * ============================================================================================== */

export const newRequestSchema = z.object({
  item: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || null),
  subject: fields.requiredText('een onderwerp', 200),
  message: fields.requiredText('uw vraag', MAX_MESSAGE_LENGTH),
});

function requestUrl(ctx: ServiceContext, id: string): string {
  return `${ctx.config.baseUrl}/dienstverlening/vragen/${id}`;
}

/** Who hears about the agency's side of a request: the contact person, else the agency's mailbox. */
async function agencyRecipient(db: Executor, organisationId: string, agencyCode: string) {
  const contact = await currentContact(db, organisationId);
  if (contact) return { email: contact.email, name: contact.name };
  const [agency] = await db
    .select({ email: organisations.email, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.agencyCode, agencyCode));
  return agency?.email ? { email: agency.email, name: agency.name } : null;
}

/** Who hears about the local government's side: the person who asked, else the organisation. */
async function localRecipient(
  db: Executor,
  request: { createdByUserId: string | null; organisationId: string },
) {
  if (request.createdByUserId) {
    const [u] = await db
      .select({ email: users.email, name: users.name, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, request.createdByUserId));
    if (u && !u.disabledAt) return { email: u.email, name: u.name };
  }
  const [org] = await db
    .select({ email: organisations.email, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, request.organisationId));
  return org?.email ? { email: org.email, name: org.name } : null;
}

export async function createRequest(ctx: ServiceContext, organisationId: string, input: unknown) {
  const p = ctx.user;
  if (p.active.role !== 'local_officer' || p.active.organisationId !== organisationId) {
    throw new ForbiddenError('U kunt alleen een vraag stellen voor het lokaal bestuur waarvoor u werkt.');
  }
  const lg = await visibleLocalGovernment(ctx, organisationId);
  const data = parseInput(newRequestSchema, input);
  const today = todayIso();
  let item: CatalogueItem | null = null;
  if (data.item) {
    const [found] = await ctx.db
      .select()
      .from(serviceCatalogueItems)
      .where(eq(serviceCatalogueItems.code, data.item));
    if (!found) throw new ValidationError({ item: 'Deze dienst staat niet in de catalogus.' });
    if (!found.agencies.includes(lg.agencyCode)) {
      throw new ValidationError({ item: `"${found.title}" wordt niet aangeboden door uw agentschap.` });
    }
    if (!validInYear(found, Number(today.slice(0, 4)))) {
      throw new ValidationError({ item: `"${found.title}" is nu niet beschikbaar.` });
    }
    item = found;
  }
  const dueDate = dueDateFor(today, item?.normWorkingDays ?? FREE_QUESTION_NORM_DAYS);
  return ctx.transaction(async (tx) => {
    const [created] = await tx
      .insert(serviceRequests)
      .values({
        organisationId,
        agencyCode: lg.agencyCode,
        itemId: item?.id ?? null,
        subject: data.subject,
        status: 'submitted',
        submittedOn: today,
        dueDate,
        createdByUserId: p.userId,
      })
      .returning();
    await tx.insert(serviceRequestMessages).values({
      requestId: created!.id,
      authorUserId: p.userId,
      side: 'local_government',
      body: data.message,
      statusTo: 'submitted',
    });
    await writeAudit(tx, ctx.actor, {
      action: 'service_request.created',
      entityType: 'service_request',
      entityId: created!.id,
      ownerOrganisationId: organisationId,
      after: { ...created, item: item?.code ?? null },
    });
    const to = await agencyRecipient(tx, organisationId, lg.agencyCode);
    if (to) {
      await enqueueMail(tx, {
        to: to.email,
        subject: `Nieuwe vraag van ${lg.name}: ${data.subject}`,
        text: [
          `Beste ${to.name},`,
          '',
          `${p.name} van ${lg.name} stelde een vraag${item ? ` over "${item.title}"` : ''}.`,
          `Onderwerp: ${data.subject}`,
          `Te beantwoorden tegen ${formatDate(dueDate)}.`,
          '',
          `Lees en beantwoord de vraag in Regiekamer: ${requestUrl(ctx, created!.id)}`,
          '',
          'Regiekamer',
        ].join('\n'),
      });
    }
    return created!;
  });
}

export type RequestFilter = {
  status?: string | undefined;
  year?: number | undefined;
  overdue?: boolean | undefined;
  organisationId?: string | undefined;
  open?: boolean | undefined;
  q?: string | undefined;
};

const requestColumns = {
  id: serviceRequests.id,
  number: serviceRequests.number,
  organisationId: serviceRequests.organisationId,
  organisationName: organisations.name,
  agencyCode: serviceRequests.agencyCode,
  itemId: serviceRequests.itemId,
  itemCode: serviceCatalogueItems.code,
  itemTitle: serviceCatalogueItems.title,
  normWorkingDays: serviceCatalogueItems.normWorkingDays,
  subject: serviceRequests.subject,
  status: serviceRequests.status,
  submittedAt: serviceRequests.submittedAt,
  submittedOn: serviceRequests.submittedOn,
  dueDate: serviceRequests.dueDate,
  closedOn: serviceRequests.closedOn,
  createdByUserId: serviceRequests.createdByUserId,
  updatedAt: serviceRequests.updatedAt,
};

function requestWhere(ctx: ServiceContext, filter: RequestFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    scopeWhere(ctx.db, scopeOf(ctx.user), serviceRequests.organisationId, serviceRequests.agencyCode),
  ];
  if (filter.status) conditions.push(eq(serviceRequests.status, filter.status));
  if (filter.open) conditions.push(inArray(serviceRequests.status, openStatuses));
  if (filter.year) {
    conditions.push(
      sql`${serviceRequests.submittedOn} between ${`${filter.year}-01-01`} and ${`${filter.year}-12-31`}`,
    );
  }
  if (filter.overdue) {
    conditions.push(
      inArray(serviceRequests.status, overdueStatuses),
      lt(serviceRequests.dueDate, todayIso()),
    );
  }
  if (filter.organisationId) conditions.push(eq(serviceRequests.organisationId, filter.organisationId));
  if (filter.q) {
    const term = escapeLike(filter.q);
    conditions.push(or(ilike(serviceRequests.subject, term), ilike(organisations.name, term))!);
  }
  return and(...conditions);
}

/** Requests the caller may see, newest first; overdue ones first when asked. */
export async function listRequests(ctx: ServiceContext, filter: RequestFilter, page: Page) {
  const where = requestWhere(ctx, filter);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(requestColumns)
      .from(serviceRequests)
      .innerJoin(organisations, eq(organisations.id, serviceRequests.organisationId))
      .leftJoin(serviceCatalogueItems, eq(serviceCatalogueItems.id, serviceRequests.itemId))
      .where(where)
      .orderBy(
        filter.overdue ? asc(serviceRequests.dueDate) : desc(serviceRequests.submittedAt),
        desc(serviceRequests.number),
      )
      .limit(page.pageSize)
      .offset(page.offset),
    // Every request has its organisation (foreign key); the join is needed only to search its name.
    filter.q
      ? ctx.db
          .select({ n: count() })
          .from(serviceRequests)
          .innerJoin(organisations, eq(organisations.id, serviceRequests.organisationId))
          .where(where)
      : ctx.db.select({ n: count() }).from(serviceRequests).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type RequestRow = Awaited<ReturnType<typeof listRequests>>['items'][number];

async function requestInScope(ctx: ServiceContext, db: Executor, id: string, forUpdate = false) {
  const where = and(
    eq(serviceRequests.id, id),
    scopeWhere(db, scopeOf(ctx.user), serviceRequests.organisationId, serviceRequests.agencyCode),
  );
  const query = db
    .select(requestColumns)
    .from(serviceRequests)
    .innerJoin(organisations, eq(organisations.id, serviceRequests.organisationId))
    .leftJoin(serviceCatalogueItems, eq(serviceCatalogueItems.id, serviceRequests.itemId))
    .where(where);
  const [row] = forUpdate ? await query.for('update', { of: serviceRequests }) : await query;
  if (!row) throw new NotFoundError('Deze vraag bestaat niet, of u hebt er geen toegang toe.');
  return row;
}

export async function getRequest(ctx: ServiceContext, id: string) {
  const request = await requestInScope(ctx, ctx.db, id);
  const [messages, contact] = await Promise.all([
    ctx.db
      .select({
        id: serviceRequestMessages.id,
        side: serviceRequestMessages.side,
        body: serviceRequestMessages.body,
        statusFrom: serviceRequestMessages.statusFrom,
        statusTo: serviceRequestMessages.statusTo,
        createdAt: serviceRequestMessages.createdAt,
        authorName: users.name,
      })
      .from(serviceRequestMessages)
      .leftJoin(users, eq(users.id, serviceRequestMessages.authorUserId))
      .where(eq(serviceRequestMessages.requestId, id))
      .orderBy(asc(serviceRequestMessages.createdAt))
      .limit(500),
    currentContact(ctx.db, request.organisationId),
  ]);
  return { request, messages, contact };
}

export type RequestDetail = Awaited<ReturnType<typeof getRequest>>;

export const replySchema = z
  .object({
    message: z
      .string()
      .trim()
      .max(MAX_MESSAGE_LENGTH, {
        error: `Een bericht is hoogstens ${MAX_MESSAGE_LENGTH.toLocaleString('nl-BE')} tekens lang. Korter het in, of verdeel het over enkele berichten.`,
      })
      .optional()
      .transform((v) => v || null),
    action: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || requestActions.includes(v), { error: 'Kies een geldige volgende stap.' }),
  })
  .refine((v) => v.message !== null || v.action !== null, {
    error: 'Schrijf een bericht of kies een volgende stap.',
    path: ['message'],
  });

/**
 * A message on the thread and/or a step in the workflow, in one transaction. An officer who answers
 * while the agency waits for them moves the request back to "in behandeling" by answering.
 */
export async function replyToRequest(ctx: ServiceContext, id: string, input: unknown) {
  const p = ctx.user;
  await requestInScope(ctx, ctx.db, id);
  const side = sideOf(p);
  if (!side) throw new ForbiddenError('U kunt deze vraag lezen, maar niet beantwoorden.');
  const data = parseInput(replySchema, input);
  return ctx.transaction(async (tx) => {
    const request = await requestInScope(ctx, tx, id, true);
    const from = request.status as RequestStatus;
    let action = data.action;
    if (!action && side === 'local_government' && from === 'waiting_for_local_government') action = 'answer';
    if (!action && !isOpen(from)) {
      throw new ConflictError(
        `Deze vraag is ${statusLabel(from).toLowerCase()}. Heropen ze eerst, of stel een nieuwe vraag.`,
      );
    }
    const to = action ? nextStatus(from, action, p.active.role) : from;
    const today = todayIso();
    if (to !== from) {
      await tx
        .update(serviceRequests)
        .set({
          status: to,
          closedOn: to === 'done' || to === 'cancelled' ? today : null,
          updatedAt: new Date(),
        })
        .where(eq(serviceRequests.id, id));
    } else {
      await tx.update(serviceRequests).set({ updatedAt: new Date() }).where(eq(serviceRequests.id, id));
    }
    const [message] = await tx
      .insert(serviceRequestMessages)
      .values({
        requestId: id,
        authorUserId: p.userId,
        side,
        body: data.message,
        statusFrom: to !== from ? from : null,
        statusTo: to !== from ? to : null,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: to !== from ? 'service_request.status_changed' : 'service_request.message_added',
      entityType: 'service_request',
      entityId: id,
      ownerOrganisationId: request.organisationId,
      before: { status: from },
      after: { status: to, messageId: message!.id, messageLength: data.message?.length ?? 0 },
    });
    const recipient =
      side === 'agency'
        ? await localRecipient(tx, request)
        : await agencyRecipient(tx, request.organisationId, request.agencyCode);
    if (recipient && recipient.email.toLowerCase() !== p.email.toLowerCase()) {
      const forLocal = side === 'agency';
      const what = [
        data.message ? `${p.name} schreef een nieuw bericht.` : null,
        to !== from ? `De status is nu: ${statusLabel(to, forLocal)}.` : null,
      ].filter(Boolean);
      await enqueueMail(tx, {
        to: recipient.email,
        subject: `${to === 'done' ? 'Afgerond' : 'Nieuw bericht'}: vraag ${request.number}, ${request.subject}`,
        text: [
          `Beste ${recipient.name},`,
          '',
          `Over de vraag "${request.subject}" van ${request.organisationName}:`,
          ...what,
          '',
          `Lees het in Regiekamer: ${requestUrl(ctx, id)}`,
          '',
          'Regiekamer',
        ].join('\n'),
      });
    }
    return { status: to, messageId: message!.id };
  });
}

/* ================================================================================================
 * Contact log
 * ============================================================================================== */

export const contactMomentSchema = z
  .object({
    occurredOn: isoDate('de datum'),
    kind: z.enum(contactKinds, { error: 'Kies de soort contact.' }),
    topic: fields.requiredText('het onderwerp', 200),
    notes: fields.optionalText('de notities', 5000),
    followUp: fields.optionalText('de opvolging', 1000),
  })
  .refine((v) => v.occurredOn <= todayIso(), {
    error: 'De datum ligt in de toekomst. Noteer een contact nadat het plaatsvond.',
    path: ['occurredOn'],
  });

export function canLogContact(p: Principal, lg: LocalGovernment, inPortfolio: boolean): boolean {
  if (p.active.agencyCode !== lg.agencyCode) return false;
  return p.active.role === 'agency_staff' || (p.active.role === 'contact_person' && inPortfolio);
}

export async function addContactMoment(ctx: ServiceContext, organisationId: string, input: unknown) {
  const p = ctx.user;
  const lg = await visibleLocalGovernment(ctx, organisationId);
  // visibleLocalGovernment already limits a contact person to their portfolio.
  if (!canLogContact(p, lg, true)) {
    throw new ForbiddenError(
      'Alleen de aanspreekpersoon en de medewerkers van het agentschap noteren contacten.',
    );
  }
  const data = parseInput(contactMomentSchema, input);
  return ctx.transaction(async (tx) => {
    const [created] = await tx
      .insert(serviceContactLog)
      .values({ ...data, organisationId, agencyCode: lg.agencyCode, authorUserId: p.userId })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'service_contact_moment.created',
      entityType: 'service_contact_moment',
      entityId: created!.id,
      ownerOrganisationId: organisationId,
      after: created,
    });
    return created!;
  });
}

export async function listContactLog(ctx: ServiceContext, organisationId: string, page: Page) {
  await visibleLocalGovernment(ctx, organisationId);
  const where = eq(serviceContactLog.organisationId, organisationId);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: serviceContactLog.id,
        occurredOn: serviceContactLog.occurredOn,
        kind: serviceContactLog.kind,
        topic: serviceContactLog.topic,
        notes: serviceContactLog.notes,
        followUp: serviceContactLog.followUp,
        authorName: users.name,
      })
      .from(serviceContactLog)
      .leftJoin(users, eq(users.id, serviceContactLog.authorUserId))
      .where(where)
      .orderBy(desc(serviceContactLog.occurredOn), desc(serviceContactLog.createdAt))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(serviceContactLog).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type ContactMomentRow = Awaited<ReturnType<typeof listContactLog>>['items'][number];

/* ================================================================================================
 * Local governments in scope, with their contact person and activity
 * ============================================================================================== */

export type LocalGovernmentFilter = { q?: string | undefined; agency?: string | undefined };

/** Local governments the caller may see, with contact person, open requests and last contact. */
export async function listLocalGovernments(ctx: ServiceContext, filter: LocalGovernmentFilter, page: Page) {
  const scope = scopeOf(ctx.user);
  const conditions: SQL[] = [];
  if (filter.q) conditions.push(ilike(organisations.name, escapeLike(filter.q)));
  const all = await localGovernmentsQuery(ctx.db, scope, conditions.length ? and(...conditions) : undefined);
  const filtered = filter.agency ? all.filter((lg) => lg.agencyCode === filter.agency) : all;
  const slice = filtered.slice(page.offset, page.offset + page.pageSize);
  return { items: await withActivity(ctx.db, slice), total: filtered.length };
}

/** Adds contact person, open and overdue requests and last contact to a page of local governments. */
export async function withActivity(db: Executor, list: LocalGovernment[]) {
  const ids = list.map((l) => l.id);
  if (ids.length === 0) return [];
  const today = todayIso();
  const [contacts, open, lastContacts] = await Promise.all([
    db
      .select({
        organisationId: serviceContactAssignments.organisationId,
        userId: users.id,
        name: users.name,
      })
      .from(serviceContactAssignments)
      .innerJoin(users, eq(users.id, serviceContactAssignments.contactUserId))
      .where(
        and(inArray(serviceContactAssignments.organisationId, ids), isNull(serviceContactAssignments.until)),
      ),
    db
      .select({
        organisationId: serviceRequests.organisationId,
        open: count(),
        overdue:
          sql<number>`count(*) filter (where ${serviceRequests.dueDate} < ${today} and ${inArray(serviceRequests.status, overdueStatuses)})`.mapWith(
            Number,
          ),
      })
      .from(serviceRequests)
      .where(and(inArray(serviceRequests.organisationId, ids), inArray(serviceRequests.status, openStatuses)))
      .groupBy(serviceRequests.organisationId),
    db
      .select({ organisationId: serviceContactLog.organisationId, last: max(serviceContactLog.occurredOn) })
      .from(serviceContactLog)
      .where(inArray(serviceContactLog.organisationId, ids))
      .groupBy(serviceContactLog.organisationId),
  ]);
  const contactBy = new Map(contacts.map((c) => [c.organisationId, c]));
  const openBy = new Map(open.map((o) => [o.organisationId, o]));
  const lastBy = new Map(lastContacts.map((l) => [l.organisationId, l.last]));
  return list.map((lg) => ({
    ...lg,
    contactName: contactBy.get(lg.id)?.name ?? null,
    contactUserId: contactBy.get(lg.id)?.userId ?? null,
    openRequests: openBy.get(lg.id)?.open ?? 0,
    overdueRequests: openBy.get(lg.id)?.overdue ?? 0,
    lastContact: lastBy.get(lg.id) ?? null,
  }));
}

export type LocalGovernmentActivity = Awaited<ReturnType<typeof withActivity>>[number];

export { requestStatuses };
