import { and, countDistinct, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { organisations } from '../../core/access/schema';
import type { Executor } from '../../core/db/client';
import type { MetricRow, ModuleMetric } from '../../core/module';
import { servicePackageChoices } from './schema';

/** Basic-package uptake: the items a local government has chosen (and not removed) per year. */
async function packageUptake(db: Executor): Promise<MetricRow[]> {
  const rows = await db
    .select({
      area: organisations.municipalityNis,
      year: servicePackageChoices.year,
      n: countDistinct(servicePackageChoices.itemId),
    })
    .from(servicePackageChoices)
    .innerJoin(organisations, eq(organisations.id, servicePackageChoices.organisationId))
    .where(
      and(
        isNull(servicePackageChoices.removedAt),
        eq(organisations.type, 'local_government'),
        isNotNull(organisations.municipalityNis),
      ),
    )
    .groupBy(organisations.municipalityNis, servicePackageChoices.year)
    .orderBy(sql`1`);
  return rows.map((r) => ({ area: r.area!, period: String(r.year), numerator: Number(r.n) }));
}

export const servicesMetrics: ModuleMetric[] = [
  { key: 'services.basispakket', label: 'Afname van het basispakket per gemeente', compute: packageUptake },
];
