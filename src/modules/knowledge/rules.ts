import type { OrganisationType } from '../../core/access/roles';
import type { RegistrationStatus } from './workflow';

// ---------------------------------------------------------------------------------------------
// Vocabularies (codes in English, labels in Dutch)
// ---------------------------------------------------------------------------------------------

export const eventTypes = ['netwerkmoment', 'lerend_netwerk', 'vorming', 'infosessie', 'webinar'] as const;
export type EventType = (typeof eventTypes)[number];
export const eventTypeLabels: Record<EventType, string> = {
  netwerkmoment: 'Netwerkmoment',
  lerend_netwerk: 'Sessie lerend netwerk',
  vorming: 'Vorming',
  infosessie: 'Infosessie',
  webinar: 'Webinar',
};

export const themes = [
  'nederlands',
  'werk',
  'onderwijs',
  'sociale_cohesie',
  'participatie',
  'antidiscriminatie',
  'inburgering',
  'vrouwen_meisjes',
  'toegankelijke_dienstverlening',
  'intergemeentelijke_samenwerking',
] as const;
export type Theme = (typeof themes)[number];
export const themeLabels: Record<Theme, string> = {
  nederlands: 'Nederlands',
  werk: 'Werk',
  onderwijs: 'Onderwijs',
  sociale_cohesie: 'Sociale cohesie',
  participatie: 'Participatie',
  antidiscriminatie: 'Antidiscriminatie',
  inburgering: 'Inburgering',
  vrouwen_meisjes: 'Vrouwen en meisjes',
  toegankelijke_dienstverlening: 'Toegankelijke dienstverlening',
  intergemeentelijke_samenwerking: 'Intergemeentelijke samenwerking',
};
export const themeLabel = (code: string): string => themeLabels[code as Theme] ?? code;

export const audienceKinds = [
  'all_local_governments',
  'region',
  'network',
  'invited',
  'learning_network',
] as const;
export type AudienceKind = (typeof audienceKinds)[number];
export const audienceKindLabels: Record<AudienceKind, string> = {
  all_local_governments: 'Alle lokale besturen',
  region: 'De lokale besturen van één referentieregio',
  network: 'De leden van één regionaal netwerk',
  invited: 'Alleen uitgenodigde organisaties',
  learning_network: 'De leden van een lerend netwerk',
};

export const toolKinds = ['script', 'template', 'online_tool'] as const;
export type ToolKind = (typeof toolKinds)[number];
export const toolKindLabels: Record<ToolKind, string> = {
  script: 'Draaiboek',
  template: 'Sjabloon',
  online_tool: 'Online tool',
};

/** Organisations that act as a local government (the regisseur, or on its behalf). */
export const localGovernmentTypes: readonly OrganisationType[] = [
  'local_government',
  'vgc',
  'de_rand',
  'intermunicipal_partnership',
];

// ---------------------------------------------------------------------------------------------
// Audience
// ---------------------------------------------------------------------------------------------

export type Audience = {
  kind: AudienceKind;
  /** Reference region code (kind `region`) or network code (kind `network`). */
  code: string | null;
  /** Kind `invited`. */
  invitedOrganisationIds: readonly string[];
  /** Kind `learning_network`. */
  learningNetworkId: string | null;
};

/** What decides whether an organisation belongs to an audience; loaded once per request. */
export type OrganisationFacts = {
  id: string;
  type: OrganisationType;
  /** Reference regions of the municipalities it governs or covers. */
  regionCodes: readonly string[];
  /** Networks of the municipalities it governs or covers, and the network it runs. */
  networkCodes: readonly string[];
  learningNetworkIds: readonly string[];
};

/** Whether members of this organisation may register for an event with this audience. */
export function isInAudience(audience: Audience, org: OrganisationFacts): boolean {
  const isLocal = localGovernmentTypes.includes(org.type);
  switch (audience.kind) {
    case 'all_local_governments':
      return isLocal;
    case 'region':
      return isLocal && !!audience.code && org.regionCodes.includes(audience.code);
    case 'network':
      return (
        (isLocal || org.type === 'network') && !!audience.code && org.networkCodes.includes(audience.code)
      );
    case 'invited':
      return audience.invitedOrganisationIds.includes(org.id);
    case 'learning_network':
      return !!audience.learningNetworkId && org.learningNetworkIds.includes(audience.learningNetworkId);
  }
}

export const outsideAudienceMessage: Record<AudienceKind, string> = {
  all_local_governments: 'Dit evenement is voor lokale besturen. Uw organisatie kan zich niet inschrijven.',
  region: 'Dit evenement is voor de lokale besturen van één regio. Uw organisatie hoort daar niet bij.',
  network: 'Dit evenement is voor de leden van één regionaal netwerk. Uw organisatie hoort daar niet bij.',
  invited: 'Dit evenement is alleen voor uitgenodigde organisaties. Uw organisatie is niet uitgenodigd.',
  learning_network: 'Dit evenement is voor de leden van een lerend netwerk. Uw organisatie is geen lid.',
};

// ---------------------------------------------------------------------------------------------
// Registration window, cancellation and attendance
// ---------------------------------------------------------------------------------------------

export type EventTiming = {
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date;
  cancelledAt: Date | null;
};

export type WindowState = 'cancelled' | 'not_open' | 'open' | 'closed';

export function registrationWindow(event: EventTiming, now: Date): WindowState {
  if (event.cancelledAt) return 'cancelled';
  if (event.registrationOpensAt && now < event.registrationOpensAt) return 'not_open';
  if (now >= event.registrationClosesAt || now >= event.startsAt) return 'closed';
  return 'open';
}

/** A Dutch reason why nobody can register now, or null when registration is open. */
export function registrationClosedReason(
  event: EventTiming,
  now: Date,
  format: (d: Date) => string,
): string | null {
  switch (registrationWindow(event, now)) {
    case 'cancelled':
      return 'Dit evenement is geannuleerd. U kunt zich niet meer inschrijven.';
    case 'not_open':
      return `De inschrijvingen openen pas op ${format(event.registrationOpensAt!)}.`;
    case 'closed':
      return `De inschrijvingen zijn afgesloten sinds ${format(
        new Date(Math.min(event.registrationClosesAt.getTime(), event.startsAt.getTime())),
      )}.`;
    case 'open':
      return null;
  }
}

/** Participants cancel themselves until the registration deadline (and never after the start). */
export function canSelfCancel(event: EventTiming, now: Date): boolean {
  return !event.cancelledAt && now < event.registrationClosesAt && now < event.startsAt;
}

/** Attendance is recorded from the day the event starts (Brussels time). */
export function canRecordAttendance(event: EventTiming, now: Date): boolean {
  return !event.cancelledAt && brusselsDate(now) >= brusselsDate(event.startsAt);
}

// ---------------------------------------------------------------------------------------------
// Capacity, organisation limit, waitlist
// ---------------------------------------------------------------------------------------------

export type CapacityRules = {
  /** null: no limit. */
  capacity: number | null;
  waitlistEnabled: boolean;
  approvalRequired: boolean;
};

/** Free places given the registrations that count; Infinity without a capacity. */
export function freePlaces(capacity: number | null, taken: number): number {
  return capacity === null ? Number.POSITIVE_INFINITY : Math.max(0, capacity - taken);
}

/** The status a registrant gets when a place is available. */
export function placedStatus(rules: Pick<CapacityRules, 'approvalRequired'>): RegistrationStatus {
  return rules.approvalRequired ? 'pending_approval' : 'registered';
}

export type Allocation = { ok: true; statuses: RegistrationStatus[] } | { ok: false; message: string };

/**
 * Statuses for `requested` new registrants, in arrival order: places first, then the waitlist.
 * Without a waitlist a request that does not fit entirely is refused, so a group is never split.
 */
export function allocate(rules: CapacityRules, taken: number, requested: number): Allocation {
  const free = freePlaces(rules.capacity, taken);
  const placed = Math.min(free, requested);
  const rest = requested - placed;
  if (rest > 0 && !rules.waitlistEnabled) {
    return {
      ok: false,
      message:
        free === 0
          ? 'Dit evenement is volzet en heeft geen wachtlijst.'
          : `Er ${free === 1 ? 'is' : 'zijn'} nog maar ${free} ${free === 1 ? 'plaats' : 'plaatsen'} vrij. Schrijf minder mensen in.`,
    };
  }
  return {
    ok: true,
    statuses: [
      ...Array.from({ length: placed }, () => placedStatus(rules)),
      ...Array.from({ length: rest }, (): RegistrationStatus => 'waitlisted'),
    ],
  };
}

/** A Dutch message when the organisation would go over its limit, else null. */
export function organisationLimitMessage(
  limit: number | null,
  activeForOrganisation: number,
  requested: number,
): string | null {
  if (limit === null || activeForOrganisation + requested <= limit) return null;
  const left = Math.max(0, limit - activeForOrganisation);
  return left === 0
    ? `Per organisatie kunnen maximaal ${limit} mensen inschrijven, en uw organisatie heeft dat aantal al bereikt.`
    : `Per organisatie kunnen maximaal ${limit} mensen inschrijven. U kunt nog ${left} ${left === 1 ? 'persoon' : 'personen'} inschrijven.`;
}

/** Who moves up when places free: the first `free` on the waitlist, by arrival. */
export function toPromote<T extends { arrival: number }>(
  rules: Pick<CapacityRules, 'capacity'>,
  taken: number,
  waitlist: readonly T[],
): T[] {
  const free = freePlaces(rules.capacity, taken);
  const ordered = [...waitlist].sort((a, b) => a.arrival - b.arrival);
  return Number.isFinite(free) ? ordered.slice(0, free) : ordered;
}

// ---------------------------------------------------------------------------------------------
// Time in Brussels
// ---------------------------------------------------------------------------------------------

const TIME_ZONE = 'Europe/Brussels';
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function brusselsParts(date: Date) {
  const p = Object.fromEntries(partsFormat.formatToParts(date).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
  };
}

/** Milliseconds Brussels is ahead of UTC at this instant (3 600 000 in winter, 7 200 000 in summer). */
function offsetAt(date: Date): number {
  const p = brusselsParts(date);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** '2026-03-29' + '14:30' in Brussels → the instant; null when the date or time does not exist. */
export function brusselsLocalToUtc(date: string, time = '00:00'): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2})[:.u](\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const guess = Date.UTC(y, mo - 1, da, h, mi);
  const check = new Date(guess);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== da) return null;
  let result = guess - offsetAt(new Date(guess));
  // Near a DST switch the offset at the result can differ from the offset at the guess.
  result = guess - offsetAt(new Date(result));
  return new Date(result);
}

/** The instant as Brussels date and time for form fields. */
export function utcToBrusselsLocal(date: Date): { date: string; time: string } {
  const p = brusselsParts(date);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

export function brusselsDate(date: Date): string {
  return utcToBrusselsLocal(date).date;
}

/** '2026-05' → the instants where that month starts and the next begins, in Brussels. */
export function monthRange(month: string): { from: Date; to: Date } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  const from = brusselsLocalToUtc(`${month}-01`);
  const to = brusselsLocalToUtc(`${next}-01`);
  return from && to ? { from, to } : null;
}
