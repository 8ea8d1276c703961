import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadReferenceData } from '../reference';
import {
  advanceAmount,
  type CallMoney,
  checkCoverage,
  checkEligibility,
  checkRegisterRecords,
  defaultEligibilityRules,
  duplicateKey,
  eligibilityRulesSchema,
  FACILITY_MUNICIPALITIES,
  fitsBudget,
  grantAmount,
  guessDelimiter,
  interimCheck,
  isValidStructuredReference,
  type MunicipalityInfo,
  parseDate,
  parseFormat,
  plannedUnitsError,
  quartersBetween,
  type RegisterContext,
  readIban,
  requestedAmount,
  settlement,
  structuredReference,
  toCsv,
  windowState,
} from './rules';

const reference = loadReferenceData();
const municipalities = new Map<string, MunicipalityInfo>(
  reference.municipalities.map((m) => [m.nis, { nis: m.nis, name: m.name, region: m.region }]),
);
const rules = defaultEligibilityRules;
const localGovernment = (nis: string) => ({
  type: 'local_government',
  name: `Lokaal bestuur ${municipalities.get(nis)?.name}`,
  municipalityNis: nis,
  memberNis: [],
});

describe('eligibility over all 304 municipalities', () => {
  it('has the 304 municipalities of 2025', () => {
    expect(municipalities.size).toBe(304);
  });

  it('admits every Flemish local government except Antwerpen and Gent, and no Brussels municipality', () => {
    const eligible: string[] = [];
    for (const m of municipalities.values()) {
      const result = checkEligibility(rules, localGovernment(m.nis), municipalities);
      const expected = m.region === 'VLG' && m.nis !== '11002' && m.nis !== '44021';
      expect(result.eligible, `${m.name} (${m.nis})`).toBe(expected);
      if (result.eligible) {
        expect(result.reasons).toEqual([]);
        expect(result.options).toEqual([{ nis: m.nis, name: m.name, allowed: true, reason: null }]);
        eligible.push(m.nis);
      } else {
        expect(result.reasons.length).toBeGreaterThan(0);
        for (const reason of result.reasons) expect(reason.length).toBeGreaterThan(20);
      }
    }
    expect(eligible).toHaveLength(304 - 19 - 2);
  });

  it('tells Gent in Dutch why it cannot apply, and where the support goes instead', () => {
    const gent = checkEligibility(rules, localGovernment('44021'), municipalities);
    expect(gent.eligible).toBe(false);
    expect(gent.reasons[0]).toContain('Gent kan niet intekenen');
    expect(gent.reasons[0]).toContain('Amal');
    const antwerpen = checkEligibility(rules, localGovernment('11002'), municipalities);
    expect(antwerpen.reasons[0]).toContain('Atlas');
  });

  it('refuses the VGC with its own reason, and other organisation types in general', () => {
    const vgc = checkEligibility(
      rules,
      { type: 'vgc', name: 'VGC', municipalityNis: null, memberNis: ['21004'] },
      municipalities,
    );
    expect(vgc.eligible).toBe(false);
    expect(vgc.reasons[0]).toContain('Huis van het Nederlands');
    const network = checkEligibility(
      rules,
      { type: 'network', name: 'Regionaal netwerk Gent', municipalityNis: null, memberNis: ['44021'] },
      municipalities,
    );
    expect(network.eligible).toBe(false);
    expect(network.reasons[0]).toContain('Alleen een lokaal bestuur');
    expect(network.reasons[0]).toContain('regionaal organisatienetwerk');
  });

  it('lets De Rand apply for exactly the 6 facility municipalities', () => {
    const deRand = { type: 'de_rand', name: 'vzw De Rand', municipalityNis: null, memberNis: [] };
    const result = checkEligibility(rules, deRand, municipalities);
    expect(result.eligible).toBe(true);
    expect(result.choosesMunicipalities).toBe(true);
    expect(result.options.map((o) => o.nis).sort()).toEqual([...FACILITY_MUNICIPALITIES]);
    expect(checkCoverage(result, [...FACILITY_MUNICIPALITIES]).errors).toEqual([]);
    const outside = checkCoverage(result, ['23098', '12025']);
    expect(outside.errors).toEqual(['De gemeente met NIS-code 12025 hoort niet bij uw organisatie.']);
    expect(outside.covered).toEqual([]);
    for (const m of municipalities.values()) {
      const isFacility = (FACILITY_MUNICIPALITIES as readonly string[]).includes(m.nis);
      const asMember = checkEligibility(rules, { ...deRand, memberNis: [m.nis] }, municipalities);
      expect(asMember.options.some((o) => o.nis === m.nis)).toBe(isFacility);
    }
  });

  it('lets a partnership apply for its members, never for an excluded one', () => {
    const igs = {
      type: 'intermunicipal_partnership',
      name: 'IGS Rivierenland',
      municipalityNis: null,
      memberNis: ['12002', '12007', '44021', '21004'],
    };
    const result = checkEligibility(rules, igs, municipalities);
    expect(result.eligible).toBe(true);
    const byNis = new Map(result.options.map((o) => [o.nis, o]));
    expect(byNis.get('12002')?.allowed).toBe(true);
    expect(byNis.get('44021')?.allowed).toBe(false);
    expect(byNis.get('44021')?.reason).toContain('Gent');
    expect(byNis.get('21004')?.allowed).toBe(false);
    expect(byNis.get('21004')?.reason).toContain('Brussel');
    expect(checkCoverage(result, ['12002', '12007'])).toEqual({ covered: ['12002', '12007'], errors: [] });
    const withGent = checkCoverage(result, ['12002', '44021']);
    expect(withGent.covered).toEqual([]);
    expect(withGent.errors[0]).toContain('Gent kan niet intekenen');
    expect(checkCoverage(result, []).errors[0]).toContain('minstens één gemeente');
  });

  it('treats every excluded municipality as excluded for a partnership, over all 304', () => {
    const all = [...municipalities.keys()];
    const result = checkEligibility(
      rules,
      { type: 'intermunicipal_partnership', name: 'Alles', municipalityNis: null, memberNis: all },
      municipalities,
    );
    const allowed = result.options.filter((o) => o.allowed).map((o) => o.nis);
    expect(allowed).toHaveLength(283);
    expect(allowed).not.toContain('11002');
    expect(allowed).not.toContain('44021');
    expect(allowed.every((nis) => municipalities.get(nis)!.region === 'VLG')).toBe(true);
  });

  it('never covers a municipality twice in the same call', () => {
    const taken = new Map([['12002', 'IGS Rivierenland']]);
    const alone = checkEligibility(rules, localGovernment('12002'), municipalities, taken);
    expect(alone.eligible).toBe(false);
    expect(alone.reasons[0]).toContain('valt al onder een andere aanvraag');
    expect(alone.reasons[0]).toContain('IGS Rivierenland');
    const partnership = checkEligibility(
      rules,
      {
        type: 'intermunicipal_partnership',
        name: 'Ander',
        municipalityNis: null,
        memberNis: ['12002', '12007'],
      },
      municipalities,
      taken,
    );
    expect(partnership.eligible).toBe(true);
    expect(checkCoverage(partnership, ['12002']).errors[0]).toContain('valt al onder');
  });

  it('reports a partnership without members', () => {
    const r = checkEligibility(
      rules,
      { type: 'intermunicipal_partnership', name: 'Leeg', municipalityNis: null, memberNis: [] },
      municipalities,
    );
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toContain('deelnemende gemeenten');
  });

  it('stores the rules as data that round-trips through JSON', () => {
    expect(eligibilityRulesSchema.parse(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
  });
});

const call: CallMoney = {
  rateCents: 4850,
  maxUnitsPerApplicant: 5000,
  maxAmountPerApplicantCents: 20_000_000,
};

describe('amounts in cents', () => {
  it('computes the requested amount and caps it by the maximum amount', () => {
    expect(requestedAmount(100, call)).toEqual({ units: 100, amountCents: 485_000, capped: false });
    expect(requestedAmount(5000, { ...call, maxAmountPerApplicantCents: 100_000 })).toEqual({
      units: 5000,
      amountCents: 100_000,
      capped: true,
    });
    expect(grantAmount(1000, call)).toBe(4_850_000);
  });

  it('refuses a planned number above the maximum or below zero', () => {
    expect(plannedUnitsError(5000, call)).toBeNull();
    expect(plannedUnitsError(5001, call)).toContain('hoogstens 5000');
    expect(plannedUnitsError(-1, call)).toContain('positief');
  });

  it('computes the advance and the balance, with a recovery instead of a negative balance', () => {
    expect(advanceAmount(4_850_000, 50)).toBe(2_425_000);
    expect(advanceAmount(999, 50)).toBe(499);
    const base = { grantedUnits: 1000, grantedAmountCents: 4_850_000, rateCents: 4850 };
    expect(settlement({ ...base, eligibleRealised: 1200, alreadyPaidCents: 2_425_000 })).toEqual({
      entitledCents: 4_850_000,
      balanceCents: 2_425_000,
      recoveryCents: 0,
      countedUnits: 1000,
    });
    expect(settlement({ ...base, eligibleRealised: 300, alreadyPaidCents: 2_425_000 })).toEqual({
      entitledCents: 1_455_000,
      balanceCents: 0,
      recoveryCents: 970_000,
      countedUnits: 300,
    });
  });

  it('property: a payout never exceeds the grant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
        (rateCents, grantedUnits, advancePct, realised, maxAmount, maxUnits) => {
          const money = { rateCents, maxAmountPerApplicantCents: maxAmount, maxUnitsPerApplicant: maxUnits };
          const granted = grantAmount(grantedUnits, money);
          const advance = advanceAmount(granted, advancePct);
          const s = settlement({
            grantedUnits,
            grantedAmountCents: granted,
            rateCents,
            eligibleRealised: realised,
            alreadyPaidCents: advance,
          });
          expect(advance).toBeLessThanOrEqual(granted);
          expect(s.balanceCents).toBeGreaterThanOrEqual(0);
          expect(s.recoveryCents).toBeGreaterThanOrEqual(0);
          expect(s.balanceCents === 0 || s.recoveryCents === 0).toBe(true);
          const totalPaid = advance + s.balanceCents - s.recoveryCents;
          expect(totalPaid).toBe(s.entitledCents);
          expect(totalPaid).toBeLessThanOrEqual(granted);
          expect(s.entitledCents).toBeLessThanOrEqual(Math.min(realised, grantedUnits) * rateCents);
          expect(Number.isInteger(totalPaid)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: commitments accepted one by one never exceed the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.array(fc.integer({ min: 0, max: 60_000_000 }), { maxLength: 60 }),
        (budget, requests) => {
          let committed = 0;
          for (const amount of requests) {
            if (fitsBudget(budget, committed, amount)) committed += amount;
            expect(committed).toBeLessThanOrEqual(budget);
          }
          const remaining = budget - committed;
          expect(remaining).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('flags an interim result below 25% of the committed number', () => {
    expect(interimCheck(1000, 249, 25)).toEqual({ required: 250, realised: 249, below: true });
    expect(interimCheck(1000, 250, 25).below).toBe(false);
    expect(interimCheck(3, 0, 25)).toEqual({ required: 1, realised: 0, below: true });
  });
});

describe('bank details and references', () => {
  it('validates IBANs as typed', () => {
    expect(readIban('be68 5390 0754 7034')).toEqual({
      ok: true,
      iban: 'BE68539007547034',
      printed: 'BE68 5390 0754 7034',
    });
    const bad = readIban('BE68 5390 0754 7035');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('geen geldig IBAN');
    expect(readIban('').ok).toBe(false);
  });

  it('builds structured references with a valid mod-97 check', () => {
    expect(structuredReference(1)).toBe('+++000/0000/00101+++');
    expect(structuredReference(97)).toBe('+++000/0000/09797+++');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (n) => {
        const ref = structuredReference(n);
        expect(ref).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
        expect(isValidStructuredReference(ref)).toBe(true);
      }),
    );
    expect(isValidStructuredReference('+++000/0000/00102+++')).toBe(false);
  });
});

describe('dates and periods', () => {
  it('reads Flemish and ISO dates, and refuses impossible ones', () => {
    expect(parseDate('15/03/2026')).toBe('2026-03-15');
    expect(parseDate('5-3-2026')).toBe('2026-03-05');
    expect(parseDate('2026-03-15')).toBe('2026-03-15');
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDate('morgen')).toBeNull();
  });
  it('lists the quarters of the implementation period', () => {
    expect(quartersBetween('2026-01-01', '2026-12-31')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(quartersBetween('2026-03-01', '2027-02-28')).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
      '2027-Q1',
    ]);
  });
  it('knows whether the application window is open', () => {
    const w = { applicationOpens: '2026-01-01', applicationCloses: '2026-02-28' };
    expect(windowState(w, '2025-12-31')).toBe('not_yet');
    expect(windowState(w, '2026-02-28')).toBe('open');
    expect(windowState(w, '2026-03-01')).toBe('closed');
  });
  it('reads formats by code or Dutch label', () => {
    expect(parseFormat('Conversatietafel')).toBe('conversation_table');
    expect(parseFormat(' walk ')).toBe('walk');
    expect(parseFormat('zwemmen')).toBeNull();
  });
});

describe('register CSV', () => {
  const ctx: RegisterContext = {
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    today: '2026-06-30',
    municipalities: new Map([
      ['12025', 'Mechelen'],
      ['12002', 'Berlaar'],
    ]),
  };
  const header = [
    'datum',
    'titel',
    'gemeente',
    'plaats',
    'partner',
    'vorm',
    'duur_minuten',
    'deelnemers',
    'vrouwen',
    'mannen',
    'anders_onbekend',
    'hoofddoel_nederlands',
    'buiten_lescontext',
    'zonder_certificering',
  ];
  const good = [
    '15/03/2026',
    'Praattafel',
    'Mechelen',
    'Bib',
    'De Brug',
    'Conversatietafel',
    '90',
    '12',
    '7',
    '5',
    '',
    'ja',
    'ja',
    'ja',
  ];

  it('accepts a clean file and flags duplicate lines', () => {
    const check = checkRegisterRecords(
      [header, good, good, [...good.slice(0, 2), '12002', ...good.slice(3)]],
      ctx,
    );
    expect(check.fileError).toBeNull();
    expect(check.errors).toEqual([]);
    expect(check.entries).toHaveLength(3);
    expect(check.entries[0]).toMatchObject({
      date: '2026-03-15',
      municipalityNis: '12025',
      format: 'conversation_table',
    });
    expect(check.duplicateLines).toEqual([
      { line: 3, sameAs: 2 },
      { line: 4, sameAs: 2 },
    ]);
  });

  it('refuses wrong columns as a whole', () => {
    const check = checkRegisterRecords(
      [
        ['datum', 'naam'],
        ['x', 'y'],
      ],
      ctx,
    );
    expect(check.fileError).toContain('Deze kolommen ontbreken');
    expect(check.fileError).toContain('Deze kolommen kennen we niet: naam');
  });

  it('reports bad dates, negative participants, dates outside the period and unknown municipalities per line', () => {
    const rows = [
      header,
      good,
      ['31/02/2026', ...good.slice(1)],
      [...good.slice(0, 7), '-3', '', '', '', 'ja', 'ja', 'ja'],
      ['15/03/2025', ...good.slice(1)],
      [...good.slice(0, 2), 'Gent', ...good.slice(3)],
      [...good.slice(0, 11), 'misschien', 'ja', 'ja'],
      [...good.slice(0, 8), '10', '10', '', 'ja', 'ja', 'ja'],
      ['01/12/2026', ...good.slice(1)],
      ['te', 'weinig'],
    ];
    const check = checkRegisterRecords(rows, ctx);
    const byLine = new Map(check.errors.map((e) => [e.line, e.messages.join(' ')]));
    expect([...byLine.keys()]).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byLine.get(3)).toContain('geen geldige datum');
    expect(byLine.get(4)).toContain('niet negatief');
    expect(byLine.get(5)).toContain('buiten de uitvoeringsperiode');
    expect(byLine.get(6)).toContain('geen gemeente van deze aanvraag');
    expect(byLine.get(7)).toContain('ja of nee');
    expect(byLine.get(8)).toContain('groter dan het aantal deelnemers');
    expect(byLine.get(9)).toContain('toekomst');
    expect(byLine.get(10)).toContain('kolommen');
    expect(check.entries).toHaveLength(1);
  });

  it('guesses the delimiter and writes CSV that spreadsheets open safely', () => {
    expect(guessDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(guessDelimiter('a,b,c\n')).toBe(',');
    expect(toCsv(['a', 'b'], [['=SUM(A1)', 'x;y']])).toBe('\ufeffa;b\r\n\'=SUM(A1);"x;y"\r\n');
    expect(duplicateKey('2026-01-01', ' Bib  ', 'Praattafel')).toBe(
      duplicateKey('2026-01-01', 'bib', 'praattafel'),
    );
  });
});
