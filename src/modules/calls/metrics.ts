import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client';
import type { MetricRow, ModuleMetric } from '../../core/module';
import { oefenkansen } from './schema';

const year = sql<string>`to_char(${oefenkansen.date}::date, 'YYYY')`;

/** Counts only entries that meet the definition (rules.meetsDefinition) and are not marked duplicate. */
const counting = and(
  eq(oefenkansen.mainGoalDutch, true),
  eq(oefenkansen.outsideLesson, true),
  eq(oefenkansen.noCertification, true),
  eq(oefenkansen.duplicate, false),
);

/** Realised oefenkansen per municipality and calendar year. */
async function realised(db: Executor): Promise<MetricRow[]> {
  const rows = await db
    .select({ area: oefenkansen.municipalityNis, period: year, n: count() })
    .from(oefenkansen)
    .where(counting)
    .groupBy(oefenkansen.municipalityNis, year);
  return rows.map((r) => ({ area: r.area, period: r.period, numerator: Number(r.n) }));
}

/** Women among the participants of realised oefenkansen, where the register records sex. */
async function womenShare(db: Executor): Promise<MetricRow[]> {
  const rows = await db
    .select({
      area: oefenkansen.municipalityNis,
      period: year,
      women: sql<number>`sum(${oefenkansen.women})::int`,
      all: sql<number>`sum(coalesce(${oefenkansen.women}, 0) + coalesce(${oefenkansen.men}, 0) + coalesce(${oefenkansen.otherGender}, 0))::int`,
    })
    .from(oefenkansen)
    .where(and(counting, isNotNull(oefenkansen.women)))
    .groupBy(oefenkansen.municipalityNis, year);
  return rows
    .filter((r) => Number(r.all) > 0)
    .map((r) => ({ area: r.area, period: r.period, numerator: Number(r.women), denominator: Number(r.all) }));
}

export const callsMetrics: ModuleMetric[] = [
  { key: 'calls.oefenkansen', label: 'Gerealiseerde oefenkansen per gemeente', compute: realised },
  {
    key: 'calls.oefenkansen-vrouwen',
    label: 'Aandeel vrouwen bij de deelnemers aan oefenkansen',
    compute: womenShare,
  },
];
