import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../core/access/policy';
import { organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ConflictError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { parseInput } from '../../core/http/validation';
import { type ImportStrategy, importStrategies } from './catalogue';
import { geography } from './geo';
import { checkValueCsv, type ImportIndicator, type LineError } from './importer';
import type { Frequency, Measure } from './rules';
import { importBatches, indicators, indicatorValues } from './schema';
import { writeValues } from './store';

export type Batch = typeof importBatches.$inferSelect;

/** What a dry run found, stored with the batch (the first errors; the count of all). */
export type BatchReport = {
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
        },
      ]),
    ),
    municipalities: geo.municipalities.map((m) => ({ nis: m.nis, name: m.name })),
  };
}

/** Checks a file completely, including the strategy against what is stored; writes nothing. */
async function check(db: Executor, content: string, strategy: ImportStrategy) {
  const result = checkValueCsv(content, await lookups(db));
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

function report(c: Awaited<ReturnType<typeof check>>): BatchReport {
  return {
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

/** The dry run: checks the file, keeps it with the report so it can be imported once clean. */
export async function checkImport(
  ctx: ServiceContext,
  file: { fileName: string; content: string },
  input: unknown,
): Promise<Batch> {
  authorize(ctx.user, 'manage', { type: 'monitoring' });
  const { strategy } = parseInput(importInputSchema, input);
  const fileName = file.fileName.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(0, 200) || 'import.csv';
  const c = await check(ctx.db, file.content, strategy);
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
        content: c.errors.length ? null : file.content,
        report: report(c),
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
  const c = await check(ctx.db, batch.content, batch.strategy as ImportStrategy);
  if (c.errors.length) {
    await ctx.db
      .update(importBatches)
      .set({ errorCount: c.errors.length, report: report(c), content: null })
      .where(eq(importBatches.id, id));
    throw new ValidationError(
      {
        _form: `Sinds de controle is er iets veranderd: ${c.errors.length} regel(s) kloppen niet meer. Er werd niets ingelezen.`,
      },
      'Er werd niets ingelezen.',
    );
  }
  return ctx.transaction(async (tx) => {
    await writeValues(
      tx,
      c.result.rows.map((r) => ({ ...r, status: r.status })),
      { batchId: id, overwrite: batch.strategy !== 'create' },
    );
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
