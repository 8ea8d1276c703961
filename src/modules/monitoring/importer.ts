import { stringify } from 'csv-stringify/sync';
import { IMPORT_MAX_ROWS, regionAreas, VALUE_COLUMNS, type ValueStatus } from './catalogue';
import {
  type Frequency,
  type Measure,
  type MergeMap,
  mapMergedFacts,
  mergeMap,
  normaliseName,
  parseBreakdown,
  parseNumber,
  parsePeriod,
  periodYear,
  rateValue,
} from './rules';
import { writeXlsx } from './spreadsheet';

/**
 * Reading a value CSV: pure, so a dry run and the real import check exactly the same things. The
 * database-dependent check (does the value exist already, for the create/update strategies) is
 * done by the service on the clean rows.
 */

export type ImportIndicator = {
  id: string;
  code: string;
  measure: Measure;
  frequency: Frequency;
  breakdowns: readonly string[];
  areaLevel: string;
  multiplier: number;
  decimals: number;
  /** Filled by the platform (computedBy): values cannot be imported. */
  computed?: boolean;
};

export type ImportLookups = {
  indicators: Map<string, ImportIndicator>;
  /** The 304 current municipalities. */
  municipalities: Array<{ nis: string; name: string }>;
  /** The regional networks, for network-level indicators. */
  networks?: Array<{ code: string; name: string }>;
  merges?: MergeMap;
};

export type LineError = { line: number; column?: string; message: string };

export type CleanRow = {
  /** Source lines (several when old municipalities were merged). */
  lines: number[];
  indicatorId: string;
  indicatorCode: string;
  areaCode: string;
  period: string;
  breakdown: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  source: string | null;
  mergedFrom: string[];
};

export type ImportCheck = {
  rows: CleanRow[];
  errors: LineError[];
  lineCount: number;
  summary: { indicators: string[]; periods: string[]; areas: number; merged: number };
};

const HEADER_ALIASES: Record<string, (typeof VALUE_COLUMNS)[number]> = {
  indicator: 'indicator',
  indicatorcode: 'indicator',
  code: 'indicator',
  nis: 'nis',
  niscode: 'nis',
  'nis-code': 'nis',
  gemeente: 'gemeente',
  naam: 'gemeente',
  gebied: 'gemeente',
  periode: 'periode',
  jaar: 'periode',
  period: 'periode',
  uitsplitsing: 'uitsplitsing',
  breakdown: 'uitsplitsing',
  waarde: 'waarde',
  value: 'waarde',
  teller: 'teller',
  numerator: 'teller',
  noemer: 'noemer',
  denominator: 'noemer',
  status: 'status',
  bron: 'bron',
  source: 'bron',
};

/** The delimiter of the header line: semicolon (Excel in Flanders), comma or tab. */
export function detectDelimiter(text: string): string {
  const first = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const counts = [';', ',', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

export type ParsedCsv =
  | { header: string[]; records: Array<{ line: number; cells: string[] }> }
  | { error: string };

/** Where a scan of a CSV text stands: the next character, its line, the records so far. */
type ScanState = { i: number; line: number; records: number };

/**
 * RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks. Written out
 * here because it is several times faster than a general parser on half a million lines. Calls
 * `onRecord` for each non-blank record with the line it starts on (for error messages) and its
 * trimmed cells, in one array that is reused for the next record. Stops once `state.records` reaches
 * `limit`; a later call with the same state goes on from there.
 */
function scanCsv(
  text: string,
  delimiter: string,
  limit: number,
  onRecord: (line: number, cells: string[]) => void,
  state: ScanState = { i: 0, line: 1, records: 0 },
): { records: number } | { error: string; line: number } {
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  const cells: string[] = [];
  let records = state.records;
  let i = state.i;
  let line = state.line;
  while (i < n && records < limit) {
    const start = line;
    cells.length = 0;
    let blank = true;
    for (;;) {
      // One field.
      let value: string;
      if (text.charCodeAt(i) === 34) {
        let out = '';
        i++;
        let from = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return { error: 'unclosed quote', line: start };
          for (let k = i; k < q; k++) if (text.charCodeAt(k) === 10) line++;
          if (text.charCodeAt(q + 1) === 34) {
            out += text.slice(from, q + 1);
            i = q + 2;
            from = i;
            continue;
          }
          out += text.slice(from, q);
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept, as lenient parsers do.
        let j = i;
        while (j < n && text.charCodeAt(j) !== d && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13)
          j++;
        value = out + text.slice(i, j);
        i = j;
        blank = false;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === 10 || c === 13) break;
          j++;
        }
        value = j === i ? '' : text.slice(i, j);
        i = j;
      }
      const trimmed = value.trim();
      if (trimmed !== '') blank = false;
      cells.push(trimmed);
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        blank = false;
        continue;
      }
      // End of record: \n, \r\n, \r or end of text.
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    if (!blank) {
      records++;
      onRecord(start, cells);
    }
  }
  state.i = i;
  state.line = line;
  state.records = records;
  return { records };
}

/** All records of a CSV text (at most `maxRecords` + 1), each with the line it starts on. */
export function splitCsv(
  text: string,
  delimiter: string,
  maxRecords: number,
): Array<{ line: number; cells: string[] }> | { error: string; line: number } {
  const records: Array<{ line: number; cells: string[] }> = [];
  const scanned = scanCsv(text, delimiter, maxRecords + 1, (line, cells) =>
    records.push({ line, cells: cells.slice() }),
  );
  return 'error' in scanned ? scanned : records;
}

/** The whole-file errors of a CSV text (empty, binary), before it is split. */
function unreadableText(clean: string): string | null {
  if (clean.trim() === '') return 'Het bestand is leeg.';
  if (clean.includes('\u0000')) return 'Dit is geen tekstbestand (CSV). Bewaar het in Excel als "CSV UTF-8".';
  return null;
}

const quoteError = (unit: LineUnit, line: number) =>
  `Het bestand kon niet als CSV worden gelezen (rond ${unit} ${line}): een aanhalingsteken wordt niet gesloten. Controleer de aanhalingstekens en het scheidingsteken.`;
const tooManyRows = (maxRows: number) =>
  `Het bestand telt meer dan ${maxRows.toLocaleString('nl-BE')} regels. Splits het op in kleinere bestanden.`;

/** Parses CSV text into records with their line numbers; a broken file gives one Dutch error. */
export function parseCsv(text: string, maxRows = IMPORT_MAX_ROWS, unit: LineUnit = 'regel'): ParsedCsv {
  const clean = text.replace(/^\uFEFF/, '');
  const unreadable = unreadableText(clean);
  if (unreadable) return { error: unreadable };
  const parsed = splitCsv(clean, detectDelimiter(clean), maxRows + 1);
  if ('error' in parsed) return { error: quoteError(unit, parsed.line) };
  if (parsed.length > maxRows + 1) return { error: tooManyRows(maxRows) };
  const [head, ...rest] = parsed;
  if (!head) return { error: 'Het bestand is leeg.' };
  return { header: head.cells.map((h) => h.trim().toLowerCase()), records: rest };
}

const STATUS_WORDS: Record<string, ValueStatus> = {
  '': 'final',
  definitief: 'final',
  final: 'final',
  voorlopig: 'provisional',
  provisional: 'provisional',
};

/** Shared by every row that was not merged (most of them): one array instead of half a million. */
const NOT_MERGED: string[] = [];

type Pending = CleanRow & { ambiguousOld?: string; explicitOld?: boolean; handedOut?: boolean };

/** How a line is called in messages: "regel" in a CSV file, "rij" in a worksheet. */
export type LineUnit = 'regel' | 'rij';

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * A plain "-123" or "123.45" (what parseNumber accepts without a comma or spaces), read digit by digit:
 * up to 15 digits the integer and the power of ten are exact, so the division gives the same double as
 * Number(). Undefined for anything else.
 */
function plainNumber(raw: string): number | undefined {
  const n = raw.length;
  const negative = raw.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  let m = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    digits++;
  }
  if (digits === 0) return undefined;
  let scale = 0;
  if (i < n) {
    if (raw.charCodeAt(i) !== 46) return undefined;
    const fraction = ++i;
    for (; i < n; i++) {
      const c = raw.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      m = m * 10 + c;
    }
    scale = i - fraction;
    if (scale === 0) return undefined;
    digits += scale;
  }
  if (digits > 15) {
    const v = Number(raw);
    return Number.isFinite(v) ? v : undefined;
  }
  const v = scale ? m / POWERS_OF_TEN[scale]! : m;
  return negative ? -v : v;
}

/** A period cell as read for one frequency, with a small index for duplicate keys. */
type PeriodSlot = { period: string; year: number; index: number } | { error: string };
/** A breakdown cell as read for one indicator. */
type BreakdownSlot = { key: string; index: number } | { error: string };
/** An indicator cell, worked out once per distinct text. */
type IndicatorSlot = {
  code: string;
  indicator: ImportIndicator | undefined;
  /** Small number per indicator id, for duplicate keys. */
  short: number;
  periods: Map<string, PeriodSlot>;
  breakdowns: Map<string, BreakdownSlot>;
};

/** The position of each value column in a file, -1 when absent. */
type Columns = Record<(typeof VALUE_COLUMNS)[number], number>;

/** Duplicate keys are small integers while the counts fit these radixes (they do for real files). */
const AREA_RADIX = 1024;
const PERIOD_RADIX = 64;
const BREAKDOWN_RADIX = 8;
const INDICATOR_RADIX = 16_384;
/** Rows per file stay below this (IMPORT_MAX_ROWS), so a row's place fits beside its key. */
const PLACES = 2 ** 20;

/**
 * Checks every line of a value CSV (or a worksheet read as CSV, line N = row N); rows are only usable
 * when `errors` is empty.
 */
export function checkValueCsv(text: string, lookups: ImportLookups, unit: LineUnit = 'regel'): ImportCheck {
  const checker = valueChecker(text, lookups, unit);
  while (checker.next(Number.POSITIVE_INFINITY));
  return checker.result();
}

/** A check of a value CSV that goes a number of lines at a time (see valueChecker). */
export type ValueChecker = {
  /**
   * Checks about `lines` more lines and adds to `ready` their clean rows that no later line can change
   * (rows of pre-2025 municipalities wait for the end, for the merge mapping). Returns false once the
   * whole text is read. Rows handed out are provisional: they count only if `result()` has no errors.
   */
  next(lines: number, ready?: CleanRow[]): boolean;
  /** Whether a line checked so far has an error. */
  failed(): boolean;
  /** The whole check (reads what `next` did not). */
  result(): ImportCheck;
  /** The clean rows of `result()` that `next` did not hand out. */
  rest(): CleanRow[];
};

/**
 * The check of checkValueCsv, in one pass over the text: each line is checked as it is split, so
 * that only the clean rows stay in memory, and a caller can write the first rows while later lines
 * are still being checked.
 */
export function valueChecker(text: string, lookups: ImportLookups, unit: LineUnit = 'regel'): ValueChecker {
  const empty = { indicators: [], periods: [], areas: 0, merged: 0 };
  const fileError = (message: string): ImportCheck => ({
    rows: [],
    errors: [{ line: 1, message }],
    lineCount: 0,
    summary: empty,
  });
  const clean = text.replace(/^\uFEFF/, '');
  const unreadable = unreadableText(clean);
  if (unreadable) {
    const done = fileError(unreadable);
    return { next: () => false, failed: () => true, result: () => done, rest: () => [] };
  }

  const merges = lookups.merges ?? mergeMap();
  const current = new Map(lookups.municipalities.map((m) => [m.nis, m.name]));
  const byName = new Map(lookups.municipalities.map((m) => [normaliseName(m.name), m.nis]));
  // The current NIS codes, each to one shared string.
  const currentCodes = new Map<string, string>();
  for (const m of lookups.municipalities) if (/^\d{5}$/.test(m.nis)) currentCodes.set(m.nis, m.nis);
  // Half a million lines repeat the same few codes, names, periods and breakdowns: each is worked out once.
  const normal = memo(normaliseName);
  const periodsByFrequency = new Map<string, Map<string, PeriodSlot>>();
  const periodIndex = new Map<string, number>();
  const breakdownIndex = new Map<string, number>();
  const shortKey = new Map<string, number>();
  const indicatorSlots = new Map<string, IndicatorSlot>();
  const networkAreas = new Map<string, string | null>();
  const regionAreaCodes = new Map<string, string | null>();
  const areaIndex = new Map<string, number>();
  const areaCodes: string[] = [];

  const errors: LineError[] = [];
  let pending: Pending[] = [];
  const seen = new Map<string, number>();
  const duplicate = (first: number) =>
    `Dubbele ${unit}: dezelfde indicator, gemeente, periode en uitsplitsing staan al op ${unit} ${first}.`;
  // The duplicate key of each row with its place in `pending` (key · PLACES + place): sorted once at
  // the end, which is several times cheaper than a map of half a million keys.
  let keyed = new Float64Array(1 << 16);
  let keyedCount = 0;
  /** Takes the second and later rows of each key out of `pending`, with an error on their line. */
  const dropDuplicates = () => {
    if (keyedCount < 2) return;
    const sorted = keyed.subarray(0, keyedCount).sort();
    let drop: Uint8Array | null = null;
    let previous = -1;
    let first = 0;
    for (let k = 0; k < keyedCount; k++) {
      const key = Math.floor(sorted[k]! / PLACES);
      const place = sorted[k]! - key * PLACES;
      if (key !== previous) {
        previous = key;
        first = place;
        continue;
      }
      drop ??= new Uint8Array(pending.length);
      drop[place] = 1;
      errors.push({ line: pending[place]!.lines[0]!, message: duplicate(pending[first]!.lines[0]!) });
    }
    if (drop) pending = pending.filter((_, i) => drop[i] === 0);
  };
  let line = 0;
  let cells: string[] = [];
  const fail = (column: string | undefined, message: string) =>
    errors.push(column ? { line, column, message } : { line, message });

  let col = null as Columns | null;
  let header = null as LineError | null;
  let lineCount = 0;
  const cell = (i: number) => (i < 0 ? '' : (cells[i] ?? ''));
  const num = (i: number, key: string, label: string) => {
    const raw = cell(i);
    if (raw === '') return null;
    const plain = plainNumber(raw);
    if (plain !== undefined) return plain;
    const n = parseNumber(raw);
    if (Number.isNaN(n)) {
      fail(key, `${label} "${raw}" is geen getal.`);
      return null;
    }
    return n;
  };

  const indicatorSlot = (raw: string): IndicatorSlot => {
    let slot = indicatorSlots.get(raw);
    if (!slot) {
      const code = raw.toLowerCase();
      const indicator = lookups.indicators.get(code);
      let short = -1;
      let periods = new Map<string, PeriodSlot>();
      if (indicator) {
        short = shortKey.get(indicator.id) ?? shortKey.size;
        shortKey.set(indicator.id, short);
        periods = periodsByFrequency.get(indicator.frequency) ?? periods;
        periodsByFrequency.set(indicator.frequency, periods);
      }
      slot = { code, indicator, short, periods, breakdowns: new Map() };
      indicatorSlots.set(raw, slot);
    }
    return slot;
  };
  const periodSlot = (slot: IndicatorSlot, indicator: ImportIndicator, raw: string): PeriodSlot => {
    let p = slot.periods.get(raw);
    if (!p) {
      const parsed = parsePeriod(raw, indicator.frequency);
      if ('error' in parsed) p = parsed;
      else {
        const index = periodIndex.get(parsed.period) ?? periodIndex.size;
        periodIndex.set(parsed.period, index);
        p = { period: parsed.period, year: periodYear(parsed.period), index };
      }
      slot.periods.set(raw, p);
    }
    return p;
  };
  const breakdownSlot = (slot: IndicatorSlot, indicator: ImportIndicator, raw: string): BreakdownSlot => {
    let b = slot.breakdowns.get(raw);
    if (!b) {
      const parsed = parseBreakdown(raw, indicator.breakdowns);
      if ('error' in parsed) b = parsed;
      else {
        const index = breakdownIndex.get(parsed.key) ?? breakdownIndex.size;
        breakdownIndex.set(parsed.key, index);
        b = { key: parsed.key, index };
      }
      slot.breakdowns.set(raw, b);
    }
    return b;
  };

  const checkLine = () => {
    const c = col!;
    const before = errors.length;

    const slot = indicatorSlot(cell(c.indicator));
    const code = slot.code;
    const indicator = slot.indicator;
    if (!code) fail('indicator', 'De indicatorcode ontbreekt.');
    else if (!indicator)
      fail('indicator', `De indicator "${code}" bestaat niet. Kijk de codes na in de indicatorcatalogus.`);
    else if (indicator.computed)
      fail(
        'indicator',
        `De indicator "${code}" wordt door het platform berekend uit zijn eigen gegevens; waarden ervan kunnen niet worden ingelezen.`,
      );

    const periodRaw = cell(c.periode);
    let period: string | null = null;
    let year: number | null = null;
    let periodKey = 0;
    if (!periodRaw) fail('periode', 'De periode ontbreekt.');
    else if (indicator) {
      const p = periodSlot(slot, indicator, periodRaw);
      if ('error' in p) fail('periode', p.error);
      else {
        period = p.period;
        year = p.year;
        periodKey = p.index;
      }
    }

    // The area: a NIS code or a name; pre-2025 codes are accepted for periods before 2025.
    const nisRaw = cell(c.nis);
    const nameRaw = cell(c.gemeente);
    let area: string | null = null;
    let explicitOld = false;
    let ambiguousOld: string | undefined;
    if (indicator?.areaLevel === 'network') {
      const codeArea = nisRaw || nameRaw;
      let found = networkAreas.get(codeArea);
      if (found === undefined) {
        found =
          (lookups.networks ?? []).find((n) => n.code === codeArea || normal(n.name) === normal(codeArea))
            ?.code ?? null;
        networkAreas.set(codeArea, found);
      }
      if (!found)
        fail(
          'nis',
          codeArea
            ? `Het netwerk "${codeArea}" is onbekend. Deze indicator heeft waarden per regionaal netwerk; gebruik de code of de naam van het netwerk.`
            : 'De code of de naam van het regionaal netwerk ontbreekt.',
        );
      else area = found;
    } else if (indicator?.areaLevel === 'region') {
      const codeArea = nisRaw || nameRaw;
      let found = regionAreaCodes.get(codeArea);
      if (found === undefined) {
        found =
          regionAreas[codeArea] !== undefined
            ? codeArea
            : (Object.entries(regionAreas).find(([, n]) => normal(n) === normal(codeArea))?.[0] ?? null);
        regionAreaCodes.set(codeArea, found);
      }
      if (!found) {
        fail(
          'nis',
          `Deze indicator heeft waarden per gewest; gebruik ${Object.keys(regionAreas).join(', ')}.`,
        );
      } else area = found;
    } else if (nisRaw) {
      const known = currentCodes.get(nisRaw);
      if (known !== undefined) area = known;
      else if (!/^\d{5}$/.test(nisRaw))
        fail('nis', `"${nisRaw}" is geen NIS-code; een NIS-code bestaat uit 5 cijfers.`);
      else if (merges.byOld.has(nisRaw)) {
        const merger = merges.byOld.get(nisRaw)!;
        if (year !== null && year >= 2025) {
          fail(
            'nis',
            `De NIS-code ${nisRaw} bestaat sinds 1 januari 2025 niet meer; gebruik ${merger.nis} (${merger.name}).`,
          );
        } else {
          area = nisRaw;
          explicitOld = true;
        }
      } else fail('nis', `De NIS-code ${nisRaw} is onbekend.`);
      if (area && nameRaw && current.has(area) && normal(nameRaw) !== normal(current.get(area)!)) {
        const oldName = merges.oldNames.get(normal(nameRaw));
        if (oldName !== area) {
          fail('gemeente', `De naam "${nameRaw}" hoort niet bij NIS-code ${area} (${current.get(area)}).`);
        }
      }
    } else if (nameRaw) {
      const norm = normal(nameRaw);
      const currentCode = byName.get(norm);
      const oldCode = merges.oldNames.get(norm);
      if (currentCode) {
        area = currentCode;
        if (oldCode && oldCode !== currentCode) ambiguousOld = oldCode;
      } else if (oldCode) {
        if (year !== null && year >= 2025) {
          const merger = merges.byOld.get(oldCode)!;
          fail(
            'gemeente',
            `${nameRaw} bestaat sinds 1 januari 2025 niet meer als gemeente; gebruik ${merger.name}.`,
          );
        } else {
          area = oldCode;
          explicitOld = true;
        }
      } else
        fail('gemeente', `De gemeente "${nameRaw}" is onbekend. Gebruik de officiële naam of de NIS-code.`);
    } else fail('nis', 'De NIS-code of de naam van de gemeente ontbreekt.');

    let breakdown = 'totaal';
    let breakdownKey = 0;
    if (indicator) {
      const b = breakdownSlot(slot, indicator, cell(c.uitsplitsing));
      if ('error' in b) fail('uitsplitsing', b.error);
      else {
        breakdown = b.key;
        breakdownKey = b.index;
      }
    }

    let value = num(c.waarde, 'waarde', 'De waarde');
    const numerator = num(c.teller, 'teller', 'De teller');
    const denominator = num(c.noemer, 'noemer', 'De noemer');

    if (indicator && errors.length === before) {
      if (indicator.measure === 'count') {
        if (value === null) fail('waarde', 'De waarde ontbreekt.');
        else if (value < 0) fail('waarde', `Een aantal kan niet negatief zijn (${value}).`);
        else if (!Number.isInteger(value)) fail('waarde', `Een aantal is een geheel getal (${value}).`);
      } else if (indicator.measure === 'rate') {
        if (numerator === null || denominator === null) {
          fail(
            denominator === null ? 'noemer' : 'teller',
            'Voor een verhouding zijn teller en noemer nodig, zodat regionale cijfers correct kunnen worden berekend.',
          );
        } else if (numerator < 0 || denominator < 0) {
          fail(numerator < 0 ? 'teller' : 'noemer', 'Teller en noemer kunnen niet negatief zijn.');
        } else if (denominator === 0) {
          fail('noemer', 'De noemer is 0; een verhouding kan dan niet worden berekend.');
        } else if (numerator > denominator && indicator.multiplier === 100) {
          fail('teller', `De teller (${numerator}) is groter dan de noemer (${denominator}).`);
        } else {
          const computed = rateValue(numerator, denominator, indicator.multiplier)!;
          const tolerance = 0.5 * 10 ** -indicator.decimals + 1e-9;
          if (value !== null && Math.abs(value - computed) > tolerance) {
            fail(
              'waarde',
              `De waarde ${value} klopt niet met teller/noemer (${computed.toFixed(indicator.decimals)}). Laat de waarde leeg of verbeter ze.`,
            );
          }
          value = computed;
        }
      } else if (value === null) {
        fail('waarde', 'De waarde ontbreekt.');
      }
    }

    const statusRaw = cell(c.status).toLowerCase();
    const status = STATUS_WORDS[statusRaw];
    if (!status) fail('status', `De status "${statusRaw}" is onbekend; gebruik voorlopig of definitief.`);
    const source = cell(c.bron);
    if (source.length > 300) fail('bron', 'De bron mag hoogstens 300 tekens lang zijn.');

    if (errors.length === before && indicator && area && period) {
      // One string per distinct area, shared by its rows; its index goes into the duplicate key.
      let a = areaIndex.get(area);
      if (a === undefined) {
        a = areaCodes.length;
        areaIndex.set(area, a);
        areaCodes.push(area);
      }
      area = areaCodes[a]!;
      if (
        a < AREA_RADIX &&
        periodKey < PERIOD_RADIX &&
        breakdownKey < BREAKDOWN_RADIX &&
        slot.short < INDICATOR_RADIX
      ) {
        // Duplicates among these are found at the end (dropDuplicates).
        const key =
          ((slot.short * PERIOD_RADIX + periodKey) * BREAKDOWN_RADIX + breakdownKey) * AREA_RADIX + a;
        if (keyedCount === keyed.length) {
          const grown = new Float64Array(keyed.length * 2);
          grown.set(keyed);
          keyed = grown;
        }
        keyed[keyedCount++] = key * PLACES + pending.length;
      } else {
        const key = `${slot.short}|${area}|${period}|${breakdown}`;
        const first = seen.get(key);
        if (first !== undefined) {
          fail(undefined, duplicate(first));
          return;
        }
        seen.set(key, line);
      }
      pending.push({
        lines: [line],
        indicatorId: indicator.id,
        indicatorCode: indicator.code,
        areaCode: area,
        period,
        breakdown,
        value,
        numerator: indicator.measure === 'rate' ? numerator : null,
        denominator: indicator.measure === 'rate' ? denominator : null,
        status: status ?? 'final',
        source: source || null,
        mergedFrom: NOT_MERGED,
        explicitOld,
        ambiguousOld,
        handedOut: false,
      });
    }
  };

  const onRecord = (at: number, record: string[]) => {
    if (col === null && header === null) {
      // The header line: its columns, or an error for the whole file.
      const index = new Map<string, number>();
      record.forEach((h, i) => {
        const key = HEADER_ALIASES[h.toLowerCase().replace(/\s+/g, '')];
        if (key && !index.has(key)) index.set(key, i);
      });
      const missing: string[] = [];
      if (!index.has('indicator')) missing.push('indicator');
      if (!index.has('periode')) missing.push('periode');
      if (!index.has('nis') && !index.has('gemeente')) missing.push('nis of gemeente');
      if (!index.has('waarde') && !index.has('teller')) missing.push('waarde (of teller en noemer)');
      if (missing.length) {
        header = {
          line: 1,
          message: `De kopregel mist de kolom${missing.length > 1 ? 'men' : ''} ${missing.join(', ')}. Verwacht: ${VALUE_COLUMNS.join(';')}.`,
        };
        return;
      }
      col = Object.fromEntries(VALUE_COLUMNS.map((k) => [k, index.get(k) ?? -1])) as Columns;
      return;
    }
    lineCount++;
    if (header) return;
    line = at;
    cells = record;
    checkLine();
  };

  const delimiter = detectDelimiter(clean);
  const state: ScanState = { i: 0, line: 1, records: 0 };
  // One more record than allowed (the header and the rows) tells that the file is too long.
  const limit = IMPORT_MAX_ROWS + 2;
  let scanned: ReturnType<typeof scanCsv> | null = null;
  let outcome: ImportCheck | null = null;

  const finish = (): ImportCheck => {
    const s = scanned!;
    if ('error' in s) return fileError(quoteError(unit, s.line));
    if (s.records > IMPORT_MAX_ROWS + 1) return fileError(tooManyRows(IMPORT_MAX_ROWS));
    if (s.records === 0) return fileError('Het bestand is leeg.');
    if (header) return { rows: [], errors: [header], lineCount, summary: empty };
    dropDuplicates();
    const rows = mapOldCodes(pending, lookups, merges, errors, unit);
    errors.sort((a, b) => a.line - b.line);
    const indicatorCodes = new Set<string>();
    const periods = new Set<string>();
    const areas = new Set<string>();
    let merged = 0;
    for (const r of rows) {
      indicatorCodes.add(r.indicatorCode);
      periods.add(r.period);
      areas.add(r.areaCode);
      if (r.mergedFrom.length > 0) merged++;
    }
    return {
      rows,
      errors,
      lineCount,
      summary: {
        indicators: [...indicatorCodes].sort(),
        periods: [...periods].sort(),
        areas: areas.size,
        merged,
      },
    };
  };

  return {
    next(lines, ready) {
      if (scanned && ('error' in scanned || state.i >= clean.length || state.records >= limit)) return false;
      const from = pending.length;
      scanned = scanCsv(clean, delimiter, Math.min(limit, state.records + lines), onRecord, state);
      if (ready) {
        for (let k = from; k < pending.length; k++) {
          const r = pending[k]!;
          // Rows of pre-2025 codes, or names that may be one, wait for the merge mapping at the end.
          if (r.explicitOld || r.ambiguousOld !== undefined || merges.byOld.has(r.areaCode)) continue;
          r.handedOut = true;
          ready.push(r);
        }
      }
      return !('error' in scanned) && state.i < clean.length && state.records < limit;
    },
    failed() {
      return errors.length > 0;
    },
    result() {
      while (this.next(Number.POSITIVE_INFINITY));
      outcome ??= finish();
      return outcome;
    },
    rest() {
      return this.result().rows.filter((r) => !(r as Pending).handedOut);
    },
  };
}

/** A one-argument function remembered per argument. */
function memo(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** Maps rows with pre-2025 codes onto the merged municipalities (sums; rates from their parts). */
function mapOldCodes(
  pending: Pending[],
  lookups: ImportLookups,
  merges: MergeMap,
  errors: LineError[],
  unit: LineUnit,
): CleanRow[] {
  const groupKey = (r: Pending) => `${r.indicatorId}|${r.period}|${r.breakdown}`;
  // A name such as "Tielt" is the new municipality, unless an old partner (Meulebeke) is in the same group.
  const explicitGroups = new Set(
    pending.filter((r) => r.explicitOld).map((r) => `${merges.byOld.get(r.areaCode)!.nis}|${groupKey(r)}`),
  );
  for (const r of pending) {
    if (r.ambiguousOld && explicitGroups.has(`${merges.byOld.get(r.ambiguousOld)!.nis}|${groupKey(r)}`)) {
      r.areaCode = r.ambiguousOld;
      r.explicitOld = true;
    }
  }
  // Antwerpen 11002 is explicit-old only when Borsbeek is in the same group.
  const involved = pending.filter(
    (r) =>
      r.explicitOld ||
      (merges.byOld.has(r.areaCode) &&
        explicitGroups.has(`${merges.byOld.get(r.areaCode)!.nis}|${groupKey(r)}`)),
  );
  // Nothing was merged (the usual case): the rows are used as they are.
  if (involved.length === 0) return pending;
  const involvedSet = new Set(involved);
  const untouched = pending.filter((r) => !involvedSet.has(r));

  const indicatorById = new Map([...lookups.indicators.values()].map((i) => [i.id, i]));
  // The same objects, not copies: a streaming caller tells by them which rows it already has.
  const out: CleanRow[] = [...untouched];
  const taken = new Map(untouched.map((r) => [`${r.areaCode}|${groupKey(r)}`, r.lines[0]!]));
  const byIndicator = new Map<string, Pending[]>();
  for (const r of involved) {
    const list = byIndicator.get(r.indicatorId) ?? [];
    list.push(r);
    byIndicator.set(r.indicatorId, list);
  }
  for (const [indicatorId, list] of byIndicator) {
    const ind = indicatorById.get(indicatorId)!;
    if (ind.measure === 'level') {
      for (const r of list) {
        errors.push({
          line: r.lines[0]!,
          column: 'nis',
          message: `Waarden van ${ind.code} kunnen niet worden samengeteld; lever ze aan per gemeente van 2025.`,
        });
      }
      continue;
    }
    const { facts, incomplete } = mapMergedFacts(
      list.map((r) => ({ ...r, key: groupKey(r), nis: r.areaCode })),
      ind.measure,
      ind.multiplier,
      merges,
    );
    for (const gap of incomplete) {
      const lines = list.filter(
        (r) => groupKey(r) === gap.key && merges.byOld.get(r.areaCode) === gap.merger,
      );
      for (const r of lines) {
        errors.push({
          line: r.lines[0]!,
          column: 'nis',
          message: `${gap.merger.name} (${gap.merger.nis}) is in 2025 ontstaan uit ${gap.merger.from.map((f) => f.name).join(', ')}; de waarde voor ${gap.missing.map((m) => `${m.name} (${m.nis})`).join(', ')} ontbreekt, dus het totaal kan niet worden berekend.`,
        });
      }
    }
    for (const f of facts) {
      const parts = list.filter(
        (r) =>
          groupKey(r) === f.key &&
          merges.byOld.get(r.areaCode)?.nis === f.nis &&
          f.mergedFrom.includes(r.areaCode),
      );
      const lines = parts.length ? parts.flatMap((p) => p.lines) : f.lines;
      const clash = taken.get(`${f.nis}|${f.key}`);
      if (clash !== undefined) {
        errors.push({
          line: lines[0]!,
          column: 'nis',
          message: `Dubbele waarde: ${f.nis} staat al op ${unit} ${clash}, en deze ${unit} telt mee voor dezelfde gemeente na de fusie.`,
        });
        continue;
      }
      taken.set(`${f.nis}|${f.key}`, lines[0]!);
      out.push(
        strip({
          ...f,
          lines,
          areaCode: f.nis,
          mergedFrom: f.mergedFrom,
          status: parts.some((p) => p.status === 'provisional') ? 'provisional' : f.status,
        }),
      );
    }
  }
  return out;
}

function strip(r: Pending & { nis?: string; key?: string }): CleanRow {
  return {
    lines: r.lines,
    indicatorId: r.indicatorId,
    indicatorCode: r.indicatorCode,
    areaCode: r.areaCode,
    period: r.period,
    breakdown: r.breakdown,
    value: r.value,
    numerator: r.numerator ?? null,
    denominator: r.denominator ?? null,
    status: r.status,
    source: r.source,
    mergedFrom: r.mergedFrom,
  };
}

export type ExportRow = {
  indicator: string;
  nis: string;
  gemeente: string;
  periode: string;
  uitsplitsing: string;
  waarde: number | null;
  teller: number | null;
  noemer: number | null;
  status: ValueStatus;
  bron: string | null;
};

/** Writes values in the import format: comma separated, dot decimals, UTF-8 with BOM for Excel. */
export function valuesToCsv(rows: ExportRow[], bom = true): string {
  const body = stringify(
    rows.map((r) => [
      r.indicator,
      r.nis,
      safeCell(r.gemeente),
      r.periode,
      r.uitsplitsing,
      r.waarde ?? '',
      r.teller ?? '',
      r.noemer ?? '',
      r.status === 'provisional' ? 'voorlopig' : 'definitief',
      safeCell(r.bron ?? ''),
    ]),
    { header: true, columns: [...VALUE_COLUMNS] },
  );
  return `${bom ? '\uFEFF' : ''}${body}`;
}

/**
 * Writes values in the import format as an Excel workbook: the same columns, NIS codes and periods as
 * text, numbers as numbers; it imports again unchanged.
 */
export function valuesToXlsx(rows: ExportRow[]): Promise<Buffer> {
  return writeXlsx(
    'waarden',
    VALUE_COLUMNS.map((header) => ({
      header,
      text: header === 'nis' || header === 'periode' || header === 'indicator' || header === 'uitsplitsing',
      width: header === 'gemeente' || header === 'bron' || header === 'indicator' ? 28 : 12,
    })),
    (function* () {
      for (const r of rows) {
        yield [
          r.indicator,
          r.nis,
          r.gemeente,
          r.periode,
          r.uitsplitsing,
          r.waarde,
          r.teller,
          r.noemer,
          r.status === 'provisional' ? 'voorlopig' : 'definitief',
          r.bron ?? '',
        ];
      }
    })(),
  );
}

/** Neutralises cells that a spreadsheet would run as a formula (=, +, -, @ at the start of text). */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
}
