import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Excel workbooks (.xlsx) next to CSV. An uploaded workbook is read with the streaming reader and
 * turned into CSV text in which line N is row N of the sheet, so that the CSV checks (and their
 * per-line errors) apply unchanged, and the dry run can keep the text until the import.
 */

export type SpreadsheetKind = 'csv' | 'xlsx';

/** A workbook is a zip file ("PK\x03\x04"); the name decides only when the bytes say nothing. */
export function spreadsheetKind(fileName: string, bytes: Buffer): SpreadsheetKind | 'xls' {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  // The old binary Excel format (OLE2 compound file).
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

/** The word for a line of this kind of file in Dutch messages: "regel" (CSV) or "rij" (Excel). */
export const lineWord = (fileName: string): 'regel' | 'rij' => (/\.xlsx$/i.test(fileName) ? 'rij' : 'regel');

/** A number as plain text with a dot for decimals and never an exponent (parseNumber reads it). */
function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** The text of one cell, whatever Excel stored: numbers, text, rich text, formula results, dates. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'WAAR' : 'ONWAAR';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as {
      richText?: Array<{ text: string }>;
      result?: unknown;
      formula?: string;
      sharedFormula?: string;
      text?: unknown;
      error?: string;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v || v.formula !== undefined || v.sharedFormula !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error !== undefined) return String(v.error);
  }
  return String(value);
}

function csvField(text: string): string {
  // A line break inside a cell would shift the line numbers: it becomes a space.
  const flat = text.replace(/\r\n|\r|\n/g, ' ');
  return /[",]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
}

export type SheetText = { text: string; rows: number } | { error: string };

/**
 * Reads the first worksheet of an .xlsx file as CSV text (comma separated, line N = row N). Stops with
 * a Dutch error when the sheet has more than `maxRows` data rows or the file is no workbook.
 */
export async function readXlsxAsCsv(bytes: Buffer, maxRows: number): Promise<SheetText> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const lines: string[] = [];
  let rows = 0;
  let sheets = 0;
  let tooMany = false;
  try {
    reading: for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        // Later sheets are read to the end (the reader needs it) but ignored.
        if (sheets > 1) continue;
        const values = (row.values ?? []) as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(csvField(cellText(values[c]).trim()));
        while (cells.length && cells[cells.length - 1] === '') cells.pop();
        if (cells.length === 0) continue;
        // Empty rows are kept as empty lines, so that line numbers stay row numbers.
        while (lines.length < row.number - 1) lines.push('');
        lines.push(cells.join(','));
        rows++;
        if (rows > maxRows + 1) {
          tooMany = true;
          break reading;
        }
      }
    }
  } catch {
    // Stopping the reader early can make it throw while it closes; the answer is known by then.
    if (!tooMany)
      return {
        error:
          'Het bestand kon niet als Excel-werkmap (.xlsx) worden gelezen. Bewaar het opnieuw als .xlsx of als "CSV UTF-8".',
      };
  }
  if (tooMany)
    return {
      error: `Het werkblad telt meer dan ${maxRows.toLocaleString('nl-BE')} rijen. Splits het op in kleinere bestanden.`,
    };
  if (sheets === 0 || rows === 0) return { error: 'Het eerste werkblad is leeg.' };
  return { text: `${lines.join('\n')}\n`, rows };
}

export type XlsxColumn = { header: string; width?: number; text?: boolean };

/**
 * Writes one sheet with a header row, streamed (large exports stay small in memory). Columns marked
 * `text` are stored as text (NIS codes with a leading zero, periods), numbers stay numbers.
 */
export async function writeXlsx(
  sheetName: string,
  columns: XlsxColumn[],
  rows: Iterable<Array<string | number | null>>,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? Math.max(10, c.header.length + 2),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const r of rows) {
    sheet
      .addRow(r.map((v, i) => (v === null || v === '' ? null : columns[i]?.text ? String(v) : v)))
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
