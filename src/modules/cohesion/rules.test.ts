import { describe, expect, it } from 'vitest';
import {
  addDays,
  areaMessage,
  bookableYears,
  checkArea,
  checkReach,
  checkTargetPct,
  enrolmentMessage,
  gapToTarget,
  goalsFromText,
  goalsMessage,
  isInArea,
  isIsoDate,
  reachTotals,
  sessionDateMessage,
  startDateMessage,
  supportAgencyCode,
  targetState,
  toCsv,
  womenShare,
  yearMessage,
} from './rules';

const band = (ageBand: '0-17' | '18-25' | '26-45' | '46+', participants: number, women: number) => ({
  ageBand,
  participants,
  women,
});

describe('reach figures', () => {
  it('accepts women and girls up to the participants of each band', () => {
    expect(
      checkReach([band('0-17', 10, 10), band('18-25', 5, 0), band('26-45', 0, 0), band('46+', 3, 2)]),
    ).toEqual({});
  });

  it('refuses more women than participants, naming the band and both numbers', () => {
    const errors = checkReach([
      band('0-17', 0, 0),
      band('18-25', 8, 9),
      band('26-45', 4, 1),
      band('46+', 0, 0),
    ]);
    expect(Object.keys(errors)).toEqual(['b18_25_women']);
    expect(errors.b18_25_women).toContain('meer vrouwen en meisjes (9) dan deelnemers (8)');
  });

  it('refuses negative and fractional numbers, and a report without any participant', () => {
    expect(checkReach([band('0-17', -1, 0)])).toHaveProperty('b0_17_participants');
    expect(checkReach([band('46+', 2, 1.5)])).toHaveProperty('b46_women');
    expect(checkReach([band('0-17', 0, 0), band('18-25', 0, 0)]).b0_17_participants).toContain(
      'minstens één deelnemer',
    );
  });

  it('adds up the bands', () => {
    expect(reachTotals([band('0-17', 10, 6), band('18-25', 5, 1)])).toEqual({ participants: 15, women: 7 });
    expect(reachTotals([])).toEqual({ participants: 0, women: 0 });
  });
});

describe('shares and targets', () => {
  it('computes the share of women with one decimal, and none without participants', () => {
    expect(womenShare(24, 13)).toBe(54.2);
    expect(womenShare(3, 1)).toBe(33.3);
    expect(womenShare(20, 12)).toBe(60);
    expect(womenShare(0, 0)).toBeNull();
  });

  it('says whether a share reaches its target (the target itself counts as reached)', () => {
    expect(targetState(60, 60)).toBe('met');
    expect(targetState(59.9, 60)).toBe('below');
    expect(targetState(null, 60)).toBe('unknown');
    expect(gapToTarget(54.2, 60)).toBe(-5.8);
    expect(gapToTarget(null, 60)).toBeNull();
  });

  it('accepts a target percentage from 0 to 100 only', () => {
    expect(checkTargetPct(0)).toBeNull();
    expect(checkTargetPct(100)).toBeNull();
    expect(checkTargetPct(101)).toContain('percentage');
    expect(checkTargetPct(55.5)).toContain('percentage');
  });
});

describe('areas', () => {
  const mechelen = { nis: '12025', name: 'Mechelen', provinceNis: '10000' };
  const brussel = { nis: '21004', name: 'Brussel', provinceNis: null };

  it('covers every municipality for Flanders, and by province or by list otherwise', () => {
    expect(isInArea({ kind: 'flanders', codes: [] }, brussel)).toBe(true);
    expect(isInArea({ kind: 'provinces', codes: ['10000'] }, mechelen)).toBe(true);
    expect(isInArea({ kind: 'provinces', codes: ['40000'] }, mechelen)).toBe(false);
    expect(isInArea({ kind: 'provinces', codes: ['10000'] }, brussel)).toBe(false);
    expect(isInArea({ kind: 'municipalities', codes: ['12025', '12021'] }, mechelen)).toBe(true);
    expect(isInArea({ kind: 'municipalities', codes: ['12021'] }, mechelen)).toBe(false);
  });

  it('explains in Dutch when a municipality lies outside the area', () => {
    expect(areaMessage({ kind: 'provinces', codes: ['40000'] }, mechelen, 'provincie Oost-Vlaanderen')).toBe(
      'Mechelen ligt buiten het werkingsgebied van dit programma (provincie Oost-Vlaanderen). Kies een gemeente binnen dat gebied.',
    );
    expect(areaMessage({ kind: 'flanders', codes: [] }, mechelen, 'heel Vlaanderen')).toBeNull();
  });

  it('needs at least one province or municipality for a limited area', () => {
    expect(checkArea({ kind: 'flanders', codes: [] })).toBeNull();
    expect(checkArea({ kind: 'provinces', codes: [] })).toContain('provincie');
    expect(checkArea({ kind: 'municipalities', codes: [] })).toContain('gemeente');
  });
});

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('15/03/2026')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('refuses a coaching session before the trajectory started', () => {
    expect(sessionDateMessage('2026-03-01', '2026-02-28', '2026-04-01')).toBe(
      'De sessie valt vóór de start van het traject (01/03/2026). Kies een datum op of na de start.',
    );
    expect(sessionDateMessage('2026-03-01', '2026-03-01', '2026-04-01')).toBeNull();
    expect(sessionDateMessage('2026-03-01', 'morgen', '2026-04-01')).toContain('bestaande datum');
    expect(sessionDateMessage('2026-03-01', '2027-06-01', '2026-04-01')).toContain('toekomst');
  });

  it('keeps the start date within a year of today', () => {
    expect(startDateMessage('2026-04-01', '2026-04-01')).toBeNull();
    expect(startDateMessage('2024-01-01', '2026-04-01')).toContain('verleden');
    expect(startDateMessage('2026-13-01', '2026-04-01')).toContain('bestaande');
  });

  it('books from last year up to two years ahead', () => {
    expect(bookableYears(2026)).toEqual([2025, 2026, 2027, 2028]);
    expect(yearMessage(2026, 2026)).toBeNull();
    expect(yearMessage(2020, 2026)).toBe('Kies een jaar van 2025 tot en met 2028.');
  });
});

describe('learning offer and coaching', () => {
  const collective = { format: 'collective' as const, capacity: 2, enrolmentOpen: true };

  it('enrols until the trajectory is full; an individual one takes one local government', () => {
    expect(enrolmentMessage(collective, 1, false)).toBeNull();
    expect(enrolmentMessage(collective, 2, false)).toContain('volzet (2 lokale besturen)');
    expect(enrolmentMessage({ ...collective, capacity: null }, 500, false)).toBeNull();
    expect(
      enrolmentMessage({ format: 'individual', capacity: null, enrolmentOpen: true }, 1, false),
    ).toContain('ander lokaal bestuur');
    expect(enrolmentMessage(collective, 0, true)).toContain('al ingeschreven');
    expect(enrolmentMessage({ ...collective, enrolmentOpen: false }, 0, false)).toContain('gesloten');
  });

  it('reads goals one per line', () => {
    expect(goalsFromText('- Eerste doel\n\n* Tweede doel\r\nEerste doel\n')).toEqual([
      'Eerste doel',
      'Tweede doel',
    ]);
    expect(goalsMessage([])).toContain('minstens één doel');
    expect(goalsMessage(Array.from({ length: 11 }, (_, i) => `Doel ${i}`))).toContain('hoogstens 10');
  });

  it('sends Antwerpen to Atlas, Gent to Amal and everyone else to AgII', () => {
    expect(supportAgencyCode('ATLAS')).toBe('ATLAS');
    expect(supportAgencyCode('AMAL')).toBe('AMAL');
    expect(supportAgencyCode('AGII')).toBe('AGII');
    expect(supportAgencyCode(null)).toBe('AGII');
  });
});

describe('csv', () => {
  it('writes semicolons, decimal commas and neutralises formulas', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['=SUM(A1)', 54.2],
        ['x;y', null],
      ],
    );
    expect(csv).toBe('\uFEFFa;b\r\n\'=SUM(A1);54,2\r\n"x;y";\r\n');
  });
});
