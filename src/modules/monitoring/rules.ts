import { readFileSync } from 'node:fs';

/**
 * Pure monitoring rules: regional aggregation, the 2025 NIS merge mapping, progress roll-up,
 * small-cell suppression, classed colour scales, periods and similarity. No database here.
 */

// ---------------------------------------------------------------------------------------------
// Measures and aggregation

/**
 * How an indicator's values combine over areas: counts are summed; rates are recomputed as the
 * ratio of the summed numerators over the summed denominators (never an average of rates); levels
 * (e.g. a median income) cannot be combined and have no regional value.
 */
export const measures = ['count', 'rate', 'level'] as const;
export type Measure = (typeof measures)[number];

export type FactValue = {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
};

export type Aggregate = {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** How many member areas had a value. */
  areas: number;
  /** How many member areas there are; areas < members means the aggregate is partial. */
  members: number;
};

/** value = numerator / denominator × multiplier (100 for a percentage), null when undefined. */
export function rateValue(numerator: number, denominator: number, multiplier = 100): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return null;
  return (numerator / denominator) * multiplier;
}

/** Combines the values of several areas into one (a region, a province, Flanders, a merger). */
export function aggregate(
  facts: FactValue[],
  measure: Measure,
  options: { multiplier?: number; members?: number } = {},
): Aggregate {
  const members = options.members ?? facts.length;
  if (measure === 'count') {
    const known = facts.filter((f) => f.value !== null && Number.isFinite(f.value));
    return {
      value: known.length ? known.reduce((s, f) => s + (f.value as number), 0) : null,
      numerator: null,
      denominator: null,
      areas: known.length,
      members,
    };
  }
  if (measure === 'rate') {
    const known = facts.filter(
      (f) =>
        f.numerator !== null &&
        f.numerator !== undefined &&
        f.denominator !== null &&
        f.denominator !== undefined &&
        Number.isFinite(f.numerator) &&
        Number.isFinite(f.denominator),
    );
    const numerator = known.reduce((s, f) => s + (f.numerator as number), 0);
    const denominator = known.reduce((s, f) => s + (f.denominator as number), 0);
    return {
      value: known.length ? rateValue(numerator, denominator, options.multiplier ?? 100) : null,
      numerator: known.length ? numerator : null,
      denominator: known.length ? denominator : null,
      areas: known.length,
      members,
    };
  }
  return { value: null, numerator: null, denominator: null, areas: 0, members };
}

export type AreaFact = FactValue & { nis: string };

/**
 * Aggregates municipal facts per group (reference region, province, Flanders): `groupsOf` names the
 * groups a municipality belongs to; `memberCount` the size of each group, to report coverage.
 */
export function aggregateByGroup(
  facts: AreaFact[],
  measure: Measure,
  groupsOf: (nis: string) => string[],
  memberCount: (group: string) => number,
  multiplier = 100,
): Map<string, Aggregate> {
  const byGroup = new Map<string, AreaFact[]>();
  for (const f of facts) {
    for (const g of groupsOf(f.nis)) {
      const list = byGroup.get(g) ?? [];
      list.push(f);
      byGroup.set(g, list);
    }
  }
  const out = new Map<string, Aggregate>();
  for (const [g, list] of byGroup) {
    out.set(g, aggregate(list, measure, { multiplier, members: memberCount(g) }));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The 2025 mergers

export type Merger = { nis: string; name: string; from: Array<{ nis: string; name: string }> };

let mergerCache: Merger[] | undefined;

/** The 13 mergers of 1 January 2025 (data/reference/nis-mergers-2025.json). */
export function mergers2025(): Merger[] {
  if (!mergerCache) {
    const file = new URL('../../../data/reference/nis-mergers-2025.json', import.meta.url);
    mergerCache = (JSON.parse(readFileSync(file, 'utf8')) as { mergers: Merger[] }).mergers;
  }
  return mergerCache;
}

export type MergeMap = {
  /** Old (pre-2025) code → the merger it belongs to. */
  byOld: Map<string, Merger>;
  /** New code → merger. */
  byNew: Map<string, Merger>;
  /** Old names (lower case) → old code, for imports that identify areas by name. */
  oldNames: Map<string, string>;
};

export function mergeMap(list: Merger[] = mergers2025()): MergeMap {
  const byOld = new Map<string, Merger>();
  const byNew = new Map<string, Merger>();
  const oldNames = new Map<string, string>();
  for (const m of list) {
    byNew.set(m.nis, m);
    for (const o of m.from) {
      byOld.set(o.nis, m);
      oldNames.set(normaliseName(o.name), o.nis);
    }
  }
  return { byOld, byNew, oldNames };
}

/** The 2025 code for a pre-2025 code (unchanged when the municipality did not merge). */
export function currentNis(nis: string, map: MergeMap = mergeMap()): string {
  return map.byOld.get(nis)?.nis ?? nis;
}

export type MergeInput = AreaFact & { key: string };
export type MergeResult<T> = {
  facts: Array<T & { nis: string; mergedFrom: string[] }>;
  /** Mergers for which only some of the old municipalities had a value (the sum would be wrong). */
  incomplete: Array<{ key: string; merger: Merger; missing: Array<{ nis: string; name: string }> }>;
};

/**
 * Maps facts keyed by pre-2025 codes onto the merged municipalities: counts summed, rates
 * recomputed from the summed numerators and denominators. `key` groups facts that belong together
 * (same indicator, period and breakdown). A continuing code (Antwerpen 11002) on its own is taken
 * as already describing the new territory; together with Borsbeek 11007 it is the old territory.
 * A merger with only some of its old municipalities present is reported, not guessed.
 */
export function mapMergedFacts<T extends MergeInput>(
  facts: T[],
  measure: Measure,
  multiplier = 100,
  map: MergeMap = mergeMap(),
): MergeResult<T> {
  const out: Array<T & { nis: string; mergedFrom: string[] }> = [];
  const incomplete: MergeResult<T>['incomplete'] = [];
  const groups = new Map<string, { merger: Merger; key: string; items: T[] }>();
  for (const f of facts) {
    const merger = map.byOld.get(f.nis);
    if (!merger) {
      out.push({ ...f, mergedFrom: [] });
      continue;
    }
    const gk = `${merger.nis}\u0000${f.key}`;
    const g = groups.get(gk) ?? { merger, key: f.key, items: [] };
    g.items.push(f);
    groups.set(gk, g);
  }
  for (const { merger, key, items } of groups.values()) {
    const present = new Set(items.map((i) => i.nis));
    // A continuing code alone already describes the new territory.
    if (present.size === 1 && present.has(merger.nis)) {
      out.push({ ...items[0]!, mergedFrom: [] });
      continue;
    }
    const missing = merger.from.filter((o) => !present.has(o.nis));
    if (missing.length) {
      incomplete.push({ key, merger, missing });
      continue;
    }
    const combined = aggregate(items, measure, { multiplier });
    out.push({
      ...items[0]!,
      nis: merger.nis,
      value: measure === 'level' ? null : combined.value,
      numerator: combined.numerator,
      denominator: combined.denominator,
      mergedFrom: merger.from.map((o) => o.nis),
    });
  }
  return { facts: out, incomplete };
}

// ---------------------------------------------------------------------------------------------
// Action plans: progress roll-up

export type ResultNode = {
  id: string;
  parentId: string | null;
  /** Relative weight among siblings; 0 counts for nothing. */
  weight: number;
  /** Own progress 0–100 for a leaf (from its progress updates); ignored for parents. */
  progress: number | null;
  status: string;
};

export const resultStatuses = ['planned', 'in_progress', 'done', 'delayed', 'cancelled'] as const;
export type ResultStatus = (typeof resultStatuses)[number];
export const resultStatusLabels: Record<ResultStatus, string> = {
  planned: 'Gepland',
  in_progress: 'Lopend',
  done: 'Afgerond',
  delayed: 'Vertraagd',
  cancelled: 'Geschrapt',
};
export const resultStatusClass: Record<ResultStatus, string> = {
  planned: 'neutral',
  in_progress: 'pending',
  done: 'positive',
  delayed: 'waiting',
  cancelled: 'negative',
};

const clampPct = (v: number) => Math.max(0, Math.min(100, v));
const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Progress of every result: a leaf has its own progress (100 when done); a parent the weighted mean
 * of its children's progress. Cancelled results and weight 0 do not count. Returns id → % (0–100).
 */
export function rollUpProgress(nodes: ResultNode[]): Map<string, number> {
  const children = new Map<string | null, ResultNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId) ?? [];
    list.push(n);
    children.set(n.parentId, list);
  }
  const out = new Map<string, number>();
  const visiting = new Set<string>();
  const compute = (n: ResultNode): number => {
    const known = out.get(n.id);
    if (known !== undefined) return known;
    if (visiting.has(n.id)) throw new Error(`cycle in results at ${n.id}`);
    visiting.add(n.id);
    const kids = (children.get(n.id) ?? []).filter((k) => k.status !== 'cancelled');
    let value: number;
    if (kids.length === 0) {
      value = n.status === 'done' ? 100 : clampPct(n.progress ?? 0);
    } else {
      const totalWeight = kids.reduce((s, k) => s + Math.max(0, k.weight), 0);
      value =
        totalWeight > 0
          ? kids.reduce((s, k) => s + Math.max(0, k.weight) * compute(k), 0) / totalWeight
          : n.status === 'done'
            ? 100
            : 0;
    }
    visiting.delete(n.id);
    const rounded = round1(value);
    out.set(n.id, rounded);
    return rounded;
  };
  for (const n of nodes) compute(n);
  return out;
}

/** The plan's overall progress: the weighted mean over its top-level results. */
export function planProgress(nodes: ResultNode[], rolled = rollUpProgress(nodes)): number {
  const top = nodes.filter((n) => n.parentId === null && n.status !== 'cancelled');
  const totalWeight = top.reduce((s, n) => s + Math.max(0, n.weight), 0);
  if (totalWeight === 0) return 0;
  return round1(top.reduce((s, n) => s + Math.max(0, n.weight) * (rolled.get(n.id) ?? 0), 0) / totalWeight);
}

/** Would making `parentId` the parent of `id` create a cycle? */
export function wouldCycle(
  nodes: Array<{ id: string; parentId: string | null }>,
  id: string,
  parentId: string | null,
) {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
  let cursor = parentId;
  const seen = new Set<string>();
  while (cursor) {
    if (cursor === id) return true;
    if (seen.has(cursor)) return true;
    seen.add(cursor);
    cursor = parentOf.get(cursor) ?? null;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Small cells

export const SUPPRESSION_THRESHOLD = 5;

export type Suppressible = { value: number | null; numerator?: number | null; denominator?: number | null };

/**
 * Is this cell too small to publish? A count, numerator or denominator of 1 to 4 people could
 * identify someone, so the cell is hidden. Zero is shown: it describes nobody.
 */
export function isSmallCell(
  cell: Suppressible,
  measure: Measure,
  threshold = SUPPRESSION_THRESHOLD,
): boolean {
  const small = (n: number | null | undefined) =>
    n !== null && n !== undefined && Number.isFinite(n) && n > 0 && n < threshold;
  if (measure === 'count') return small(cell.value);
  if (measure === 'rate') return small(cell.numerator) || small(cell.denominator);
  return false;
}

/** Hides small cells (value, numerator and denominator become null, `suppressed` is set). */
export function suppressSmallCells<T extends Suppressible>(
  cells: T[],
  measure: Measure,
  threshold = SUPPRESSION_THRESHOLD,
): Array<T & { suppressed: boolean }> {
  return cells.map((c) =>
    isSmallCell(c, measure, threshold)
      ? { ...c, value: null, numerator: null, denominator: null, suppressed: true }
      : { ...c, suppressed: false },
  );
}

// ---------------------------------------------------------------------------------------------
// Classed colour scale (choropleth)

/**
 * ColorBrewer YlGnBu, 5 classes: sequential, marked colour-blind safe and print friendly. Light is
 * low, dark is high; the legend always names the classes in words as well.
 */
export const SEQUENTIAL_5 = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

/** Quantile class breaks: k−1 ascending thresholds; duplicates dropped (fewer classes then). */
export function quantileBreaks(values: number[], classes = 5): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i < classes; i++) {
    const pos = (sorted.length - 1) * (i / classes);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    const q = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
    if (breaks.length === 0 || q > breaks[breaks.length - 1]!) breaks.push(q);
  }
  // A break equal to the maximum would leave the top class empty.
  while (breaks.length && breaks[breaks.length - 1]! >= sorted[sorted.length - 1]!) breaks.pop();
  return breaks;
}

/** The class (0-based) of a value: the number of breaks it reaches. */
export function classOf(value: number, breaks: number[]): number {
  let k = 0;
  while (k < breaks.length && value >= breaks[k]!) k++;
  return k;
}

export type LegendClass = { index: number; from: number; to: number; colour: string; count: number };

/** Classes with their ranges, colours and how many areas fall in each. */
export function legendClasses(values: number[], breaks: number[], palette: readonly string[] = SEQUENTIAL_5) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const edges = [min, ...breaks, max];
  const n = breaks.length + 1;
  // Spread fewer classes over the palette so light and dark ends stay.
  const colourAt = (i: number) =>
    palette[n === 1 ? palette.length - 1 : Math.round((i * (palette.length - 1)) / (n - 1))]!;
  const counts = new Array<number>(n).fill(0);
  for (const v of finite) counts[classOf(v, breaks)]!++;
  return Array.from({ length: n }, (_, i): LegendClass & { palette: number } => ({
    index: i,
    from: edges[i]!,
    to: edges[i + 1]!,
    colour: colourAt(i),
    palette: n === 1 ? palette.length - 1 : Math.round((i * (palette.length - 1)) / (n - 1)),
    count: counts[i]!,
  }));
}

// ---------------------------------------------------------------------------------------------
// Periods

export const frequencies = ['year', 'quarter'] as const;
export type Frequency = (typeof frequencies)[number];
export const frequencyLabels: Record<Frequency, string> = { year: 'Jaarlijks', quarter: 'Per kwartaal' };

/** Checks a period against the indicator's frequency: 2024 for yearly, 2024-Q3 for quarterly. */
export function parsePeriod(raw: string, frequency: Frequency): { period: string } | { error: string } {
  const p = raw.trim().toUpperCase();
  if (frequency === 'year') {
    if (!/^\d{4}$/.test(p)) {
      return {
        error: /^\d{4}-?Q[1-4]$/.test(p)
          ? `De periode ${raw.trim()} is een kwartaal, maar deze indicator wordt jaarlijks gemeten; gebruik een jaartal zoals 2024.`
          : `De periode "${raw.trim()}" is geen jaartal; gebruik bv. 2024.`,
      };
    }
    const y = Number(p);
    if (y < 1990 || y > 2100) return { error: `Het jaar ${p} ligt buiten 1990–2100.` };
    return { period: p };
  }
  const m = /^(\d{4})-?Q([1-4])$/.exec(p);
  if (!m) {
    return {
      error: /^\d{4}$/.test(p)
        ? `De periode ${p} is een jaar, maar deze indicator wordt per kwartaal gemeten; gebruik bv. ${p}-Q1.`
        : `De periode "${raw.trim()}" is geen kwartaal; gebruik bv. 2024-Q1.`,
    };
  }
  const y = Number(m[1]);
  if (y < 1990 || y > 2100) return { error: `Het jaar ${m[1]} ligt buiten 1990–2100.` };
  return { period: `${m[1]}-Q${m[2]}` };
}

/** The year a period belongs to (for the merge rule: data before 2025 may carry old codes). */
export function periodYear(period: string): number {
  return Number(period.slice(0, 4));
}

// ---------------------------------------------------------------------------------------------
// Breakdowns

export const breakdownDimensions = {
  sex: { label: 'Geslacht', categories: { man: 'Man', vrouw: 'Vrouw' } },
  origin: {
    label: 'Herkomst',
    categories: { belg: 'Belgische herkomst', eu: 'EU-herkomst', 'niet-eu': 'Niet-EU-herkomst' },
  },
} as const;
export type BreakdownDimension = keyof typeof breakdownDimensions;
export const TOTAL = 'totaal';

/** "totaal", "geslacht:vrouw", "herkomst:niet-eu" → canonical key, or an error. */
export function parseBreakdown(raw: string, allowed: readonly string[]): { key: string } | { error: string } {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === TOTAL) return { key: TOTAL };
  const [dimRaw, cat] = v.split(':').map((s) => s.trim());
  const dim = dimRaw === 'geslacht' ? 'sex' : dimRaw === 'herkomst' ? 'origin' : dimRaw;
  if (!dim || !cat || !(dim in breakdownDimensions)) {
    return {
      error: `De uitsplitsing "${raw.trim()}" is onbekend; gebruik totaal, geslacht:man, geslacht:vrouw, herkomst:belg, herkomst:eu of herkomst:niet-eu.`,
    };
  }
  const d = breakdownDimensions[dim as BreakdownDimension];
  if (!(cat in d.categories)) {
    return {
      error: `"${cat}" is geen categorie van ${d.label.toLowerCase()}; kies uit ${Object.keys(d.categories).join(', ')}.`,
    };
  }
  if (!allowed.includes(dim))
    return { error: `Deze indicator wordt niet uitgesplitst naar ${d.label.toLowerCase()}.` };
  return { key: `${dim === 'sex' ? 'geslacht' : 'herkomst'}:${cat}` };
}

export function breakdownLabel(key: string): string {
  if (key === TOTAL) return 'Totaal';
  const [dim, cat] = key.split(':');
  const d =
    dim === 'geslacht' ? breakdownDimensions.sex : dim === 'herkomst' ? breakdownDimensions.origin : null;
  if (!d || !cat) return key;
  return (d.categories as Record<string, string>)[cat] ?? key;
}

/** Every breakdown key an indicator can have. */
export function breakdownKeys(dimensions: readonly string[]): string[] {
  const keys = [TOTAL];
  if (dimensions.includes('sex')) keys.push('geslacht:man', 'geslacht:vrouw');
  if (dimensions.includes('origin')) keys.push('herkomst:belg', 'herkomst:eu', 'herkomst:niet-eu');
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Numbers as typed

/**
 * Reads a number from a CSV cell: "1234.5", "1234,5", "1.234,5", "1 234,5". A comma is the decimal
 * separator when present (dots then group thousands); without a comma a dot is the decimal point.
 */
export function parseNumber(raw: string): number | null {
  let s = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  if (s.includes(',')) {
    if (!/^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$/.test(s)) return Number.NaN;
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (!/^-?\d+(\.\d+)?$/.test(s)) {
    return Number.NaN;
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * Reads a number typed by a person in Flanders: as parseNumber, except that "83.050" (dots grouping
 * thousands, no comma) is 83050, as it is written in Dutch, not 83,05.
 */
export function parseTypedNumber(raw: string): number | null {
  const s = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  return parseNumber(raw);
}

export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Similar municipalities

/**
 * The `n` municipalities closest to `target` on the given context indicators: each indicator is
 * standardised (z-score over all municipalities with a value), distance is Euclidean over the
 * indicators both have; municipalities missing more than half of the target's indicators are left out.
 */
export function mostSimilar(
  target: string,
  vectors: Map<string, Array<number | null>>,
  n = 10,
): Array<{ nis: string; distance: number }> {
  const base = vectors.get(target);
  if (!base) return [];
  const dims = base.length;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let d = 0; d < dims; d++) {
    const col = [...vectors.values()]
      .map((v) => v[d])
      .filter((x): x is number => x !== null && x !== undefined);
    const m = col.reduce((s, x) => s + x, 0) / (col.length || 1);
    const variance = col.reduce((s, x) => s + (x - m) ** 2, 0) / (col.length || 1);
    mean.push(m);
    sd.push(Math.sqrt(variance) || 1);
  }
  const usable = base.map((v) => v !== null && v !== undefined);
  const need = Math.ceil(usable.filter(Boolean).length / 2);
  if (need === 0) return [];
  const out: Array<{ nis: string; distance: number }> = [];
  for (const [nis, v] of vectors) {
    if (nis === target) continue;
    let sum = 0;
    let used = 0;
    for (let d = 0; d < dims; d++) {
      const a = base[d];
      const b = v[d];
      if (!usable[d] || b === null || b === undefined || a === null || a === undefined) continue;
      sum += ((a - b) / sd[d]!) ** 2;
      used++;
    }
    if (used < need || used === 0) continue;
    out.push({ nis, distance: Math.sqrt(sum / used) });
  }
  return out.sort((a, b) => a.distance - b.distance || a.nis.localeCompare(b.nis)).slice(0, n);
}
