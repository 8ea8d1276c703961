import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
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
  checkValueCsv,
  type ImportCheck,
  type ImportIndicator,
  type LineError,
  type LineUnit,
} from './importer';
import type { Frequency, Measure } from './rules';
import { importBatches, indicators, indicatorValues } from './schema';
import { lineWord, readXlsxAsCsv, spreadsheetKind } from './spreadsheet';
import { writeValues } from './store';

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

/** Checks a file completely, including the strategy against what is stored; writes nothing. */
async function check(
  db: Executor,
  content: string,
  strategy: ImportStrategy,
  unit: LineUnit = 'regel',
): Promise<Checked> {
  const result = checkValueCsv(content, await lookups(db), unit);
  const errors = [...result.errors];
  let toCreate = 0;
  let toUpdate = 0;
  if (result.rows.length) {
    const ids = [...new Set(result.rows.map((r) => r.indicatorId))];
    const periods = [...new Set(result.rows.map((r) => r.period))];
    const existing = await db
      .select({
        indicatorId: indicatorValues.indicatorId,
        areaCode: indicatorValues.areaCode,
        period: indicatorValues.period,
        breakdown: indicatorValues.breakdown,
      })
      .from(indicatorValues)
      .where(and(inArray(indicatorValues.indicatorId, ids), inArray(indicatorValues.period, periods)));
    const stored = new Set(existing.map((e) => `${e.indicatorId}|${e.areaCode}|${e.period}|${e.breakdown}`));
    for (const r of result.rows) {
      const exists = stored.has(`${r.indicatorId}|${r.areaCode}|${r.period}|${r.breakdown}`);
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
    errors.sort((a, b) => a.line - b.line);
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
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
    if (code === '23505')
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
  const c =
    content === null
      ? unreadable((uploaded as { error: string }).error)
      : await check(ctx.db, content, strategy, unit);
  return ctx.transaction(async (tx) => {
    const [batch] = await tx
      .insert(importBatches)
      .values({
        organisationId: ctx.user.active.organisationId,
        userId: ctx.user.userId,
        fileName,
        strategy,
        status: 'checked',
        rowCount: c.result.lineCount,
        errorCount: c.errors.length,
        content: c.errors.length ? null : content,
        report: report(c, unit),
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'import.checked',
      entityType: 'import_batch',
      entityId: batch!.id,
      ownerOrganisationId: batch!.organisationId,
      after: { fileName, strategy, lines: c.result.lineCount, errors: c.errors.length },
    });
    return batch!;
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

/** Imports a clean, checked batch: checked again (the data may have changed), then written at once. */
export async function runImport(ctx: ServiceContext, id: string): Promise<Batch> {
  const batch = await getBatch(ctx, id);
  if (batch.status !== 'checked') throw new ConflictError('Deze import is al verwerkt of verworpen.');
  if (batch.errorCount > 0 || !batch.content) {
    throw new ConflictError(
      'Dit bestand bevat fouten. Verbeter het en laad het opnieuw op; er werd niets ingelezen.',
    );
  }
  const unit = lineWord(batch.fileName);
  const c = await check(ctx.db, batch.content, batch.strategy as ImportStrategy, unit);
  if (c.errors.length) {
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
  const imported = await ctx.transaction(async (tx) => {
    await writeNow(tx, c, { batchId: id, overwrite: batch.strategy !== 'create' });
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
    return after;
  });
  scheduleAggregateRefresh(ctx.db, new Set(c.result.rows.map((r) => r.indicatorId)));
  return imported;
}

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
