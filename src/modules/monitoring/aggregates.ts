import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../core/db/client';
import type { Logger } from '../../core/log';
import type { StartContext } from '../../core/module';
import { type Geo, geography } from './geo';
import { type Aggregate, aggregate, type FactValue, type Measure, TOTAL } from './rules';
import { aggregateState, areaAggregates, indicators, indicatorValues } from './schema';

/**
 * The values of the computed areas (reference regions, provinces, Flanders, Brussels), kept in
 * monitoring_aggregates so that a page reads only the few aggregates it shows instead of every
 * municipality's values. The numbers come from the same function as when computed on the fly
 * (`computeGroups`, built on `aggregate` in rules.ts), so both ways give the same result.
 *
 * Consistency: every write of an indicator's values deletes its row in monitoring_aggregate_state in
 * the same transaction (`markAggregatesStale`, called by writeValues); without that row, pages compute
 * the aggregates from the municipal values themselves. The refresh holds the same per-indicator
 * advisory lock as the writers, so it never marks aggregates current that a concurrent write made
 * stale. Refreshes run in the background after imports and recomputes, when a page finds an
 * indicator without current aggregates, and at start for values written behind the platform's back.
 */

/** Class key of the per-indicator advisory locks (the second key is the hash of the indicator id). */
const LOCK_CLASS = 72_070_008;

export type FactRow = FactValue & { areaCode: string; period: string };

/**
 * Aggregates for the computed areas of every period (one breakdown): period → area → aggregate. Only
 * municipalities known to the reference data count; `wanted` limits the computed areas.
 */
export function computeGroups(
  ind: { measure: string; multiplier: number },
  values: FactRow[],
  geo: Geo,
  wanted?: Set<string>,
): Map<string, Map<string, Aggregate>> {
  const byPeriod = new Map<string, Map<string, FactRow[]>>();
  for (const v of values) {
    if (!geo.byNis.has(v.areaCode)) continue;
    let p = byPeriod.get(v.period);
    for (const g of geo.groupsOf(v.areaCode)) {
      if (wanted && !wanted.has(g)) continue;
      if (!p) {
        p = new Map();
        byPeriod.set(v.period, p);
      }
      const list = p.get(g);
      if (list) list.push(v);
      else p.set(g, [v]);
    }
  }
  const out = new Map<string, Map<string, Aggregate>>();
  for (const [period, groups] of byPeriod) {
    const m = new Map<string, Aggregate>();
    for (const [g, list] of groups) {
      m.set(
        g,
        aggregate(list, ind.measure as Measure, { multiplier: ind.multiplier, members: geo.groupSize(g) }),
      );
    }
    out.set(period, m);
  }
  return out;
}

const idList = (ids: string[]) =>
  sql`(select x::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) as x)`;

/**
 * Called in every transaction that writes values of these indicators: waits for a refresh of them to
 * finish, and marks their aggregates as not current (pages then compute them on the fly).
 */
export async function markAggregatesStale(tx: Executor, indicatorIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(indicatorIds)].sort();
  if (ids.length === 0) return;
  await tx.execute(
    sql`select count(pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(i::text))) from (select x as i from ${idList(ids)} as t(x) order by 1) s`,
  );
  await tx.execute(sql`delete from monitoring_aggregate_state where indicator_id in ${idList(ids)}`);
}

const CHUNK = 5_000;

/** Recomputes and stores the aggregates of one indicator, in one transaction. */
export async function refreshIndicator(db: Db, indicatorId: string, geo?: Geo): Promise<number> {
  const g = geo ?? (await geography(db));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${indicatorId}::text))`);
    const [ind] = await tx
      .select({ measure: indicators.measure, multiplier: indicators.multiplier })
      .from(indicators)
      .where(eq(indicators.id, indicatorId));
    if (!ind) return 0;
    const rows = await tx
      .select({
        areaCode: indicatorValues.areaCode,
        period: indicatorValues.period,
        breakdown: indicatorValues.breakdown,
        value: indicatorValues.value,
        numerator: indicatorValues.numerator,
        denominator: indicatorValues.denominator,
        updatedAt: indicatorValues.updatedAt,
      })
      .from(indicatorValues)
      .where(eq(indicatorValues.indicatorId, indicatorId));
    const periods = new Set<string>();
    const totalPeriods = new Set<string>();
    const byBreakdown = new Map<string, FactRow[]>();
    let changed: Date | null = null;
    for (const r of rows) {
      periods.add(r.period);
      if (r.breakdown === TOTAL) totalPeriods.add(r.period);
      const list = byBreakdown.get(r.breakdown);
      if (list) list.push(r);
      else byBreakdown.set(r.breakdown, [r]);
      const at = r.updatedAt instanceof Date ? r.updatedAt : new Date(r.updatedAt);
      if (!changed || at > changed) changed = at;
    }
    const out: Array<Record<string, unknown>> = [];
    if (ind.measure !== 'level') {
      for (const [breakdown, list] of byBreakdown) {
        for (const [period, groups] of computeGroups(ind, list, g)) {
          for (const [area, a] of groups) {
            if (a.value === null) continue;
            out.push({
              b: breakdown,
              a: area,
              p: period,
              v: a.value,
              n: a.numerator,
              d: a.denominator,
              c: a.areas,
              m: a.members,
            });
          }
        }
      }
    }
    await tx.delete(areaAggregates).where(eq(areaAggregates.indicatorId, indicatorId));
    for (let i = 0; i < out.length; i += CHUNK) {
      await tx.execute(sql`
        insert into monitoring_aggregates
          (indicator_id, breakdown, area_code, period, value, numerator, denominator, areas, members)
        select ${indicatorId}::uuid, x.b, x.a, x.p, x.v, x.n, x.d, x.c, x.m
        from jsonb_to_recordset(${JSON.stringify(out.slice(i, i + CHUNK))}::jsonb)
          as x(b text, a text, p text, v double precision, n double precision, d double precision, c integer, m integer)`);
    }
    const state = {
      refreshedAt: new Date(),
      valueCount: rows.length,
      valuesChangedAt: changed,
      periods: [...periods].sort(),
      totalPeriods: [...totalPeriods].sort(),
    };
    await tx
      .insert(aggregateState)
      .values({ indicatorId, ...state })
      .onConflictDoUpdate({ target: aggregateState.indicatorId, set: state });
    return out.length;
  });
}

// ---------------------------------------------------------------------------------------------
// Background refreshes (one queue per process)

const pending = new Set<string>();
const queued = new WeakMap<Db, Set<string>>();
let running: Promise<void> | null = null;
/** Background refreshes (after writes, on a page that finds stale aggregates) run when background jobs do. */
let backgroundLog: Logger | null = null;

async function drain(db: Db): Promise<void> {
  const geo = await geography(db);
  for (;;) {
    const set = queued.get(db);
    const next = set?.values().next();
    if (!set || !next || next.done) break;
    set.delete(next.value);
    try {
      await refreshIndicator(db, next.value, geo);
    } catch (error) {
      // A refresh that fails (e.g. the database is closing) leaves the indicator computed on the fly.
      backgroundLog?.warn({ err: error, indicatorId: next.value }, 'monitoring aggregate refresh failed');
    } finally {
      pending.delete(next.value);
    }
  }
}

/** Queues refreshes of these indicators; returns at once. `db` is the database, not a transaction. */
export function scheduleAggregateRefresh(executor: Executor, indicatorIds: Iterable<string>): void {
  if (!backgroundLog) return;
  const db = executor as Db;
  let set = queued.get(db);
  if (!set) {
    set = new Set();
    queued.set(db, set);
  }
  for (const id of indicatorIds) {
    if (pending.has(id)) continue;
    pending.add(id);
    set.add(id);
  }
  if (!running && set.size) {
    running = drain(db)
      .catch((error: unknown) => backgroundLog?.warn({ err: error }, 'monitoring aggregate refreshes failed'))
      .finally(() => {
        running = null;
        if (queued.get(db)?.size) scheduleAggregateRefresh(db, []);
      });
  }
}

/** Resolves when no background refresh is running (tests, benchmarks). */
export async function aggregatesIdle(): Promise<void> {
  while (running) await running;
}

/** Refreshes every indicator now (demo data, tests, scripts). */
export async function refreshAllAggregates(db: Db): Promise<number> {
  const geo = await geography(db);
  const ids = await db.select({ id: indicators.id }).from(indicators);
  for (const { id } of ids) await refreshIndicator(db, id, geo);
  return ids.length;
}

/**
 * The indicators whose aggregates are missing or no longer match their values (written by a script,
 * a seed or a restore): counted and compared with the state of the last refresh.
 */
export async function staleIndicators(db: Executor): Promise<string[]> {
  const [all, counts, states] = await Promise.all([
    db.select({ id: indicators.id }).from(indicators),
    db
      .select({
        id: indicatorValues.indicatorId,
        n: sql<number>`count(*)::int`,
        changed: sql<string | null>`max(${indicatorValues.updatedAt})::text`,
      })
      .from(indicatorValues)
      .groupBy(indicatorValues.indicatorId),
    db
      .select({
        id: aggregateState.indicatorId,
        n: aggregateState.valueCount,
        changed: sql<string | null>`${aggregateState.valuesChangedAt}::text`,
      })
      .from(aggregateState),
  ]);
  const byId = new Map(counts.map((c) => [c.id, c]));
  const stateOf = new Map(states.map((s) => [s.id, s]));
  const ms = (s: string | null | undefined) => (s ? new Date(s).getTime() : 0);
  return all
    .filter(({ id }) => {
      const s = stateOf.get(id);
      if (!s) return true;
      const c = byId.get(id);
      return (c?.n ?? 0) !== s.n || ms(c?.changed) > ms(s.changed);
    })
    .map((r) => r.id);
}

/** At start (background jobs on): refreshes in the background whatever is missing or stale. */
export function startAggregates({ db, config, log }: StartContext): void {
  if (!config.backgroundJobs) return;
  backgroundLog = log;
  void staleIndicators(db)
    .then((ids) => scheduleAggregateRefresh(db, ids))
    .catch((error: unknown) => log.warn({ err: error }, 'monitoring stale aggregates check failed'));
}

// ---------------------------------------------------------------------------------------------
// Reading

export type StoredAggregates = {
  refreshedAt: Date;
  periods: string[];
  totalPeriods: string[];
  /** period → area → aggregate */
  byPeriod: Map<string, Map<string, Aggregate>>;
};

/**
 * The stored aggregates of these indicators for one breakdown, limited to some areas and, optionally,
 * one period. Indicators without current aggregates are absent from the result (compute them on the
 * fly) and queued for a refresh.
 */
export async function storedAggregates(
  db: Executor,
  indicatorIds: string[],
  filter: { breakdown: string; areas: string[]; period?: string },
): Promise<Map<string, StoredAggregates>> {
  const out = new Map<string, StoredAggregates>();
  if (indicatorIds.length === 0) return out;
  const join = [
    eq(areaAggregates.indicatorId, aggregateState.indicatorId),
    eq(areaAggregates.breakdown, filter.breakdown),
    filter.areas.length ? inArray(areaAggregates.areaCode, filter.areas) : sql`false`,
  ];
  if (filter.period) join.push(eq(areaAggregates.period, filter.period));
  const rows = await db
    .select({
      id: aggregateState.indicatorId,
      refreshedAt: aggregateState.refreshedAt,
      // The period lists once per indicator, not on each of its rows.
      periods: sql<
        string[] | null
      >`case when row_number() over (partition by ${aggregateState.indicatorId}) = 1 then ${aggregateState.periods} end`,
      totalPeriods: sql<
        string[] | null
      >`case when row_number() over (partition by ${aggregateState.indicatorId}) = 1 then ${aggregateState.totalPeriods} end`,
      area: areaAggregates.areaCode,
      period: areaAggregates.period,
      value: areaAggregates.value,
      numerator: areaAggregates.numerator,
      denominator: areaAggregates.denominator,
      areas: areaAggregates.areas,
      members: areaAggregates.members,
    })
    .from(aggregateState)
    .leftJoin(areaAggregates, and(...join))
    .where(inArray(aggregateState.indicatorId, indicatorIds));
  for (const r of rows) {
    let entry = out.get(r.id);
    if (!entry) {
      entry = { refreshedAt: r.refreshedAt, periods: [], totalPeriods: [], byPeriod: new Map() };
      out.set(r.id, entry);
    }
    if (r.periods) entry.periods = r.periods;
    if (r.totalPeriods) entry.totalPeriods = r.totalPeriods;
    if (r.area === null || r.period === null) continue;
    let p = entry.byPeriod.get(r.period);
    if (!p) {
      p = new Map();
      entry.byPeriod.set(r.period, p);
    }
    p.set(r.area, {
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      areas: r.areas ?? 0,
      members: r.members ?? 0,
    });
  }
  const missing = indicatorIds.filter((id) => !out.has(id));
  if (missing.length) scheduleAggregateRefresh(db, missing);
  return out;
}

/** Periods of indicators with current aggregates (any breakdown, and the total), without reading values. */
export async function storedPeriods(
  db: Executor,
  indicatorIds: string[],
): Promise<Map<string, { periods: string[]; totalPeriods: string[]; refreshedAt: Date }>> {
  if (indicatorIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: aggregateState.indicatorId,
      periods: aggregateState.periods,
      totalPeriods: aggregateState.totalPeriods,
      refreshedAt: aggregateState.refreshedAt,
    })
    .from(aggregateState)
    .where(inArray(aggregateState.indicatorId, indicatorIds));
  return new Map(rows.map((r) => [r.id, r]));
}
