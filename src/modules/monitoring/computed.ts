import { eq, isNotNull, sql } from 'drizzle-orm';
import { type AuditActor, systemActor, writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Db, Executor } from '../../core/db/client';
import { platformState } from '../../core/db/schema';
import { NotFoundError } from '../../core/http/errors';
import type { MetricRow, ModuleManifest, ModuleMetric, StartContext } from '../../core/module';
import { markAggregatesStale, scheduleAggregateRefresh } from './aggregates';
import { type Frequency, type Measure, parsePeriod, rateValue } from './rules';
import { indicators } from './schema';
import { type StoredValue, writeValues } from './store';

/**
 * Platform-computed indicators: figures the platform derives from the other modules' data (each
 * module lists its computations as `metrics` in its manifest). Their fiches are ensured at start; the
 * values are recomputed on a schedule and on demand, replacing the previous values in one transaction.
 * Small cells are suppressed where values are shown, as for imported values (personalData).
 */

type Fiche = Omit<typeof indicators.$inferInsert, 'id' | 'createdAt' | 'updatedAt'> & { computedBy: string };

const PLATFORM_SOURCE = 'Regiekamer (berekend uit de gegevens van het platform)';

/** The fiches of the computed indicators; the values follow from `computedBy`. */
export const computedFiches: Fiche[] = [
  {
    code: 'oefenkansen-gerealiseerd',
    name: 'Gerealiseerde taaloefenkansen Nederlands',
    definition:
      'Het aantal oefenkansen Nederlands dat plaatsvond in de gemeente, volgens het register van de oproep taaloefenkansen (aanvragers en financiële impulsen).',
    type: 'output',
    calculation:
      'Telling van de oefenkansen in het register per gemeente en kalenderjaar, alleen die aan de drie delen van de definitie voldoen (Nederlands oefenen als hoofddoel, buiten de les, zonder certificering) en niet als dubbel gemarkeerd zijn.',
    measure: 'count',
    unit: 'oefenkansen',
    source: `${PLATFORM_SOURCE}: register van oefenkansen`,
    frequency: 'year',
    theme: 'nederlands',
    direction: 'higher',
    personalData: false,
    computedBy: 'calls.oefenkansen',
  },
  {
    code: 'oefenkansen-aandeel-vrouwen',
    name: 'Aandeel vrouwen bij de deelnemers aan oefenkansen',
    definition:
      'Het aandeel vrouwen onder de deelnemers aan gerealiseerde oefenkansen, waar het register het geslacht vermeldt. Het participatie- en netwerktraject registreert het geslacht van nieuwkomers niet (het is pseudoniem); daarom komt dit cijfer uit het register van oefenkansen.',
    type: 'output',
    calculation:
      'Som van de vrouwelijke deelnemers gedeeld door de som van alle deelnemers (vrouwen, mannen, anders) van de oefenkansen met een geslachtsverdeling, per gemeente en kalenderjaar, maal 100.',
    measure: 'rate',
    numeratorLabel: 'Vrouwelijke deelnemers',
    denominatorLabel: 'Deelnemers met gekend geslacht',
    multiplier: 100,
    unit: '%',
    decimals: 1,
    source: `${PLATFORM_SOURCE}: register van oefenkansen`,
    frequency: 'year',
    theme: 'nederlands',
    direction: 'neutral',
    personalData: true,
    computedBy: 'calls.oefenkansen-vrouwen',
  },
  {
    code: 'basispakket-afname',
    name: 'Afname van het basispakket',
    definition:
      'Het aantal diensten uit het basispakket van de agentschappen dat het lokaal bestuur voor het jaar heeft gekozen.',
    type: 'input',
    calculation:
      'Telling van de gekozen (niet geschrapte) diensten in het basispakket per lokaal bestuur en jaar; het bestuur telt bij zijn gemeente.',
    measure: 'count',
    unit: 'diensten',
    source: `${PLATFORM_SOURCE}: standaarddienstverlening`,
    frequency: 'year',
    theme: 'context',
    direction: 'neutral',
    personalData: false,
    computedBy: 'services.basispakket',
  },
  {
    code: 'aanbod-per-netwerk',
    name: 'Activiteiten per regionaal netwerk',
    definition:
      'Het aantal activiteiten voor het participatie- en netwerktraject dat in het jaar op het platform stond, per regionaal netwerk.',
    type: 'output',
    calculation:
      'Telling van de verschillende activiteiten met minstens één plaats in het netwerk die in het jaar gepubliceerd waren (van publicatie tot de laatste dag; vandaag voor wat nog loopt). Een activiteit met plaatsen in twee netwerken telt in beide.',
    measure: 'count',
    unit: 'activiteiten',
    source: `${PLATFORM_SOURCE}: participatieplatform`,
    frequency: 'year',
    theme: 'netwerken',
    direction: 'higher',
    areaLevel: 'network',
    personalData: false,
    computedBy: 'participation.aanbod-netwerk',
  },
  {
    code: 'nieuwkomers-40-uur',
    name: 'Nieuwkomers die het participatie- en netwerktraject voltooiden',
    definition:
      'Het aantal nieuwkomers dat het participatie- en netwerktraject afsloot met minstens 40 gevalideerde uren, per gemeente van het traject.',
    type: 'outcome',
    calculation:
      'Telling van de trajecten met status afgerond per gemeente en jaar van afsluiten. Cijfers onder 5 personen worden niet getoond.',
    measure: 'count',
    unit: 'nieuwkomers',
    source: `${PLATFORM_SOURCE}: participatie- en netwerktraject`,
    frequency: 'year',
    theme: 'netwerken',
    direction: 'higher',
    personalData: true,
    computedBy: 'participation.nieuwkomers-40-uur',
  },
];

/** Adds the fiches of computed indicators that are missing; an existing fiche is left as edited. */
export async function ensureComputedIndicators(db: Executor): Promise<void> {
  await db
    .insert(indicators)
    .values(
      computedFiches.map((f) => ({ ...f, quality: 'Volledig voor wat op het platform geregistreerd is.' })),
    )
    .onConflictDoNothing({ target: indicators.code });
}

type Target = { id: string; code: string; measure: Measure; frequency: Frequency; multiplier: number };

/** The current period of a frequency (values of the running year or quarter are provisional). */
export function currentPeriod(frequency: Frequency, now: Date): string {
  const local = new Date(now.toLocaleString('en-US', { timeZone: 'Europe/Brussels' }));
  const year = local.getFullYear();
  return frequency === 'quarter' ? `${year}-Q${Math.floor(local.getMonth() / 3) + 1}` : String(year);
}

/**
 * Turns a metric's rows into stored values of its indicator: counts as they are, rates from numerator
 * and denominator; rows that are not valid for the indicator (bad period, negative, no denominator)
 * are left out. The running period is provisional.
 */
export function metricValues(ind: Target, rows: MetricRow[], now = new Date()): StoredValue[] {
  const current = currentPeriod(ind.frequency, now);
  const out = new Map<string, StoredValue>();
  for (const r of rows) {
    const p = parsePeriod(r.period, ind.frequency);
    if ('error' in p || !r.area) continue;
    if (!Number.isFinite(r.numerator) || r.numerator < 0) continue;
    const breakdown = r.breakdown ?? 'totaal';
    let value: number | null = r.numerator;
    let numerator: number | null = null;
    let denominator: number | null = null;
    if (ind.measure === 'rate') {
      const d = r.denominator ?? null;
      if (d === null || !Number.isFinite(d) || d <= 0 || r.numerator > d) continue;
      value = rateValue(r.numerator, d, ind.multiplier);
      numerator = r.numerator;
      denominator = d;
    }
    out.set(`${r.area}|${p.period}|${breakdown}`, {
      indicatorId: ind.id,
      areaCode: r.area,
      period: p.period,
      breakdown,
      value,
      numerator,
      denominator,
      status: p.period >= current ? 'provisional' : 'final',
      source: PLATFORM_SOURCE,
    });
  }
  return [...out.values()];
}

export const COMPUTED_AT_KEY = 'monitoring_computed_at';
/** Same lock key on every instance: only one recomputes at a time. */
const LOCK_KEY = 72_070_007;
export const RECOMPUTE_INTERVAL_MS = 60 * 60 * 1000;

export type RecomputeResult = {
  computedAt: Date;
  indicators: Array<{ code: string; values: number }>;
};

/** When the computed indicators were last recomputed (null: never). */
export async function lastComputedAt(db: Executor): Promise<Date | null> {
  const [row] = await db.select().from(platformState).where(eq(platformState.key, COMPUTED_AT_KEY));
  return row ? new Date(row.value) : null;
}

/** Every metric of the given manifests. */
export function metricsOf(manifests: ModuleManifest[]): ModuleMetric[] {
  return manifests.flatMap((m) => m.metrics ?? []);
}

/**
 * Recomputes every computed indicator from the manifests' metrics in one transaction (readers see the
 * old values until it commits). Guarded by a transaction-level advisory lock, so with several
 * instances only one runs; the others return null. With `olderThanMs`, it also returns null when the
 * last run is more recent (the schedule of every instance then leads to one run per interval).
 */
export async function recomputeIndicators(
  db: Db,
  manifests: ModuleManifest[],
  options: { actor?: AuditActor; olderThanMs?: number; now?: Date } = {},
): Promise<RecomputeResult | null> {
  const now = options.now ?? new Date();
  const metrics = metricsOf(manifests);
  return db
    .transaction(async (tx) => {
      const lock = (await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as locked`)) as {
        rows: Array<{ locked: boolean }>;
      };
      if (!lock.rows[0]?.locked) return null;
      if (options.olderThanMs !== undefined) {
        const last = await lastComputedAt(tx);
        if (last && now.getTime() - last.getTime() < options.olderThanMs) return null;
      }
      await ensureComputedIndicators(tx);
      const targets = await tx
        .select({
          id: indicators.id,
          code: indicators.code,
          measure: indicators.measure,
          frequency: indicators.frequency,
          multiplier: indicators.multiplier,
          computedBy: indicators.computedBy,
        })
        .from(indicators)
        .where(isNotNull(indicators.computedBy));
      const done: RecomputeResult['indicators'] = [];
      const written: string[] = [];
      for (const target of targets) {
        const metric = metrics.find((m) => m.key === target.computedBy);
        // A fiche whose module is not part of this platform keeps its values.
        if (!metric) continue;
        const values = metricValues(target as Target, await metric.compute(tx), now);
        await tx.execute(sql`delete from monitoring_values where indicator_id = ${target.id}`);
        await writeValues(tx, values, { overwrite: true });
        await markAggregatesStale(tx, [target.id]);
        done.push({ code: target.code, values: values.length });
        written.push(target.id);
      }
      await tx
        .insert(platformState)
        .values({ key: COMPUTED_AT_KEY, value: now.toISOString(), updatedAt: now })
        .onConflictDoUpdate({ target: platformState.key, set: { value: now.toISOString(), updatedAt: now } });
      await writeAudit(tx, options.actor ?? systemActor, {
        action: 'indicators.recomputed',
        entityType: 'monitoring_indicator',
        entityId: 'computed',
        after: { computedAt: now.toISOString(), indicators: done },
      });
      return { computedAt: now, indicators: done, written };
    })
    .then((result) => {
      if (!result) return null;
      const { written, ...rest } = result;
      scheduleAggregateRefresh(db, written);
      return rest;
    });
}

/** Only platform administrators recompute on demand. */
export const canRecompute = (ctx: { principal: ServiceContext['principal'] }) =>
  ctx.principal?.active.role === 'platform_admin';

/** The administrator's button: recomputes now (audited with the administrator as actor). */
export async function recomputeNow(
  ctx: ServiceContext,
  manifests: ModuleManifest[],
): Promise<RecomputeResult | null> {
  if (ctx.user.active.role !== 'platform_admin') throw new NotFoundError();
  return recomputeIndicators(ctx.db, manifests, { actor: ctx.actor });
}

let timer: NodeJS.Timeout | undefined;

/**
 * At start: ensures the fiches; with background jobs on, recomputes shortly after start (after the
 * demo data is loaded) and then every hour. Every instance runs the timer; the lock and the age check
 * make one of them do the work per interval.
 */
export async function startComputedIndicators({ db, config, manifests, log }: StartContext): Promise<void> {
  await ensureComputedIndicators(db);
  if (!config.backgroundJobs || timer) return;
  const run = () =>
    recomputeIndicators(db, manifests, { olderThanMs: RECOMPUTE_INTERVAL_MS - 60_000 }).catch(
      (error: unknown) => log.error({ err: error }, 'recomputing platform indicators failed'),
    );
  setTimeout(run, 10_000).unref();
  timer = setInterval(run, RECOMPUTE_INTERVAL_MS);
  timer.unref();
}
