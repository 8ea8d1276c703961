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

/**
 * RFC 4180 CSV: quoted fields may hold the delimiter, doubled quotes and line breaks. Written out
 * here because it is several times faster than a general parser on half a million lines; each
 * record keeps the line it starts on, for error messages.
 */
export function splitCsv(
  text: string,
  delimiter: string,
  maxRecords: number,
): Array<{ line: number; cells: string[] }> | { error: string; line: number } {
  const records: Array<{ line: number; cells: string[] }> = [];
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n && records.length <= maxRecords) {
    const start = line;
    const cells: string[] = [];
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
        value = text.slice(i, j);
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
    if (!blank) records.push({ line: start, cells });
  }
  return records;
}

/** Parses CSV text into records with their line numbers; a broken file gives one Dutch error. */
export function parseCsv(text: string, maxRows = IMPORT_MAX_ROWS, unit: LineUnit = 'regel'): ParsedCsv {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') return { error: 'Het bestand is leeg.' };
  if (clean.includes('\u0000'))
    return { error: 'Dit is geen tekstbestand (CSV). Bewaar het in Excel als "CSV UTF-8".' };
  const parsed = splitCsv(clean, detectDelimiter(clean), maxRows + 1);
  if ('error' in parsed) {
    return {
      error: `Het bestand kon niet als CSV worden gelezen (rond ${unit} ${parsed.line}): een aanhalingsteken wordt niet gesloten. Controleer de aanhalingstekens en het scheidingsteken.`,
    };
  }
  if (parsed.length > maxRows + 1) {
    return {
      error: `Het bestand telt meer dan ${maxRows.toLocaleString('nl-BE')} regels. Splits het op in kleinere bestanden.`,
    };
  }
  const [head, ...rest] = parsed;
  if (!head) return { error: 'Het bestand is leeg.' };
  if (rest.length > maxRows) {
    return {
      error: `Het bestand telt meer dan ${maxRows.toLocaleString('nl-BE')} regels. Splits het op in kleinere bestanden.`,
    };
  }
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

type Pending = CleanRow & { ambiguousOld?: string; explicitOld?: boolean };

/** How a line is called in messages: "regel" in a CSV file, "rij" in a worksheet. */
export type LineUnit = 'regel' | 'rij';

/**
 * Checks every line of a value CSV (or a worksheet read as CSV, line N = row N); rows are only usable
 * when `errors` is empty.
 */
export function checkValueCsv(text: string, lookups: ImportLookups, unit: LineUnit = 'regel'): ImportCheck {
  const parsed = parseCsv(text, IMPORT_MAX_ROWS, unit);
  const empty = { indicators: [], periods: [], areas: 0, merged: 0 };
  if ('error' in parsed)
    return { rows: [], errors: [{ line: 1, message: parsed.error }], lineCount: 0, summary: empty };

  const col = new Map<string, number>();
  parsed.header.forEach((h, i) => {
    const key = HEADER_ALIASES[h.replace(/\s+/g, '')];
    if (key && !col.has(key)) col.set(key, i);
  });
  const missing: string[] = [];
  if (!col.has('indicator')) missing.push('indicator');
  if (!col.has('periode')) missing.push('periode');
  if (!col.has('nis') && !col.has('gemeente')) missing.push('nis of gemeente');
  if (!col.has('waarde') && !col.has('teller')) missing.push('waarde (of teller en noemer)');
  if (missing.length) {
    return {
      rows: [],
      errors: [
        {
          line: 1,
          message: `De kopregel mist de kolom${missing.length > 1 ? 'men' : ''} ${missing.join(', ')}. Verwacht: ${VALUE_COLUMNS.join(';')}.`,
        },
      ],
      lineCount: parsed.records.length,
      summary: empty,
    };
  }

  const merges = lookups.merges ?? mergeMap();
  const current = new Map(lookups.municipalities.map((m) => [m.nis, m.name]));
  const byName = new Map(lookups.municipalities.map((m) => [normaliseName(m.name), m.nis]));
  // Half a million lines repeat the same few names, periods and breakdowns: each is worked out once.
  const normal = memo(normaliseName);
  const periods = new Map<string, ReturnType<typeof parsePeriod>>();
  const breakdowns = new Map<string, ReturnType<typeof parseBreakdown>>();
  const shortKey = new Map<string, number>();
  const index = Object.fromEntries([...col].map(([k, i]) => [k, i])) as Record<string, number | undefined>;
  let cells: string[] = [];
  let line = 0;
  const cell = (key: string) => {
    const i = index[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };

  const errors: LineError[] = [];
  const pending: Pending[] = [];
  const seen = new Map<string, number>();
  const fail = (column: string | undefined, message: string) =>
    errors.push(column ? { line, column, message } : { line, message });
  const num = (key: string, label: string) => {
    const raw = cell(key);
    const n = parseNumber(raw);
    if (Number.isNaN(n)) {
      fail(key, `${label} "${raw}" is geen getal.`);
      return null;
    }
    return n;
  };

  for (const record of parsed.records) {
    line = record.line;
    cells = record.cells;
    const before = errors.length;

    const code = cell('indicator').toLowerCase();
    const indicator = lookups.indicators.get(code);
    if (!code) fail('indicator', 'De indicatorcode ontbreekt.');
    else if (!indicator)
      fail('indicator', `De indicator "${code}" bestaat niet. Kijk de codes na in de indicatorcatalogus.`);
    else if (indicator.computed)
      fail(
        'indicator',
        `De indicator "${code}" wordt door het platform berekend uit zijn eigen gegevens; waarden ervan kunnen niet worden ingelezen.`,
      );

    const periodRaw = cell('periode');
    let period: string | null = null;
    if (!periodRaw) fail('periode', 'De periode ontbreekt.');
    else if (indicator) {
      const pk = `${indicator.frequency}|${periodRaw}`;
      let p = periods.get(pk);
      if (!p) {
        p = parsePeriod(periodRaw, indicator.frequency);
        periods.set(pk, p);
      }
      if ('error' in p) fail('periode', p.error);
      else period = p.period;
    }

    // The area: a NIS code or a name; pre-2025 codes are accepted for periods before 2025.
    const nisRaw = cell('nis');
    const nameRaw = cell('gemeente');
    let area: string | null = null;
    let explicitOld = false;
    let ambiguousOld: string | undefined;
    const year = period ? periodYear(period) : null;
    if (indicator?.areaLevel === 'network') {
      const codeArea = nisRaw || nameRaw;
      const found = (lookups.networks ?? []).find(
        (n) => n.code === codeArea || normal(n.name) === normal(codeArea),
      );
      if (!found)
        fail(
          'nis',
          codeArea
            ? `Het netwerk "${codeArea}" is onbekend. Deze indicator heeft waarden per regionaal netwerk; gebruik de code of de naam van het netwerk.`
            : 'De code of de naam van het regionaal netwerk ontbreekt.',
        );
      else area = found.code;
    } else if (indicator?.areaLevel === 'region') {
      const codeArea = nisRaw || nameRaw;
      const found =
        regionAreas[codeArea] !== undefined
          ? codeArea
          : Object.entries(regionAreas).find(([, n]) => normal(n) === normal(codeArea))?.[0];
      if (!found) {
        fail(
          'nis',
          `Deze indicator heeft waarden per gewest; gebruik ${Object.keys(regionAreas).join(', ')}.`,
        );
      } else area = found;
    } else if (nisRaw) {
      if (!/^\d{5}$/.test(nisRaw))
        fail('nis', `"${nisRaw}" is geen NIS-code; een NIS-code bestaat uit 5 cijfers.`);
      else if (current.has(nisRaw)) {
        area = nisRaw;
      } else if (merges.byOld.has(nisRaw)) {
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
    if (indicator) {
      const raw = cell('uitsplitsing');
      const bk = `${indicator.code}|${raw}`;
      let b = breakdowns.get(bk);
      if (!b) {
        b = parseBreakdown(raw, indicator.breakdowns);
        breakdowns.set(bk, b);
      }
      if ('error' in b) fail('uitsplitsing', b.error);
      else breakdown = b.key;
    }

    let value = num('waarde', 'De waarde');
    const numerator = num('teller', 'De teller');
    const denominator = num('noemer', 'De noemer');

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

    const statusRaw = cell('status').toLowerCase();
    const status = STATUS_WORDS[statusRaw];
    if (!status) fail('status', `De status "${statusRaw}" is onbekend; gebruik voorlopig of definitief.`);
    const source = cell('bron');
    if (source.length > 300) fail('bron', 'De bron mag hoogstens 300 tekens lang zijn.');

    if (errors.length === before && indicator && area && period) {
      let k = shortKey.get(indicator.id);
      if (k === undefined) {
        k = shortKey.size;
        shortKey.set(indicator.id, k);
      }
      const key = `${k}|${area}|${period}|${breakdown}`;
      const first = seen.get(key);
      if (first !== undefined) {
        fail(
          undefined,
          `Dubbele ${unit}: dezelfde indicator, gemeente, periode en uitsplitsing staan al op ${unit} ${first}.`,
        );
        continue;
      }
      seen.set(key, line);
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
        ...(ambiguousOld ? { ambiguousOld } : {}),
      });
    }
  }

  const rows = mapOldCodes(pending, lookups, merges, errors, unit);
  errors.sort((a, b) => a.line - b.line);
  return {
    rows,
    errors,
    lineCount: parsed.records.length,
    summary: {
      indicators: [...new Set(rows.map((r) => r.indicatorCode))].sort(),
      periods: [...new Set(rows.map((r) => r.period))].sort(),
      areas: new Set(rows.map((r) => r.areaCode)).size,
      merged: rows.filter((r) => r.mergedFrom.length > 0).length,
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
  const out: CleanRow[] = untouched.map(strip);
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
