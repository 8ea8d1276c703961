import { once } from 'node:events';
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
  // A loop over the (short) text is cheaper than a regular expression per cell.
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 92 || c === 9 || c === 10 || c === 13)
      return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  }
  return v;
}

/** One value as a line of PostgreSQL's COPY text format; `suffix` adds further columns. */
function copyLine(r: StoredValue, suffix: string): string {
  return `${r.indicatorId}\t${copyCell(r.areaCode)}\t${copyCell(r.period)}\t${copyCell(r.breakdown)}\t${copyCell(r.value)}\t${copyCell(r.numerator)}\t${copyCell(r.denominator)}\t${copyCell(r.status)}\t${copyCell(r.source)}${suffix}\n`;
}

/**
 * COPY text goes out in pieces of about this many characters: small enough for strings that the young
 * generation collects cheaply (large ones go to V8's large-object space and cost full collections).
 */
const COPY_CHUNK = 60_000;

const COPY_VALUES =
  'copy monitoring_values (indicator_id, area_code, period, breakdown, value, numerator, denominator, status, source, batch_id) from stdin';

/** A COPY into PostgreSQL that takes text as it comes, waiting while the connection is busy. */
function copyStream(client: pg.Client, statement: string) {
  const stream = client.query(copyFrom(statement));
  let failure: unknown = null;
  let finished = false;
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => {
      finished = true;
      resolve();
    });
    stream.on('error', (error) => {
      failure = error;
      reject(error);
    });
  });
  // Errors surface through write() and end(); this only keeps them from counting as unhandled.
  done.catch(() => {});
  return {
    async write(text: string) {
      if (failure) throw failure;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async end(text = '') {
      if (failure) throw failure;
      stream.end(text);
      await done;
    },
    /** Stops the COPY (the server rolls it back and the transaction fails). */
    async abort() {
      if (failure || finished) return;
      stream.destroy(new Error('COPY stopped by the import'));
      await done.catch(() => {});
    },
  };
}

async function copyRows(client: pg.Client, statement: string, rows: StoredValue[], suffix: string) {
  const copy = copyStream(client, statement);
  let buffer = '';
  for (const r of rows) {
    buffer += copyLine(r, suffix);
    if (buffer.length > COPY_CHUNK) {
      await copy.write(buffer);
      buffer = '';
    }
  }
  await copy.end(buffer);
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
  const batchId = options.batchId ?? null;
  if (options.allNew) {
    // None of the values exists yet (the dry run found none): straight into the fact table.
    await copyRows(client, COPY_VALUES, rows, batchId ? `\t${batchId}` : '\t\\N');
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
    [batchId],
  );
  return result.rowCount ?? rows.length;
}

/** Whether writeValues and openValueCopy can use COPY here (PostgreSQL, inside a transaction). */
export function canCopy(db: Executor): boolean {
  return pgClientOf(db) !== null;
}

/** Whether a write of this many rows is worth a COPY. */
export const worthCopying = (rows: number) => rows >= COPY_FROM;

export type ValueCopy = {
  /** Adds rows; waits while the database is still busy with earlier ones. */
  write(rows: readonly StoredValue[]): Promise<void>;
  /**
   * Ends the COPY and marks the aggregates of the indicators written as not current; returns the number
   * of rows.
   */
  end(): Promise<number>;
  /** Stops the COPY; the transaction has failed then and must be rolled back. */
  abort(): Promise<void>;
};

/**
 * A COPY of new values straight into monitoring_values that takes rows while they are still being
 * produced (PostgreSQL inside a transaction; null otherwise), so that the database writes while the
 * caller checks the next lines. For values none of which exists yet: one that does makes the unique
 * key refuse the whole COPY (23505).
 */
export async function openValueCopy(
  db: Executor,
  options: { batchId?: string | null } = {},
): Promise<ValueCopy | null> {
  const client = pgClientOf(db);
  if (!client) return null;
  const batchId = options.batchId ?? null;
  const suffix = batchId ? `\t${batchId}` : '\t\\N';
  const copy = copyStream(client, COPY_VALUES);
  const ids = new Set<string>();
  let count = 0;
  return {
    async write(rows) {
      let buffer = '';
      for (const r of rows) {
        ids.add(r.indicatorId);
        buffer += copyLine(r, suffix);
        if (buffer.length > COPY_CHUNK) {
          await copy.write(buffer);
          buffer = '';
        }
      }
      count += rows.length;
      if (buffer) await copy.write(buffer);
    },
    async end() {
      await copy.end();
      await markAggregatesStale(db, ids);
      return count;
    },
    abort: () => copy.abort(),
  };
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
