import { describe, expect, it } from 'vitest';
import { roles } from '../../core/access/roles';
import { ConflictError, ForbiddenError } from '../../core/http/errors';
import {
  actionsFor,
  addDays,
  addWorkingDays,
  belgianPublicHolidays,
  dueDateFor,
  easterSunday,
  isOverdue,
  isWorkingDay,
  leadTimeSummary,
  median,
  nextStatus,
  type PackageItem,
  packageChoiceErrors,
  packageDiff,
  type RequestStatus,
  requestStatuses,
  validInYear,
  workingDaysBetween,
  yearOpenError,
} from './rules';

describe('Belgian public holidays', () => {
  it('computes Easter for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('lists the ten legal holidays of 2026', () => {
    expect(belgianPublicHolidays(2026).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-07-21',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('places the Easter-based holidays in 2025', () => {
    const byName = Object.fromEntries(belgianPublicHolidays(2025).map((h) => [h.name, h.date]));
    expect(byName.Paasmaandag).toBe('2025-04-21');
    expect(byName['Onze-Lieve-Heer-Hemelvaart']).toBe('2025-05-29');
    expect(byName.Pinkstermaandag).toBe('2025-06-09');
  });

  it('knows weekends and holidays are no working days', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
    expect(isWorkingDay('2026-11-11')).toBe(false); // Armistice, a Wednesday
    expect(isWorkingDay('2026-07-21')).toBe(false); // National day, a Tuesday
  });
});

describe('due dates in working days', () => {
  it('skips the weekend', () => {
    // Friday + 1 working day = Monday
    expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-16', 5)).toBe('2026-11-23');
  });

  it('skips a public holiday in the middle of the week', () => {
    // Friday 6/11 + 5: Mon 9, Tue 10, (Wed 11 Armistice), Thu 12, Fri 13, Mon 16
    expect(dueDateFor('2026-11-06', 5)).toBe('2026-11-16');
  });

  it('skips Easter Monday and Ascension Day', () => {
    // Thursday 2/4/2026 + 2: Fri 3, (weekend), (Mon 6 Easter Monday), Tue 7
    expect(dueDateFor('2026-04-02', 2)).toBe('2026-04-07');
    // Wednesday 13/5/2026 + 1: (Thu 14 Ascension), Fri 15
    expect(dueDateFor('2026-05-13', 1)).toBe('2026-05-15');
  });

  it('crosses Christmas and New Year', () => {
    // Wed 23/12/2026 + 3: Thu 24, (Fri 25), Mon 28, Tue 29
    expect(dueDateFor('2026-12-23', 3)).toBe('2026-12-29');
    // Wed 30/12/2026 + 2: Thu 31, (Fri 1/1), Mon 4/1/2027
    expect(dueDateFor('2026-12-30', 2)).toBe('2027-01-04');
  });

  it('counts from the next working day when filed in a weekend', () => {
    expect(dueDateFor('2026-11-21', 1)).toBe('2026-11-23');
    expect(dueDateFor('2026-11-22', 0)).toBe('2026-11-23');
    expect(dueDateFor('2026-11-23', 0)).toBe('2026-11-23');
  });

  it('refuses a negative norm', () => {
    expect(() => addWorkingDays('2026-11-23', -1)).toThrow();
  });

  it('counts working days between two dates, the inverse of adding them', () => {
    expect(workingDaysBetween('2026-11-06', '2026-11-16')).toBe(5);
    expect(workingDaysBetween('2026-11-16', '2026-11-16')).toBe(0);
    expect(workingDaysBetween('2026-11-16', '2026-11-10')).toBe(0);
    for (const start of ['2026-01-02', '2026-04-03', '2026-07-17', '2026-12-24']) {
      for (const n of [1, 3, 10, 20]) expect(workingDaysBetween(start, addWorkingDays(start, n))).toBe(n);
    }
  });

  it('counts working days exactly as a walk over the calendar does, across years and holidays', () => {
    const walk = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n += 1;
      return n;
    };
    // 2008: Ascension fell on 1 May, so one date is two holidays and must be skipped once.
    for (const start of ['2007-12-20', '2008-04-25', '2025-12-31', '2026-03-28', '2026-11-07']) {
      for (let span = -3; span <= 400; span += 3) {
        const end = addDays(start, span);
        expect(workingDaysBetween(start, end), `${start} → ${end}`).toBe(walk(start, end));
      }
    }
    expect(workingDaysBetween('2008-04-30', '2008-05-02')).toBe(1); // Thu 1 May 2008 is off, Fri 2 May counts
  });

  it('marks open requests past their due date as overdue', () => {
    expect(isOverdue({ status: 'in_progress', dueDate: '2026-11-20' }, '2026-11-23')).toBe(true);
    expect(isOverdue({ status: 'submitted', dueDate: '2026-11-23' }, '2026-11-23')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-11-01' }, '2026-11-23')).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueDate: '2026-11-01' }, '2026-11-23')).toBe(false);
    // While the agency waits for the local government, the request is not late on the agency's side.
    expect(isOverdue({ status: 'waiting_for_local_government', dueDate: '2026-11-01' }, '2026-11-23')).toBe(
      false,
    );
  });
});

describe('request workflow', () => {
  // The expected matrix, written out independently of the workflow definition.
  const agency = ['contact_person', 'agency_staff'];
  const allowed: Record<RequestStatus, Record<string, { to: RequestStatus; roles: string[] }>> = {
    submitted: {
      start: { to: 'in_progress', roles: agency },
      complete: { to: 'done', roles: agency },
      cancel: { to: 'cancelled', roles: ['local_officer', ...agency] },
    },
    in_progress: {
      ask_local_government: { to: 'waiting_for_local_government', roles: agency },
      complete: { to: 'done', roles: agency },
      cancel: { to: 'cancelled', roles: ['local_officer', ...agency] },
    },
    waiting_for_local_government: {
      answer: { to: 'in_progress', roles: ['local_officer'] },
      resume: { to: 'in_progress', roles: agency },
      complete: { to: 'done', roles: agency },
      cancel: { to: 'cancelled', roles: ['local_officer', ...agency] },
    },
    done: { reopen: { to: 'in_progress', roles: agency } },
    cancelled: {},
  };
  const actions = ['start', 'ask_local_government', 'answer', 'resume', 'complete', 'cancel', 'reopen'];

  for (const from of requestStatuses) {
    for (const action of actions) {
      for (const role of roles) {
        const rule = allowed[from][action];
        if (rule?.roles.includes(role)) {
          it(`${role} may ${action} from ${from} to ${rule.to}`, () => {
            expect(nextStatus(from, action, role)).toBe(rule.to);
          });
        } else if (rule) {
          it(`${role} may not ${action} from ${from} (forbidden)`, () => {
            expect(() => nextStatus(from, action, role)).toThrow(ForbiddenError);
          });
        } else {
          it(`nobody can ${action} from ${from}; ${role} gets a conflict`, () => {
            expect(() => nextStatus(from, action, role)).toThrow(ConflictError);
          });
        }
      }
    }
  }

  it('refuses an unknown action with a conflict, in Dutch', () => {
    expect(() => nextStatus('submitted', 'explode', 'agency_staff')).toThrow(/Dit kan niet meer/);
  });

  it('offers each role only its own buttons', () => {
    expect(actionsFor('submitted', 'local_officer').map((t) => t.action)).toEqual(['cancel']);
    expect(actionsFor('waiting_for_local_government', 'local_officer').map((t) => t.action)).toEqual([
      'answer',
      'cancel',
    ]);
    expect(actionsFor('submitted', 'contact_person').map((t) => t.action)).toEqual([
      'start',
      'complete',
      'cancel',
    ]);
    expect(actionsFor('done', 'local_officer')).toEqual([]);
    expect(actionsFor('cancelled', 'agency_staff')).toEqual([]);
    expect(actionsFor('submitted', 'platform_admin')).toEqual([]);
  });
});

describe('lead times', () => {
  it('takes the median of odd and even lists', () => {
    expect(median([])).toBeNull();
    expect(median([4])).toBe(4);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('summarises lead time per item against its norm', () => {
    const rows = [
      { key: 'a', normDays: 5, submittedOn: '2026-11-02', closedOn: '2026-11-04' }, // 2
      { key: 'a', normDays: 5, submittedOn: '2026-11-06', closedOn: '2026-11-16' }, // 5
      { key: 'a', normDays: 5, submittedOn: '2026-10-01', closedOn: '2026-10-15' }, // 10
      { key: 'b', normDays: 2, submittedOn: '2026-11-20', closedOn: '2026-11-23' }, // 1
    ];
    expect(leadTimeSummary(rows)).toEqual([
      { key: 'a', normDays: 5, count: 3, medianDays: 5, withinNorm: 2 },
      { key: 'b', normDays: 2, count: 1, medianDays: 1, withinNorm: 1 },
    ]);
  });
});

describe('basic package choice', () => {
  const item = (id: string, extra: Partial<PackageItem> = {}): PackageItem => ({
    id,
    title: `Dienst ${id}`,
    inBasicPackage: true,
    validFrom: '2026-01-01',
    validUntil: null,
    agencies: ['AGII'],
    ...extra,
  });
  const catalogue = [
    item('a'),
    item('b'),
    item('c', { inBasicPackage: false }),
    item('d', { validUntil: '2025-12-31', validFrom: '2024-01-01' }),
    item('e', { agencies: ['ATLAS'] }),
    item('f', { validFrom: '2027-01-01' }),
  ];
  const year = { year: 2026, currentYear: 2026, closed: false, maxItems: null, agencyCode: 'AGII' };

  it('accepts items of the package, valid in the year, offered by the agency', () => {
    expect(packageChoiceErrors(['a', 'b'], catalogue, year)).toEqual([]);
    expect(packageChoiceErrors([], catalogue, year)).toEqual([]);
  });

  it('refuses an item outside the package', () => {
    expect(packageChoiceErrors(['a', 'c'], catalogue, year)).toEqual([
      '"Dienst c" hoort niet bij het gratis basispakket.',
    ]);
  });

  it('refuses items not valid in the year', () => {
    expect(packageChoiceErrors(['d'], catalogue, year)).toEqual(['"Dienst d" is niet beschikbaar in 2026.']);
    expect(packageChoiceErrors(['f'], catalogue, year)).toEqual(['"Dienst f" is niet beschikbaar in 2026.']);
    expect(packageChoiceErrors(['f'], catalogue, { ...year, year: 2027 })).toEqual([]);
  });

  it('refuses an item of another agency and an unknown item', () => {
    expect(packageChoiceErrors(['e'], catalogue, year)).toEqual([
      '"Dienst e" wordt niet aangeboden door uw agentschap.',
    ]);
    expect(packageChoiceErrors(['zzz'], catalogue, year)).toHaveLength(1);
  });

  it('refuses any change to a closed or past year', () => {
    expect(packageChoiceErrors(['a'], catalogue, { ...year, closed: true })).toEqual([
      'Het jaar 2026 is afgesloten: de keuze voor dat jaar kan niet meer veranderen.',
    ]);
    expect(packageChoiceErrors(['a'], catalogue, { ...year, year: 2025 })[0]).toMatch(/afgesloten/);
    expect(yearOpenError({ year: 2028, currentYear: 2026, closed: false })).toMatch(/nog niet kiezen/);
    expect(yearOpenError({ year: 2027, currentYear: 2026, closed: false })).toBeNull();
  });

  it('applies the optional limit per year, counting each item once', () => {
    const limited = { ...year, maxItems: 1 };
    expect(packageChoiceErrors(['a', 'a'], catalogue, limited)).toEqual([]);
    expect(packageChoiceErrors(['a', 'b'], catalogue, limited)).toEqual([
      'U kunt hoogstens 1 dienst kiezen voor 2026; u koos er 2.',
    ]);
  });

  it('knows validity per year and the difference between two choices', () => {
    expect(validInYear({ validFrom: '2026-07-01', validUntil: '2026-09-30' }, 2026)).toBe(true);
    expect(validInYear({ validFrom: '2026-07-01', validUntil: '2026-09-30' }, 2027)).toBe(false);
    expect(packageDiff(['a', 'b'], ['b', 'c'])).toEqual({ added: ['c'], removed: ['a'] });
  });
});
