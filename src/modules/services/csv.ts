/** A CSV column: header text and how to read the cell from a row. */
export type CsvColumn<Row> = { header: string; value: (row: Row) => string | number | null | undefined };

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Spreadsheet programs run cells that start with these as formulas.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[;"\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV as Flemish spreadsheet users open it: semicolon-separated, UTF-8 with a byte order mark,
 * CRLF line ends, and no cell that a spreadsheet would run as a formula.
 */
export function toCsv<Row>(columns: CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(';')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
