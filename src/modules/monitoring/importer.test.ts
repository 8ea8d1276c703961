import { describe, expect, it } from 'vitest';
import { testLookups } from './import-fixtures';
import { checkValueCsv, detectDelimiter, parseCsv, safeCell, valuesToCsv } from './importer';

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
