import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  aggregateByGroup,
  classOf,
  currentNis,
  isSmallCell,
  legendClasses,
  mapMergedFacts,
  mergers2025,
  mostSimilar,
  parseBreakdown,
  parseNumber,
  parsePeriod,
  parseTypedNumber,
  planProgress,
  quantileBreaks,
  type ResultNode,
  rollUpProgress,
  SEQUENTIAL_5,
  suppressSmallCells,
  wouldCycle,
} from './rules';

describe('regional aggregation', () => {
  it('sums counts', () => {
    const a = aggregate([{ value: 10 }, { value: 5 }, { value: null }], 'count', { members: 3 });
    expect(a).toMatchObject({ value: 15, areas: 2, members: 3 });
  });

  it('computes a rate as the ratio of summed numerators over summed denominators, not a mean of rates', () => {
    // 10/100 = 10 % and 90/300 = 30 %: the mean of rates would be 20 %, the true rate is 25 %.
    const a = aggregate(
      [
        { value: 10, numerator: 10, denominator: 100 },
        { value: 30, numerator: 90, denominator: 300 },
      ],
      'rate',
    );
    expect(a.value).toBeCloseTo(25);
    expect(a.numerator).toBe(100);
    expect(a.denominator).toBe(400);
  });

  it('uses the multiplier (per 1,000) and ignores areas without a denominator', () => {
    const a = aggregate(
      [
        { value: 5, numerator: 5, denominator: 1000 },
        { value: 1, numerator: null, denominator: null },
      ],
      'rate',
      { multiplier: 1000 },
    );
    expect(a.value).toBeCloseTo(5);
    expect(a.areas).toBe(1);
  });

  it('gives levels no regional value', () => {
    expect(aggregate([{ value: 1 }, { value: 2 }], 'level').value).toBeNull();
  });

  it('aggregates per reference region, province and Flanders at once', () => {
    const facts = [
      { nis: '12025', value: 10, numerator: 10, denominator: 50 },
      { nis: '12021', value: 20, numerator: 20, denominator: 50 },
      { nis: '44021', value: 30, numerator: 60, denominator: 200 },
    ];
    const groups: Record<string, string[]> = {
      '12025': ['REFREG02', 'P10000', 'VLG'],
      '12021': ['REFREG02', 'P10000', 'VLG'],
      '44021': ['REFREG13', 'P40000', 'VLG'],
    };
    const sizes: Record<string, number> = { REFREG02: 12, P10000: 69, REFREG13: 20, P40000: 60, VLG: 285 };
    const out = aggregateByGroup(
      facts,
      'rate',
      (nis) => groups[nis] ?? [],
      (g) => sizes[g] ?? 0,
    );
    expect(out.get('REFREG02')?.value).toBeCloseTo(30);
    expect(out.get('VLG')?.value).toBeCloseTo((90 / 300) * 100);
    expect(out.get('VLG')).toMatchObject({ areas: 3, members: 285 });
  });

  it('property: the rate of a region lies between the smallest and largest municipal rate', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (pairs) => {
          const facts = pairs.map(([n, d]) => ({ value: (n / d) * 100, numerator: n, denominator: d }));
          const a = aggregate(facts, 'rate');
          const rates = facts.map((f) => f.value);
          return a.value! >= Math.min(...rates) - 1e-9 && a.value! <= Math.max(...rates) + 1e-9;
        },
      ),
    );
  });
});

describe('the 2025 merge mapping', () => {
  const current = new Set(
    (
      JSON.parse(
        readFileSync(new URL('../../../data/reference/municipalities-2025.json', import.meta.url), 'utf8'),
      ) as Array<{ nis: string; region: string }>
    ).map((m) => m.nis),
  );

  it('knows the 13 mergers that took Flanders from 300 to 285 municipalities', () => {
    const list = mergers2025();
    expect(list).toHaveLength(13);
    const old = list.flatMap((m) => m.from);
    expect(old.length - list.length).toBe(15);
    expect(new Set(old.map((o) => o.nis)).size).toBe(old.length);
    // Only Antwerpen keeps its code; every other old code is no longer valid in 2025.
    expect(old.filter((o) => current.has(o.nis)).map((o) => o.nis)).toEqual(['11002']);
    for (const m of list) expect(current.has(m.nis)).toBe(true);
  });

  it('maps Galmaarden, Gooik and Herne onto Pajottegem 23106', () => {
    for (const old of ['23023', '23024', '23032']) expect(currentNis(old)).toBe('23106');
    expect(currentNis('11007')).toBe('11002');
    expect(currentNis('11056')).toBe('46030');
    expect(currentNis('12025')).toBe('12025');
  });

  it('sums counts of the old municipalities', () => {
    const { facts, incomplete } = mapMergedFacts(
      [
        { key: 'k', nis: '23023', value: 10 },
        { key: 'k', nis: '23024', value: 20 },
        { key: 'k', nis: '23032', value: 5 },
        { key: 'k', nis: '12025', value: 7 },
      ],
      'count',
    );
    expect(incomplete).toEqual([]);
    expect(facts.find((f) => f.nis === '23106')).toMatchObject({
      value: 35,
      mergedFrom: ['23023', '23024', '23032'],
    });
    expect(facts.find((f) => f.nis === '12025')).toMatchObject({ value: 7, mergedFrom: [] });
  });

  it('recomputes rates from numerators and denominators', () => {
    const { facts } = mapMergedFacts(
      [
        { key: 'k', nis: '71022', value: 10, numerator: 100, denominator: 1000 },
        { key: 'k', nis: '73040', value: 50, numerator: 50, denominator: 100 },
      ],
      'rate',
    );
    expect(facts).toHaveLength(1);
    expect(facts[0]!.nis).toBe('71072');
    expect(facts[0]!.value).toBeCloseTo((150 / 1100) * 100);
  });

  it('reports a merger with a missing old municipality instead of a partial sum', () => {
    const { facts, incomplete } = mapMergedFacts(
      [
        { key: 'k', nis: '23023', value: 10 },
        { key: 'k', nis: '23024', value: 20 },
      ],
      'count',
    );
    expect(facts).toEqual([]);
    expect(incomplete[0]?.missing.map((m) => m.name)).toEqual(['Herne']);
  });

  it('treats Antwerpen 11002 alone as the new territory, and with Borsbeek as the old one', () => {
    const alone = mapMergedFacts([{ key: 'k', nis: '11002', value: 100 }], 'count');
    expect(alone.facts).toMatchObject([{ nis: '11002', value: 100, mergedFrom: [] }]);
    const both = mapMergedFacts(
      [
        { key: 'k', nis: '11002', value: 100 },
        { key: 'k', nis: '11007', value: 3 },
      ],
      'count',
    );
    expect(both.facts).toMatchObject([{ nis: '11002', value: 103 }]);
    const onlyBorsbeek = mapMergedFacts([{ key: 'k', nis: '11007', value: 3 }], 'count');
    expect(onlyBorsbeek.incomplete[0]?.missing.map((m) => m.nis)).toEqual(['11002']);
  });

  it('keeps separate keys (indicator, period, breakdown) apart', () => {
    const { facts } = mapMergedFacts(
      [
        { key: '2023', nis: '44040', value: 1 },
        { key: '2023', nis: '44043', value: 2 },
        { key: '2024', nis: '44040', value: 10 },
        { key: '2024', nis: '44043', value: 20 },
      ],
      'count',
    );
    expect(facts.map((f) => [f.key, f.nis, f.value])).toEqual([
      ['2023', '44088', 3],
      ['2024', '44088', 30],
    ]);
  });
});

describe('progress roll-up', () => {
  const node = (
    id: string,
    parentId: string | null,
    weight: number,
    progress: number | null,
    status = 'in_progress',
  ): ResultNode => ({
    id,
    parentId,
    weight,
    progress,
    status,
  });

  it('rolls weighted progress up to the parent', () => {
    const nodes = [
      node('a', null, 1, null),
      node('a1', 'a', 3, 100),
      node('a2', 'a', 1, 0),
      node('b', null, 1, 50),
    ];
    const p = rollUpProgress(nodes);
    expect(p.get('a')).toBe(75);
    expect(p.get('b')).toBe(50);
    expect(planProgress(nodes, p)).toBe(62.5);
  });

  it('counts a done leaf as 100 and ignores cancelled results and weight 0', () => {
    const nodes = [
      node('a', null, 1, null),
      node('a1', 'a', 1, 20, 'done'),
      node('a2', 'a', 5, 0, 'cancelled'),
      node('a3', 'a', 0, 0),
    ];
    expect(rollUpProgress(nodes).get('a')).toBe(100);
  });

  it('rolls up over several levels and clamps to 0–100', () => {
    const nodes = [
      node('r', null, 1, null),
      node('m', 'r', 1, null),
      node('l1', 'm', 1, 150),
      node('l2', 'm', 1, -20),
      node('l3', 'r', 1, 50),
    ];
    const p = rollUpProgress(nodes);
    expect(p.get('l1')).toBe(100);
    expect(p.get('m')).toBe(50);
    expect(p.get('r')).toBe(50);
  });

  it('detects a cycle before it is made', () => {
    const nodes = [
      { id: 'a', parentId: null },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: 'b' },
    ];
    expect(wouldCycle(nodes, 'a', 'c')).toBe(true);
    expect(wouldCycle(nodes, 'c', 'a')).toBe(false);
    expect(wouldCycle(nodes, 'a', 'a')).toBe(true);
  });
});

describe('suppression of small cells', () => {
  it('hides counts from 1 to 4 and shows 0 and 5', () => {
    expect([0, 1, 4, 5].map((v) => isSmallCell({ value: v }, 'count'))).toEqual([false, true, true, false]);
  });

  it('hides a rate whose numerator or denominator is below 5', () => {
    expect(isSmallCell({ value: 50, numerator: 2, denominator: 4 }, 'rate')).toBe(true);
    expect(isSmallCell({ value: 40, numerator: 2, denominator: 5 }, 'rate')).toBe(true);
    expect(isSmallCell({ value: 50, numerator: 5, denominator: 10 }, 'rate')).toBe(false);
  });

  it('blanks value, numerator and denominator', () => {
    const [hidden, shown] = suppressSmallCells(
      [
        { nis: 'a', value: 3 },
        { nis: 'b', value: 12 },
      ],
      'count',
    );
    expect(hidden).toMatchObject({ nis: 'a', value: null, suppressed: true });
    expect(shown).toMatchObject({ nis: 'b', value: 12, suppressed: false });
  });
});

describe('classed colour scale', () => {
  it('makes 5 quantile classes over a colour-blind safe sequential palette', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const breaks = quantileBreaks(values, 5);
    expect(breaks).toHaveLength(4);
    const legend = legendClasses(values, breaks);
    expect(legend.map((c) => c.colour)).toEqual([...SEQUENTIAL_5]);
    expect(legend.map((c) => c.count)).toEqual([20, 20, 20, 20, 20]);
    expect(classOf(1, breaks)).toBe(0);
    expect(classOf(100, breaks)).toBe(4);
  });

  it('drops duplicate breaks when many values are equal', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 1, 2, 3];
    const breaks = quantileBreaks(values, 5);
    expect(new Set(breaks).size).toBe(breaks.length);
    const legend = legendClasses(values, breaks);
    expect(legend.reduce((s, c) => s + c.count, 0)).toBe(10);
    expect(legend[0]!.colour).toBe(SEQUENTIAL_5[0]);
    expect(legend[legend.length - 1]!.colour).toBe(SEQUENTIAL_5[4]);
  });

  it('copes with one value or none', () => {
    expect(quantileBreaks([], 5)).toEqual([]);
    expect(legendClasses([7], quantileBreaks([7], 5))).toHaveLength(1);
  });
});

describe('periods, breakdowns and numbers', () => {
  it('accepts periods that match the frequency and explains the rest in Dutch', () => {
    expect(parsePeriod('2024', 'year')).toEqual({ period: '2024' });
    expect(parsePeriod('2024-q3', 'quarter')).toEqual({ period: '2024-Q3' });
    expect(parsePeriod('2024-Q3', 'year')).toMatchObject({ error: expect.stringContaining('jaarlijks') });
    expect(parsePeriod('2024', 'quarter')).toMatchObject({ error: expect.stringContaining('per kwartaal') });
    expect(parsePeriod('vorig jaar', 'year')).toMatchObject({
      error: expect.stringContaining('geen jaartal'),
    });
  });

  it('reads breakdowns', () => {
    expect(parseBreakdown('', ['sex'])).toEqual({ key: 'totaal' });
    expect(parseBreakdown('Geslacht:Vrouw', ['sex'])).toEqual({ key: 'geslacht:vrouw' });
    expect(parseBreakdown('herkomst:niet-eu', ['sex'])).toMatchObject({
      error: expect.stringContaining('niet uitgesplitst'),
    });
    expect(parseBreakdown('leeftijd:jong', ['sex'])).toMatchObject({
      error: expect.stringContaining('onbekend'),
    });
  });

  it('reads numbers as typed in Flanders or by machines', () => {
    expect(parseNumber('37646')).toBe(37646);
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('12,5')).toBe(12.5);
    expect(parseNumber('12.5')).toBe(12.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('veel')).toBeNaN();
    expect(parseNumber('1,2,3')).toBeNaN();
    // People type thousands with dots.
    expect(parseTypedNumber('83.050')).toBe(83050);
    expect(parseTypedNumber('12.5')).toBe(12.5);
    expect(parseTypedNumber('1.234,5')).toBe(1234.5);
  });
});

describe('similar municipalities', () => {
  it('finds the nearest on standardised context indicators', () => {
    const vectors = new Map<string, Array<number | null>>([
      ['a', [10, 1000]],
      ['b', [11, 1100]],
      ['c', [14, 1000]],
      ['d', [10, 3000]],
      ['f', [30, 5000]],
      ['e', [null, null]],
    ]);
    const out = mostSimilar('a', vectors, 2);
    expect(out.map((o) => o.nis)).toEqual(['b', 'c']);
    expect(mostSimilar('zz', vectors)).toEqual([]);
  });
});
