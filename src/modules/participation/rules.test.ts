import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../../core/http/errors';
import { countingStatuses, transition } from '../../core/workflow/workflow';
import {
  anonymisationDue,
  anonymisedFields,
  applyConfirmation,
  type CountedEntry,
  canClose,
  checkHourEntry,
  checkOfferCalendar,
  countValidatedMinutes,
  decideLinkUse,
  formatHours,
  hashLinkToken,
  newTrajectoryCode,
  newVerificationCode,
  normaliseVerificationCode,
  offerValidUntil,
  offerWeekdays,
  parseDateList,
  parseHours,
  progress,
  reminderDue,
  signLinkToken,
  suppress,
  suppressBreakdown,
  suppressWithGroup,
  TARGET_MINUTES,
  verifyLinkToken,
  weekdayOf,
} from './rules';
import { levelsUpTo } from './vocab';
import {
  type HourStatus,
  hourWorkflow,
  LINK_ROLE,
  offerWorkflow,
  systemTransition,
  trajectoryWorkflow,
} from './workflow';

describe('the 40-hour rule', () => {
  it('counts progress to 40 validated hours and allows closing only from 40 hours', () => {
    expect(progress(0)).toMatchObject({ percent: 0, remainingMinutes: 2400, complete: false });
    expect(progress(20 * 60)).toMatchObject({ percent: 50, remainingMinutes: 1200, complete: false });
    expect(progress(TARGET_MINUTES - 15).complete).toBe(false);
    expect(progress(TARGET_MINUTES)).toMatchObject({ percent: 100, remainingMinutes: 0, complete: true });
    expect(progress(50 * 60)).toMatchObject({ percent: 100, remainingMinutes: 0, complete: true });
    expect(canClose('active', TARGET_MINUTES)).toBe(true);
    expect(canClose('active', TARGET_MINUTES - 1)).toBe(false);
    expect(canClose('stopped', TARGET_MINUTES)).toBe(false);
    expect(canClose('completed', TARGET_MINUTES)).toBe(false);
  });

  it('counts only validated, confirmed entries', () => {
    const entries: CountedEntry[] = [
      { id: 'a', minutes: 120, status: 'validated', confirmationId: 'l1' },
      { id: 'b', minutes: 60, status: 'confirmed', confirmationId: 'l1' },
      { id: 'c', minutes: 60, status: 'registered', confirmationId: null },
      { id: 'd', minutes: 60, status: 'rejected', confirmationId: 'l2' },
      { id: 'e', minutes: 90, status: 'validated', confirmationId: 'l2' },
      // a validated entry without a confirmation (e.g. data typed in by hand) does not count
      { id: 'f', minutes: 600, status: 'validated', confirmationId: null },
    ];
    expect(countValidatedMinutes(entries)).toBe(210);
    expect(countValidatedMinutes([...entries, ...entries])).toBe(210);
  });

  it('reads hours as people type them', () => {
    expect(parseHours('2')).toBe(120);
    expect(parseHours('2,5')).toBe(150);
    expect(parseHours('2.25')).toBe(135);
    expect(parseHours('1:30')).toBe(90);
    expect(parseHours('1u30')).toBe(90);
    expect(parseHours('1 u 30')).toBe(90);
    expect(parseHours('3 uur')).toBe(180);
    expect(parseHours('45 min')).toBe(45);
    expect(parseHours('1:75')).toBeNull();
    expect(parseHours('twee')).toBeNull();
    expect(parseHours('')).toBeNull();
    expect(parseHours('-2')).toBeNull();
    expect(formatHours(90)).toBe('1 uur 30 min');
    expect(formatHours(45)).toBe('45 min');
    expect(formatHours(2400)).toBe('40 uur');
  });
});

describe('hour entry validation', () => {
  const base = { trajectoryStart: '2026-01-10', today: '2026-03-01', minutesAlreadyOnDate: 0 };

  it('accepts a normal entry', () => {
    expect(checkHourEntry({ ...base, date: '2026-02-15', minutes: 150 })).toEqual({});
    expect(checkHourEntry({ ...base, date: '2026-01-10', minutes: 720 })).toEqual({});
    expect(checkHourEntry({ ...base, date: '2026-03-01', minutes: 60 })).toEqual({});
  });

  it('refuses a date in the future or before the start', () => {
    expect(checkHourEntry({ ...base, date: '2026-03-02', minutes: 60 }).date).toContain('toekomst');
    expect(checkHourEntry({ ...base, date: '2026-01-09', minutes: 60 }).date).toContain('start');
    expect(checkHourEntry({ ...base, date: '2026-02-30', minutes: 60 }).date).toContain('geldige datum');
    expect(checkHourEntry({ ...base, date: 'gisteren', minutes: 60 }).date).toContain('geldige datum');
  });

  it('refuses more than 12 hours on one day, also across entries', () => {
    expect(checkHourEntry({ ...base, date: '2026-02-15', minutes: 735 }).hours).toContain('12');
    const second = checkHourEntry({ ...base, date: '2026-02-15', minutes: 180, minutesAlreadyOnDate: 600 });
    expect(second.hours).toContain('nog hoogstens 2 uur');
    const full = checkHourEntry({ ...base, date: '2026-02-15', minutes: 15, minutesAlreadyOnDate: 720 });
    expect(full.hours).toContain('al 12 uren');
    expect(checkHourEntry({ ...base, date: '2026-02-15', minutes: 120, minutesAlreadyOnDate: 600 })).toEqual(
      {},
    );
  });

  it('refuses zero, negative and odd minutes', () => {
    expect(checkHourEntry({ ...base, date: '2026-02-15', minutes: 0 }).hours).toBeDefined();
    expect(checkHourEntry({ ...base, date: '2026-02-15', minutes: -60 }).hours).toBeDefined();
    expect(checkHourEntry({ ...base, date: '2026-02-15', minutes: 70 }).hours).toContain('kwartier');
  });

  it('never accepts a day above 12 hours, whatever is typed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 720 }).map((n) => n - (n % 15)),
        fc.integer({ min: -100, max: 2000 }),
        (already, minutes) => {
          const errors = checkHourEntry({
            ...base,
            date: '2026-02-15',
            minutes,
            minutesAlreadyOnDate: already,
          });
          if (Object.keys(errors).length === 0) {
            expect(already + minutes).toBeLessThanOrEqual(720);
            expect(minutes).toBeGreaterThan(0);
          }
        },
      ),
    );
  });
});

describe('confirmation and validation states', () => {
  it('lets the contact confirm, then the counsellor validate', () => {
    expect(transition(hourWorkflow, 'registered', 'confirm', LINK_ROLE)).toBe('confirmed');
    expect(transition(hourWorkflow, 'registered', 'dispute', LINK_ROLE)).toBe('disputed');
    expect(transition(hourWorkflow, 'confirmed', 'validate', 'counsellor')).toBe('validated');
    expect(transition(hourWorkflow, 'disputed', 'reject', 'counsellor')).toBe('rejected');
    expect(countingStatuses(hourWorkflow)).toEqual(['validated']);
  });

  it('refuses validation before confirmation and by the wrong role', () => {
    expect(() => transition(hourWorkflow, 'registered', 'validate', 'counsellor')).toThrow(ConflictError);
    expect(() => transition(hourWorkflow, 'confirmed', 'validate', 'partner_editor')).toThrow(ForbiddenError);
    expect(() => transition(hourWorkflow, 'validated', 'confirm', LINK_ROLE)).toThrow(ConflictError);
    expect(() => transition(hourWorkflow, 'registered', 'confirm', 'counsellor')).toThrow(ForbiddenError);
  });

  it('closes, stops and resumes trajectories', () => {
    expect(transition(trajectoryWorkflow, 'active', 'close', 'counsellor')).toBe('completed');
    expect(transition(trajectoryWorkflow, 'active', 'stop', 'counsellor')).toBe('stopped');
    expect(transition(trajectoryWorkflow, 'stopped', 'resume', 'counsellor')).toBe('active');
    expect(() => transition(trajectoryWorkflow, 'completed', 'resume', 'counsellor')).toThrow(ConflictError);
    expect(() => transition(trajectoryWorkflow, 'active', 'close', 'local_officer')).toThrow(ForbiddenError);
  });

  it('decides a link use: once, before it expires', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const later = new Date('2026-03-20T10:00:00Z');
    expect(decideLinkUse({ usedAt: null, expiresAt: later }, now)).toBe('ok');
    expect(decideLinkUse({ usedAt: now, expiresAt: later }, now)).toBe('used');
    expect(decideLinkUse({ usedAt: null, expiresAt: now }, now)).toBe('expired');
  });

  it('applies a confirmation only to entries still waiting', () => {
    const entries = [
      { id: 'a', status: 'registered' as HourStatus, confirmationId: null },
      { id: 'b', status: 'validated' as HourStatus, confirmationId: 'old' },
      { id: 'c', status: 'registered' as HourStatus, confirmationId: null },
    ];
    const after = applyConfirmation(entries, ['a', 'b'], 'new', 'confirm');
    expect(after.map((e) => [e.status, e.confirmationId])).toEqual([
      ['confirmed', 'new'],
      ['validated', 'old'],
      ['registered', null],
    ]);
    expect(applyConfirmation(entries, ['a'], 'x', 'dispute')[0]!.status).toBe('disputed');
  });
});

/**
 * The property of the issue: whatever happens (hours registered, links issued, links used twice,
 * tampered or expired, validations repeated, rows read twice by a join), validated hours never count
 * a confirmation twice. The model follows the service step by step: claim the link, confirm the
 * waiting entries it covers, validate confirmed entries, count.
 */
describe('validated hours never count a confirmation twice (property)', () => {
  type Model = {
    entries: Array<{ id: string; minutes: number; status: HourStatus; confirmationId: string | null }>;
    links: Array<{ id: string; entryIds: string[]; usedAt: Date | null; expiresAt: Date }>;
    uses: Map<string, number>;
  };
  const now = new Date('2026-03-01T10:00:00Z');

  type Command =
    | { kind: 'register'; quarters: number }
    | { kind: 'issue'; pick: number[]; expired: boolean }
    | { kind: 'use'; link: number; decision: 'confirm' | 'dispute' }
    | { kind: 'validate' | 'reject'; entry: number };

  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({ kind: fc.constant('register' as const), quarters: fc.integer({ min: 1, max: 48 }) }),
    fc.record({
      kind: fc.constant('issue' as const),
      pick: fc.array(fc.nat(30), { minLength: 1, maxLength: 5 }),
      expired: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('use' as const),
      link: fc.nat(20),
      decision: fc.constantFrom('confirm' as const, 'dispute' as const),
    }),
    fc.record({ kind: fc.constant('validate' as const), entry: fc.nat(30) }),
    fc.record({ kind: fc.constant('reject' as const), entry: fc.nat(30) }),
  );

  function step(m: Model, cmd: Command): void {
    if (cmd.kind === 'register') {
      m.entries.push({
        id: `e${m.entries.length}`,
        minutes: cmd.quarters * 15,
        status: 'registered',
        confirmationId: null,
      });
    } else if (cmd.kind === 'issue') {
      const waiting = m.entries.filter((e) => e.status === 'registered');
      if (waiting.length === 0) return;
      const ids = [...new Set(cmd.pick.map((i) => waiting[i % waiting.length]!.id))];
      m.links.push({
        id: `l${m.links.length}`,
        entryIds: ids,
        usedAt: null,
        expiresAt: cmd.expired ? new Date(now.getTime() - 1) : new Date(now.getTime() + 86_400_000),
      });
    } else if (cmd.kind === 'use') {
      const link = m.links[cmd.link % Math.max(1, m.links.length)];
      if (!link) return;
      const before = JSON.stringify(m.entries);
      if (decideLinkUse(link, now) !== 'ok') {
        // refused: nothing changes
        expect(JSON.stringify(m.entries)).toBe(before);
        return;
      }
      link.usedAt = now;
      m.uses.set(link.id, (m.uses.get(link.id) ?? 0) + 1);
      m.entries = applyConfirmation(m.entries, link.entryIds, link.id, cmd.decision);
    } else {
      const entry = m.entries[cmd.entry % Math.max(1, m.entries.length)];
      if (!entry) return;
      try {
        entry.status = transition(hourWorkflow, entry.status, cmd.kind, 'counsellor');
      } catch (error) {
        expect(error).toBeInstanceOf(ConflictError);
      }
    }
  }

  it('holds for any sequence of events', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const m: Model = { entries: [], links: [], uses: new Map() };
        for (const c of commands) {
          step(m, c);
          // each link is used at most once
          for (const n of m.uses.values()) expect(n).toBe(1);
          // every validated entry carries exactly one confirmation, from a link that covered it
          const validated = m.entries.filter((e) => e.status === 'validated');
          for (const e of validated) {
            const link = m.links.find((l) => l.id === e.confirmationId);
            expect(link?.entryIds).toContain(e.id);
            expect(link?.usedAt).not.toBeNull();
          }
          const expected = validated.reduce((s, e) => s + e.minutes, 0);
          expect(countValidatedMinutes(m.entries)).toBe(expected);
          // rows read twice (e.g. by a join) still count once
          expect(countValidatedMinutes([...m.entries, ...m.entries.slice().reverse()])).toBe(expected);
          // never more than was registered
          expect(expected).toBeLessThanOrEqual(m.entries.reduce((s, e) => s + e.minutes, 0));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('signed one-time tokens', () => {
  const secret = 'test-secret-that-is-long-enough-1234567890';
  const id = '0b7f2f0e-6d1a-4c9b-9a51-3f2a1e0c9d11';

  it('verifies its own tokens and refuses tampered ones', () => {
    const token = signLinkToken(secret, id);
    expect(verifyLinkToken(secret, token)).toBe(id);
    expect(verifyLinkToken('another-secret-that-is-long-enough-123', token)).toBeNull();
    const [lid, nonce, sig] = token.split('.') as [string, string, string];
    expect(verifyLinkToken(secret, `${lid}.${nonce}x.${sig}`)).toBeNull();
    expect(verifyLinkToken(secret, `${lid.replace(/^0/, '1')}.${nonce}.${sig}`)).toBeNull();
    expect(verifyLinkToken(secret, `${lid}.${nonce}.${sig.slice(0, -2)}AA`)).toBeNull();
    expect(verifyLinkToken(secret, '')).toBeNull();
    expect(verifyLinkToken(secret, '<script>.a.b')).toBeNull();
    expect(hashLinkToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkToken(token)).not.toContain(token);
  });

  it('never accepts arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(verifyLinkToken(secret, s)).toBeNull();
      }),
    );
  });
});

describe('certificates and codes', () => {
  it('makes readable verification codes and reads them back as typed', () => {
    const code = newVerificationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseVerificationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseVerificationCode('7K3F-9QXA-M2DO')).toBe('7K3F-9QXA-M2D0');
    expect(normaliseVerificationCode("'; drop table x --")).toBeNull();
    expect(normaliseVerificationCode('ABC')).toBeNull();
    expect(newTrajectoryCode(2026)).toMatch(/^PNT-26-[0-9A-Z]{6}$/);
  });
});

describe('retention and anonymisation', () => {
  const now = new Date('2028-06-01T00:00:00Z');
  it('anonymises closed trajectories after the retention period only', () => {
    const closed = new Date('2026-05-01T00:00:00Z');
    expect(anonymisationDue({ status: 'completed', closedAt: closed, anonymisedAt: null }, now, 730)).toBe(
      true,
    );
    expect(anonymisationDue({ status: 'stopped', closedAt: closed, anonymisedAt: null }, now, 730)).toBe(
      true,
    );
    expect(anonymisationDue({ status: 'completed', closedAt: closed, anonymisedAt: null }, now, 800)).toBe(
      false,
    );
    expect(anonymisationDue({ status: 'active', closedAt: closed, anonymisedAt: null }, now, 730)).toBe(
      false,
    );
    expect(anonymisationDue({ status: 'completed', closedAt: null, anonymisedAt: null }, now, 730)).toBe(
      false,
    );
    expect(anonymisationDue({ status: 'completed', closedAt: closed, anonymisedAt: now }, now, 730)).toBe(
      false,
    );
  });

  it('drops the code, the counsellor and free text', () => {
    const fields = anonymisedFields('0b7f2f0e-6d1a-4c9b-9a51-3f2a1e0c9d11');
    expect(fields).toEqual({ code: 'ANON-0B7F2F0E6D', counsellorUserId: null, note: null });
  });
});

describe('groups below 5', () => {
  it('hides counts of 1 to 4 people', () => {
    expect(suppress(0)).toBe(0);
    expect(suppress(1)).toBeNull();
    expect(suppress(4)).toBeNull();
    expect(suppress(5)).toBe(5);
    expect(suppressWithGroup(3, 120)).toBeNull();
    expect(suppressWithGroup(7, 120)).toBe(120);
  });

  it('hides a second cell when one hidden cell could be derived from the total', () => {
    expect(suppressBreakdown({ a: 10, b: 3, c: 8 })).toEqual({ a: 10, b: null, c: null });
    expect(suppressBreakdown({ a: 10, b: 3, c: 2 })).toEqual({ a: 10, b: null, c: null });
    expect(suppressBreakdown({ a: 10, b: 0, c: 8 })).toEqual({ a: 10, b: 0, c: 8 });
  });

  it('never shows a group below 5, nor one derivable from the total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { minLength: 1, maxLength: 8 }), (values) => {
        const cells = Object.fromEntries(values.map((v, i) => [`k${i}`, v]));
        const out = suppressBreakdown(cells);
        const shown = Object.values(out);
        for (const v of shown) if (v !== null) expect(v === 0 || v >= 5).toBe(true);
        // one hidden cell alone could be derived from the total, unless the total itself is hidden
        const total = values.reduce((a, b) => a + b, 0);
        if (suppress(total) !== null) expect(shown.filter((v) => v === null).length).not.toBe(1);
      }),
    );
  });
});

describe('offers', () => {
  it('moves through draft → awaiting validation → published / sent back', () => {
    expect(transition(offerWorkflow, 'draft', 'submit', 'partner_editor')).toBe('awaiting_validation');
    expect(transition(offerWorkflow, 'awaiting_validation', 'approve', 'network_coordinator')).toBe(
      'published',
    );
    expect(transition(offerWorkflow, 'awaiting_validation', 'send_back', 'local_officer')).toBe('sent_back');
    expect(transition(offerWorkflow, 'sent_back', 'submit', 'partner_editor')).toBe('awaiting_validation');
    expect(transition(offerWorkflow, 'expired', 'submit', 'local_officer')).toBe('awaiting_validation');
    expect(() => transition(offerWorkflow, 'awaiting_validation', 'approve', 'partner_editor')).toThrow(
      ForbiddenError,
    );
    expect(() => transition(offerWorkflow, 'draft', 'approve', 'network_coordinator')).toThrow(ConflictError);
    expect(() => transition(offerWorkflow, 'published', 'expire', 'network_coordinator')).toThrow(
      ForbiddenError,
    );
    expect(systemTransition(offerWorkflow, 'published', 'expire')).toBe('expired');
    expect(() => systemTransition(offerWorkflow, 'draft', 'expire')).toThrow(ConflictError);
  });

  it('expires on the last date, the end of the period, or after 12 months', () => {
    const cal = { dates: [], startDate: null, endDate: null, weekdays: [] };
    expect(offerValidUntil({ ...cal, calendarType: 'single', dates: ['2026-05-04'] }, '2026-03-01')).toBe(
      '2026-05-04',
    );
    expect(
      offerValidUntil(
        { ...cal, calendarType: 'multiple', dates: ['2026-05-04', '2026-04-01'] },
        '2026-03-01',
      ),
    ).toBe('2026-05-04');
    expect(
      offerValidUntil(
        { ...cal, calendarType: 'periodic', startDate: '2026-01-01', endDate: '2026-06-30' },
        '2026-03-01',
      ),
    ).toBe('2026-06-30');
    expect(offerValidUntil({ ...cal, calendarType: 'permanent' }, '2026-03-31')).toBe('2027-03-31');
    expect(offerValidUntil({ ...cal, calendarType: 'permanent' }, '2028-02-29')).toBe('2029-02-28');
  });

  it('reminds owners once, two weeks before expiry', () => {
    expect(reminderDue('published', '2026-03-10', '2026-03-01', null)).toBe(true);
    expect(reminderDue('published', '2026-04-10', '2026-03-01', null)).toBe(false);
    expect(reminderDue('published', '2026-03-10', '2026-03-01', new Date())).toBe(false);
    expect(reminderDue('draft', '2026-03-10', '2026-03-01', null)).toBe(false);
    expect(reminderDue('published', '2026-02-10', '2026-03-01', null)).toBe(false);
  });

  it('derives the days of the week and checks calendars per type', () => {
    expect(weekdayOf('2026-03-02')).toBe('ma');
    expect(weekdayOf('2026-03-08')).toBe('zo');
    const cal = { startDate: null, endDate: null, weekdays: [] };
    expect(offerWeekdays({ ...cal, calendarType: 'multiple', dates: ['2026-03-04', '2026-03-02'] })).toEqual([
      'ma',
      'wo',
    ]);
    expect(offerWeekdays({ ...cal, calendarType: 'periodic', dates: [], weekdays: ['za', 'di'] })).toEqual([
      'di',
      'za',
    ]);
    const today = '2026-03-01';
    expect(checkOfferCalendar({ ...cal, calendarType: 'single', dates: [] }, today).dates).toBeDefined();
    expect(
      checkOfferCalendar({ ...cal, calendarType: 'single', dates: ['2026-02-01'] }, today).dates,
    ).toContain('verleden');
    expect(
      checkOfferCalendar({ ...cal, calendarType: 'multiple', dates: ['2026-04-01'] }, today).dates,
    ).toBeDefined();
    const periodic = checkOfferCalendar({ ...cal, calendarType: 'periodic', dates: [] }, today);
    expect(Object.keys(periodic).sort()).toEqual(['endDate', 'startDate', 'weekdays']);
    expect(
      checkOfferCalendar(
        {
          calendarType: 'periodic',
          dates: [],
          startDate: '2026-05-01',
          endDate: '2026-04-01',
          weekdays: ['ma'],
        },
        today,
      ).endDate,
    ).toContain('voor de eerste dag');
    expect(checkOfferCalendar({ ...cal, calendarType: 'permanent', dates: [] }, today)).toEqual({});
    const unreadable = checkOfferCalendar(
      { calendarType: 'periodic', dates: [], startDate: 'morgen', endDate: '2026-02-30', weekdays: ['ma'] },
      today,
    );
    expect(unreadable.startDate).toContain('geldige datum');
    expect(unreadable.endDate).toContain('geldige datum');
  });

  it('reads lists of dates as typed in Flanders', () => {
    expect(parseDateList('19/03/2026, 12/3/2026; 2026-03-26')).toEqual([
      '2026-03-12',
      '2026-03-19',
      '2026-03-26',
    ]);
    expect(parseDateList('morgen')).toEqual(['morgen']);
  });

  it('matches Dutch levels: someone at A2 can join offers for none, A1 and A2', () => {
    expect(levelsUpTo('A2')).toEqual(['none', 'A1', 'A2']);
    expect(levelsUpTo('none')).toEqual(['none']);
  });
});
