import type { Role } from '../../core/access/roles';
import { availableTransitions, defineWorkflow, transition } from '../../core/workflow/workflow';

/* ------------------------------------------------------------------------------------------------
 * Catalogue vocabulary
 * ---------------------------------------------------------------------------------------------- */

/** How a catalogue item is delivered. */
export const serviceForms = ['advice', 'coaching', 'training', 'data_analysis', 'tool', 'script'] as const;
export type ServiceForm = (typeof serviceForms)[number];
export const serviceFormLabels: Record<ServiceForm, string> = {
  advice: 'Advies',
  coaching: 'Begeleiding',
  training: 'Vorming',
  data_analysis: 'Data-analyse',
  tool: 'Tool',
  script: 'Draaiboek',
};

export const serviceCategories = [
  'data',
  'accessible_services',
  'newcomers',
  'networks',
  'methods',
  'projects',
  'cooperation',
] as const;
export type ServiceCategory = (typeof serviceCategories)[number];
export const serviceCategoryLabels: Record<ServiceCategory, string> = {
  data: 'Cijfers en analyse',
  accessible_services: 'Toegankelijke dienstverlening',
  newcomers: 'Nieuwkomers wegwijs maken',
  networks: 'Netwerken',
  methods: 'Methodieken en beleid',
  projects: 'Projectondersteuning',
  cooperation: 'Intergemeentelijk samenwerken',
};

/** The agencies that deliver the standard service (HVN promotes Dutch in Brussels, not this service). */
export const serviceAgencies = ['AGII', 'ATLAS', 'AMAL'] as const;
export type ServiceAgency = (typeof serviceAgencies)[number];
export const agencyLabels: Record<string, string> = {
  AGII: 'Agentschap Integratie en Inburgering',
  ATLAS: 'Atlas (Antwerpen)',
  AMAL: 'Amal (Gent)',
  HVN: 'Huis van het Nederlands Brussel',
};

export const contactKinds = ['meeting', 'phone', 'visit', 'email'] as const;
export type ContactKind = (typeof contactKinds)[number];
export const contactKindLabels: Record<ContactKind, string> = {
  meeting: 'Overleg',
  phone: 'Telefoongesprek',
  visit: 'Bezoek ter plaatse',
  email: 'E-mail',
};

/* ------------------------------------------------------------------------------------------------
 * Working days and Belgian public holidays (dates are ISO strings, YYYY-MM-DD, Brussels calendar)
 * ---------------------------------------------------------------------------------------------- */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type Holiday = { date: string; name: string };

const holidayCache = new Map<number, Holiday[]>();

/** The ten legal public holidays of Belgium in a year. */
export function belgianPublicHolidays(year: number): Holiday[] {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const y = String(year).padStart(4, '0');
  const list: Holiday[] = [
    { date: `${y}-01-01`, name: 'Nieuwjaar' },
    { date: addDays(easter, 1), name: 'Paasmaandag' },
    { date: `${y}-05-01`, name: 'Dag van de Arbeid' },
    { date: addDays(easter, 39), name: 'Onze-Lieve-Heer-Hemelvaart' },
    { date: addDays(easter, 50), name: 'Pinkstermaandag' },
    { date: `${y}-07-21`, name: 'Nationale feestdag' },
    { date: `${y}-08-15`, name: 'Onze-Lieve-Vrouw-Hemelvaart' },
    { date: `${y}-11-01`, name: 'Allerheiligen' },
    { date: `${y}-11-11`, name: 'Wapenstilstand' },
    { date: `${y}-12-25`, name: 'Kerstmis' },
  ].sort((p, q) => p.date.localeCompare(q.date));
  holidayCache.set(year, list);
  return list;
}

export function isPublicHoliday(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return belgianPublicHolidays(year).some((h) => h.date === iso);
}

const dayNumbers = new Map<string, number>();

/**
 * Days since 1970-01-01 (a Thursday) of an ISO date. Remembered per date: an overview asks for the same few
 * hundred dates thousands of times, and parsing them was most of its work.
 */
function dayNumber(iso: string): number {
  let n = dayNumbers.get(iso);
  if (n === undefined) {
    n = Math.round(toUtc(iso) / DAY_MS);
    if (dayNumbers.size >= 20_000) dayNumbers.clear();
    dayNumbers.set(iso, n);
  }
  return n;
}

/** Weekdays (Monday to Friday) among the days numbered below `day`, up to a constant offset. */
function weekdaysBefore(day: number): number {
  const fromMonday = day + 3; // day 0 is a Thursday, so day -3 is a Monday
  const weeks = Math.floor(fromMonday / 7);
  return weeks * 5 + Math.min(fromMonday - weeks * 7, 5);
}

const weekdayHolidayCache = new Map<number, number[]>();

/** The day numbers of a year's public holidays that fall on a weekday, each date once. */
function weekdayHolidays(year: number): number[] {
  const cached = weekdayHolidayCache.get(year);
  if (cached) return cached;
  const days = [...new Set(belgianPublicHolidays(year).map((h) => dayNumber(h.date)))].filter(
    (d) => weekdaysBefore(d + 1) - weekdaysBefore(d) === 1,
  );
  weekdayHolidayCache.set(year, days);
  return days;
}

export function isWorkingDay(iso: string): boolean {
  const weekday = new Date(toUtc(iso)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(iso);
}

/**
 * The `days`-th working day after `start` (the start day itself never counts, so a request filed on a
 * Sunday with a norm of 1 is due on Monday). With 0 days: `start` itself, or the next working day.
 */
export function addWorkingDays(start: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new Error(`bad number of working days: ${days}`);
  let current = start;
  if (days === 0) {
    while (!isWorkingDay(current)) current = addDays(current, 1);
    return current;
  }
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string): number {
  // Arithmetic rather than a walk over the days: overviews call this for thousands of requests.
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last <= first) return 0;
  let n = weekdaysBefore(last + 1) - weekdaysBefore(first + 1);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
    for (const d of weekdayHolidays(year)) if (d > first && d <= last) n -= 1;
  return n;
}

/** The due date of a request filed on `submittedOn` for an item with this service norm. */
export function dueDateFor(submittedOn: string, normWorkingDays: number): string {
  return addWorkingDays(submittedOn, normWorkingDays);
}

/** Free questions (no catalogue item) get this norm. */
export const FREE_QUESTION_NORM_DAYS = 10;

/* ------------------------------------------------------------------------------------------------
 * The request workflow
 * ---------------------------------------------------------------------------------------------- */

export const requestStatuses = [
  'submitted',
  'in_progress',
  'waiting_for_local_government',
  'done',
  'cancelled',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

const agencySide: Role[] = ['contact_person', 'agency_staff'];

export const requestWorkflow = defineWorkflow<RequestStatus>(
  'service_request',
  [
    {
      code: 'submitted',
      label: 'Nieuw',
      publicLabel: 'Verstuurd',
      class: 'pending',
      counts: true,
    },
    {
      code: 'in_progress',
      label: 'In behandeling',
      publicLabel: 'In behandeling',
      class: 'pending',
      counts: true,
    },
    {
      code: 'waiting_for_local_government',
      label: 'Wacht op lokaal bestuur',
      publicLabel: 'Wacht op uw antwoord',
      class: 'waiting',
      counts: true,
    },
    {
      code: 'done',
      label: 'Afgerond',
      publicLabel: 'Afgerond',
      class: 'positive',
      counts: true,
      final: true,
    },
    {
      code: 'cancelled',
      label: 'Geannuleerd',
      publicLabel: 'Geannuleerd',
      class: 'negative',
      counts: false,
      final: true,
    },
  ],
  [
    {
      from: 'submitted',
      to: 'in_progress',
      action: 'start',
      label: 'In behandeling nemen',
      roles: agencySide,
    },
    {
      from: 'in_progress',
      to: 'waiting_for_local_government',
      action: 'ask_local_government',
      label: 'Wachten op het lokaal bestuur',
      roles: agencySide,
    },
    {
      from: 'waiting_for_local_government',
      to: 'in_progress',
      action: 'answer',
      label: 'Ik heb geantwoord',
      roles: ['local_officer'],
    },
    {
      from: 'waiting_for_local_government',
      to: 'in_progress',
      action: 'resume',
      label: 'Verder behandelen',
      roles: agencySide,
    },
    {
      from: ['submitted', 'in_progress', 'waiting_for_local_government'],
      to: 'done',
      action: 'complete',
      label: 'Afronden',
      roles: agencySide,
    },
    {
      from: ['submitted', 'in_progress', 'waiting_for_local_government'],
      to: 'cancelled',
      action: 'cancel',
      label: 'Annuleren',
      roles: ['local_officer', ...agencySide],
    },
    { from: 'done', to: 'in_progress', action: 'reopen', label: 'Heropenen', roles: agencySide },
  ],
);

export const requestActions = [...new Set(requestWorkflow.transitions.map((t) => t.action))];

export const openStatuses: RequestStatus[] = requestStatuses.filter(
  (s) => !requestWorkflow.statuses[s].final,
);

export function isOpen(status: string): boolean {
  return (openStatuses as string[]).includes(status);
}

/** The next status for `action`, or a ConflictError (wrong status) / ForbiddenError (wrong role). */
export function nextStatus(from: RequestStatus, action: string, role: Role): RequestStatus {
  return transition(requestWorkflow, from, action, role);
}

export function actionsFor(from: RequestStatus, role: Role) {
  return availableTransitions(requestWorkflow, from, role);
}

export function statusLabel(status: string, forLocalGovernment = false): string {
  const def = requestWorkflow.statuses[status as RequestStatus];
  if (!def) return status;
  return forLocalGovernment ? def.publicLabel : def.label;
}

/**
 * Statuses in which the agency holds the ball: only these can be overdue. While the agency waits for
 * the local government, the request is open but not late on the agency's side.
 */
export const overdueStatuses: RequestStatus[] = ['submitted', 'in_progress'];

export function isOverdue(request: { status: string; dueDate: string }, today: string): boolean {
  return (overdueStatuses as string[]).includes(request.status) && request.dueDate < today;
}

/* ------------------------------------------------------------------------------------------------
 * Lead times
 * ---------------------------------------------------------------------------------------------- */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type LeadTimeInput = { key: string; normDays: number; submittedOn: string; closedOn: string };
export type LeadTimeSummary = {
  key: string;
  normDays: number;
  count: number;
  medianDays: number | null;
  withinNorm: number;
};

/** Median lead time in working days per key (catalogue item), against its norm. */
export function leadTimeSummary(rows: readonly LeadTimeInput[]): LeadTimeSummary[] {
  const groups = new Map<string, { normDays: number; days: number[]; withinNorm: number }>();
  for (const r of rows) {
    const days = workingDaysBetween(r.submittedOn, r.closedOn);
    const g = groups.get(r.key) ?? { normDays: r.normDays, days: [], withinNorm: 0 };
    g.days.push(days);
    if (days <= r.normDays) g.withinNorm += 1;
    groups.set(r.key, g);
  }
  return [...groups].map(([key, g]) => ({
    key,
    normDays: g.normDays,
    count: g.days.length,
    medianDays: median(g.days),
    withinNorm: g.withinNorm,
  }));
}

/* ------------------------------------------------------------------------------------------------
 * The basic package
 * ---------------------------------------------------------------------------------------------- */

export type PackageItem = {
  id: string;
  title: string;
  inBasicPackage: boolean;
  validFrom: string;
  validUntil: string | null;
  agencies: readonly string[];
};

export function validInYear(item: Pick<PackageItem, 'validFrom' | 'validUntil'>, year: number): boolean {
  return (
    item.validFrom <= `${year}-12-31` && (item.validUntil === null || item.validUntil >= `${year}-01-01`)
  );
}

export type PackageYear = {
  year: number;
  currentYear: number;
  /** The agency closed the year explicitly. */
  closed: boolean;
  /** The agency's limit on the number of items per local government; null: no limit. */
  maxItems: number | null;
  agencyCode: string;
};

/** A year can change from the current year up to next year, until the agency closes it. */
export function yearOpenError(y: Pick<PackageYear, 'year' | 'currentYear' | 'closed'>): string | null {
  if (y.year < y.currentYear || y.closed) {
    return `Het jaar ${y.year} is afgesloten: de keuze voor dat jaar kan niet meer veranderen.`;
  }
  if (y.year > y.currentYear + 1) {
    return `U kunt nog niet kiezen voor ${y.year}. Dat kan vanaf ${y.year - 1}.`;
  }
  return null;
}

/** Every reason why this choice cannot be kept, in plain Dutch; empty when it is fine. */
export function packageChoiceErrors(
  selectedIds: readonly string[],
  catalogue: readonly PackageItem[],
  y: PackageYear,
): string[] {
  const yearError = yearOpenError(y);
  if (yearError) return [yearError];
  const errors: string[] = [];
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const unique = [...new Set(selectedIds)];
  for (const id of unique) {
    const item = byId.get(id);
    if (!item) {
      errors.push('Een gekozen dienst bestaat niet (meer) in de catalogus.');
      continue;
    }
    if (!item.inBasicPackage) errors.push(`"${item.title}" hoort niet bij het gratis basispakket.`);
    else if (!validInYear(item, y.year)) errors.push(`"${item.title}" is niet beschikbaar in ${y.year}.`);
    else if (!item.agencies.includes(y.agencyCode)) {
      errors.push(`"${item.title}" wordt niet aangeboden door uw agentschap.`);
    }
  }
  if (y.maxItems !== null && unique.length > y.maxItems) {
    errors.push(
      `U kunt hoogstens ${y.maxItems} ${y.maxItems === 1 ? 'dienst' : 'diensten'} kiezen voor ${y.year}; u koos er ${unique.length}.`,
    );
  }
  return errors;
}

/** What changes between the current choice and a new one. */
export function packageDiff(current: readonly string[], next: readonly string[]) {
  const now = new Set(current);
  const then = new Set(next);
  return {
    added: [...then].filter((id) => !now.has(id)),
    removed: [...now].filter((id) => !then.has(id)),
  };
}
