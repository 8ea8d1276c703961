import { and, count, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../core/access/policy';
import { organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Db, Executor } from '../../core/db/client';
import { ConflictError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { parseInput } from '../../core/http/validation';
import { scheduleAggregateRefresh } from './aggregates';
import { IMPORT_MAX_ROWS, type ImportStrategy, importStrategies } from './catalogue';
import { geography } from './geo';
import {
  type CleanRow,
  type ImportCheck,
  type ImportIndicator,
  type LineError,
  type LineUnit,
  valueChecker,
} from './importer';
import type { Frequency, Measure } from './rules';
import { importBatches, indicators, indicatorValues } from './schema';
import { lineWord, readXlsxAsCsv, spreadsheetKind } from './spreadsheet';
import { canCopy, openValueCopy, worthCopying, writeValues } from './store';

export type Batch = typeof importBatches.$inferSelect;

/** What a dry run found, stored with the batch (the first errors; the count of all). */
export type BatchReport = {
  /** "regel" (CSV) or "rij" (Excel); older reports have none (CSV). */
  unit?: LineUnit;
  errors: LineError[];
  summary: {
    indicators: string[];
    periods: string[];
    areas: number;
    merged: number;
    valid: number;
    lines: number;
  };
  toCreate: number;
  toUpdate: number;
};

const REPORTED_ERRORS = 500;
/** Files from this size on are stored compressed with lz4 (see checkImport). */
const LZ4_FROM = 1 << 20;

export const importInputSchema = z.object({
  strategy: z.enum(importStrategies, { error: 'Kies hoe bestaande waarden behandeld worden.' }),
});

async function lookups(db: Executor) {
  const geo = await geography(db);
  const list = await db.select().from(indicators);
  return {
    indicators: new Map(
      list.map((i): [string, ImportIndicator] => [
        i.code,
        {
          id: i.id,
          code: i.code,
          measure: i.measure as Measure,
          frequency: i.frequency as Frequency,
          breakdowns: i.breakdowns,
          areaLevel: i.areaLevel,
          multiplier: i.multiplier,
          decimals: i.decimals,
          computed: i.computedBy !== null,
        },
      ]),
    ),
    municipalities: geo.municipalities.map((m) => ({ nis: m.nis, name: m.name })),
    networks: [...geo.networks].map(([code, name]) => ({ code, name })),
  };
}

/**
 * The text of an uploaded file: CSV as UTF-8 (Windows-1252 when the bytes are not valid UTF-8), an
 * Excel workbook as CSV text whose line N is row N of its first sheet.
 */
export async function uploadedText(
  fileName: string,
  bytes: Buffer,
  maxRows = IMPORT_MAX_ROWS,
): Promise<{ text: string; xlsx: boolean } | { error: string }> {
  const kind = spreadsheetKind(fileName, bytes);
  if (kind === 'xls')
    return {
      error:
        'Dit is een oud Excel-bestand (.xls). Bewaar het in Excel als "Excel-werkmap (.xlsx)" of als "CSV UTF-8".',
    };
  if (kind === 'xlsx') {
    const sheet = await readXlsxAsCsv(bytes, maxRows);
    return 'error' in sheet ? sheet : { text: sheet.text, xlsx: true };
  }
  let text = bytes.toString('utf8');
  // Excel's plain "CSV" is Windows-1252: fall back when the bytes are not valid UTF-8.
  if (text.includes('\uFFFD')) text = bytes.toString('latin1');
  return { text, xlsx: false };
}

type Checked = { result: ImportCheck; errors: LineError[]; toCreate: number; toUpdate: number };

const unreadable = (message: string): Checked => ({
  result: {
    rows: [],
    errors: [{ line: 1, message }],
    lineCount: 0,
    summary: { indicators: [], periods: [], areas: 0, merged: 0 },
  },
  errors: [{ line: 1, message }],
  toCreate: 0,
  toUpdate: 0,
});

type Lookups = Awaited<ReturnType<typeof lookups>>;

/** Lines checked between two pauses in which the server serves others (and sends what it wrote). */
const CHECK_LINES = 25_000;

/** checkValueCsv, pausing every CHECK_LINES lines instead of holding the process meanwhile. */
async function checkText(content: string, lk: Lookups, unit: LineUnit): Promise<ImportCheck> {
  const checker = valueChecker(content, lk, unit);
  while (checker.next(CHECK_LINES)) await new Promise((resolve) => setImmediate(resolve));
  return checker.result();
}

/**
 * Checks a file completely, including the strategy against what is stored (read through `db`); writes
 * nothing. The catalogue look-ups are read first unless given.
 */
async function check(
  db: Executor,
  content: string,
  strategy: ImportStrategy,
  unit: LineUnit = 'regel',
  given?: Lookups,
): Promise<Checked> {
  const lk = given ?? (await lookups(db));
  const result = await checkText(content, lk, unit);
  const errors = [...result.errors];
  let toCreate = 0;
  let toUpdate = 0;
  if (result.rows.length) {
    const ids = new Set<string>();
    const periods = new Set<string>();
    for (const r of result.rows) {
      ids.add(r.indicatorId);
      periods.add(r.period);
    }
    // The stored keys of these indicators and periods, one text per indicator: far fewer objects than
    // a row per value, and nothing at all in the usual case of new values.
    const existing = await db
      .select({
        id: indicatorValues.indicatorId,
        keys: sql<string>`string_agg(${indicatorValues.areaCode} || '|' || ${indicatorValues.period} || '|' || ${indicatorValues.breakdown}, E'\n')`,
      })
      .from(indicatorValues)
      .where(
        and(inArray(indicatorValues.indicatorId, [...ids]), inArray(indicatorValues.period, [...periods])),
      )
      .groupBy(indicatorValues.indicatorId);
    const stored = new Map(existing.map((e) => [e.id, new Set(e.keys.split('\n'))]));
    for (const r of result.rows) {
      const keys = stored.get(r.indicatorId);
      const exists = keys?.has(`${r.areaCode}|${r.period}|${r.breakdown}`) === true;
      if (exists) toUpdate++;
      else toCreate++;
      if (strategy === 'create' && exists) {
        errors.push({
          line: r.lines[0]!,
          message: `Er is al een waarde voor ${r.indicatorCode}, ${r.areaCode}, ${r.period} (${r.breakdown}). Kies "toevoegen en bijwerken" om ze te overschrijven.`,
        });
      }
      if (strategy === 'update' && !exists) {
        errors.push({
          line: r.lines[0]!,
          message: `Er is nog geen waarde voor ${r.indicatorCode}, ${r.areaCode}, ${r.period} (${r.breakdown}) om bij te werken.`,
        });
      }
    }
    if (errors.length > result.errors.length) errors.sort((a, b) => a.line - b.line);
  }
  return { result, errors, toCreate, toUpdate };
}

/**
 * Writes the checked rows set-based. When the check found no existing value, they go straight in
 * (COPY on PostgreSQL); should another import have added one of them since, the unique key refuses
 * it and nothing is written.
 */
async function writeNow(
  tx: Executor,
  c: Checked,
  options: { batchId?: string; overwrite: boolean },
): Promise<number> {
  try {
    return await writeValues(tx, c.result.rows, { ...options, allNew: c.toUpdate === 0 });
  } catch (error) {
    if (errorCode(error) === '23505')
      throw new ConflictError(
        'Intussen werden sommige van deze waarden door een andere import toegevoegd. Er werd niets ingelezen; controleer het bestand opnieuw.',
      );
    throw error;
  }
}

function report(c: Checked, unit: LineUnit): BatchReport {
  return {
    unit,
    errors: c.errors.slice(0, REPORTED_ERRORS),
    summary: {
      ...c.result.summary,
      valid: c.result.rows.length,
      lines: c.result.lineCount,
    },
    toCreate: c.toCreate,
    toUpdate: c.toUpdate,
  };
}

/**
 * The dry run: checks the file (CSV or .xlsx), keeps its text with the report so it can be imported
 * once clean.
 */
export async function checkImport(
  ctx: ServiceContext,
  file: { fileName: string; bytes: Buffer },
  input: unknown,
): Promise<Batch> {
  authorize(ctx.user, 'manage', { type: 'monitoring' });
  const { strategy } = parseInput(importInputSchema, input);
  const kind = spreadsheetKind(file.fileName, file.bytes);
  let fileName = file.fileName.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || 'import.csv';
  // The name tells later (the import, the report) how the file was read.
  if (kind === 'xlsx' && !/\.xlsx$/i.test(fileName)) fileName = `${fileName.slice(0, 195)}.xlsx`;
  if (kind === 'csv' && /\.xlsx$/i.test(fileName)) fileName = `${fileName.slice(0, 195)}.csv`;
  const unit = lineWord(fileName);
  const uploaded = await uploadedText(fileName, file.bytes);
  const content = 'text' in uploaded ? uploaded.text : null;
  // Read before the transaction, as PGlite has one connection only.
  const lk = content === null ? null : await lookups(ctx.db);
  const { content: _content, ...columns } = getTableColumns(importBatches);
  return ctx.transaction(async (tx) => {
    // A large file is kept compressed with lz4 where the server has it: several times faster than
    // the default pglz, to store now and to read at the import.
    if (content && content.length > LZ4_FROM)
      await tx.execute(
        sql`select set_config('default_toast_compression', 'lz4', true) from pg_settings
            where name = 'default_toast_compression' and 'lz4' = any(enumvals)`,
      );
    // The file goes to the database while it is checked; without it when the check finds errors.
    const inserting = tx
      .insert(importBatches)
      .values({
        organisationId: ctx.user.active.organisationId,
        userId: ctx.user.userId,
        fileName,
        strategy,
        status: 'checked',
        content,
      })
      .returning({ id: importBatches.id })
      .execute();
    // Handled now, as it may fail while the check runs; awaited below.
    inserting.catch(() => {});
    let c: Checked;
    try {
      c =
        content === null
          ? unreadable((uploaded as { error: string }).error)
          : await check(tx, content, strategy, unit, lk!);
    } finally {
      // Also when the check failed: the transaction ends only after the statement it runs.
      await inserting.catch(() => {});
    }
    const id = (await inserting)[0]!.id;
    const [updated] = await tx
      .update(importBatches)
      .set({
        rowCount: c.result.lineCount,
        errorCount: c.errors.length,
        report: report(c, unit),
        ...(c.errors.length ? { content: null } : {}),
      })
      .where(eq(importBatches.id, id))
      // Not the file itself back: the caller has it.
      .returning(columns);
    const batch: Batch = { ...updated!, content: c.errors.length ? null : content };
    await writeAudit(tx, ctx.actor, {
      action: 'import.checked',
      entityType: 'import_batch',
      entityId: batch.id,
      ownerOrganisationId: batch.organisationId,
      after: { fileName, strategy, lines: c.result.lineCount, errors: c.errors.length },
    });
    return batch;
  });
}

/** A batch of the caller's organisation (administrators see all); 404 otherwise. */
export async function getBatch(
  ctx: ServiceContext,
  id: string,
): Promise<Batch & { userName: string | null }> {
  authorize(ctx.user, 'manage', { type: 'monitoring' });
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze import bestaat niet.');
  const conditions: SQL[] = [eq(importBatches.id, id)];
  if (ctx.user.active.role !== 'platform_admin') {
    conditions.push(eq(importBatches.organisationId, ctx.user.active.organisationId));
  }
  const [row] = await ctx.db
    .select({ batch: importBatches, userName: users.name })
    .from(importBatches)
    .leftJoin(users, eq(users.id, importBatches.userId))
    .where(and(...conditions));
  if (!row) throw new NotFoundError('Deze import bestaat niet.');
  return { ...row.batch, userName: row.userName };
}

export async function listBatches(ctx: ServiceContext, page: Page) {
  authorize(ctx.user, 'manage', { type: 'monitoring' });
  const where =
    ctx.user.active.role === 'platform_admin'
      ? undefined
      : eq(importBatches.organisationId, ctx.user.active.organisationId);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: importBatches.id,
        fileName: importBatches.fileName,
        strategy: importBatches.strategy,
        status: importBatches.status,
        rowCount: importBatches.rowCount,
        errorCount: importBatches.errorCount,
        created: importBatches.created,
        updated: importBatches.updated,
        createdAt: importBatches.createdAt,
        organisationName: organisations.name,
      })
      .from(importBatches)
      .innerJoin(organisations, eq(organisations.id, importBatches.organisationId))
      .where(where)
      .orderBy(desc(importBatches.createdAt))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(importBatches).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The check in the import found errors (the transaction is rolled back; they are recorded after). */
class CheckFailed extends Error {
  constructor(readonly checked: Checked) {
    super('import check failed');
  }
}

/** Imports a clean, checked batch: checked again (the data may have changed), then written at once. */
export async function runImport(ctx: ServiceContext, id: string): Promise<Batch> {
  const batch = await getBatch(ctx, id);
  if (batch.status !== 'checked') throw new ConflictError('Deze import is al verwerkt of verworpen.');
  const content = batch.content;
  if (batch.errorCount > 0 || !content) {
    throw new ConflictError(
      'Dit bestand bevat fouten. Verbeter het en laad het opnieuw op; er werd niets ingelezen.',
    );
  }
  const unit = lineWord(batch.fileName);
  const strategy = batch.strategy as ImportStrategy;
  const dryRun = batch.report as BatchReport | null;
  // Read before the transaction, as PGlite has one connection only.
  const lk = await lookups(ctx.db);
  let done: { after: Batch; c: Checked };
  try {
    done = await ctx.transaction(async (tx) => {
      // The dry run found only new values (the usual case): checked and written at the same time.
      let c =
        strategy !== 'update' && dryRun?.toUpdate === 0 && canCopy(tx) && worthCopying(dryRun.summary.valid)
          ? await streamValues(tx, content, lk, unit, id)
          : null;
      if (!c) {
        c = await check(tx, content, strategy, unit, lk);
        if (c.errors.length) throw new CheckFailed(c);
        await writeNow(tx, c, { batchId: id, overwrite: strategy !== 'create' });
      }
      const [after] = await tx
        .update(importBatches)
        .set({
          status: 'imported',
          content: null,
          created: c.toCreate,
          updated: c.toUpdate,
          importedAt: new Date(),
        })
        .where(and(eq(importBatches.id, id), eq(importBatches.status, 'checked')))
        .returning();
      if (!after) throw new ConflictError('Deze import is intussen al verwerkt.');
      await writeAudit(tx, ctx.actor, {
        action: 'import.imported',
        entityType: 'import_batch',
        entityId: id,
        ownerOrganisationId: batch.organisationId,
        after: {
          fileName: batch.fileName,
          created: c.toCreate,
          updated: c.toUpdate,
          indicators: c.result.summary.indicators,
        },
      });
      return { after, c };
    });
  } catch (error) {
    if (!(error instanceof CheckFailed)) throw error;
    const c = error.checked;
    await ctx.db
      .update(importBatches)
      .set({ errorCount: c.errors.length, report: report(c, unit), content: null })
      .where(eq(importBatches.id, id));
    throw new ValidationError(
      {
        _form: `Sinds de controle is er iets veranderd: ${c.errors.length} ${unit === 'rij' ? 'rij(en)' : 'regel(s)'} kloppen niet meer. Er werd niets ingelezen.`,
      },
      'Er werd niets ingelezen.',
    );
  }
  const ids = new Set<string>();
  for (const r of done.c.result.rows) ids.add(r.indicatorId);
  scheduleAggregateRefresh(ctx.db, ids);
  return done.after;
}

/** Lines checked between two hand-overs to the COPY: a few MB of COPY text. */
const STREAM_LINES = 25_000;

/** The streamed write gave way to the ordinary one (nothing of it remains). */
class NotStreamed extends Error {}

/**
 * Checks the file again while its clean rows go by COPY straight into the value table, in a savepoint:
 * the database writes while the next lines are checked. Null, with nothing written, when a line no
 * longer passes or a value exists by now (another import added it since the dry run): the ordinary
 * check and write then decide, with their usual messages.
 */
async function streamValues(
  tx: Executor,
  content: string,
  lk: Lookups,
  unit: LineUnit,
  batchId: string,
): Promise<Checked | null> {
  const checker = valueChecker(content, lk, unit);
  try {
    return await tx.transaction(async (savepoint): Promise<Checked> => {
      const copy = await openValueCopy(savepoint, { batchId });
      if (!copy) throw new NotStreamed();
      const ready: CleanRow[] = [];
      for (let more = true; more; ) {
        more = checker.next(STREAM_LINES, ready);
        if (checker.failed()) {
          await copy.abort();
          throw new NotStreamed();
        }
        await copy.write(ready);
        ready.length = 0;
      }
      const result = checker.result();
      if (result.errors.length) {
        await copy.abort();
        throw new NotStreamed();
      }
      await copy.write(checker.rest());
      await copy.end();
      return { result, errors: [], toCreate: result.rows.length, toUpdate: 0 };
    });
  } catch (error) {
    if (error instanceof NotStreamed || errorCode(error) === '23505') return null;
    throw error;
  }
}

const errorCode = (error: unknown) =>
  (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;

export async function discardImport(ctx: ServiceContext, id: string): Promise<void> {
  const batch = await getBatch(ctx, id);
  if (batch.status !== 'checked') throw new ConflictError('Deze import is al verwerkt of verworpen.');
  await ctx.transaction(async (tx) => {
    await tx
      .update(importBatches)
      .set({ status: 'discarded', content: null })
      .where(eq(importBatches.id, id));
    await writeAudit(tx, ctx.actor, {
      action: 'import.discarded',
      entityType: 'import_batch',
      entityId: id,
      ownerOrganisationId: batch.organisationId,
      after: { fileName: batch.fileName },
    });
  });
}

/**
 * Imports a whole value file at once, without a stored dry run: the same checks as the dry run, and
 * nothing is written unless every line is clean; then one set-based write in one transaction. For
 * scripts and benchmarks (no user, no audit record); the web import goes through checkImport and
 * runImport.
 */
export async function importValuesText(
  db: Db,
  content: string,
  options: { strategy?: ImportStrategy; unit?: LineUnit } = {},
): Promise<{ lines: number; written: number; toCreate: number; toUpdate: number; errors: LineError[] }> {
  const strategy = options.strategy ?? 'upsert';
  const c = await check(db, content, strategy, options.unit ?? 'regel');
  if (c.errors.length) {
    return { lines: c.result.lineCount, written: 0, toCreate: 0, toUpdate: 0, errors: c.errors };
  }
  const written = await db.transaction((tx) => writeNow(tx, c, { overwrite: strategy !== 'create' }));
  scheduleAggregateRefresh(db, new Set(c.result.rows.map((r) => r.indicatorId)));
  return { lines: c.result.lineCount, written, toCreate: c.toCreate, toUpdate: c.toUpdate, errors: [] };
}
