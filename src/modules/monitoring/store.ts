import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client';

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

/**
 * Writes many values at once: each chunk travels as one JSON parameter and is unpacked by
 * jsonb_to_recordset, which is far faster than a statement with a parameter per cell and works the
 * same on PGlite and PostgreSQL. Existing values (same indicator, area, period, breakdown) are
 * overwritten when `overwrite` is set; otherwise they are left alone.
 */
export async function writeValues(
  db: Executor,
  rows: StoredValue[],
  options: { batchId?: string | null; overwrite?: boolean } = {},
): Promise<number> {
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
