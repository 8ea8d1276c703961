import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV export', () => {
  const columns = [
    { header: 'Naam', value: (r: { name: string; n: number | null }) => r.name },
    { header: 'Aantal', value: (r: { name: string; n: number | null }) => r.n },
  ];

  it('writes a BOM, a header and semicolon-separated rows', () => {
    expect(toCsv(columns, [{ name: 'Mechelen', n: 3 }])).toBe('\uFEFFNaam;Aantal\r\nMechelen;3\r\n');
  });

  it('quotes separators, quotes and line breaks, and leaves empty cells empty', () => {
    const csv = toCsv(columns, [{ name: 'A; "B"\nC', n: null }]);
    expect(csv).toContain('"A; ""B""\nC";\r\n');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const csv = toCsv(columns, [{ name: '=HYPERLINK("x")', n: -2 }]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")";-2`);
  });
});
