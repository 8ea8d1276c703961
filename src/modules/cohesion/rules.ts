/**
 * Pure rules of focus support for social cohesion: vocabularies, reach figures against targets,
 * shares, programme areas and dates. No database, no I/O: unit tested in rules.test.ts.
 */

// ---------------------------------------------------------------------------------------------
// Vocabularies (codes in English or as the knowledge module spells them, labels in Dutch)
// ---------------------------------------------------------------------------------------------

/** The priority domains of the social cohesion policy. */
export const cohesionThemes = ['nederlands', 'werk', 'onderwijs'] as const;
export type CohesionTheme = (typeof cohesionThemes)[number];
export const cohesionThemeLabels: Record<CohesionTheme, string> = {
  nederlands: 'Nederlands',
  werk: 'Werk',
  onderwijs: 'Onderwijs',
};
export const themeLabel = (code: string): string => cohesionThemeLabels[code as CohesionTheme] ?? code;

export const trajectoryFormats = ['individual', 'collective'] as const;
export type TrajectoryFormat = (typeof trajectoryFormats)[number];
export const trajectoryFormatLabels: Record<TrajectoryFormat, string> = {
  individual: 'Individueel (één lokaal bestuur)',
  collective: 'Collectief (meerdere lokale besturen samen)',
};

export const coachingSubjects = ['policy', 'action'] as const;
export type CoachingSubject = (typeof coachingSubjects)[number];
export const coachingSubjectLabels: Record<CoachingSubject, string> = {
  policy: 'Het uitwerken van beleid',
  action: 'Een concrete actie',
};

export const areaKinds = ['flanders', 'provinces', 'municipalities'] as const;
export type AreaKind = (typeof areaKinds)[number];
export const areaKindLabels: Record<AreaKind, string> = {
  flanders: 'Heel Vlaanderen en Brussel',
  provinces: 'Enkele provincies',
  municipalities: 'Enkele gemeenten',
};

export const ageBands = ['0-17', '18-25', '26-45', '46+'] as const;
export type AgeBand = (typeof ageBands)[number];
export const ageBandLabels: Record<AgeBand, string> = {
  '0-17': 'Jonger dan 18',
  '18-25': '18 tot en met 25 jaar',
  '26-45': '26 tot en met 45 jaar',
  '46+': '46 jaar of ouder',
};
/** Form field names per band ("participants_0-17" would not make a clean id). */
export const ageBandKey: Record<AgeBand, string> = {
  '0-17': 'b0_17',
  '18-25': 'b18_25',
  '26-45': 'b26_45',
  '46+': 'b46',
};

export const anchoredValues = ['yes', 'partly', 'no'] as const;
export type Anchored = (typeof anchoredValues)[number];
export const anchoredLabels: Record<Anchored, string> = {
  yes: 'Duurzaam verankerd',
  partly: 'Gedeeltelijk verankerd',
  no: 'Niet verankerd (afgerond)',
};

// ---------------------------------------------------------------------------------------------
// Reach: participants, women and girls, per age band
// ---------------------------------------------------------------------------------------------

export type BandFigures = { ageBand: AgeBand; participants: number; women: number };
export type FieldMessages = Record<string, string>;

/**
 * Checks reach figures: whole numbers, not negative, women and girls never more than the
 * participants of their band, and at least one participant in total. Returns messages per field.
 */
export function checkReach(figures: readonly BandFigures[]): FieldMessages {
  const errors: FieldMessages = {};
  for (const f of figures) {
    const key = ageBandKey[f.ageBand];
    const label = ageBandLabels[f.ageBand].toLowerCase();
    if (!Number.isInteger(f.participants) || f.participants < 0)
      errors[`${key}_participants`] = `Vul bij ${label} een geheel aantal deelnemers in (0 of meer).`;
    if (!Number.isInteger(f.women) || f.women < 0)
      errors[`${key}_women`] = `Vul bij ${label} een geheel aantal vrouwen en meisjes in (0 of meer).`;
    else if (Number.isInteger(f.participants) && f.women > f.participants)
      errors[`${key}_women`] =
        `Bij ${label} zijn er meer vrouwen en meisjes (${f.women}) dan deelnemers (${f.participants}). Het aantal vrouwen en meisjes hoort bij het totaal.`;
  }
  if (Object.keys(errors).length === 0 && reachTotals(figures).participants === 0)
    errors[`${ageBandKey[ageBands[0]]}_participants`] =
      'Vul minstens één deelnemer in. Had het programma nog geen deelnemers, wacht dan met rapporteren.';
  return errors;
}

export function reachTotals(figures: readonly { participants: number; women: number }[]) {
  return figures.reduce(
    (t, f) => ({ participants: t.participants + f.participants, women: t.women + f.women }),
    { participants: 0, women: 0 },
  );
}

/** Share in percent with one decimal, or null when there are no participants. */
export function womenShare(participants: number, women: number): number | null {
  if (participants <= 0) return null;
  return Math.round((women / participants) * 1000) / 10;
}

export type TargetState = 'met' | 'below' | 'unknown';
export const targetStateLabels: Record<TargetState, string> = {
  met: 'Richtcijfer gehaald',
  below: 'Onder het richtcijfer',
  unknown: 'Nog geen cijfers',
};

/** Whether a share reaches its target (both in percent). */
export function targetState(share: number | null, targetPct: number): TargetState {
  if (share === null) return 'unknown';
  return share >= targetPct ? 'met' : 'below';
}

/** Difference with the target in percentage points (one decimal), or null. */
export function gapToTarget(share: number | null, targetPct: number): number | null {
  if (share === null) return null;
  return Math.round((share - targetPct) * 10) / 10;
}

export function checkTargetPct(value: number): string | null {
  if (!Number.isInteger(value) || value < 0 || value > 100)
    return 'Vul het richtcijfer voor vrouwen en meisjes in als een percentage van 0 tot 100.';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Areas
// ---------------------------------------------------------------------------------------------

export type Area = { kind: AreaKind; codes: readonly string[] };
export type MunicipalityPlace = { nis: string; name: string; provinceNis: string | null };

/** Whether a programme's area covers a municipality (directly, or through its province). */
export function isInArea(area: Area, m: Pick<MunicipalityPlace, 'nis' | 'provinceNis'>): boolean {
  switch (area.kind) {
    case 'flanders':
      return true;
    case 'provinces':
      return !!m.provinceNis && area.codes.includes(m.provinceNis);
    case 'municipalities':
      return area.codes.includes(m.nis);
  }
}

/** A Dutch message when a municipality lies outside the area, or null. */
export function areaMessage(area: Area, m: MunicipalityPlace, areaDescription: string): string | null {
  if (isInArea(area, m)) return null;
  return `${m.name} ligt buiten het werkingsgebied van dit programma (${areaDescription}). Kies een gemeente binnen dat gebied.`;
}

/** Checks an area as typed on the programme form. */
export function checkArea(area: Area): string | null {
  if (area.kind === 'flanders') return null;
  if (area.codes.length === 0)
    return area.kind === 'provinces'
      ? 'Kies minstens één provincie, of kies heel Vlaanderen en Brussel.'
      : 'Vul minstens één gemeente in, of kies heel Vlaanderen en Brussel.';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates and years
// ---------------------------------------------------------------------------------------------

/** A real calendar date as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A coaching session may not lie before the trajectory started, nor more than a year ahead. */
export function sessionDateMessage(
  startDate: string | null,
  sessionDate: string,
  today: string,
): string | null {
  if (!isIsoDate(sessionDate)) return 'Vul een bestaande datum in, bv. 2026-03-15.';
  if (startDate && sessionDate < startDate)
    return `De sessie valt vóór de start van het traject (${formatIso(startDate)}). Kies een datum op of na de start.`;
  if (sessionDate > addDays(today, 366)) return 'Een sessie ligt hoogstens een jaar in de toekomst.';
  return null;
}

/** The start date of a coaching trajectory: a real date, not more than a year back or ahead. */
export function startDateMessage(startDate: string, today: string): string | null {
  if (!isIsoDate(startDate)) return 'Vul een bestaande startdatum in, bv. 2026-03-01.';
  if (startDate < addDays(today, -366)) return 'De startdatum ligt meer dan een jaar in het verleden.';
  if (startDate > addDays(today, 366)) return 'De startdatum ligt meer dan een jaar in de toekomst.';
  return null;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 2026-03-15 as 15/03/2026. */
export function formatIso(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** The years a programme can be booked for: last year (to report late) up to two years ahead. */
export function bookableYears(currentYear: number): number[] {
  return [currentYear - 1, currentYear, currentYear + 1, currentYear + 2];
}

export function yearMessage(year: number, currentYear: number): string | null {
  return bookableYears(currentYear).includes(year)
    ? null
    : `Kies een jaar van ${currentYear - 1} tot en met ${currentYear + 2}.`;
}

// ---------------------------------------------------------------------------------------------
// Learning offer and coaching
// ---------------------------------------------------------------------------------------------

/** How many local governments a trajectory takes: one for an individual one, else its capacity. */
export function trajectoryPlaces(format: TrajectoryFormat, capacity: number | null): number | null {
  return format === 'individual' ? 1 : capacity;
}

/** Why an organisation cannot enrol, or null when it can. */
export function enrolmentMessage(
  t: { format: TrajectoryFormat; capacity: number | null; enrolmentOpen: boolean },
  enrolled: number,
  alreadyEnrolled: boolean,
): string | null {
  if (alreadyEnrolled) return 'Uw bestuur is al ingeschreven voor dit traject.';
  if (!t.enrolmentOpen) return 'De inschrijvingen voor dit traject zijn gesloten.';
  const places = trajectoryPlaces(t.format, t.capacity);
  if (places !== null && enrolled >= places)
    return t.format === 'individual'
      ? 'Dit individuele traject loopt al met een ander lokaal bestuur.'
      : `Dit traject is volzet (${places} lokale besturen).`;
  return null;
}

/** Goals typed one per line: trimmed, empty lines dropped, duplicates once. */
export function goalsFromText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((l) => l.replace(/^[-*•\s]+/, '').trim())
        .filter(Boolean),
    ),
  ];
}

export function goalsMessage(goals: readonly string[]): string | null {
  if (goals.length === 0) return 'Vul minstens één doel in, één per regel.';
  if (goals.length > 10) return 'Vul hoogstens 10 doelen in.';
  if (goals.some((g) => g.length > 300)) return 'Een doel is hoogstens 300 tekens lang.';
  return null;
}

/** The agency that supports a municipality (AgII by default, also for partnerships and the VGC). */
export function supportAgencyCode(supportAgency: string | null | undefined): string {
  return supportAgency === 'ATLAS' || supportAgency === 'AMAL' ? supportAgency : 'AGII';
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/** CSV with a semicolon (as Excel in Belgium expects) and formula injection neutralised. */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    let s = typeof v === 'number' ? String(v).replace('.', ',') : v;
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
