import { and, count, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client';
import type { MetricRow, ModuleMetric } from '../../core/module';
import { participationTrajectories as t } from './schema';

/**
 * Offers per regional network and year: distinct offers with a place in the network that were public
 * during that year (from their publication to their last day, today for offers still public). An offer
 * with places in two networks counts in both.
 */
async function offersPerNetwork(db: Executor): Promise<MetricRow[]> {
  const result = (await db.execute(sql`
    select p.network_code as area, y.year::text as period, count(distinct o.id)::int as n
    from participation_offers o
    join participation_offer_places p on p.offer_id = o.id
    cross join lateral generate_series(
      extract(year from o.published_at)::int,
      extract(year from least(
        case when o.status = 'published' then coalesce(o.valid_until, current_date)
             else coalesce(least(o.valid_until, o.updated_at::date), o.updated_at::date) end,
        current_date))::int
    ) as y(year)
    where o.published_at is not null and o.status in ('published', 'expired', 'archived')
    group by p.network_code, y.year`)) as { rows: Array<{ area: string; period: string; n: number }> };
  return result.rows.map((r) => ({
    area: r.area,
    period: String(r.period),
    numerator: Number(r.n),
  }));
}

const closedYear = sql<string>`to_char(${t.closedAt} at time zone 'Europe/Brussels', 'YYYY')`;

/** Newcomers who completed the trajectory (at least 40 validated hours), by municipality and closing year. */
async function completed40Hours(db: Executor): Promise<MetricRow[]> {
  const rows = await db
    .select({ area: t.municipalityNis, period: closedYear, n: count() })
    .from(t)
    .where(and(eq(t.status, 'completed'), isNotNull(t.closedAt)))
    .groupBy(t.municipalityNis, closedYear);
  return rows.map((r) => ({ area: r.area, period: r.period, numerator: Number(r.n) }));
}

/**
 * The trajectory records no sex (it is pseudonymous by design), so the share of women among
 * participants cannot be computed here; the register of oefenkansen (calls) records it.
 */
export const participationMetrics: ModuleMetric[] = [
  {
    key: 'participation.aanbod-netwerk',
    label: 'Activiteiten per regionaal netwerk',
    compute: offersPerNetwork,
  },
  {
    key: 'participation.nieuwkomers-40-uur',
    label: 'Nieuwkomers die het traject van 40 uur voltooiden',
    compute: completed40Hours,
  },
];
