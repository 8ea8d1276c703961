import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ConflictError, NotFoundError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import {
  computeGroups,
  markAggregatesStale,
  type StoredAggregates,
  scheduleAggregateRefresh,
  storedAggregates,
  storedPeriods,
} from './aggregates';
import {
  areaLevels,
  directions,
  indicatorTypes,
  regionAreas,
  themeCodes,
  themeLabel,
  type ValueStatus,
} from './catalogue';
import { type GeoMunicipality, geography } from './geo';
import type { ExportRow } from './importer';
import {
  type Aggregate,
  breakdownKeys,
  breakdownLabel,
  classOf,
  frequencies,
  isSmallCell,
  type LegendClass,
  legendClasses,
  type Measure,
  measures,
  mostSimilar,
  parseTypedNumber,
  quantileBreaks,
  TOTAL,
} from './rules';
import { indicatorAreaTargets, indicators, indicatorValues } from './schema';

export type Indicator = typeof indicators.$inferSelect;

/** Platform administrators and agency staff keep the catalogue and import values. */
definePolicy<{ type: 'monitoring' }>('monitoring', 'manage', (p: Principal) =>
  ['platform_admin', 'agency_staff'].includes(p.active.role),
);

export const canManageMonitoring = (p: Principal | null | undefined) =>
  can(p, 'manage', { type: 'monitoring' });

// ---------------------------------------------------------------------------------------------
// Catalogue

export type IndicatorFilter = {
  q?: string | undefined;
  theme?: string | undefined;
  type?: string | undefined;
};

function escapeLike(s: string): string {
  return `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/** The catalogue; unpublished indicators only for those who manage it. */
export async function listIndicators(
  db: Executor,
  filter: IndicatorFilter,
  page: Page,
  includeUnpublished = false,
) {
  const conditions: SQL[] = [];
  if (!includeUnpublished) conditions.push(eq(indicators.published, true));
  if (filter.q) {
    const term = escapeLike(filter.q);
    conditions.push(
      or(ilike(indicators.name, term), ilike(indicators.code, term), ilike(indicators.definition, term))!,
    );
  }
  if (filter.theme) conditions.push(eq(indicators.theme, filter.theme));
  if (filter.type) conditions.push(eq(indicators.type, filter.type));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(indicators)
      .where(where)
      .orderBy(asc(indicators.theme), asc(indicators.name))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(indicators).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function allIndicators(db: Executor, includeUnpublished = false): Promise<Indicator[]> {
  return db
    .select()
    .from(indicators)
    .where(includeUnpublished ? undefined : eq(indicators.published, true))
    .orderBy(asc(indicators.theme), asc(indicators.name));
}

export async function getIndicator(
  db: Executor,
  code: string,
  includeUnpublished = false,
): Promise<Indicator> {
  const [row] = await db.select().from(indicators).where(eq(indicators.code, code.toLowerCase()));
  if (!row || (!row.published && !includeUnpublished)) {
    throw new NotFoundError('Er is geen indicator met deze code.');
  }
  return row;
}

const optionalNumber = (label: string) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return null;
      const n = typeof v === 'number' ? v : parseTypedNumber(v);
      if (n === null) return null;
      if (Number.isNaN(n)) {
        ctx.addIssue({ code: 'custom', message: `${label} moet een getal zijn, bv. 12,5.` });
        return z.NEVER;
      }
      return n;
    });

const optionalPeriod = (label: string) =>
  z
    .string()
    .trim()
    .max(7)
    .optional()
    .transform((v) => (v ? v.toUpperCase() : null))
    .pipe(
      z
        .string()
        .regex(/^\d{4}(-Q[1-4])?$/, { error: `${label}: gebruik een jaar (2024) of een kwartaal (2024-Q1).` })
        .nullable(),
    );

const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((v) => v === true || v === 'ja' || v === 'on' || v === 'true');

export const indicatorInputSchema = z
  .object({
    code: z
      .string({ error: 'Vul een code in.' })
      .trim()
      .toLowerCase()
      .min(2, { error: 'Vul een code in van minstens 2 tekens.' })
      .max(60, { error: 'De code mag hoogstens 60 tekens lang zijn.' })
      .regex(/^[a-z0-9][a-z0-9-]*$/, {
        error: 'Een code bestaat uit kleine letters, cijfers en koppeltekens.',
      }),
    name: fields.requiredText('de benaming', 250),
    definition: fields.requiredText('de definitie', 4000),
    type: z.enum(indicatorTypes, { error: 'Kies de soort indicator.' }),
    calculation: fields.requiredText('de berekeningswijze', 4000),
    measure: z.enum(measures, { error: 'Kies hoe de waarden samengeteld worden.' }),
    numeratorLabel: fields.optionalText('de teller', 250),
    denominatorLabel: fields.optionalText('de noemer', 250),
    multiplier: z.coerce
      .number({ error: 'De vermenigvuldiger moet een getal zijn.' })
      .int({ error: 'De vermenigvuldiger is een geheel getal (100 voor procenten).' })
      .min(1, { error: 'De vermenigvuldiger is minstens 1.' })
      .max(100000, { error: 'De vermenigvuldiger is hoogstens 100.000.' })
      .default(100),
    unit: fields.requiredText('de eenheid', 40),
    decimals: z.coerce
      .number({ error: 'Het aantal decimalen moet een getal zijn.' })
      .int({ error: 'Het aantal decimalen is een geheel getal.' })
      .min(0, { error: 'Het aantal decimalen is minstens 0.' })
      .max(4, { error: 'Het aantal decimalen is hoogstens 4.' })
      .default(0),
    source: fields.requiredText('de bron', 500),
    frequency: z.enum(frequencies, { error: 'Kies de meetfrequentie.' }),
    quality: fields.optionalText('de kwaliteitsbeoordeling', 4000),
    policyRelevance: fields.optionalText('de beleidsrelevantie', 4000),
    budgetRelevance: fields.optionalText('de budgetrelevantie', 4000),
    theme: z.enum(themeCodes, { error: 'Kies een thema.' }),
    breakdowns: fields.many(z.enum(['sex', 'origin'], { error: 'Kies een bestaande uitsplitsing.' })),
    direction: z.enum(directions, { error: 'Kies welke richting beter is.' }),
    areaLevel: z.enum(areaLevels, { error: 'Kies het niveau van de waarden.' }).default('municipality'),
    similarityContext: checkbox,
    personalData: checkbox,
    published: checkbox,
    baselineValue: optionalNumber('De basiswaarde'),
    baselinePeriod: optionalPeriod('De periode van de basiswaarde'),
    targetValue: optionalNumber('De streefwaarde'),
    targetPeriod: optionalPeriod('De periode van de streefwaarde'),
  })
  .superRefine((v, ctx) => {
    if (v.measure === 'rate' && (!v.numeratorLabel || !v.denominatorLabel)) {
      ctx.addIssue({
        code: 'custom',
        path: [!v.numeratorLabel ? 'numeratorLabel' : 'denominatorLabel'],
        message: 'Een verhouding heeft een teller en een noemer: beschrijf ze allebei.',
      });
    }
    if (v.targetValue !== null && !v.targetPeriod) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetPeriod'],
        message: 'Vul in tegen wanneer de streefwaarde geldt.',
      });
    }
    if (v.baselineValue !== null && !v.baselinePeriod) {
      ctx.addIssue({
        code: 'custom',
        path: ['baselinePeriod'],
        message: 'Vul de periode van de basiswaarde in.',
      });
    }
  });

export type IndicatorInput = z.output<typeof indicatorInputSchema>;

export async function createIndicator(ctx: ServiceContext, input: unknown): Promise<Indicator> {
  authorize(ctx.user, 'manage', { type: 'monitoring' });
  const data = parseInput(indicatorInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(eq(indicators.code, data.code));
    if (exists) throw new ConflictError(`Er bestaat al een indicator met de code ${data.code}.`);
    const [row] = await tx
      .insert(indicators)
      .values({ ...data, breakdowns: data.breakdowns, ownerOrganisationId: ctx.user.active.organisationId })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'indicator.created',
      entityType: 'indicator',
      entityId: row!.id,
      ownerOrganisationId: ctx.user.active.organisationId,
      after: row,
    });
    return row!;
  });
}

export async function updateIndicator(ctx: ServiceContext, code: string, input: unknown): Promise<Indicator> {
  authorize(ctx.user, 'manage', { type: 'monitoring' });
  const before = await getIndicator(ctx.db, code, true);
  const data = parseInput(indicatorInputSchema, { ...(input as object), code: before.code });
  if (
    data.measure !== before.measure ||
    data.frequency !== before.frequency ||
    data.areaLevel !== before.areaLevel
  ) {
    const [values] = await ctx.db
      .select({ n: count() })
      .from(indicatorValues)
      .where(eq(indicatorValues.indicatorId, before.id));
    if ((values?.n ?? 0) > 0) {
      throw new ConflictError(
        'Soort waarde, meetfrequentie en niveau kunnen niet meer veranderen zodra er waarden zijn. Maak een nieuwe indicator.',
      );
    }
  }
  const updated = await ctx.transaction(async (tx) => {
    const [row] = await tx
      .update(indicators)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(indicators.id, before.id))
      .returning();
    // Rates of the computed areas are numerator / denominator × multiplier.
    if (data.multiplier !== before.multiplier) await markAggregatesStale(tx, [before.id]);
    await writeAudit(tx, ctx.actor, {
      action: 'indicator.updated',
      entityType: 'indicator',
      entityId: before.id,
      ownerOrganisationId: before.ownerOrganisationId,
      before,
      after: row,
    });
    return row!;
  });
  if (data.multiplier !== before.multiplier) scheduleAggregateRefresh(ctx.db, [before.id]);
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Values

export type Cell = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus | null;
  suppressed: boolean;
};

const EMPTY: Cell = { value: null, numerator: null, denominator: null, status: null, suppressed: false };

type RawValue = {
  indicatorId: string;
  areaCode: string;
  period: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  source: string | null;
};

async function loadValues(
  db: Executor,
  indicatorIds: string[],
  filter: { breakdown?: string; period?: string; areaCodes?: string[] } = {},
): Promise<RawValue[]> {
  if (indicatorIds.length === 0) return [];
  const conditions: SQL[] = [inArray(indicatorValues.indicatorId, indicatorIds)];
  if (filter.breakdown) conditions.push(eq(indicatorValues.breakdown, filter.breakdown));
  if (filter.period) conditions.push(eq(indicatorValues.period, filter.period));
  if (filter.areaCodes) conditions.push(inArray(indicatorValues.areaCode, filter.areaCodes));
  return db
    .select({
      indicatorId: indicatorValues.indicatorId,
      areaCode: indicatorValues.areaCode,
      period: indicatorValues.period,
      breakdown: indicatorValues.breakdown,
      value: indicatorValues.value,
      numerator: indicatorValues.numerator,
      denominator: indicatorValues.denominator,
      status: indicatorValues.status,
      source: indicatorValues.source,
    })
    .from(indicatorValues)
    .where(and(...conditions));
}

/** One stored value as shown: small cells of indicators built on personal data are hidden. */
export function toCell(ind: Pick<Indicator, 'measure' | 'personalData'>, v: RawValue | undefined): Cell {
  if (!v) return EMPTY;
  const cell: Cell = {
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
    status: v.status as ValueStatus,
    suppressed: false,
  };
  if (ind.personalData && isSmallCell(cell, ind.measure as Measure)) {
    return { ...EMPTY, status: cell.status, suppressed: true };
  }
  return cell;
}

function aggregateCell(ind: Indicator, a: Aggregate | undefined): Cell {
  if (!a || a.value === null) return EMPTY;
  const cell: Cell = {
    value: a.value,
    numerator: a.numerator,
    denominator: a.denominator,
    status: 'final',
    suppressed: false,
  };
  if (ind.personalData && isSmallCell(cell, ind.measure as Measure)) return { ...EMPTY, suppressed: true };
  return cell;
}

/** Periods with values, oldest first. */
export async function periodsOf(db: Executor, indicatorId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ period: indicatorValues.period })
    .from(indicatorValues)
    .where(eq(indicatorValues.indicatorId, indicatorId))
    .orderBy(asc(indicatorValues.period));
  return rows.map((r) => r.period);
}

/** Periods with values (any breakdown) of each indicator, from the aggregate state where current. */
async function periodsFor(db: Executor, list: Indicator[]): Promise<string[][]> {
  const stored = await storedPeriods(
    db,
    list.map((i) => i.id),
  );
  return Promise.all(list.map((i) => stored.get(i.id)?.periods ?? periodsOf(db, i.id)));
}

/** The latest period with a total value of each indicator (undefined: none). */
async function latestTotalPeriods(db: Executor, list: Indicator[]): Promise<Map<string, string>> {
  const stored = await storedPeriods(
    db,
    list.map((i) => i.id),
  );
  const out = new Map<string, string>();
  const missing: string[] = [];
  for (const i of list) {
    const s = stored.get(i.id);
    if (!s) missing.push(i.id);
    else if (s.totalPeriods.length) out.set(i.id, s.totalPeriods[s.totalPeriods.length - 1]!);
  }
  if (missing.length) {
    const rows = await db
      .select({
        indicatorId: indicatorValues.indicatorId,
        period: sql<string>`max(${indicatorValues.period})`,
      })
      .from(indicatorValues)
      .where(and(inArray(indicatorValues.indicatorId, missing), eq(indicatorValues.breakdown, TOTAL)))
      .groupBy(indicatorValues.indicatorId);
    for (const r of rows) if (r.period) out.set(r.indicatorId, r.period);
  }
  return out;
}

/** Total values of several indicators, each in its own period, for some areas (all when absent). */
async function valuesAt(
  db: Executor,
  wanted: Array<{ id: string; period: string }>,
  areaCodes?: string[],
): Promise<RawValue[]> {
  if (wanted.length === 0 || (areaCodes && areaCodes.length === 0)) return [];
  const byPeriod = new Map<string, string[]>();
  for (const w of wanted) byPeriod.set(w.period, [...(byPeriod.get(w.period) ?? []), w.id]);
  const parts = await Promise.all(
    [...byPeriod].map(([period, ids]) =>
      loadValues(db, ids, areaCodes ? { breakdown: TOTAL, period, areaCodes } : { breakdown: TOTAL, period }),
    ),
  );
  return parts.flat();
}

export type SeriesLine = { key: string; name: string; cells: Cell[] };

export type ProfileIndicator = {
  indicator: Indicator;
  periods: string[];
  lines: SeriesLine[];
  latest: { period: string; cell: Cell } | null;
  previous: { period: string; cell: Cell } | null;
  target: { value: number; period: string | null } | null;
  baseline: { value: number; period: string | null } | null;
};

export type Profile = {
  municipality: GeoMunicipality;
  theme: string;
  themeLabel: string;
  indicators: ProfileIndicator[];
  /** When the stored regional values shown were computed (null: computed for this page). */
  asOf: Date | null;
};

/**
 * Regional values of several indicators for one breakdown: the stored aggregates where they are
 * current, otherwise computed from every municipality's values (and a refresh is queued). `asOf` is
 * when the oldest stored aggregate used was computed (null when all were computed now).
 */
async function regionalValues(
  db: Executor,
  list: Indicator[],
  filter: { breakdown: string; areas: string[]; period?: string },
): Promise<{ byIndicator: Map<string, StoredAggregates>; asOf: Date | null }> {
  const stored = await storedAggregates(
    db,
    list.map((i) => i.id),
    filter,
  );
  const missing = list.filter((i) => !stored.has(i.id));
  if (missing.length) {
    const geo = await geography(db);
    const values = await loadValues(
      db,
      missing.map((i) => i.id),
      filter.period
        ? { breakdown: filter.breakdown, period: filter.period }
        : { breakdown: filter.breakdown },
    );
    const byId = new Map<string, RawValue[]>();
    for (const v of values) {
      const l = byId.get(v.indicatorId);
      if (l) l.push(v);
      else byId.set(v.indicatorId, [v]);
    }
    const wanted = new Set(filter.areas);
    for (const ind of missing) {
      const own = byId.get(ind.id) ?? [];
      const periods = [...new Set(own.map((v) => v.period))].sort();
      stored.set(ind.id, {
        refreshedAt: new Date(),
        periods,
        totalPeriods: filter.breakdown === TOTAL && !filter.period ? periods : [],
        byPeriod: ind.measure === 'level' ? new Map() : computeGroups(ind, own, geo, wanted),
      });
    }
  }
  let asOf: Date | null = null;
  for (const ind of list) {
    if (missing.includes(ind)) continue;
    const at = stored.get(ind.id)!.refreshedAt;
    if (!asOf || at < asOf) asOf = at;
  }
  return { byIndicator: stored, asOf: missing.length === list.length ? null : asOf };
}

/** The municipal profile for one theme: the municipality against its reference region, province and Flanders. */
export async function municipalProfile(db: Executor, nis: string, theme: string): Promise<Profile> {
  const geo = await geography(db);
  const municipality = geo.byNis.get(nis);
  if (!municipality) throw new NotFoundError('Er is geen gemeente met deze NIS-code.');
  const list = (
    await db
      .select()
      .from(indicators)
      .where(
        and(
          eq(indicators.published, true),
          eq(indicators.theme, theme),
          eq(indicators.areaLevel, 'municipality'),
        ),
      )
      .orderBy(asc(indicators.name))
  ).slice(0, 40);
  const ids = list.map((i) => i.id);
  const groups = geo.groupsOf(nis);
  // Only what the page shows: this municipality's values and the aggregates of its computed areas.
  const [values, targets, regional] = await Promise.all([
    loadValues(db, ids, { breakdown: TOTAL, areaCodes: [nis] }),
    ids.length
      ? db
          .select()
          .from(indicatorAreaTargets)
          .where(and(inArray(indicatorAreaTargets.indicatorId, ids), eq(indicatorAreaTargets.areaCode, nis)))
      : Promise.resolve([]),
    regionalValues(db, list, { breakdown: TOTAL, areas: groups }),
  ]);
  const mineById = new Map<string, Map<string, RawValue>>();
  for (const v of values) {
    let m = mineById.get(v.indicatorId);
    if (!m) {
      m = new Map();
      mineById.set(v.indicatorId, m);
    }
    m.set(v.period, v);
  }
  const targetById = new Map(targets.map((t) => [t.indicatorId, t]));
  const out: ProfileIndicator[] = list.map((ind) => {
    const agg = regional.byIndicator.get(ind.id)!;
    // Every period with a total value for any area (as the regional lines cover them all).
    const periods = agg.totalPeriods;
    const mine = mineById.get(ind.id) ?? new Map<string, RawValue>();
    const lines: SeriesLine[] = [
      { key: nis, name: municipality.name, cells: periods.map((p) => toCell(ind, mine.get(p))) },
      ...(ind.measure === 'level'
        ? []
        : groups.map((g) => ({
            key: g,
            name: geo.groupName(g),
            cells: periods.map((p) => aggregateCell(ind, agg.byPeriod.get(p)?.get(g))),
          }))),
    ];
    const known = periods
      .map((p, i) => ({ period: p, cell: lines[0]!.cells[i]! }))
      .filter((x) => x.cell.value !== null || x.cell.suppressed);
    const own_target = targetById.get(ind.id);
    const targetValue = own_target?.targetValue ?? ind.targetValue;
    const baselineValue = own_target?.baselineValue ?? null;
    return {
      indicator: ind,
      periods,
      lines,
      latest: known[known.length - 1] ?? null,
      previous: known[known.length - 2] ?? null,
      target:
        targetValue !== null && targetValue !== undefined
          ? { value: targetValue, period: own_target?.targetPeriod ?? ind.targetPeriod }
          : null,
      baseline:
        baselineValue !== null
          ? { value: baselineValue, period: own_target?.baselinePeriod ?? null }
          : ind.baselineValue !== null
            ? { value: ind.baselineValue, period: ind.baselinePeriod }
            : null,
    };
  });
  return { municipality, theme, themeLabel: themeLabel(theme), indicators: out, asOf: regional.asOf };
}

/** Flanders over time (computed) or the region values of a region-level indicator, for the fiche. */
export async function indicatorOverview(db: Executor, ind: Indicator) {
  const geo = await geography(db);
  const values = await loadValues(db, [ind.id], { breakdown: TOTAL });
  const periods = [...new Set(values.map((v) => v.period))].sort();
  if (ind.areaLevel === 'region' || ind.areaLevel === 'network') {
    const areas = [...new Set(values.map((v) => v.areaCode))].sort();
    const lines: SeriesLine[] = areas.map((a) => ({
      key: a,
      name: regionAreas[a] ?? geo.areaName(a),
      cells: periods.map((p) =>
        toCell(
          ind,
          values.find((v) => v.areaCode === a && v.period === p),
        ),
      ),
    }));
    return { periods, lines, areaCount: areas.length };
  }
  const agg = computeGroups(ind, values, geo, new Set(['VLG', 'BRU']));
  const lines: SeriesLine[] =
    ind.measure === 'level'
      ? []
      : ['VLG', 'BRU']
          .map((g) => ({
            key: g,
            name: geo.groupName(g),
            cells: periods.map((p) => aggregateCell(ind, agg.get(p)?.get(g))),
          }))
          .filter((l) => l.cells.some((c) => c.value !== null));
  return { periods, lines, areaCount: new Set(values.map((v) => v.areaCode)).size };
}

export type MapRow = { nis: string; name: string; cell: Cell; classIndex: number | null };

export type MapData = {
  indicator: Indicator;
  period: string | null;
  periods: string[];
  breakdown: string;
  breakdowns: Array<{ key: string; label: string }>;
  rows: MapRow[];
  legend: Array<LegendClass & { palette: number }>;
  flanders: Cell;
};

/** Values for every municipality in one period and breakdown, classed in quantiles for the map. */
export async function mapData(
  db: Executor,
  ind: Indicator,
  periodWanted: string | undefined,
  breakdownWanted: string | undefined,
): Promise<MapData> {
  const geo = await geography(db);
  const periods = (await periodsFor(db, [ind]))[0]!;
  const breakdowns = breakdownKeys(ind.breakdowns).map((key) => ({ key, label: breakdownLabel(key) }));
  const breakdown = breakdowns.some((b) => b.key === breakdownWanted) ? breakdownWanted! : TOTAL;
  const period =
    periodWanted && periods.includes(periodWanted) ? periodWanted : (periods[periods.length - 1] ?? null);
  const values = period ? await loadValues(db, [ind.id], { period, breakdown }) : [];
  const byArea = new Map(values.map((v) => [v.areaCode, v]));
  const rows: MapRow[] = geo.municipalities.map((m) => ({
    nis: m.nis,
    name: m.name,
    cell: toCell(ind, byArea.get(m.nis)),
    classIndex: null,
  }));
  const numbers = rows.map((r) => r.cell.value).filter((v): v is number => v !== null);
  const breaks = quantileBreaks(numbers, 5);
  const legend = legendClasses(numbers, breaks);
  for (const r of rows) if (r.cell.value !== null) r.classIndex = classOf(r.cell.value, breaks);
  const agg = computeGroups(ind, values, geo, new Set(['VLG']));
  return {
    indicator: ind,
    period,
    periods,
    breakdown,
    breakdowns,
    rows,
    legend,
    flanders: period && ind.measure !== 'level' ? aggregateCell(ind, agg.get(period)?.get('VLG')) : EMPTY,
  };
}

/** The municipalities most like `nis` on the context indicators marked for similarity (latest period each). */
export async function similarMunicipalities(db: Executor, nis: string, n = 10) {
  const geo = await geography(db);
  if (!geo.byNis.has(nis)) throw new NotFoundError('Er is geen gemeente met deze NIS-code.');
  const context = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.similarityContext, true), eq(indicators.published, true)))
    .orderBy(asc(indicators.code));
  if (context.length === 0) return { indicators: [], items: [] };
  const latest = await latestTotalPeriods(db, context);
  const used = context.filter((ind) => latest.has(ind.id));
  const values = await valuesAt(
    db,
    used.map((ind) => ({ id: ind.id, period: latest.get(ind.id)! })),
  );
  const dimension = new Map(context.map((ind, d) => [ind.id, d]));
  const vectors = new Map<string, Array<number | null>>(
    geo.municipalities.map((m) => [m.nis, context.map(() => null)]),
  );
  for (const v of values) {
    const vec = vectors.get(v.areaCode);
    const d = dimension.get(v.indicatorId);
    if (!vec || d === undefined) continue;
    const ind = context[d]!;
    // Sizes are compared on a log scale: 10,000 and 20,000 inhabitants differ as much as 100,000 and 200,000.
    vec[d] =
      v.value === null ? null : ind.measure === 'count' ? Math.log10(1 + Math.max(0, v.value)) : v.value;
  }
  const items = mostSimilar(nis, vectors, n).map((s) => ({ ...s, name: geo.byNis.get(s.nis)!.name }));
  return { indicators: used, items };
}

export type ComparisonRow = { nis: string; name: string; cells: Cell[] };

/** Values of several municipalities for several indicators in their latest common period (or `period`). */
export async function comparison(
  db: Executor,
  list: Indicator[],
  nisList: string[],
  periodWanted: string | undefined,
): Promise<{ periods: Array<string | null>; rows: ComparisonRow[]; flanders: Cell[]; asOf: Date | null }> {
  const geo = await geography(db);
  const known = nisList.filter((n) => geo.byNis.has(n));
  const periods: Array<string | null> = (await periodsFor(db, list)).map((ps) =>
    periodWanted && ps.includes(periodWanted) ? periodWanted : (ps[ps.length - 1] ?? null),
  );
  const wanted = list.flatMap((ind, i) => (periods[i] ? [{ id: ind.id, period: periods[i]! }] : []));
  const [values, regional] = await Promise.all([
    valuesAt(db, wanted, known),
    // Flanders in every period: a few rows, and right whichever period each indicator shows.
    regionalValues(
      db,
      list.filter((_, i) => periods[i]),
      { breakdown: TOTAL, areas: ['VLG'] },
    ),
  ]);
  const byKey = new Map(values.map((v) => [`${v.indicatorId}|${v.areaCode}`, v]));
  const flanders: Cell[] = list.map((ind, i) => {
    const period = periods[i];
    return period && ind.measure !== 'level'
      ? aggregateCell(ind, regional.byIndicator.get(ind.id)?.byPeriod.get(period)?.get('VLG'))
      : EMPTY;
  });
  return {
    periods,
    rows: known.map((n) => ({
      nis: n,
      name: geo.byNis.get(n)!.name,
      cells: list.map((ind) => toCell(ind, byKey.get(`${ind.id}|${n}`))),
    })),
    flanders,
    asOf: regional.asOf,
  };
}

export type ValueFilter = {
  period?: string | undefined;
  area?: string | undefined;
  breakdown?: string | undefined;
};

/** Open data: an indicator's values, paginated, small cells suppressed. */
export async function listValues(db: Executor, ind: Indicator, filter: ValueFilter, page: Page) {
  const geo = await geography(db);
  const conditions: SQL[] = [eq(indicatorValues.indicatorId, ind.id)];
  if (filter.period) conditions.push(eq(indicatorValues.period, filter.period));
  if (filter.area) conditions.push(eq(indicatorValues.areaCode, filter.area));
  if (filter.breakdown) conditions.push(eq(indicatorValues.breakdown, filter.breakdown));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(indicatorValues)
      .where(where)
      .orderBy(asc(indicatorValues.period), asc(indicatorValues.areaCode), asc(indicatorValues.breakdown))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(indicatorValues).where(where),
  ]);
  return {
    items: rows.map((r) => {
      const c = toCell(ind, r);
      return {
        area: r.areaCode,
        areaName: geo.areaName(r.areaCode),
        period: r.period,
        breakdown: r.breakdown,
        value: c.value,
        numerator: c.numerator,
        denominator: c.denominator,
        status: r.status as ValueStatus,
        suppressed: c.suppressed,
        source: r.source,
      };
    }),
    total: total?.n ?? 0,
  };
}

/** Values in the import format (the export of one indicator, or of all). Small cells suppressed. */
export async function exportRows(
  db: Executor,
  list: Indicator[],
  filter: ValueFilter = {},
): Promise<ExportRow[]> {
  const geo = await geography(db);
  const out: ExportRow[] = [];
  for (const ind of list) {
    const conditions: SQL[] = [eq(indicatorValues.indicatorId, ind.id)];
    if (filter.period) conditions.push(eq(indicatorValues.period, filter.period));
    if (filter.area) conditions.push(eq(indicatorValues.areaCode, filter.area));
    if (filter.breakdown) conditions.push(eq(indicatorValues.breakdown, filter.breakdown));
    const rows = await db
      .select()
      .from(indicatorValues)
      .where(and(...conditions))
      .orderBy(asc(indicatorValues.period), asc(indicatorValues.areaCode), asc(indicatorValues.breakdown));
    for (const r of rows) {
      const c = toCell(ind, r);
      if (c.suppressed) continue;
      out.push({
        indicator: ind.code,
        nis: r.areaCode,
        gemeente: geo.areaName(r.areaCode),
        periode: r.period,
        uitsplitsing: r.breakdown,
        waarde: c.value,
        teller: c.numerator,
        noemer: c.denominator,
        status: r.status as ValueStatus,
        bron: r.source,
      });
    }
  }
  return out;
}

/** The latest values of every published municipal indicator for one municipality (home card, API). */
export async function latestFor(db: Executor, nis: string) {
  const list = (await allIndicators(db)).filter((i) => i.areaLevel === 'municipality');
  const values = await loadValues(
    db,
    list.map((i) => i.id),
    { breakdown: TOTAL, areaCodes: [nis] },
  );
  return list.map((ind) => {
    const own = values
      .filter((v) => v.indicatorId === ind.id)
      .sort((a, b) => a.period.localeCompare(b.period));
    const last = own[own.length - 1];
    return { indicator: ind, period: last?.period ?? null, cell: toCell(ind, last) };
  });
}
