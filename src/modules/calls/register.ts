import { randomUUID } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { organisations } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor, Tx } from '../../core/db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { parseInput, toFieldErrors } from '../../core/http/validation';
import { parseEuroToCents, todayIso } from '../../core/i18n/format';
import { municipalities } from '../reference';
import { isApplicant } from './access';
import {
  type CsvCheck,
  checkRegisterRecords,
  duplicateKey,
  guessDelimiter,
  parseDate,
  type RegisterContext,
  type RegisterEntry,
  registerEntrySchema,
} from './rules';
import { callApplicationMunicipalities, impulseGrants, oefenkansen, oefenkansTotals } from './schema';
import { getApplication } from './service';

/** A register of oefenkansen: of a granted application, or of an impulse grant. */
export type RegisterTarget = {
  kind: 'application' | 'impulse';
  id: string;
  title: string;
  /** The organisation that fills in the register. */
  holderOrganisationId: string;
  /** The agency whose staff check the register (the call's owner, or the impulse's grantor). */
  staffOrganisationId: string;
  holderName: string;
  canWrite: boolean;
  /** Why writing is not possible now, when canWrite is false. */
  writeBlocked: string | null;
  context: RegisterContext;
  committedUnits: number | null;
  basePath: string;
};

const targetColumn = (t: Pick<RegisterTarget, 'kind'>) =>
  t.kind === 'application' ? oefenkansen.applicationId : oefenkansen.impulseGrantId;

async function municipalityNames(db: Executor, nis: string[]) {
  if (nis.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ nis: municipalities.nis, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.nis, nis))
    .orderBy(asc(municipalities.name));
  return new Map(rows.map((r) => [r.nis, r.name]));
}

/** The register of an application the user may see; writing only by the applicant once granted. */
export async function applicationRegister(
  ctx: ServiceContext,
  applicationId: string,
): Promise<RegisterTarget> {
  const row = await getApplication(ctx, applicationId);
  const covered = await ctx.db
    .select({ nis: callApplicationMunicipalities.municipalityNis })
    .from(callApplicationMunicipalities)
    .where(eq(callApplicationMunicipalities.applicationId, applicationId));
  const applicant = isApplicant(ctx.user, row.application);
  const granted = row.application.status === 'granted';
  return {
    kind: 'application',
    id: applicationId,
    title: row.call.title,
    holderOrganisationId: row.application.applicantOrganisationId,
    staffOrganisationId: row.call.ownerOrganisationId,
    holderName: row.applicantName,
    canWrite: applicant && granted,
    writeBlocked: !applicant
      ? 'Alleen de aanvrager registreert oefenkansen.'
      : !granted
        ? 'U kunt oefenkansen registreren zodra uw aanvraag is toegekend.'
        : null,
    context: {
      periodStart: row.call.implementationStart,
      periodEnd: row.call.implementationEnd,
      today: todayIso(),
      municipalities: await municipalityNames(
        ctx.db,
        covered.map((c) => c.nis),
      ),
    },
    committedUnits: row.application.grantedUnits,
    basePath: `/aanvragen/${applicationId}/register`,
  };
}

export type ImpulseGrant = typeof impulseGrants.$inferSelect;

/** Impulse grants the user may see: their agency's (as recipient or as owner). */
export function impulseScope(ctx: ServiceContext): SQL {
  const p = ctx.user;
  if (p.active.role === 'platform_admin') return sql`true`;
  if (!['agency_staff', 'contact_person', 'finance_officer'].includes(p.active.role)) return sql`false`;
  return sql`(${impulseGrants.recipientOrganisationId} = ${p.active.organisationId} or ${impulseGrants.ownerOrganisationId} = ${p.active.organisationId})`;
}

export async function listImpulseGrants(ctx: ServiceContext) {
  const rows = await ctx.db
    .select({ grant: impulseGrants, recipientName: organisations.name })
    .from(impulseGrants)
    .innerJoin(organisations, eq(organisations.id, impulseGrants.recipientOrganisationId))
    .where(impulseScope(ctx))
    .orderBy(asc(impulseGrants.area));
  const totals = await registerTotals(
    ctx.db,
    rows.map((r) => r.grant.id),
  );
  return rows.map((r) => ({ ...r, totals: totals.get(r.grant.id) ?? emptyTotals }));
}

export async function impulseRegister(
  ctx: ServiceContext,
  id: string,
): Promise<RegisterTarget & { grant: ImpulseGrant }> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze impuls bestaat niet.');
  const [row] = await ctx.db
    .select({ grant: impulseGrants, recipientName: organisations.name })
    .from(impulseGrants)
    .innerJoin(organisations, eq(organisations.id, impulseGrants.recipientOrganisationId))
    .where(and(eq(impulseGrants.id, id), impulseScope(ctx)));
  if (!row) throw new NotFoundError('Deze impuls bestaat niet, of u hebt er geen toegang toe.');
  const p = ctx.user;
  const holder =
    p.active.organisationId === row.grant.recipientOrganisationId && p.active.role === 'agency_staff';
  return {
    kind: 'impulse',
    id,
    grant: row.grant,
    title: row.grant.title,
    holderOrganisationId: row.grant.recipientOrganisationId,
    staffOrganisationId: row.grant.ownerOrganisationId,
    holderName: row.recipientName,
    canWrite: holder,
    writeBlocked: holder ? null : `Alleen ${row.recipientName} registreert oefenkansen voor deze impuls.`,
    context: {
      periodStart: row.grant.periodStart,
      periodEnd: row.grant.periodEnd,
      today: todayIso(),
      municipalities: await municipalityNames(ctx.db, row.grant.municipalityNis),
    },
    committedUnits: null,
    basePath: `/impulsen/${id}/register`,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export type RegisterTotals = {
  entries: number;
  eligible: number;
  duplicates: number;
  notMeetingDefinition: number;
  participants: number;
  women: number;
};
export const emptyTotals: RegisterTotals = {
  entries: 0,
  eligible: 0,
  duplicates: 0,
  notMeetingDefinition: 0,
  participants: 0,
  women: 0,
};

/** An oefenkans counts when it meets the definition and is not flagged as a duplicate. */
export const eligibleEntry = sql`(${oefenkansen.mainGoalDutch} and ${oefenkansen.outsideLesson} and ${oefenkansen.noCertification} and not ${oefenkansen.duplicate})`;

/**
 * Recounts every register total from the registers; for bulk loads that run without triggers (seed:scale).
 * The same counts as the triggers of migration 0009.
 */
export const rebuildRegisterTotalsSql = `
  delete from oefenkans_totals;
  insert into oefenkans_totals
    (target_id, entries, eligible, duplicates, not_meeting_definition, participants, women)
  select coalesce(application_id, impulse_grant_id), count(*),
    count(*) filter (where main_goal_dutch and outside_lesson and no_certification and not duplicate),
    count(*) filter (where duplicate),
    count(*) filter (where not (main_goal_dutch and outside_lesson and no_certification)),
    coalesce(sum(participants), 0), coalesce(sum(women), 0)
  from oefenkansen
  where coalesce(application_id, impulse_grant_id) is not null
  group by 1;`;

/** Register totals per application or impulse grant, from the totals the triggers keep (schema.ts). */
export async function registerTotals(
  db: Executor,
  targetIds: string[],
): Promise<Map<string, RegisterTotals>> {
  if (targetIds.length === 0) return new Map();
  const rows = await db
    .select({
      key: oefenkansTotals.targetId,
      entries: oefenkansTotals.entries,
      eligible: oefenkansTotals.eligible,
      duplicates: oefenkansTotals.duplicates,
      notMeetingDefinition: oefenkansTotals.notMeetingDefinition,
      participants: oefenkansTotals.participants,
      women: oefenkansTotals.women,
    })
    .from(oefenkansTotals)
    .where(inArray(oefenkansTotals.targetId, targetIds));
  return new Map(rows.map((r) => [r.key, r]));
}

export async function totalsOf(db: Executor, target: Pick<RegisterTarget, 'kind' | 'id'>) {
  const totals = await registerTotals(db, [target.id]);
  return totals.get(target.id) ?? emptyTotals;
}

export async function listRegister(ctx: ServiceContext, target: RegisterTarget, page: Page) {
  const where = eq(targetColumn(target), target.id);
  const [items, totals] = await Promise.all([
    ctx.db
      .select()
      .from(oefenkansen)
      .where(where)
      .orderBy(desc(oefenkansen.date), asc(oefenkansen.title), asc(oefenkansen.id))
      .limit(page.pageSize)
      .offset(page.offset),
    totalsOf(ctx.db, target),
  ]);
  return { items, total: totals.entries, totals };
}

export async function allRegisterEntries(db: Executor, target: Pick<RegisterTarget, 'kind' | 'id'>) {
  return db
    .select()
    .from(oefenkansen)
    .where(eq(targetColumn(target), target.id))
    .orderBy(asc(oefenkansen.date), asc(oefenkansen.title));
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

function assertWritable(target: RegisterTarget) {
  if (!target.canWrite) throw new ForbiddenError(target.writeBlocked ?? undefined);
}

const targetIds = (target: RegisterTarget) =>
  target.kind === 'application'
    ? { applicationId: target.id, impulseGrantId: null }
    : { applicationId: null, impulseGrantId: target.id };

async function existingKeys(db: Executor, target: RegisterTarget, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 20_000) {
    const chunk = unique.slice(i, i + 20_000);
    const rows = await db
      .select({ key: oefenkansen.duplicateKey })
      .from(oefenkansen)
      .where(
        and(
          eq(targetColumn(target), target.id),
          sql`${oefenkansen.duplicateKey} = any(${sql.param(chunk)}::text[])`,
        ),
      );
    for (const r of rows) found.add(r.key);
  }
  return found;
}

/** Registers one oefenkans (form or API); a probable duplicate is flagged, not refused. */
export async function addRegisterEntry(
  ctx: ServiceContext,
  target: RegisterTarget,
  input: unknown,
  source: 'manual' | 'api' = 'manual',
) {
  assertWritable(target);
  const parsed = registerEntrySchema(target.context).safeParse(input);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  const entry = parsed.data;
  const key = duplicateKey(entry.date, entry.place, entry.title);
  return ctx.transaction(async (tx) => {
    const duplicate = (await existingKeys(tx, target, [key])).size > 0;
    const [row] = await tx
      .insert(oefenkansen)
      .values({
        ...entry,
        ...targetIds(target),
        duplicateKey: key,
        duplicate,
        source,
        createdBy: ctx.user.userId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'oefenkans.created',
      entityType: target.kind === 'application' ? 'call_application' : 'impulse_grant',
      entityId: target.id,
      ownerOrganisationId: target.holderOrganisationId,
      after: row,
    });
    return { entry: row!, duplicate };
  });
}

type NewEntry = typeof oefenkansen.$inferInsert;

/**
 * Inserts many register rows in one statement: one array parameter per column, unnested by the
 * database. Far fewer parameters than a multi-row VALUES list, which keeps 10,000 rows to seconds.
 */
async function bulkInsert(tx: Tx, rows: NewEntry[]) {
  if (rows.length === 0) return;
  const col = <T>(pick: (r: NewEntry) => T) => sql.param(rows.map(pick));
  const first = rows[0]!;
  await tx.execute(sql`
    insert into oefenkansen (
      application_id, impulse_grant_id, date, title, municipality_nis, place, partner, format,
      duration_minutes, participants, women, men, other_gender, main_goal_dutch, outside_lesson,
      no_certification, duplicate_key, duplicate, source, import_batch_id, created_by
    )
    select ${first.applicationId ?? null}::uuid, ${first.impulseGrantId ?? null}::uuid, u.date, u.title,
      u.municipality_nis, u.place, u.partner, u.format, u.duration_minutes, u.participants, u.women, u.men,
      u.other_gender, u.main_goal_dutch, u.outside_lesson, u.no_certification, u.duplicate_key, u.duplicate,
      ${first.source}, ${first.importBatchId ?? null}::uuid, ${first.createdBy ?? null}::uuid
    from unnest(
      ${col((r) => r.date)}::date[], ${col((r) => r.title)}::text[], ${col((r) => r.municipalityNis)}::text[],
      ${col((r) => r.place)}::text[], ${col((r) => r.partner ?? null)}::text[], ${col((r) => r.format)}::text[],
      ${col((r) => r.durationMinutes)}::int[], ${col((r) => r.participants)}::int[],
      ${col((r) => r.women ?? null)}::int[], ${col((r) => r.men ?? null)}::int[],
      ${col((r) => r.otherGender ?? null)}::int[], ${col((r) => r.mainGoalDutch)}::boolean[],
      ${col((r) => r.outsideLesson)}::boolean[], ${col((r) => r.noCertification)}::boolean[],
      ${col((r) => r.duplicateKey)}::text[], ${col((r) => r.duplicate ?? false)}::boolean[]
    ) as u(date, title, municipality_nis, place, partner, format, duration_minutes, participants, women, men,
      other_gender, main_goal_dutch, outside_lesson, no_certification, duplicate_key, duplicate)
  `);
}

export type ImportReport = {
  dryRun: boolean;
  fileError: string | null;
  errors: CsvCheck['errors'];
  lines: number;
  valid: number;
  duplicatesInFile: number;
  duplicatesExisting: number;
  notMeetingDefinition: number;
  imported: number;
  batchId: string | null;
  milliseconds: number;
};

export const MAX_CSV_BYTES = 10 * 1024 * 1024;

/** Reads CSV text into records; a broken file (quotes) is one Dutch message. */
export function readCsv(text: string): { records: string[][]; error: string | null } {
  if (text.length > MAX_CSV_BYTES) return { records: [], error: 'Het bestand is groter dan 10 MB.' };
  try {
    const records = parse(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
    return { records, error: null };
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return {
        records: [],
        error: `Het bestand is geen geldig CSV-bestand${line ? ` (rond regel ${line})` : ''}: controleer de aanhalingstekens en het scheidingsteken (;).`,
      };
    }
    throw error;
  }
}

/**
 * Imports a CSV register. The dry run checks every line and writes nothing; the real import writes
 * nothing either unless every line is clean, and then inserts all lines in one transaction.
 */
export async function importRegisterCsv(
  ctx: ServiceContext,
  target: RegisterTarget,
  text: string,
  dryRun: boolean,
): Promise<ImportReport> {
  assertWritable(target);
  const started = performance.now();
  const report: ImportReport = {
    dryRun,
    fileError: null,
    errors: [],
    lines: 0,
    valid: 0,
    duplicatesInFile: 0,
    duplicatesExisting: 0,
    notMeetingDefinition: 0,
    imported: 0,
    batchId: null,
    milliseconds: 0,
  };
  const finish = () => ({ ...report, milliseconds: Math.round(performance.now() - started) });
  const { records, error } = readCsv(text);
  if (error) {
    report.fileError = error;
    return finish();
  }
  const check = checkRegisterRecords(records, target.context);
  report.fileError = check.fileError;
  report.errors = check.errors;
  report.lines = Math.max(0, records.length - 1);
  report.valid = check.entries.length;
  report.duplicatesInFile = check.duplicateLines.length;
  report.notMeetingDefinition = check.entries.filter(
    (e) => !(e.mainGoalDutch && e.outsideLesson && e.noCertification),
  ).length;
  if (report.fileError) return finish();
  const existing = await existingKeys(
    ctx.db,
    target,
    check.entries.map((e) => e.key),
  );
  report.duplicatesExisting = check.entries.filter((e) => existing.has(e.key)).length;
  if (dryRun || report.errors.length > 0 || check.entries.length === 0) return finish();

  const batchId = randomUUID();
  const duplicateLines = new Set(check.duplicateLines.map((d) => d.line));
  await ctx.transaction(async (tx) => {
    const rows = check.entries.map(
      ({ line, key, ...entry }: RegisterEntry & { line: number; key: string }) => ({
        ...entry,
        ...targetIds(target),
        duplicateKey: key,
        duplicate: duplicateLines.has(line) || existing.has(key),
        source: 'csv',
        importBatchId: batchId,
        createdBy: ctx.user.userId,
      }),
    );
    for (let i = 0; i < rows.length; i += 5000) await bulkInsert(tx, rows.slice(i, i + 5000));
    await writeAudit(tx, ctx.actor, {
      action: 'oefenkansen.imported',
      entityType: target.kind === 'application' ? 'call_application' : 'impulse_grant',
      entityId: target.id,
      ownerOrganisationId: target.holderOrganisationId,
      after: {
        batchId,
        imported: rows.length,
        duplicates: rows.filter((r) => r.duplicate).length,
      },
    });
  });
  report.imported = check.entries.length;
  report.batchId = batchId;
  return finish();
}

/** One oefenkans of a register the user may see. */
export async function getRegisterEntry(db: Executor, target: RegisterTarget, entryId: string) {
  if (!z.uuid().safeParse(entryId).success) throw new NotFoundError('Deze oefenkans bestaat niet.');
  const [row] = await db
    .select()
    .from(oefenkansen)
    .where(and(eq(oefenkansen.id, entryId), eq(targetColumn(target), target.id)));
  if (!row) throw new NotFoundError('Deze oefenkans bestaat niet.');
  return row;
}

/** Removes one oefenkans registered by mistake (holder only). */
export async function deleteRegisterEntry(ctx: ServiceContext, target: RegisterTarget, entryId: string) {
  assertWritable(target);
  if (!z.uuid().safeParse(entryId).success) throw new NotFoundError('Deze oefenkans bestaat niet.');
  return ctx.transaction(async (tx) => {
    const [removed] = await tx
      .delete(oefenkansen)
      .where(and(eq(oefenkansen.id, entryId), eq(targetColumn(target), target.id)))
      .returning();
    if (!removed) throw new NotFoundError('Deze oefenkans bestaat niet.');
    await writeAudit(tx, ctx.actor, {
      action: 'oefenkans.deleted',
      entityType: target.kind === 'application' ? 'call_application' : 'impulse_grant',
      entityId: target.id,
      ownerOrganisationId: target.holderOrganisationId,
      before: removed,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Impulse grants (Antwerpen, Gent, Brussel)
// ---------------------------------------------------------------------------------------------

/** Who receives an impulse for which area: the city agencies and the Huis van het Nederlands. */
export const impulseRecipients = [
  { agencyCode: 'ATLAS', area: 'Antwerpen', municipalities: ['11002'] as string[] | 'BRU' },
  { agencyCode: 'AMAL', area: 'Gent', municipalities: ['44021'] as string[] | 'BRU' },
  { agencyCode: 'HVN', area: 'Brussel', municipalities: 'BRU' as string[] | 'BRU' },
] as const;

const impulseDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((v, c) => {
      const iso = parseDate(v);
      if (!iso) {
        c.addIssue({ code: 'custom', message: `Vul ${label} in als geldige datum.` });
        return z.NEVER;
      }
      return iso;
    });

export const impulseSchema = z
  .object({
    recipient: z.enum(['ATLAS', 'AMAL', 'HVN'], { error: 'Kies wie de impuls krijgt.' }),
    amount: z
      .string()
      .trim()
      .optional()
      .transform((v, c) => {
        const cents = v ? parseEuroToCents(v) : null;
        if (cents === null || cents <= 0) {
          c.addIssue({ code: 'custom', message: 'Vul het bedrag in euro in, bv. 350.000,00.' });
          return z.NEVER;
        }
        return cents;
      }),
    periodStart: impulseDate('de begindatum'),
    periodEnd: impulseDate('de einddatum'),
  })
  .superRefine((v, c) => {
    if (v.periodStart > v.periodEnd) {
      c.addIssue({ code: 'custom', path: ['periodEnd'], message: 'De periode eindigt na het begin.' });
    }
  });

/** AgII grants a fixed impulse to Atlas, Amal or the Huis van het Nederlands. */
export async function createImpulseGrant(ctx: ServiceContext, input: unknown) {
  const p = ctx.user;
  if (p.active.role !== 'agency_staff' || p.active.agencyCode !== 'AGII') {
    throw new ForbiddenError('Alleen medewerkers van AgII kennen een impuls toe.');
  }
  const data = parseInput(impulseSchema, input);
  const spec = impulseRecipients.find((r) => r.agencyCode === data.recipient)!;
  const [recipient] = await ctx.db
    .select()
    .from(organisations)
    .where(eq(organisations.agencyCode, spec.agencyCode));
  if (!recipient) throw new ValidationError({ recipient: 'Deze organisatie is niet gekend.' });
  const nis =
    spec.municipalities === 'BRU'
      ? (
          await ctx.db
            .select({ nis: municipalities.nis })
            .from(municipalities)
            .where(eq(municipalities.region, 'BRU'))
        ).map((m) => m.nis)
      : [...spec.municipalities];
  return ctx.transaction(async (tx) => {
    const [grant] = await tx
      .insert(impulseGrants)
      .values({
        ownerOrganisationId: p.active.organisationId,
        recipientOrganisationId: recipient.id,
        title: `Financiële impuls oefenkansen Nederlands ${spec.area}`,
        area: spec.area,
        municipalityNis: nis,
        amountCents: data.amount,
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'impulse_grant.created',
      entityType: 'impulse_grant',
      entityId: grant!.id,
      ownerOrganisationId: recipient.id,
      after: grant,
    });
    return grant!;
  });
}

/**
 * Agency staff settle a flagged duplicate: it is not a duplicate after all (it counts again), or it is
 * (it stays flagged). Only staff of the agency that runs the call or owns the impulse.
 */
export async function settleDuplicate(ctx: ServiceContext, target: RegisterTarget, entryId: string) {
  const p = ctx.user;
  const staff =
    p.active.role === 'platform_admin' ||
    (p.active.role === 'agency_staff' && p.active.organisationId === target.staffOrganisationId);
  if (!staff) throw new ForbiddenError('Alleen het agentschap beslist over mogelijke dubbels.');
  const entry = await getRegisterEntry(ctx.db, target, entryId);
  if (!entry.duplicate)
    throw new ConflictError('Deze oefenkans staat niet (meer) gemarkeerd als mogelijk dubbel.');
  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(oefenkansen)
      .set({ duplicate: false })
      .where(and(eq(oefenkansen.id, entryId), eq(oefenkansen.duplicate, true)))
      .returning();
    if (!after) throw new ConflictError('Iemand anders heeft dit intussen behandeld.');
    await writeAudit(tx, ctx.actor, {
      action: 'oefenkans.not_a_duplicate',
      entityType: target.kind === 'application' ? 'call_application' : 'impulse_grant',
      entityId: target.id,
      ownerOrganisationId: target.holderOrganisationId,
      before: { id: entryId, duplicate: true },
      after: { id: entryId, duplicate: false },
    });
    return after;
  });
}
