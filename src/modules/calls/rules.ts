/**
 * Pure rules of the call for Dutch practice opportunities (taaloefenkansen Nederlands, DOMAIN.md §3):
 * who may apply for which municipalities, what an application may ask, and what is paid.
 * Money is always in integer cents; dates are ISO strings (YYYY-MM-DD) in Europe/Brussels.
 */
import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Eligibility
// ---------------------------------------------------------------------------------------------

/** The eligibility rules of one call, stored with the call as data (jsonb). */
export const eligibilityRulesSchema = z.object({
  /** Organisation types that may apply. */
  allowedApplicantTypes: z.array(z.string()).min(1),
  /** Organisation types that are refused with a reason of their own (e.g. the VGC). */
  refusedApplicantTypes: z.array(z.object({ type: z.string(), reason: z.string() })),
  /** Municipalities that can never be covered, each with the reason shown to the applicant. */
  excludedMunicipalities: z.array(z.object({ nis: z.string(), reason: z.string() })),
  /** Regions whose municipalities can never be covered (Brussels: the VGC and the Huis van het Nederlands). */
  excludedRegions: z.array(z.object({ region: z.string(), reason: z.string() })),
  /** vzw De Rand applies on behalf of exactly these municipalities (the 6 facility municipalities). */
  deRandMunicipalities: z.array(z.string()),
  /** No municipality may be covered by two applications in the same call. */
  exclusiveCoverage: z.boolean(),
});
export type EligibilityRules = z.infer<typeof eligibilityRulesSchema>;

export const FACILITY_MUNICIPALITIES = ['23098', '23099', '23100', '23101', '23102', '23103'] as const;

/** The rules of the call in seed 000 (B.II) and seed 004. */
export const defaultEligibilityRules: EligibilityRules = {
  allowedApplicantTypes: ['local_government', 'intermunicipal_partnership', 'de_rand'],
  refusedApplicantTypes: [
    {
      type: 'vgc',
      reason:
        'De Vlaamse Gemeenschapscommissie (VGC) kan niet intekenen op deze oproep. Voor Brussel krijgt het Huis van het Nederlands een financiële impuls om oefenkansen te stimuleren en te organiseren, in afstemming met de VGC.',
    },
  ],
  excludedMunicipalities: [
    {
      nis: '11002',
      reason:
        'Antwerpen kan niet intekenen op deze oproep. Voor Antwerpen krijgt het stedelijk agentschap Atlas een financiële impuls om oefenkansen te stimuleren en te organiseren.',
    },
    {
      nis: '44021',
      reason:
        'Gent kan niet intekenen op deze oproep. Voor Gent krijgt het stedelijk agentschap Amal een financiële impuls om oefenkansen te stimuleren en te organiseren.',
    },
  ],
  excludedRegions: [
    {
      region: 'BRU',
      reason:
        'Brusselse gemeenten vallen niet onder deze oproep. Voor Brussel krijgt het Huis van het Nederlands een financiële impuls, in afstemming met de VGC.',
    },
  ],
  deRandMunicipalities: [...FACILITY_MUNICIPALITIES],
  exclusiveCoverage: true,
};

export type MunicipalityInfo = { nis: string; name: string; region: string };

export type Applicant = {
  type: string;
  name: string;
  /** Local governments: the municipality they govern. */
  municipalityNis: string | null;
  /** Partnerships and De Rand: the municipalities the organisation covers. */
  memberNis: readonly string[];
};

export type CoverageOption = { nis: string; name: string; allowed: boolean; reason: string | null };

export type Eligibility = {
  /** Whether the organisation may apply at all (it has at least one municipality it may cover). */
  eligible: boolean;
  /** Why not, in Dutch, when not eligible. */
  reasons: string[];
  /** Every municipality the applicant could apply for, with whether it may and why not. */
  options: CoverageOption[];
  /** Whether the applicant chooses municipalities (partnerships, De Rand) or covers exactly one. */
  choosesMunicipalities: boolean;
};

const applicantTypeNames: Record<string, string> = {
  local_government: 'lokaal bestuur',
  intermunicipal_partnership: 'intergemeentelijk samenwerkingsverband',
  de_rand: 'vzw De Rand',
  vgc: 'Vlaamse Gemeenschapscommissie',
  agency: 'agentschap',
  network: 'regionaal organisatienetwerk',
  expert_organisation: 'expertenorganisatie',
  partner_organisation: 'partnerorganisatie',
  flemish_administration: 'Vlaamse administratie',
};

function listInDutch(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

/** Why this municipality cannot be covered by this applicant, or null when it can. */
export function municipalityRefusal(
  rules: EligibilityRules,
  applicant: Applicant,
  nis: string,
  municipalities: ReadonlyMap<string, MunicipalityInfo>,
  takenBy: ReadonlyMap<string, string> = new Map(),
): string | null {
  const m = municipalities.get(nis);
  if (!m) return `Er bestaat geen gemeente met NIS-code ${nis}.`;
  const excluded = rules.excludedMunicipalities.find((e) => e.nis === nis);
  if (excluded) return excluded.reason;
  const region = rules.excludedRegions.find((r) => r.region === m.region);
  if (region) return `${m.name}: ${region.reason}`;
  if (applicant.type === 'de_rand' && !rules.deRandMunicipalities.includes(nis)) {
    return `${m.name} is geen faciliteitengemeente: vzw De Rand treedt alleen op voor ${listInDutch(
      rules.deRandMunicipalities.map((n) => municipalities.get(n)?.name ?? n),
    )}.`;
  }
  const other = rules.exclusiveCoverage ? takenBy.get(nis) : undefined;
  if (other) {
    return `${m.name} valt al onder een andere aanvraag in deze oproep (${other}). Een gemeente kan maar door één aanvraag gedekt worden.`;
  }
  return null;
}

/**
 * Decides whether an organisation may apply to a call and for which municipalities. `takenBy` maps
 * the municipalities already covered by other applications in the same call to that applicant's name.
 */
export function checkEligibility(
  rules: EligibilityRules,
  applicant: Applicant,
  municipalities: ReadonlyMap<string, MunicipalityInfo>,
  takenBy: ReadonlyMap<string, string> = new Map(),
): Eligibility {
  const refusedType = rules.refusedApplicantTypes.find((r) => r.type === applicant.type);
  if (refusedType) {
    return { eligible: false, reasons: [refusedType.reason], options: [], choosesMunicipalities: false };
  }
  if (!rules.allowedApplicantTypes.includes(applicant.type)) {
    const allowed = listInDutch(rules.allowedApplicantTypes.map((t) => applicantTypeNames[t] ?? t));
    const own = applicantTypeNames[applicant.type] ?? applicant.type;
    return {
      eligible: false,
      reasons: [
        `Alleen een ${allowed} kan intekenen op deze oproep. ${applicant.name} is een ${own} en kan dus geen aanvraag indienen.`,
      ],
      options: [],
      choosesMunicipalities: false,
    };
  }

  let candidates: string[];
  if (applicant.type === 'local_government') {
    candidates = applicant.municipalityNis ? [applicant.municipalityNis] : [];
  } else if (applicant.type === 'de_rand') {
    candidates = [...rules.deRandMunicipalities];
  } else {
    candidates = [...new Set(applicant.memberNis)];
  }
  if (candidates.length === 0) {
    return {
      eligible: false,
      reasons: [
        applicant.type === 'intermunicipal_partnership'
          ? `Voor ${applicant.name} zijn nog geen deelnemende gemeenten gekend. Vraag uw aanspreekpersoon bij het agentschap om ze toe te voegen.`
          : `Voor ${applicant.name} is geen gemeente gekend.`,
      ],
      options: [],
      choosesMunicipalities: false,
    };
  }

  const options: CoverageOption[] = candidates
    .map((nis) => {
      const reason = municipalityRefusal(rules, applicant, nis, municipalities, takenBy);
      return { nis, name: municipalities.get(nis)?.name ?? nis, allowed: reason === null, reason };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const allowed = options.filter((o) => o.allowed);
  const choosesMunicipalities = applicant.type !== 'local_government';
  if (allowed.length === 0) {
    return {
      eligible: false,
      reasons: options.length === 1 ? [options[0]!.reason!] : options.map((o) => o.reason!),
      options,
      choosesMunicipalities,
    };
  }
  return { eligible: true, reasons: [], options, choosesMunicipalities };
}

/** Checks a chosen set of municipalities against an eligibility result; one Dutch message per problem. */
export function checkCoverage(
  eligibility: Eligibility,
  requested: readonly string[],
): { covered: string[]; errors: string[] } {
  const errors: string[] = [];
  const unique = [...new Set(requested)];
  if (unique.length === 0) errors.push('Kies minstens één gemeente waarvoor u oefenkansen organiseert.');
  const byNis = new Map(eligibility.options.map((o) => [o.nis, o]));
  for (const nis of unique) {
    const option = byNis.get(nis);
    if (!option) errors.push(`De gemeente met NIS-code ${nis} hoort niet bij uw organisatie.`);
    else if (!option.allowed) errors.push(option.reason!);
  }
  return { covered: errors.length ? [] : unique.sort(), errors };
}

// ---------------------------------------------------------------------------------------------
// Formats, quarters, periods
// ---------------------------------------------------------------------------------------------

export const formats = ['conversation_table', 'walk', 'workplace', 'buddy', 'digital', 'other'] as const;
export type Format = (typeof formats)[number];
export const formatLabels: Record<Format, string> = {
  conversation_table: 'Conversatietafel',
  walk: 'Wandeling',
  workplace: 'Op de werkvloer',
  buddy: 'Buddywerking',
  digital: 'Digitaal',
  other: 'Andere',
};

/** Reads a format from a code or a Dutch label, case-insensitive; null when unknown. */
export function parseFormat(value: string): Format | null {
  const v = value.trim().toLowerCase();
  for (const f of formats) if (f === v || formatLabels[f].toLowerCase() === v) return f;
  return null;
}

export function quarterOf(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The quarters of a period, e.g. 2026-Q1 … 2027-Q4. */
export function quartersBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, q] = quarterOf(start).split('-Q').map(Number) as [number, number];
  const [ey, eq] = quarterOf(end).split('-Q').map(Number) as [number, number];
  while (y < ey || (y === ey && q <= eq)) {
    out.push(`${y}-Q${q}`);
    q++;
    if (q > 4) {
      q = 1;
      y++;
    }
  }
  return out;
}

export function quarterLabel(quarter: string): string {
  const [y, q] = quarter.split('-Q');
  return `${q}e kwartaal ${y}`;
}

/** Whether the application window is open on `today` (both ends inclusive). */
export function windowState(
  call: { applicationOpens: string; applicationCloses: string },
  today: string,
): 'not_yet' | 'open' | 'closed' {
  if (today < call.applicationOpens) return 'not_yet';
  if (today > call.applicationCloses) return 'closed';
  return 'open';
}

// ---------------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------------

export type CallMoney = {
  rateCents: number;
  maxUnitsPerApplicant: number | null;
  maxAmountPerApplicantCents: number | null;
};

/** The amount an application asks: planned × rate, capped by the maximum amount per applicant. */
export function requestedAmount(
  plannedUnits: number,
  call: CallMoney,
): { units: number; amountCents: number; capped: boolean } {
  const raw = plannedUnits * call.rateCents;
  const cap = call.maxAmountPerApplicantCents;
  if (cap !== null && raw > cap) return { units: plannedUnits, amountCents: cap, capped: true };
  return { units: plannedUnits, amountCents: raw, capped: false };
}

/** Why a planned number is refused (negative, or above the maximum per applicant), or null. */
export function plannedUnitsError(plannedUnits: number, call: CallMoney): string | null {
  if (!Number.isSafeInteger(plannedUnits) || plannedUnits < 0) {
    return 'Het aantal geplande oefenkansen moet een positief geheel getal zijn.';
  }
  if (call.maxUnitsPerApplicant !== null && plannedUnits > call.maxUnitsPerApplicant) {
    return `U plant ${plannedUnits} oefenkansen. Per aanvrager zijn er hoogstens ${call.maxUnitsPerApplicant} mogelijk in deze oproep.`;
  }
  return null;
}

/** The amount granted for a granted number of oefenkansen. */
export function grantAmount(grantedUnits: number, call: CallMoney): number {
  return requestedAmount(grantedUnits, call).amountCents;
}

/** The advance after the grant: a percentage of the granted amount, rounded down to the cent. */
export function advanceAmount(grantedAmountCents: number, advancePct: number): number {
  return Math.floor((grantedAmountCents * advancePct) / 100);
}

export type Settlement = {
  /** What the applicant is entitled to in total: min(eligible realised, granted) × rate, capped by the grant. */
  entitledCents: number;
  /** Still to pay (never negative). */
  balanceCents: number;
  /** To recover when more was paid than is due (never negative). */
  recoveryCents: number;
  /** The realised oefenkansen that count (at most the granted number). */
  countedUnits: number;
};

/** The balance after the final report. */
export function settlement(input: {
  grantedUnits: number;
  grantedAmountCents: number;
  rateCents: number;
  eligibleRealised: number;
  alreadyPaidCents: number;
}): Settlement {
  const countedUnits = Math.max(0, Math.min(input.eligibleRealised, input.grantedUnits));
  const entitledCents = Math.min(countedUnits * input.rateCents, input.grantedAmountCents);
  const difference = entitledCents - input.alreadyPaidCents;
  return {
    entitledCents,
    balanceCents: Math.max(0, difference),
    recoveryCents: Math.max(0, -difference),
    countedUnits,
  };
}

/** Whether a new commitment fits in the budget. */
export function fitsBudget(budgetCents: number, committedCents: number, amountCents: number): boolean {
  return amountCents >= 0 && committedCents + amountCents <= budgetCents;
}

/** The interim check: an application below `thresholdPct` of its committed number is flagged. */
export function interimCheck(committedUnits: number, realisedEligible: number, thresholdPct: number) {
  const required = Math.ceil((committedUnits * thresholdPct) / 100);
  return { required, realised: realisedEligible, below: realisedEligible < required };
}

/** Percentage, rounded down, for progress bars and tables. */
export function percentage(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.floor((part * 100) / whole);
}

// ---------------------------------------------------------------------------------------------
// Bank details
// ---------------------------------------------------------------------------------------------

/** Validates an IBAN as typed (spaces, lower case); returns its electronic and printed forms. */
export function readIban(
  input: string,
): { ok: true; iban: string; printed: string } | { ok: false; error: string } {
  const electronic = electronicFormatIBAN(input.trim()) ?? '';
  if (!electronic) return { ok: false, error: 'Vul het rekeningnummer (IBAN) in, bv. BE68 5390 0754 7034.' };
  if (!isValidIBAN(electronic)) {
    return {
      ok: false,
      error: 'Dit is geen geldig IBAN-rekeningnummer. Controleer de cijfers, bv. BE68 5390 0754 7034.',
    };
  }
  return { ok: true, iban: electronic, printed: friendlyFormatIBAN(electronic) ?? electronic };
}

/**
 * A Belgian structured reference (gestructureerde mededeling) from a number of at most 10 digits:
 * +++123/4567/89002+++, whose last two digits are the number modulo 97 (97 when that is 0).
 */
export function structuredReference(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > 9_999_999_999) {
    throw new RangeError('a structured reference holds at most 10 digits');
  }
  const base = String(n).padStart(10, '0');
  const check = n % 97 === 0 ? 97 : n % 97;
  const digits = `${base}${String(check).padStart(2, '0')}`;
  return `+++${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}+++`;
}

export function isValidStructuredReference(ref: string): boolean {
  const m = ref.match(/^\+\+\+(\d{3})\/(\d{4})\/(\d{5})\+\+\+$/);
  if (!m) return false;
  const digits = `${m[1]}${m[2]}${m[3]}`;
  const base = Number(digits.slice(0, 10));
  const check = Number(digits.slice(10));
  return check === (base % 97 === 0 ? 97 : base % 97);
}

// ---------------------------------------------------------------------------------------------
// Register of oefenkansen
// ---------------------------------------------------------------------------------------------

/** The key two oefenkansen share when they are probably the same activity: same date, place and title. */
export function duplicateKey(date: string, place: string, title: string): string {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return `${date}|${norm(place)}|${norm(title)}`;
}

/** Reads 2026-03-15, 15/03/2026 or 15-3-2026 into an ISO date; null when it is no real date. */
export function parseDate(value: string): string | null {
  const v = value.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = v.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = v.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const YES = new Set(['ja', 'j', 'yes', 'y', '1', 'x', 'true', 'waar', 'on']);
const NO = new Set(['nee', 'n', 'no', '0', 'false', 'onwaar', '']);

export function parseYesNo(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const v = String(value ?? '')
    .trim()
    .toLowerCase();
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

export type RegisterContext = {
  periodStart: string;
  periodEnd: string;
  today: string;
  /** The municipalities this register may hold, by NIS code, with their names. */
  municipalities: ReadonlyMap<string, string>;
};

export type RegisterEntry = {
  date: string;
  title: string;
  municipalityNis: string;
  place: string;
  partner: string | null;
  format: Format;
  durationMinutes: number;
  participants: number;
  women: number | null;
  men: number | null;
  otherGender: number | null;
  mainGoalDutch: boolean;
  outsideLesson: boolean;
  noCertification: boolean;
};

/** An oefenkans counts only when it meets the three parts of the definition (seed 000, footnote 3). */
export function meetsDefinition(
  e: Pick<RegisterEntry, 'mainGoalDutch' | 'outsideLesson' | 'noCertification'>,
) {
  return e.mainGoalDutch && e.outsideLesson && e.noCertification;
}

const text = (label: string, max: number, required: boolean) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? '' : String(v).trim()),
    required
      ? z
          .string()
          .min(1, { error: `Vul ${label} in.` })
          .max(max, {
            error: `${label.charAt(0).toUpperCase()}${label.slice(1)} is te lang (hoogstens ${max} tekens).`,
          })
      : z.string().max(max, {
          error: `${label.charAt(0).toUpperCase()}${label.slice(1)} is te lang (hoogstens ${max} tekens).`,
        }),
  );

const toNumber = (optional: boolean) => (v: unknown) => {
  if (v === undefined || v === null) return optional ? null : v;
  if (typeof v === 'number') return v;
  const s = String(v).trim();
  if (s === '') return optional ? null : undefined;
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
};

const count = (label: string, min: number) =>
  z.preprocess(
    toNumber(false),
    z
      .number({ error: `Vul ${label.toLowerCase()} in als geheel getal.` })
      .int({ error: `${label} moet een geheel getal zijn.` })
      .min(0, { error: `${label} mag niet negatief zijn.` })
      .min(min, { error: `${label} moet minstens ${min} zijn.` })
      .max(100_000, { error: `${label} is onwaarschijnlijk groot.` }),
  );

const optionalCount = (label: string) =>
  z.preprocess(
    toNumber(true),
    z
      .number({ error: `${label} moet een geheel getal zijn.` })
      .int({ error: `${label} moet een geheel getal zijn.` })
      .min(0, { error: `${label} mag niet negatief zijn.` })
      .max(100_000, { error: `${label} is onwaarschijnlijk groot.` })
      .nullable(),
  );

const yesNo = (label: string) =>
  z.preprocess((v) => parseYesNo(v), z.boolean({ error: `Antwoord met ja of nee bij "${label}".` }));

/**
 * The schema of one register entry, for the form, the API and each CSV line alike. Dates must lie in
 * the implementation period and not in the future; the municipality must be one the register covers.
 */
export function registerEntrySchema(ctx: RegisterContext) {
  const byName = new Map([...ctx.municipalities].map(([nis, name]) => [name.toLowerCase(), nis]));
  return z
    .object({
      date: z.preprocess(
        (v) => (v === undefined || v === null ? '' : String(v)),
        z
          .string()
          .min(1, { error: 'Vul de datum in.' })
          .transform((v, c) => {
            const iso = parseDate(v);
            if (!iso) {
              c.addIssue({
                code: 'custom',
                message: `"${v}" is geen geldige datum. Gebruik bv. 15/03/2026.`,
              });
              return z.NEVER;
            }
            if (iso < ctx.periodStart || iso > ctx.periodEnd) {
              c.addIssue({
                code: 'custom',
                message: `De datum ${iso.split('-').reverse().join('/')} ligt buiten de uitvoeringsperiode (${ctx.periodStart
                  .split('-')
                  .reverse()
                  .join('/')} tot ${ctx.periodEnd.split('-').reverse().join('/')}).`,
              });
              return z.NEVER;
            }
            if (iso > ctx.today) {
              c.addIssue({
                code: 'custom',
                message: 'De datum ligt in de toekomst. Registreer een oefenkans nadat ze plaatsvond.',
              });
              return z.NEVER;
            }
            return iso;
          }),
      ),
      title: text('de titel', 200, true),
      municipalityNis: z.preprocess(
        (v) => (v === undefined || v === null ? '' : String(v).trim()),
        z
          .string()
          .min(1, { error: 'Vul de gemeente in (naam of NIS-code).' })
          .transform((v, c) => {
            const nis = ctx.municipalities.has(v) ? v : byName.get(v.toLowerCase());
            if (!nis) {
              c.addIssue({
                code: 'custom',
                message: `"${v}" is geen gemeente van deze aanvraag. Kies uit: ${[...ctx.municipalities.values()].join(', ')}.`,
              });
              return z.NEVER;
            }
            return nis;
          }),
      ),
      place: text('de plaats', 200, true),
      partner: text('de organiserende partner', 200, false).transform((v) => v || null),
      format: z.preprocess(
        (v) => (v === undefined || v === null ? '' : String(v)),
        z.string().transform((v, c) => {
          const f = parseFormat(v);
          if (!f) {
            c.addIssue({
              code: 'custom',
              message: v.trim()
                ? `"${v}" is geen gekende vorm. Kies uit: ${formats.map((x) => formatLabels[x]).join(', ')}.`
                : 'Kies de vorm van de oefenkans.',
            });
            return z.NEVER;
          }
          return f;
        }),
      ),
      durationMinutes: count('De duur in minuten', 1).pipe(
        z.number().max(1440, { error: 'De duur is hoogstens 1440 minuten (één dag).' }),
      ),
      participants: count('Het aantal deelnemers', 1),
      women: optionalCount('Het aantal vrouwen'),
      men: optionalCount('Het aantal mannen'),
      otherGender: optionalCount('Het aantal met een ander of onbekend gender'),
      mainGoalDutch: yesNo('Nederlands oefenen is het hoofddoel'),
      outsideLesson: yesNo('Buiten een lescontext'),
      noCertification: yesNo('Zonder certificering'),
    })
    .superRefine((e, c) => {
      const split = (e.women ?? 0) + (e.men ?? 0) + (e.otherGender ?? 0);
      if (e.participants > 0 && split > e.participants) {
        c.addIssue({
          code: 'custom',
          path: ['women'],
          message: `De verdeling naar gender (${split}) is groter dan het aantal deelnemers (${e.participants}).`,
        });
      }
    });
}

/** The columns of the register CSV, in order; the first row of the file names them. */
export const registerColumns = [
  { key: 'date', header: 'datum', required: true },
  { key: 'title', header: 'titel', required: true },
  { key: 'municipalityNis', header: 'gemeente', required: true },
  { key: 'place', header: 'plaats', required: true },
  { key: 'partner', header: 'partner', required: false },
  { key: 'format', header: 'vorm', required: true },
  { key: 'durationMinutes', header: 'duur_minuten', required: true },
  { key: 'participants', header: 'deelnemers', required: true },
  { key: 'women', header: 'vrouwen', required: false },
  { key: 'men', header: 'mannen', required: false },
  { key: 'otherGender', header: 'anders_onbekend', required: false },
  { key: 'mainGoalDutch', header: 'hoofddoel_nederlands', required: true },
  { key: 'outsideLesson', header: 'buiten_lescontext', required: true },
  { key: 'noCertification', header: 'zonder_certificering', required: true },
] as const;

export type CsvLineError = { line: number; messages: string[] };

export type CsvCheck = {
  /** The file cannot be read at all (wrong columns, no rows…). */
  fileError: string | null;
  entries: Array<RegisterEntry & { line: number; key: string }>;
  errors: CsvLineError[];
  /** Lines that repeat an earlier line of the same file (same date, place and title). */
  duplicateLines: Array<{ line: number; sameAs: number }>;
};

export const MAX_CSV_ROWS = 50_000;

/**
 * Checks parsed CSV records (first record = header) line by line. Nothing is imported by the caller
 * unless `fileError` is null and `errors` is empty.
 */
export function checkRegisterRecords(records: string[][], ctx: RegisterContext): CsvCheck {
  const empty: CsvCheck = { fileError: null, entries: [], errors: [], duplicateLines: [] };
  const [header, ...rows] = records;
  if (!header || header.every((h) => !h.trim())) {
    return { ...empty, fileError: 'Het bestand is leeg. De eerste regel moet de kolomnamen bevatten.' };
  }
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/^\ufeff/, ''),
  );
  const known = new Set<string>(registerColumns.map((c) => c.header));
  const missing = registerColumns.filter((c) => c.required && !names.includes(c.header)).map((c) => c.header);
  const unknown = names.filter((n) => n && !known.has(n));
  if (missing.length || unknown.length) {
    const parts = [
      missing.length ? `Deze kolommen ontbreken: ${missing.join(', ')}.` : '',
      unknown.length ? `Deze kolommen kennen we niet: ${unknown.join(', ')}.` : '',
      `Verwachte kolommen: ${registerColumns.map((c) => c.header).join(';')}.`,
    ];
    return { ...empty, fileError: parts.filter(Boolean).join(' ') };
  }
  if (rows.length === 0)
    return { ...empty, fileError: 'Het bestand bevat geen oefenkansen onder de kolomnamen.' };
  if (rows.length > MAX_CSV_ROWS) {
    return {
      ...empty,
      fileError: `Het bestand bevat ${rows.length} regels. Importeer hoogstens ${MAX_CSV_ROWS} regels per keer.`,
    };
  }
  const index = new Map(names.map((n, i) => [n, i]));
  const schema = registerEntrySchema(ctx);
  const result: CsvCheck = { ...empty, entries: [], errors: [], duplicateLines: [] };
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = i + 2;
    if (row.every((cell) => !cell.trim())) return;
    if (row.length !== header.length) {
      result.errors.push({
        line,
        messages: [`Deze regel heeft ${row.length} kolommen in plaats van ${header.length}.`],
      });
      return;
    }
    const input: Record<string, string> = {};
    for (const c of registerColumns) {
      const at = index.get(c.header);
      input[c.key] = at === undefined ? '' : (row[at] ?? '');
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      result.errors.push({ line, messages: [...new Set(parsed.error.issues.map((issue) => issue.message))] });
      return;
    }
    const key = duplicateKey(parsed.data.date, parsed.data.place, parsed.data.title);
    const first = seen.get(key);
    if (first !== undefined) result.duplicateLines.push({ line, sameAs: first });
    else seen.set(key, line);
    result.entries.push({ ...parsed.data, line, key });
  });
  return result;
}

/** Guesses the delimiter of a CSV file from its first line (Flemish spreadsheets use ";"). */
export function guessDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const counts = { ';': 0, ',': 0, '\t': 0 };
  for (const ch of firstLine) if (ch in counts) counts[ch as keyof typeof counts]++;
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0] as ';' | ',' | '\t') ?? ';';
}

/** Escapes one CSV cell (";" separated, for Flemish spreadsheets), and guards against formula injection. */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?\d/.test(s) && !s.startsWith('+++')) s = `'${s}`;
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
