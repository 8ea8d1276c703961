import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availableTransitions, transition } from '../../core/workflow/workflow';
import { toCsv } from './csv';
import { buildCalendar, foldLine, icsText } from './ics';
import {
  type Audience,
  allocate,
  brusselsLocalToUtc,
  canRecordAttendance,
  canSelfCancel,
  freePlaces,
  isInAudience,
  monthRange,
  type OrganisationFacts,
  organisationLimitMessage,
  registrationClosedReason,
  registrationWindow,
  toPromote,
  utcToBrusselsLocal,
} from './rules';
import {
  countingRegistrationStatuses,
  practiceWorkflow,
  registrationWorkflow,
  systemTransition,
} from './workflow';

const org = (over: Partial<OrganisationFacts> = {}): OrganisationFacts => ({
  id: 'mechelen',
  type: 'local_government',
  regionCodes: ['REFREG02'],
  networkCodes: ['REFREG02'],
  learningNetworkIds: [],
  ...over,
});
const audience = (over: Partial<Audience>): Audience => ({
  kind: 'all_local_governments',
  code: null,
  invitedOrganisationIds: [],
  learningNetworkId: null,
  ...over,
});

describe('registration workflow', () => {
  it('declares every status with a class and whether it holds a place', () => {
    const s = registrationWorkflow.statuses;
    expect(s.registered).toMatchObject({ class: 'positive', counts: true });
    expect(s.pending_approval).toMatchObject({ class: 'pending', counts: true });
    expect(s.waitlisted).toMatchObject({ class: 'waiting', counts: false });
    expect(s.cancelled).toMatchObject({ class: 'negative', counts: false });
    expect(s.attended).toMatchObject({ counts: true });
    expect(s.no_show).toMatchObject({ counts: true });
    expect(countingRegistrationStatuses.sort()).toEqual([
      'attended',
      'no_show',
      'pending_approval',
      'registered',
    ]);
  });

  it('lets a participant cancel but only organisers approve or record attendance', () => {
    expect(transition(registrationWorkflow, 'registered', 'cancel', 'local_officer')).toBe('cancelled');
    expect(() => transition(registrationWorkflow, 'pending_approval', 'approve', 'local_officer')).toThrow(
      /rol/,
    );
    expect(transition(registrationWorkflow, 'pending_approval', 'approve', 'agency_staff')).toBe(
      'registered',
    );
    expect(transition(registrationWorkflow, 'registered', 'mark_no_show', 'network_coordinator')).toBe(
      'no_show',
    );
    expect(() => transition(registrationWorkflow, 'cancelled', 'cancel', 'local_officer')).toThrow(/status/);
    expect(() => transition(registrationWorkflow, 'waitlisted', 'mark_attended', 'agency_staff')).toThrow();
    expect(
      availableTransitions(registrationWorkflow, 'registered', 'local_officer').map((t) => t.action),
    ).toEqual(['cancel']);
  });

  it('promotes from the waitlist as a platform step', () => {
    expect(systemTransition(registrationWorkflow, 'waitlisted', 'promote')).toBe('registered');
    expect(systemTransition(registrationWorkflow, 'waitlisted', 'promote_for_approval')).toBe(
      'pending_approval',
    );
    expect(() => systemTransition(registrationWorkflow, 'cancelled', 'promote')).toThrow();
  });

  it('has an editorial workflow for good practices', () => {
    expect(transition(practiceWorkflow, 'submitted', 'publish', 'agency_staff')).toBe('published');
    expect(transition(practiceWorkflow, 'submitted', 'send_back', 'platform_admin')).toBe('sent_back');
    expect(() => transition(practiceWorkflow, 'submitted', 'publish', 'local_officer')).toThrow(/rol/);
    expect(transition(practiceWorkflow, 'sent_back', 'resubmit', 'local_officer')).toBe('submitted');
    expect(() => transition(practiceWorkflow, 'published', 'publish', 'agency_staff')).toThrow(/status/);
  });
});

describe('audience', () => {
  it('all local governments: local governments, VGC, De Rand and partnerships, no agencies or partners', () => {
    const a = audience({});
    for (const type of ['local_government', 'vgc', 'de_rand', 'intermunicipal_partnership'] as const)
      expect(isInAudience(a, org({ type }))).toBe(true);
    for (const type of ['agency', 'partner_organisation', 'network', 'expert_organisation'] as const)
      expect(isInAudience(a, org({ type }))).toBe(false);
  });

  it('a reference region: local governments of that region only', () => {
    const a = audience({ kind: 'region', code: 'REFREG02' });
    expect(isInAudience(a, org())).toBe(true);
    expect(isInAudience(a, org({ regionCodes: ['REFREG13'] }))).toBe(false);
    expect(isInAudience(a, org({ type: 'intermunicipal_partnership', regionCodes: ['REFREG02'] }))).toBe(
      true,
    );
    expect(isInAudience(a, org({ type: 'agency', regionCodes: ['REFREG02'] }))).toBe(false);
    expect(isInAudience(audience({ kind: 'region', code: null }), org())).toBe(false);
  });

  it('a network: its local governments and the network organisation itself', () => {
    const a = audience({ kind: 'network', code: 'REFREG13' });
    expect(isInAudience(a, org({ networkCodes: ['REFREG13'] }))).toBe(true);
    expect(isInAudience(a, org({ type: 'network', networkCodes: ['REFREG13'] }))).toBe(true);
    expect(isInAudience(a, org())).toBe(false);
  });

  it('invited organisations and learning network members', () => {
    expect(isInAudience(audience({ kind: 'invited', invitedOrganisationIds: ['mechelen'] }), org())).toBe(
      true,
    );
    expect(isInAudience(audience({ kind: 'invited', invitedOrganisationIds: ['gent'] }), org())).toBe(false);
    // An invitation works for any kind of organisation, e.g. a partner.
    expect(
      isInAudience(
        audience({ kind: 'invited', invitedOrganisationIds: ['p'] }),
        org({ id: 'p', type: 'partner_organisation' }),
      ),
    ).toBe(true);
    const ln = audience({ kind: 'learning_network', learningNetworkId: 'ln1' });
    expect(isInAudience(ln, org({ learningNetworkIds: ['ln1'] }))).toBe(true);
    expect(isInAudience(ln, org({ learningNetworkIds: ['ln2'] }))).toBe(false);
  });
});

describe('registration window', () => {
  const at = (iso: string) => new Date(iso);
  const event = {
    startsAt: at('2026-06-10T07:00:00Z'),
    endsAt: at('2026-06-10T11:00:00Z'),
    registrationOpensAt: at('2026-05-01T00:00:00Z'),
    registrationClosesAt: at('2026-06-05T22:00:00Z'),
    cancelledAt: null,
  };
  const fmt = (d: Date) => d.toISOString().slice(0, 10);

  it('is not open, open, then closed at the deadline', () => {
    expect(registrationWindow(event, at('2026-04-30T12:00:00Z'))).toBe('not_open');
    expect(registrationWindow(event, at('2026-05-01T00:00:00Z'))).toBe('open');
    expect(registrationWindow(event, at('2026-06-05T21:59:59Z'))).toBe('open');
    expect(registrationWindow(event, at('2026-06-05T22:00:00Z'))).toBe('closed');
    expect(registrationClosedReason(event, at('2026-06-06T00:00:00Z'), fmt)).toBe(
      'De inschrijvingen zijn afgesloten sinds 2026-06-05.',
    );
    expect(registrationClosedReason(event, at('2026-04-01T00:00:00Z'), fmt)).toContain(
      'openen pas op 2026-05-01',
    );
    expect(registrationClosedReason(event, at('2026-05-10T00:00:00Z'), fmt)).toBeNull();
  });

  it('closes at the start even with a later deadline, and for a cancelled event', () => {
    const late = { ...event, registrationClosesAt: at('2026-06-11T00:00:00Z') };
    expect(registrationWindow(late, at('2026-06-10T07:00:00Z'))).toBe('closed');
    const cancelled = { ...event, cancelledAt: at('2026-05-02T00:00:00Z') };
    expect(registrationWindow(cancelled, at('2026-05-10T00:00:00Z'))).toBe('cancelled');
    expect(registrationClosedReason(cancelled, at('2026-05-10T00:00:00Z'), fmt)).toContain('geannuleerd');
  });

  it('allows self-cancellation until the deadline and attendance from the start day', () => {
    expect(canSelfCancel(event, at('2026-06-05T21:00:00Z'))).toBe(true);
    expect(canSelfCancel(event, at('2026-06-05T22:00:00Z'))).toBe(false);
    expect(canRecordAttendance(event, at('2026-06-09T21:00:00Z'))).toBe(false);
    // 06:00 UTC on the 10th is 08:00 in Brussels, before the 09:00 start but on the same day.
    expect(canRecordAttendance(event, at('2026-06-10T06:00:00Z'))).toBe(true);
  });
});

describe('capacity and waitlist', () => {
  const rules = { capacity: 50, waitlistEnabled: true, approvalRequired: false };

  it('places until full, then waitlists', () => {
    expect(allocate(rules, 48, 3)).toEqual({
      ok: true,
      statuses: ['registered', 'registered', 'waitlisted'],
    });
    expect(allocate(rules, 50, 1)).toEqual({ ok: true, statuses: ['waitlisted'] });
    expect(allocate({ ...rules, approvalRequired: true }, 0, 1)).toEqual({
      ok: true,
      statuses: ['pending_approval'],
    });
    expect(allocate({ ...rules, capacity: null }, 10_000, 2)).toEqual({
      ok: true,
      statuses: ['registered', 'registered'],
    });
  });

  it('refuses what does not fit without a waitlist, never splitting a group', () => {
    const noWaitlist = { ...rules, waitlistEnabled: false };
    expect(allocate(noWaitlist, 50, 1)).toEqual({
      ok: false,
      message: 'Dit evenement is volzet en heeft geen wachtlijst.',
    });
    expect(allocate(noWaitlist, 49, 2)).toMatchObject({
      ok: false,
      message: expect.stringContaining('nog maar 1 plaats'),
    });
  });

  it('never overbooks (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (capacity, taken, requested, waitlistEnabled) => {
          const result = allocate({ capacity, waitlistEnabled, approvalRequired: false }, taken, requested);
          if (!result.ok) return !waitlistEnabled;
          const placed = result.statuses.filter((s) => s !== 'waitlisted').length;
          const firstWaiting = result.statuses.indexOf('waitlisted');
          const placesFirst =
            firstWaiting === -1 || result.statuses.slice(firstWaiting).every((s) => s === 'waitlisted');
          return (
            result.statuses.length === requested && placed <= Math.max(0, capacity - taken) && placesFirst
          );
        },
      ),
    );
  });

  it('limits registrations per organisation', () => {
    expect(organisationLimitMessage(null, 10, 5)).toBeNull();
    expect(organisationLimitMessage(3, 1, 2)).toBeNull();
    expect(organisationLimitMessage(3, 1, 3)).toBe(
      'Per organisatie kunnen maximaal 3 mensen inschrijven. U kunt nog 2 personen inschrijven.',
    );
    expect(organisationLimitMessage(2, 2, 1)).toContain('al bereikt');
  });

  it('promotes the first on the waitlist by arrival', () => {
    const waitlist = [{ arrival: 9 }, { arrival: 4 }, { arrival: 7 }];
    expect(toPromote({ capacity: 10 }, 9, waitlist)).toEqual([{ arrival: 4 }]);
    expect(toPromote({ capacity: 10 }, 8, waitlist)).toEqual([{ arrival: 4 }, { arrival: 7 }]);
    expect(toPromote({ capacity: 10 }, 10, waitlist)).toEqual([]);
    expect(toPromote({ capacity: 10 }, 12, waitlist)).toEqual([]);
    expect(toPromote({ capacity: null }, 12, waitlist)).toHaveLength(3);
    expect(freePlaces(5, 7)).toBe(0);
  });
});

describe('Brussels time', () => {
  it('converts local times in winter and summer', () => {
    expect(brusselsLocalToUtc('2026-01-15', '09:30')?.toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(brusselsLocalToUtc('2026-07-15', '09:30')?.toISOString()).toBe('2026-07-15T07:30:00.000Z');
    // The night the clocks go forward (29 March 2026, 02:00 → 03:00).
    expect(brusselsLocalToUtc('2026-03-29', '03:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(brusselsLocalToUtc('2026-03-29', '01:30')?.toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(brusselsLocalToUtc('2026-02-30', '10:00')).toBeNull();
    expect(brusselsLocalToUtc('2026-02-10', '25:00')).toBeNull();
    expect(brusselsLocalToUtc('10/02/2026', '10:00')).toBeNull();
    expect(brusselsLocalToUtc('2026-02-10', '9u15')?.toISOString()).toBe('2026-02-10T08:15:00.000Z');
  });

  it('round-trips to form values', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        (d) => {
          const rounded = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
          const local = utcToBrusselsLocal(rounded);
          const back = brusselsLocalToUtc(local.date, local.time)!;
          // The repeated hour in October is ambiguous; everything else round-trips exactly.
          return (
            back.getTime() === rounded.getTime() || Math.abs(back.getTime() - rounded.getTime()) === 3_600_000
          );
        },
      ),
    );
  });

  it('gives month ranges in Brussels time', () => {
    expect(monthRange('2026-05')).toEqual({
      from: new Date('2026-04-30T22:00:00Z'),
      to: new Date('2026-05-31T22:00:00Z'),
    });
    expect(monthRange('2026-12')?.to.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(monthRange('2026-13')).toBeNull();
    expect(monthRange('mei')).toBeNull();
  });
});

describe('iCalendar and CSV', () => {
  it('escapes text and folds long lines at 75 octets', () => {
    expect(icsText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
    const long = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(long);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
  });

  it('writes a calendar with UTC times and a cancelled status', () => {
    const ics = buildCalendar({
      name: 'Agenda',
      now: new Date('2026-01-01T00:00:00Z'),
      events: [
        {
          uid: 'e1@regiekamer',
          start: new Date('2026-03-12T13:00:00Z'),
          end: new Date('2026-03-12T15:30:00Z'),
          summary: 'Netwerkmoment, Mechelen',
          location: 'Stadhuis; zaal 2',
          cancelled: true,
        },
      ],
    });
    expect(ics).toContain('BEGIN:VCALENDAR\r\n');
    expect(ics).toContain('DTSTART:20260312T130000Z');
    expect(ics).toContain('DTEND:20260312T153000Z');
    expect(ics).toContain('SUMMARY:Netwerkmoment\\, Mechelen');
    expect(ics).toContain('LOCATION:Stadhuis\\; zaal 2');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('writes CSV for Excel and defuses formulas', () => {
    const csv = toCsv(
      ['Naam', 'Opmerking'],
      [
        ['Jan; Piet', '=HYPERLINK("x")'],
        ['Els', null],
      ],
    );
    expect(csv.startsWith('\uFEFFNaam;Opmerking\r\n')).toBe(true);
    expect(csv).toContain('"Jan; Piet";"\'=HYPERLINK(""x"")"');
    expect(csv).toContain('Els;\r\n');
  });
});
