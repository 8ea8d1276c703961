import { describe, expect, it } from 'vitest';
import { testLookups } from './import-fixtures';
import {
  type CleanRow,
  checkValueCsv,
  detectDelimiter,
  parseCsv,
  safeCell,
  valueChecker,
  valuesToCsv,
} from './importer';
import { parseNumber } from './rules';

const lookups = testLookups;

const HEAD = 'indicator,nis,gemeente,periode,uitsplitsing,waarde,teller,noemer,status,bron';

describe('checkValueCsv', () => {
  it('accepts a clean file and computes rates from numerator and denominator', () => {
    const csv = [
      HEAD,
      'nieuwkomers,12025,Mechelen,2024,totaal,120,,,definitief,Kruispuntbank',
      'werkzaamheidsgraad,44021,,2024,geslacht:vrouw,,650,1000,voorlopig,',
    ].join('\n');
    const r = checkValueCsv(csv, lookups);
    expect(r.errors).toEqual([]);
    expect(r.rows).toHaveLength(2);
    expect(r.rows[1]).toMatchObject({
      areaCode: '44021',
      value: 65,
      numerator: 650,
      denominator: 1000,
      status: 'provisional',
    });
    expect(r.summary).toMatchObject({
      indicators: ['nieuwkomers', 'werkzaamheidsgraad'],
      periods: ['2024'],
      areas: 2,
    });
  });

  it('reports every kind of bad line in Dutch, with its line number', () => {
    const csv = [
      HEAD,
      'nieuwkomers,99999,,2024,,10,,,,', // 2 unknown NIS
      'nieuwkomers,12025,,2024,,veel,,,,', // 3 text for a number
      'kwartaal,12025,,2024,,10,,,,', // 4 period outside frequency
      'nieuwkomers,44021,,2024,,10,,,,', // 5 ok
      'nieuwkomers,44021,,2024,,11,,,,', // 6 duplicate of 5
      'nieuwkomers,23106,,2024,,-3,,,,', // 7 negative count
      'werkzaamheidsgraad,12025,,2024,,65,650,,,', // 8 rate without denominator
      'onbekend,12025,,2024,,1,,,,', // 9 unknown indicator
      'nieuwkomers,12025,,2024,herkomst:eu,1,,,,', // 10 breakdown not allowed
    ].join('\n');
    const r = checkValueCsv(csv, lookups);
    const byLine = new Map(r.errors.map((e) => [e.line, e.message]));
    expect(byLine.get(2)).toContain('NIS-code 99999 is onbekend');
    expect(byLine.get(3)).toContain('"veel" is geen getal');
    expect(byLine.get(4)).toContain('per kwartaal');
    expect(byLine.has(5)).toBe(false);
    expect(byLine.get(6)).toContain('Dubbele regel');
    expect(byLine.get(6)).toContain('regel 5');
    expect(byLine.get(7)).toContain('niet negatief');
    expect(byLine.get(8)).toContain('teller en noemer');
    expect(byLine.get(9)).toContain('bestaat niet');
    expect(byLine.get(10)).toContain('niet uitgesplitst');
  });

  it('finds areas by name, and refuses a name that does not match the code', () => {
    const ok = checkValueCsv(`${HEAD}\nnieuwkomers,,mechelen,2024,,5,,,,`, lookups);
    expect(ok.rows[0]?.areaCode).toBe('12025');
    const bad = checkValueCsv(`${HEAD}\nnieuwkomers,12025,Gent,2024,,5,,,,`, lookups);
    expect(bad.errors[0]?.message).toContain('hoort niet bij NIS-code 12025');
  });

  it('maps pre-2025 codes onto the merged municipality (Galmaarden + Gooik + Herne → Pajottegem)', () => {
    const csv = [
      HEAD,
      'nieuwkomers,23023,Galmaarden,2023,,10,,,,',
      'nieuwkomers,23024,Gooik,2023,,20,,,,',
      'nieuwkomers,23032,Herne,2023,,5,,,,',
      'werkzaamheidsgraad,23023,,2023,,,60,100,,',
      'werkzaamheidsgraad,23024,,2023,,,70,100,,',
      'werkzaamheidsgraad,23032,,2023,,,80,200,,',
    ].join('\n');
    const r = checkValueCsv(csv, lookups);
    expect(r.errors).toEqual([]);
    const count = r.rows.find((x) => x.indicatorCode === 'nieuwkomers')!;
    expect(count).toMatchObject({ areaCode: '23106', value: 35, lines: [2, 3, 4] });
    const rate = r.rows.find((x) => x.indicatorCode === 'werkzaamheidsgraad')!;
    expect(rate.value).toBeCloseTo(52.5);
    expect(rate).toMatchObject({ numerator: 210, denominator: 400 });
    expect(r.summary.merged).toBe(2);
  });

  it('refuses a partial merger, old codes after 2025, and old codes of levels', () => {
    const r = checkValueCsv(
      [
        HEAD,
        'nieuwkomers,23023,,2023,,10,,,,',
        'nieuwkomers,23024,,2023,,20,,,,',
        'nieuwkomers,23032,,2025,,5,,,,',
        'inkomen,23032,,2023,,5,,,,',
      ].join('\n'),
      lookups,
    );
    const msgs = r.errors.map((e) => `${e.line}: ${e.message}`);
    expect(msgs.some((m) => m.startsWith('2:') && m.includes('Herne (23032) ontbreekt'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('4:') && m.includes('sinds 1 januari 2025'))).toBe(true);
    expect(msgs.some((m) => m.startsWith('5:') && m.includes('niet worden samengeteld'))).toBe(true);
  });

  it('reads "Tielt" as the old municipality only when Meulebeke is in the same file', () => {
    const alone = checkValueCsv(`${HEAD}\nnieuwkomers,,Tielt,2023,,40,,,,`, lookups);
    expect(alone.rows[0]).toMatchObject({ areaCode: '37022', mergedFrom: [] });
    const both = checkValueCsv(
      `${HEAD}\nnieuwkomers,,Tielt,2023,,40,,,,\nnieuwkomers,,Meulebeke,2023,,10,,,,`,
      lookups,
    );
    expect(both.errors).toEqual([]);
    expect(both.rows).toHaveLength(1);
    expect(both.rows[0]).toMatchObject({ areaCode: '37022', value: 50, mergedFrom: ['37007', '37015'] });
  });

  it('sums Antwerpen and Borsbeek, and flags a clash with the new code', () => {
    const r = checkValueCsv(
      `${HEAD}\nnieuwkomers,11002,,2023,,100,,,,\nnieuwkomers,11007,,2023,,3,,,,`,
      lookups,
    );
    expect(r.rows).toMatchObject([{ areaCode: '11002', value: 103 }]);
    const clash = checkValueCsv(
      `${HEAD}\nnieuwkomers,37022,,2023,,100,,,,\nnieuwkomers,37015,,2023,,3,,,,\nnieuwkomers,37007,,2023,,3,,,,`,
      lookups,
    );
    expect(clash.errors[0]?.message).toContain('Dubbele waarde');
  });

  it('reads Excel files from Flanders: semicolons, decimal commas, a BOM and region areas', () => {
    const csv =
      '\uFEFFindicator;nis;periode;waarde;teller;noemer\nwerkzaamheidsgraad;12025;2024;62,5;625;1000\nnt2;VLBR;2023;37646;;';
    const r = checkValueCsv(csv, lookups);
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.value)).toEqual([62.5, 37646]);
  });

  it('checks the value against numerator and denominator', () => {
    const r = checkValueCsv(`${HEAD}\nwerkzaamheidsgraad,12025,,2024,,70,625,1000,,`, lookups);
    expect(r.errors[0]?.message).toContain('klopt niet');
  });

  it('explains a missing header column and an empty file', () => {
    expect(checkValueCsv('nis,waarde\n12025,1', lookups).errors[0]?.message).toContain(
      'mist de kolommen indicator, periode',
    );
    expect(checkValueCsv('', lookups).errors[0]?.message).toBe('Het bestand is leeg.');
    expect(checkValueCsv('a,b\n"open', lookups).errors[0]?.message).toContain('niet als CSV');
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, keeping line numbers', () => {
    const csv =
      'indicator,nis,periode,waarde,bron\r\nnieuwkomers,12025,2024,5,"Bron, met ""komma"" en\nregel"\n\nnieuwkomers,44021,2024,x,\n';
    const r = checkValueCsv(csv, lookups);
    expect(r.rows[0]?.source).toBe('Bron, met "komma" en\nregel');
    expect(r.errors).toMatchObject([{ line: 5, column: 'waarde' }]);
  });

  it('limits the number of rows', () => {
    expect(parseCsv('a\n1\n2\n3', 2)).toMatchObject({ error: expect.stringContaining('meer dan 2 regels') });
  });
});

describe('valueChecker', () => {
  const many = (n: number, from = 1990) =>
    Array.from(
      { length: n },
      (_, i) =>
        `nieuwkomers,12025,,${from + (i % 100)},${['totaal', 'geslacht:man', 'geslacht:vrouw'][Math.floor(i / 100) % 3]},${i},,,,`,
    );

  it('hands out clean rows while it reads, and keeps rows of merged municipalities for the end', () => {
    const csv = [
      HEAD,
      'nieuwkomers,12025,,2023,,1,,,,',
      'nieuwkomers,23023,Galmaarden,2023,,10,,,,',
      'nieuwkomers,44021,,2023,,2,,,,',
      'nieuwkomers,23024,Gooik,2023,,20,,,,',
      'nieuwkomers,11002,,2023,,100,,,,',
      'nieuwkomers,23032,Herne,2023,,5,,,,',
    ].join('\n');
    const checker = valueChecker(csv, lookups);
    const ready: CleanRow[] = [];
    const seen: number[] = [];
    while (checker.next(2, ready)) seen.push(ready.length);
    seen.push(ready.length);
    // Two records at a time (the header first); Galmaarden, Gooik, Herne and Antwerpen (11002, merged with Borsbeek) wait.
    expect(seen).toEqual([1, 2, 2, 2]);
    expect(ready.map((r) => r.areaCode)).toEqual(['12025', '44021']);
    const result = checker.result();
    const whole = checkValueCsv(csv, lookups);
    const fields = (r: CleanRow) => [
      r.lines,
      r.indicatorId,
      r.areaCode,
      r.period,
      r.breakdown,
      r.value,
      r.mergedFrom,
    ];
    expect(result.rows.map(fields)).toEqual(whole.rows.map(fields));
    expect({ ...result, rows: [] }).toEqual({ ...whole, rows: [] });
    expect(checker.rest().map((r) => [r.areaCode, r.value])).toEqual([
      ['11002', 100],
      ['23106', 35],
    ]);
    expect([...ready, ...checker.rest()].length).toBe(result.rows.length);
  });

  it('reports duplicates among many rows at their line, after the first of each', () => {
    const rows = many(70_000);
    const csv = [HEAD, ...rows, rows[5], rows[69_000], rows[5]].join('\n');
    const r = checkValueCsv(csv, lookups);
    // 100 periods × 3 breakdowns: 300 different keys, so line 302 repeats line 2, and so on.
    expect(r.errors.length).toBeGreaterThan(60_000);
    expect(r.errors[0]).toEqual({
      line: 302,
      message: 'Dubbele regel: dezelfde indicator, gemeente, periode en uitsplitsing staan al op regel 2.',
    });
    expect(r.rows).toHaveLength(300);
    expect(r.rows[0]!.lines).toEqual([2]);
    const clean = checkValueCsv([HEAD, ...many(300)].join('\n'), lookups);
    expect(clean.errors).toEqual([]);
    expect(clean.rows).toHaveLength(300);
  });

  it('stops at the first broken quote or too many lines like parseCsv, without rows', () => {
    const broken = valueChecker(
      `${HEAD}\nnieuwkomers,12025,,2023,,1,,,,\nnieuwkomers,44021,,2023,,1,,,,"open\n`,
      lookups,
    );
    const ready: CleanRow[] = [];
    while (broken.next(1, ready));
    expect(ready).toHaveLength(1);
    expect(broken.result()).toMatchObject({ rows: [], errors: [{ line: 1 }] });
    expect(broken.result().errors[0]!.message).toContain('aanhalingsteken');
  });

  it('reads plain numbers exactly as parseNumber does', () => {
    const texts = [
      '0',
      '-0',
      '7',
      '-12',
      '123456789012345',
      '1234567890123456',
      '99999999999999999999',
      '0.1',
      '0.3',
      '-2.675',
      '1.005',
      '65.12345678901234',
      '000123.4500',
      '3.',
      '.5',
      '1e5',
      '12,5',
      '1.234,5',
      '1 000',
      '--1',
      '-',
    ];
    for (const t of texts) {
      const csv = `indicator;nis;periode;teller;noemer\nwerkzaamheidsgraad;12025;2024;${t};1000000000000000000000`;
      const r = checkValueCsv(csv, lookups);
      const expected = parseNumber(t);
      if (expected === null || Number.isNaN(expected) || expected < 0) continue;
      expect(r.rows[0]?.numerator, t).toBe(expected);
    }
  });
});

describe('CSV helpers', () => {
  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(detectDelimiter('a,b\n')).toBe(',');
    expect(detectDelimiter('a\tb')).toBe('\t');
  });

  it('exports in the import format, so an export can be imported again', () => {
    const csv = valuesToCsv([
      {
        indicator: 'nieuwkomers',
        nis: '12025',
        gemeente: 'Mechelen',
        periode: '2024',
        uitsplitsing: 'totaal',
        waarde: 120,
        teller: null,
        noemer: null,
        status: 'final',
        bron: '=HYPERLINK("x")',
      },
    ]);
    expect(csv.startsWith('\uFEFFindicator,nis,gemeente,periode')).toBe(true);
    expect(csv).toContain(`'=HYPERLINK`);
    const again = checkValueCsv(csv, lookups);
    expect(again.errors).toEqual([]);
    expect(again.rows[0]).toMatchObject({ areaCode: '12025', value: 120 });
    expect(safeCell('-5')).toBe('-5');
  });
});
