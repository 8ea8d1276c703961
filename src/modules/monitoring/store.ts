import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Executor } from '../../core/db/client';
import { markAggregatesStale } from './aggregates';

export type StoredValue = {
  indicatorId: string;
  areaCode: string;
  period: string;
  breakdown: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  status: string;
  source?: string | null;
};

const CHUNK = 20_000;
/** From this many rows on, PostgreSQL gets them by COPY into a temporary table. */
const COPY_FROM = 5_000;

/** The node-postgres connection of a transaction (PostgreSQL), or null (PGlite, or not in a transaction). */
function pgClientOf(db: Executor): pg.Client | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

/** A value in PostgreSQL's COPY text format. */
function copyCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '\\N';
  return /[\\\t\n\r]/.test(v)
    ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : v;
}

/**
 * PostgreSQL: COPY every row into a temporary table, then one INSERT … SELECT … ON CONFLICT into the
 * fact table, in the caller's transaction.
 */
async function copyValues(
  client: pg.Client,
  rows: StoredValue[],
  options: { batchId?: string | null; overwrite?: boolean; allNew?: boolean },
): Promise<number> {
  const batch = options.batchId ? `\t${options.batchId}` : '\t\\N';
  if (options.allNew) {
    // None of the values exists yet (the dry run found none): straight into the fact table.
    await copyRows(
      client,
      'copy monitoring_values (indicator_id, area_code, period, breakdown, value, numerator, denominator, status, source, batch_id) from stdin',
      rows,
      batch,
    );
    return rows.length;
  }
  await client.query(`create temp table if not exists rk_import_values
    (i uuid, a text, p text, b text, v double precision, n double precision, d double precision, s text, src text)
    on commit drop`);
  await client.query('truncate rk_import_values');
  await copyRows(client, 'copy rk_import_values from stdin', rows, '');
  const conflict = options.overwrite
    ? `do update set value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
        status = excluded.status, source = excluded.source, batch_id = excluded.batch_id, updated_at = now()`
    : 'do nothing';
  const result = await client.query(
    `insert into monitoring_values
       (indicator_id, area_code, period, breakdown, value, numerator, denominator, status, source, batch_id)
     select i, a, p, b, v, n, d, s, src, $1::uuid from rk_import_values
     on conflict (indicator_id, area_code, period, breakdown) ${conflict}`,
    [options.batchId ?? null],
  );
  return result.rowCount ?? rows.length;
}

async function copyRows(client: pg.Client, statement: string, rows: StoredValue[], suffix: string) {
  const stream = client.query(copyFrom(statement));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  let buffer = '';
  for (const r of rows) {
    buffer += `${r.indicatorId}\t${copyCell(r.areaCode)}\t${copyCell(r.period)}\t${copyCell(r.breakdown)}\t${copyCell(r.value)}\t${copyCell(r.numerator)}\t${copyCell(r.denominator)}\t${copyCell(r.status)}\t${copyCell(r.source)}${suffix}\n`;
    if (buffer.length > 1 << 20) {
      const ok = stream.write(buffer);
      buffer = '';
      if (!ok) await new Promise((resolve) => stream.once('drain', resolve));
    }
  }
  stream.end(buffer);
  await done;
}

/**
 * Writes many values at once, set-based. On PostgreSQL inside a transaction (imports), large sets go by
 * COPY into a temporary table and one INSERT … SELECT … ON CONFLICT. Otherwise each chunk travels as one
 * JSON parameter unpacked by jsonb_to_recordset, which works the same on PGlite and PostgreSQL. Existing
 * values (same indicator, area, period, breakdown) are overwritten when `overwrite` is set; otherwise
 * they are left alone. Returns the number of rows written. The stored aggregates of the indicators
 * written are marked as not current in the same transaction.
 */
export async function writeValues(
  db: Executor,
  rows: StoredValue[],
  options: {
    batchId?: string | null;
    overwrite?: boolean;
    /** The caller checked in this transaction's snapshot that none of the values exists yet. */
    allNew?: boolean;
  } = {},
): Promise<number> {
  const written = await writeRows(db, rows, options);
  if (rows.length) {
    const ids = new Set<string>();
    for (const r of rows) ids.add(r.indicatorId);
    await markAggregatesStale(db, ids);
  }
  return written;
}

async function writeRows(
  db: Executor,
  rows: StoredValue[],
  options: { batchId?: string | null; overwrite?: boolean; allNew?: boolean },
): Promise<number> {
  const client = rows.length >= COPY_FROM ? pgClientOf(db) : null;
  if (client) return copyValues(client, rows, options);
  let written = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({
      i: r.indicatorId,
      a: r.areaCode,
      p: r.period,
      b: r.breakdown,
      v: r.value,
      n: r.numerator ?? null,
      d: r.denominator ?? null,
      s: r.status,
      src: r.source ?? null,
    }));
    const conflict = options.overwrite
      ? sql`do update set value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
          status = excluded.status, source = excluded.source, batch_id = excluded.batch_id, updated_at = now()`
      : sql`do nothing`;
    const result = await db.execute(sql`
      insert into monitoring_values
        (indicator_id, area_code, period, breakdown, value, numerator, denominator, status, source, batch_id)
      select x.i, x.a, x.p, x.b, x.v, x.n, x.d, x.s, x.src, ${options.batchId ?? null}::uuid
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
        as x(i uuid, a text, p text, b text, v double precision, n double precision, d double precision, s text, src text)
      on conflict (indicator_id, area_code, period, breakdown) ${conflict}`);
    written +=
      (result as { rowCount?: number | null; affectedRows?: number }).rowCount ??
      (result as { affectedRows?: number }).affectedRows ??
      chunk.length;
  }
  return written;
}
