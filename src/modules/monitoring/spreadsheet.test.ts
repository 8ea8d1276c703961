import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { VALUE_COLUMNS } from './catalogue';
import { testLookups } from './import-fixtures';
import { checkValueCsv, type ExportRow, valuesToCsv, valuesToXlsx } from './importer';
import { uploadedText } from './imports';
import { cellText, readXlsxAsCsv, spreadsheetKind } from './spreadsheet';

const lookups = testLookups;

/** A workbook as a person makes it in Excel: typed cells, a blank row, a second sheet. */
async function workbook(rows: unknown[][], options: { startRow?: number } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Blad1');
  const start = options.startRow ?? 1;
  rows.forEach((r, i) => {
    if (r.length) sheet.getRow(start + i).values = r as ExcelJS.CellValue[];
  });
  wb.addWorksheet('Notities').getCell('A1').value = 'niet inlezen';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const exportRows: ExportRow[] = [
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
  {
    indicator: 'werkzaamheidsgraad',
    nis: '44021',
    gemeente: 'Gent',
    periode: '2024',
    uitsplitsing: 'geslacht:vrouw',
    waarde: 65.4,
    teller: 654,
    noemer: 1000,
    status: 'provisional',
    bron: 'Steunpunt, "WSE"\nmet regeleinde',
  },
  {
    indicator: 'nt2',
    nis: '02000',
    gemeente: 'Vlaams Gewest',
    periode: '2023',
    uitsplitsing: 'totaal',
    waarde: 37646,
    teller: null,
    noemer: null,
    status: 'final',
    bron: null,
  },
];

describe('Excel workbooks', () => {
  it('exports in the import format, and the export imports again with the same values as the CSV', async () => {
    const xlsx = await valuesToXlsx(exportRows);
    expect(spreadsheetKind('waarden.xlsx', xlsx)).toBe('xlsx');
    const sheet = await readXlsxAsCsv(xlsx, 1000);
    if ('error' in sheet) throw new Error(sheet.error);
    expect(sheet.text.split('\n')[0]).toBe(VALUE_COLUMNS.join(','));
    const fromXlsx = checkValueCsv(sheet.text, lookups, 'rij');
    const fromCsv = checkValueCsv(valuesToCsv(exportRows), lookups);
    expect(fromXlsx.errors).toEqual([]);
    expect(fromCsv.errors).toEqual([]);
    // Only the line numbers (the CSV source spans two lines) and the line break in the source differ.
    const strip = (rows: typeof fromXlsx.rows) => rows.map(({ source: _s, lines: _l, ...r }) => r);
    expect(strip(fromXlsx.rows)).toEqual(strip(fromCsv.rows));
    // The leading zero of a region code survives (stored as text), and so does the source text.
    expect(fromXlsx.rows[2]).toMatchObject({ areaCode: '02000', value: 37646 });
    expect(fromXlsx.rows[0]?.source).toBe('=HYPERLINK("x")');
    expect(fromXlsx.rows[1]?.source).toBe('Steunpunt, "WSE" met regeleinde');
  });

  it('reports every bad line per row number, blank rows and typed cells included', async () => {
    const head = [...VALUE_COLUMNS];
    const xlsx = await workbook([
      head,
      ['nieuwkomers', 99999, '', 2024, '', 10], // row 2: unknown NIS (typed as a number)
      ['nieuwkomers', '12025', '', 2024, '', 'veel'], // 3: text for a number
      ['kwartaal', '12025', '', 2024, '', 10], // 4: a year for a quarterly indicator
      [], // 5: blank
      ['nieuwkomers', '44021', '', 2024, '', 10], // 6: fine
      ['nieuwkomers', '44021', '', 2024, '', 11], // 7: duplicate of row 6
      ['nieuwkomers', '23106', '', 2024, '', -3], // 8: negative count
      ['werkzaamheidsgraad', '12025', '', 2024, '', 65, 650], // 9: rate without denominator
      ['oefenkansen-gerealiseerd', '12025', '', 2024, '', 4], // 10: computed by the platform
      ['nieuwkomers', '12025', '', { formula: '2020+4', result: 2024 }, '', 12.5], // 11: not whole
    ]);
    const text = await uploadedText('waarden.xlsx', xlsx);
    if ('error' in text) throw new Error(text.error);
    expect(text.xlsx).toBe(true);
    const r = checkValueCsv(text.text, lookups, 'rij');
    const byLine = new Map(r.errors.map((e) => [e.line, e.message]));
    expect(byLine.get(2)).toContain('NIS-code 99999 is onbekend');
    expect(byLine.get(3)).toContain('"veel" is geen getal');
    expect(byLine.get(4)).toContain('per kwartaal');
    expect(byLine.has(5)).toBe(false);
    expect(byLine.has(6)).toBe(false);
    expect(byLine.get(7)).toBe(
      'Dubbele rij: dezelfde indicator, gemeente, periode en uitsplitsing staan al op rij 6.',
    );
    expect(byLine.get(8)).toContain('niet negatief');
    expect(byLine.get(9)).toContain('teller en noemer');
    expect(byLine.get(10)).toContain('door het platform berekend');
    expect(byLine.get(11)).toContain('geheel getal');
    expect(r.rows.map((x) => x.lines)).toEqual([[6]]);
    expect(r.lineCount).toBe(9);
  });

  it('finds the header below blank rows and ignores later sheets', async () => {
    const xlsx = await workbook(
      [
        ['indicator', 'nis', 'periode', 'waarde'],
        ['nieuwkomers', '12025', '2024', 7],
      ],
      { startRow: 3 },
    );
    const sheet = await readXlsxAsCsv(xlsx, 100);
    if ('error' in sheet) throw new Error(sheet.error);
    const r = checkValueCsv(sheet.text, lookups, 'rij');
    expect(r.errors).toEqual([]);
    expect(r.rows).toMatchObject([{ lines: [4], areaCode: '12025', value: 7 }]);
  });

  it('refuses old .xls files, broken workbooks and too many rows in Dutch', async () => {
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(100),
    ]);
    expect(await uploadedText('oud.xls', xls)).toMatchObject({ error: expect.stringContaining('.xls') });
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 1)]);
    expect(await uploadedText('kapot.xlsx', broken)).toMatchObject({
      error: expect.stringContaining('niet als Excel-werkmap'),
    });
    const big = await workbook([['indicator'], ['a'], ['b'], ['c']]);
    expect(await readXlsxAsCsv(big, 2)).toMatchObject({ error: expect.stringContaining('meer dan 2 rijen') });
    const empty = await workbook([]);
    expect(await readXlsxAsCsv(empty, 2)).toMatchObject({ error: 'Het eerste werkblad is leeg.' });
  });

  it('reads a CSV upload as UTF-8, or as Windows-1252 when it is not', async () => {
    const utf8 = await uploadedText('a.csv', Buffer.from('gemeente\nLiège\n'));
    expect(utf8).toMatchObject({ text: 'gemeente\nLiège\n', xlsx: false });
    const latin1 = await uploadedText('a.csv', Buffer.from('gemeente\nLiège\n', 'latin1'));
    expect(latin1).toMatchObject({ text: 'gemeente\nLiège\n' });
  });

  it('gives the text of every kind of cell', () => {
    expect(cellText(2024)).toBe('2024');
    expect(cellText(0.0000001)).toBe('0.0000001');
    expect(cellText({ richText: [{ text: 'Mech' }, { text: 'elen' }] })).toBe('Mechelen');
    expect(cellText({ formula: 'A1*2', result: 14 })).toBe('14');
    expect(cellText({ text: 'link', hyperlink: 'https://x' })).toBe('link');
    expect(cellText(new Date('2024-03-01T00:00:00Z'))).toBe('2024-03-01');
    expect(cellText(null)).toBe('');
  });
});
