import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FieldErrors } from '../../core/http/errors';
import { type CalendarType, type Weekday, weekdays } from './vocab';
import { type HourStatus, hourWorkflow, type TrajectoryStatus } from './workflow';

// ---------------------------------------------------------------------------------------------
// The 40-hour rule

/** The participation and network trajectory takes at least 40 hours (DOMAIN.md §4). */
export const TARGET_MINUTES = 40 * 60;
/** Nobody does more than 12 hours of activities on one day; more is a typing error. */
export const MAX_MINUTES_PER_DAY = 12 * 60;
/** Hours are registered per quarter of an hour. */
export const MINUTE_STEP = 15;

export type Progress = {
  minutes: number;
  target: number;
  /** 0 to 100, rounded down, for the progress bar. */
  percent: number;
  remainingMinutes: number;
  /** At least 40 validated hours: the trajectory may be closed. */
  complete: boolean;
};

export function progress(validatedMinutes: number): Progress {
  const minutes = Math.max(0, Math.floor(validatedMinutes));
  return {
    minutes,
    target: TARGET_MINUTES,
    percent: Math.min(100, Math.floor((minutes * 100) / TARGET_MINUTES)),
    remainingMinutes: Math.max(0, TARGET_MINUTES - minutes),
    complete: minutes >= TARGET_MINUTES,
  };
}

/** Whether a trajectory may be closed with a certificate: active and at least 40 validated hours. */
export function canClose(status: TrajectoryStatus, validatedMinutes: number): boolean {
  return status === 'active' && progress(validatedMinutes).complete;
}

export type CountedEntry = {
  id: string;
  minutes: number;
  status: HourStatus | string;
  confirmationId: string | null;
};

/**
 * Validated minutes: entries in a counting status, each entry once, and only entries that carry the
 * confirmation of the activity's contact person. A confirmation covers distinct entries, so seeing the
 * same entry or the same confirmation twice never adds its hours twice.
 */
export function countValidatedMinutes(entries: readonly CountedEntry[]): number {
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (!hourWorkflow.statuses[e.status as HourStatus]?.counts || !e.confirmationId || seen.has(e.id))
      continue;
    seen.add(e.id);
    total += e.minutes;
  }
  return total;
}

/** "12 uur", "1 uur 30 min", "45 min". */
export function formatHours(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} uur` : `${h} uur ${m} min`;
}

/** "12,5" for 750 minutes: a decimal number of hours in Flemish notation. */
export function decimalHours(minutes: number): string {
  return (Math.round((minutes / 60) * 100) / 100).toLocaleString('nl-BE', { maximumFractionDigits: 2 });
}

/**
 * Reads hours as people type them: "2", "2,5", "2.5", "1:30", "1u30", "1 u 30", "90 min".
 * Returns minutes, or null when unreadable.
 */
export function parseHours(input: string): number | null {
  const s = input.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s || s.length > 20) return null;
  let m = /^(\d{1,3}) ?min(uten)?$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d{1,2}) ?(?::|u|h) ?(\d{1,2})?(?: ?min)?$/.exec(s);
  if (m) {
    const minutes = m[2] ? Number(m[2]) : 0;
    return minutes < 60 ? Number(m[1]) * 60 + minutes : null;
  }
  m = /^(\d{1,2})(?:[.,](\d{1,2}))?( ?(uur|u|h))?$/.exec(s);
  if (m) {
    const fraction = m[2] ? Number(`0.${m[2]}`) : 0;
    return Math.round((Number(m[1]) + fraction) * 60);
  }
  return null;
}

export type HourEntryCheck = {
  /** ISO date of the activity. */
  date: string;
  minutes: number;
  trajectoryStart: string;
  /** Today in Brussels, ISO. */
  today: string;
  /** Minutes already registered on that date for this trajectory (rejected entries excluded). */
  minutesAlreadyOnDate: number;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The rules for one hour entry; one Dutch message per field, empty when all is well. */
export function checkHourEntry(c: HourEntryCheck): FieldErrors {
  const errors: FieldErrors = {};
  if (!isIsoDate(c.date)) errors.date = 'Vul een geldige datum in, bv. 23/11/2026.';
  else if (c.date > c.today)
    errors.date = 'De datum ligt in de toekomst. Registreer uren pas na de activiteit.';
  else if (c.date < c.trajectoryStart)
    errors.date = 'De datum ligt voor de start van het traject. Uren van voor de start tellen niet mee.';

  if (!Number.isInteger(c.minutes) || c.minutes <= 0) errors.hours = 'Vul het aantal uren in, bv. 2 of 2,5.';
  else if (c.minutes % MINUTE_STEP !== 0)
    errors.hours = 'Vul de uren in per kwartier, bv. 1,25 of 1,5 of 1,75 uur.';
  else if (c.minutes > MAX_MINUTES_PER_DAY) errors.hours = 'Op één dag kunnen hoogstens 12 uren tellen.';
  else if (!errors.date && c.minutesAlreadyOnDate + c.minutes > MAX_MINUTES_PER_DAY) {
    const left = Math.max(0, MAX_MINUTES_PER_DAY - c.minutesAlreadyOnDate);
    errors.hours =
      left === 0
        ? 'Op deze dag staan al 12 uren. Meer uren op één dag tellen niet.'
        : `Op deze dag staan al ${formatHours(c.minutesAlreadyOnDate)}. U kunt nog hoogstens ${formatHours(left)} toevoegen.`;
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// One-time confirmation links

/** A confirmation link stays valid this long. */
export const LINK_VALID_DAYS = 30;

export type LinkState = { usedAt: Date | null; expiresAt: Date };
export type LinkDecision = 'ok' | 'used' | 'expired';

export function decideLinkUse(link: LinkState, now: Date): LinkDecision {
  if (link.usedAt) return 'used';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'ok';
}

export const linkMessages: Record<Exclude<LinkDecision, 'ok'> | 'invalid', string> = {
  used: 'Deze link werd al gebruikt. Een bevestiging kan maar één keer. De uren zijn niet opnieuw geteld.',
  expired: 'Deze link is verlopen. Vraag de trajectbegeleider om een nieuwe link. Er werd niets bevestigd.',
  invalid:
    'Deze link klopt niet. Controleer of u de volledige link uit de e-mail gebruikt. Er werd niets bevestigd.',
};

/**
 * A confirmation covers the entries still waiting when it is used; entries already confirmed,
 * disputed, validated or rejected are left alone, so a confirmation is never applied twice.
 */
export function applyConfirmation<
  E extends { id: string; status: HourStatus; confirmationId: string | null },
>(
  entries: readonly E[],
  linkEntryIds: readonly string[],
  confirmationId: string,
  decision: 'confirm' | 'dispute',
): E[] {
  const covered = new Set(linkEntryIds);
  return entries.map((e) =>
    covered.has(e.id) && e.status === 'registered'
      ? { ...e, status: decision === 'confirm' ? 'confirmed' : 'disputed', confirmationId }
      : e,
  );
}

/** Signs `<linkId>.<nonce>` with the server secret; the URL carries the result. */
export function signLinkToken(secret: string, linkId: string, nonce = randomBytes(18).toString('base64url')) {
  const payload = `${linkId}.${nonce}`;
  const signature = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${payload}.${signature}`;
}

/** The link id of a well-formed, correctly signed token; null for anything tampered with. */
export function verifyLinkToken(secret: string, token: string): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [linkId, nonce, signature] = parts as [string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(linkId) || !/^[A-Za-z0-9_-]{10,64}$/.test(nonce)) return null;
  const expected = createHmac('sha256', secret).update(`${linkId}.${nonce}`).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature, 'base64url');
  } catch {
    return null;
  }
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return linkId;
}

/** Only this hash is stored; the token itself lives in the mail. */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Certificates

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** A verification code like "7K3F-9QXA-M2D4": 60 random bits, easy to read aloud and type. */
export function newVerificationCode(bytes: Buffer = randomBytes(12)): string {
  let out = '';
  for (let i = 0; i < 12; i++) out += CODE_ALPHABET[bytes[i]! % 32];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/** Reads a code as typed (lower case, spaces, O for 0, I or L for 1); null when it cannot be one. */
export function normaliseVerificationCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 12 || [...s].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

/** A pseudonymous trajectory code such as "PNT-26-4F7K9Q": no name, no national register number. */
export function newTrajectoryCode(year: number, bytes: Buffer = randomBytes(6)): string {
  let out = '';
  for (let i = 0; i < 6; i++) out += CODE_ALPHABET[bytes[i]! % 32];
  return `PNT-${String(year % 100).padStart(2, '0')}-${out}`;
}

// ---------------------------------------------------------------------------------------------
// Retention and anonymisation

/** Default retention of closed trajectories before anonymisation: two years. */
export const DEFAULT_RETENTION_DAYS = 730;

export type RetentionState = {
  status: TrajectoryStatus;
  closedAt: Date | null;
  anonymisedAt: Date | null;
};

/** A completed or stopped trajectory is anonymised once the retention period after closing has passed. */
export function anonymisationDue(t: RetentionState, now: Date, retentionDays: number): boolean {
  if (t.anonymisedAt || !t.closedAt || t.status === 'active') return false;
  return now.getTime() - t.closedAt.getTime() >= retentionDays * 86_400_000;
}

/**
 * What anonymisation keeps: municipality, dates, status, hours and the certificate's validity (for
 * aggregates and verification). What it drops: the pseudonymous code, the counsellor, free text.
 */
export function anonymisedFields(id: string) {
  return {
    code: `ANON-${id.replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    counsellorUserId: null,
    note: null,
  } as const;
}

// ---------------------------------------------------------------------------------------------
// Small groups

/** No figure about people is shown for a group smaller than this (DOMAIN.md §8). */
export const MIN_GROUP_SIZE = 5;

/** A count of people, or null when it describes a group of 1 to 4 people. */
export function suppress(count: number, min = MIN_GROUP_SIZE): number | null {
  return count > 0 && count < min ? null : count;
}

/**
 * Suppresses the small cells of one breakdown whose total is shown, and, when only one cell would be
 * hidden, also the next smallest non-zero cell: otherwise total minus the others reveals it.
 */
export function suppressBreakdown<K extends string>(
  cells: Record<K, number>,
  min = MIN_GROUP_SIZE,
): Record<K, number | null> {
  const out = {} as Record<K, number | null>;
  const keys = Object.keys(cells) as K[];
  const hidden = new Set<K>(keys.filter((k) => cells[k] > 0 && cells[k] < min));
  if (hidden.size === 1) {
    const next = keys
      .filter((k) => !hidden.has(k) && cells[k] > 0)
      .sort((a, b) => cells[a] - cells[b] || a.localeCompare(b))[0];
    if (next) hidden.add(next);
  }
  for (const k of keys) out[k] = hidden.has(k) ? null : cells[k];
  return out;
}

/** A figure tied to a group of people (e.g. their hours) is hidden with the group. */
export function suppressWithGroup<T>(people: number, value: T, min = MIN_GROUP_SIZE): T | null {
  return people > 0 && people < min ? null : value;
}

// ---------------------------------------------------------------------------------------------
// Offers: calendar and expiry

/** A published offer without an end date stays visible this long before its owner must renew it. */
export const PERMANENT_OFFER_MONTHS = 12;
/** Owners are reminded this many days before their offer expires. */
export const REMINDER_DAYS = 14;

export type OfferCalendar = {
  calendarType: CalendarType;
  /** single and multiple: the dates. */
  dates: string[];
  /** periodic: the period; permanent: optional. */
  startDate: string | null;
  endDate: string | null;
  /** periodic and permanent: the days of the week. */
  weekdays: Weekday[];
};

export function weekdayOf(isoDate: string): Weekday {
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return weekdays[(day + 6) % 7]!;
}

/** The days of the week on which an offer takes place, for the "day of the week" filter. */
export function offerWeekdays(c: OfferCalendar): Weekday[] {
  const set = new Set<Weekday>(
    c.calendarType === 'single' || c.calendarType === 'multiple' ? c.dates.map(weekdayOf) : c.weekdays,
  );
  return weekdays.filter((d) => set.has(d));
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/**
 * The last day an offer is shown: its last date, the end of its period, or, for offers without an
 * end, 12 months after publication, when the owner renews it.
 */
export function offerValidUntil(c: OfferCalendar, publishedOn: string): string {
  if (c.calendarType === 'single' || c.calendarType === 'multiple') {
    return [...c.dates].sort().at(-1) ?? publishedOn;
  }
  const yearLater = addMonths(publishedOn, PERMANENT_OFFER_MONTHS);
  if (c.calendarType === 'periodic' && c.endDate) return c.endDate;
  return c.endDate && c.endDate < yearLater ? c.endDate : yearLater;
}

export function isExpired(validUntil: string | null, today: string): boolean {
  return !!validUntil && validUntil < today;
}

/** Remind the owner once, from two weeks before the offer expires. */
export function reminderDue(
  status: string,
  validUntil: string | null,
  today: string,
  remindedAt: Date | null,
): boolean {
  return (
    status === 'published' &&
    !!validUntil &&
    !remindedAt &&
    validUntil >= today &&
    addDays(today, REMINDER_DAYS) >= validUntil
  );
}

/** The calendar rules per UiTdatabank calendar type, as field errors. */
export function checkOfferCalendar(c: OfferCalendar, today: string): FieldErrors {
  const errors: FieldErrors = {};
  const bad = c.dates.filter((d) => !isIsoDate(d));
  if (c.calendarType === 'single') {
    if (c.dates.length !== 1 || bad.length) errors.dates = 'Vul de datum van de activiteit in.';
    else if (c.dates[0]! < today) errors.dates = 'De datum ligt in het verleden.';
  } else if (c.calendarType === 'multiple') {
    if (c.dates.length < 2 || bad.length)
      errors.dates = 'Vul minstens twee data in, gescheiden door een komma, bv. 12/03/2026, 19/03/2026.';
    else if (c.dates.every((d) => d < today)) errors.dates = 'Alle data liggen in het verleden.';
  } else {
    if (c.calendarType === 'periodic') {
      if (!c.startDate) errors.startDate = 'Vul de eerste dag van de periode in.';
      if (!c.endDate) errors.endDate = 'Vul de laatste dag van de periode in.';
    }
    if (c.startDate && !isIsoDate(c.startDate))
      errors.startDate = 'Vul een geldige datum in, bv. 01/09/2026.';
    if (c.endDate && !isIsoDate(c.endDate)) errors.endDate = 'Vul een geldige datum in, bv. 30/06/2027.';
    if (errors.startDate || errors.endDate) {
      // no comparison with a date that cannot be read
    } else if (c.startDate && c.endDate && c.endDate < c.startDate)
      errors.endDate = 'De laatste dag ligt voor de eerste dag.';
    else if (c.endDate && c.endDate < today) errors.endDate = 'De periode is al voorbij.';
    if (c.calendarType === 'periodic' && c.weekdays.length === 0)
      errors.weekdays = 'Kies minstens één dag van de week.';
  }
  return errors;
}

/**
 * Reads dates as people type them: "12/03/2026, 19/03/2026" or ISO. Returns ISO dates, sorted and
 * without doubles; unreadable parts come back as they were so the check can name them.
 */
export function parseDateList(input: string): string[] {
  const parts = input
    .split(/[,;\n]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out = parts.map((p) => {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(p);
    if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return p;
  });
  return [...new Set(out)].sort();
}

/** Accepts ISO ("2026-03-12") and Flemish ("12/03/2026") dates; returns ISO or the input unchanged. */
export function parseDate(input: string): string {
  return parseDateList(input)[0] ?? input.trim();
}
