import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, demo, loggedIn, type TestPlatform } from '../../../test/helpers';
import { auditLog } from '../../core/audit/schema';
import type { ModuleManifest } from '../../core/module';
import { callsModule } from '../calls';
import { participationModule } from '../participation';
import { referenceModule } from '../reference';
import { servicesModule } from '../services';
import { monitoringModule } from '.';
import {
  COMPUTED_AT_KEY,
  computedFiches,
  currentPeriod,
  lastComputedAt,
  metricValues,
  recomputeIndicators,
} from './computed';
import { importValuesText } from './imports';
import { indicators, indicatorValues } from './schema';
import { toCell } from './service';

const count = { id: 'i1', code: 'c', measure: 'count' as const, frequency: 'year' as const, multiplier: 100 };
const rate = { ...count, measure: 'rate' as const };

describe('computed values (pure)', () => {
  const now = new Date('2026-05-10T10:00:00Z');

  it('stores counts as they are and rates from numerator and denominator; the running year is provisional', () => {
    const values = metricValues(
      count,
      [
        { area: '12025', period: '2025', numerator: 12 },
        { area: '12025', period: '2026', numerator: 3 },
      ],
      now,
    );
    expect(values).toMatchObject([
      { areaCode: '12025', period: '2025', breakdown: 'totaal', value: 12, numerator: null, status: 'final' },
      { areaCode: '12025', period: '2026', value: 3, status: 'provisional' },
    ]);
    const rates = metricValues(rate, [{ area: '44021', period: '2025', numerator: 6, denominator: 10 }], now);
    expect(rates).toMatchObject([{ value: 60, numerator: 6, denominator: 10 }]);
  });

  it('leaves out rows that are not valid for the indicator', () => {
    const values = metricValues(
      rate,
      [
        { area: '12025', period: '2025-Q1', numerator: 1, denominator: 2 }, // quarter for a yearly indicator
        { area: '12025', period: '2025', numerator: -1, denominator: 2 }, // negative
        { area: '12025', period: '2025', numerator: 1, denominator: 0 }, // no denominator
        { area: '12025', period: '2025', numerator: 3, denominator: null },
        { area: '12025', period: '2025', numerator: 5, denominator: 4 }, // more than all
        { area: '', period: '2025', numerator: 1, denominator: 2 },
      ],
      now,
    );
    expect(values).toEqual([]);
  });

  it('suppresses small cells of computed indicators built on personal data, wherever they are shown', () => {
    const [few, enough, none] = metricValues(
      count,
      [
        { area: '12025', period: '2025', numerator: 4 },
        { area: '44021', period: '2025', numerator: 5 },
        { area: '11002', period: '2025', numerator: 0 },
      ],
      now,
    );
    const personal = { measure: 'count', personalData: true };
    expect(toCell(personal, { ...few!, numerator: null, denominator: null, source: null })).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(toCell(personal, { ...enough!, numerator: null, denominator: null, source: null })).toMatchObject({
      value: 5,
      suppressed: false,
    });
    expect(toCell(personal, { ...none!, numerator: null, denominator: null, source: null }).suppressed).toBe(
      false,
    );
    const [share] = metricValues(
      rate,
      [{ area: '12025', period: '2025', numerator: 3, denominator: 40 }],
      now,
    );
    const shown = toCell({ measure: 'rate', personalData: true }, { ...share!, source: null } as never);
    expect(shown).toMatchObject({ suppressed: true, value: null, numerator: null });
  });

  it('knows the running period in Brussels time', () => {
    expect(currentPeriod('year', new Date('2025-12-31T23:30:00Z'))).toBe('2026');
    expect(currentPeriod('quarter', new Date('2026-05-10T10:00:00Z'))).toBe('2026-Q2');
  });
});

// --- Against the database, with the modules that provide metrics ---------------------------------

const manifests: ModuleManifest[] = [
  referenceModule,
  servicesModule,
  callsModule,
  monitoringModule,
  participationModule,
];
let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, manifests);
}, 300_000);
afterAll(async () => platform?.close());

const db = () => platform.database.db;
const rows = async <T>(q: ReturnType<typeof sql>) =>
  ((await db().execute(q)) as unknown as { rows: T[] }).rows;

async function storedValue(code: string, area: string, period: string) {
  const [row] = await db()
    .select({ value: indicatorValues.value, numerator: indicatorValues.numerator })
    .from(indicatorValues)
    .innerJoin(indicators, eq(indicators.id, indicatorValues.indicatorId))
    .where(
      and(eq(indicators.code, code), eq(indicatorValues.areaCode, area), eq(indicatorValues.period, period)),
    );
  return row ?? null;
}

/** A register entry of 2019 (no demo data that year) in Mechelen. */
async function oefenkans(
  n: number,
  extra: { women?: number; men?: number; counts?: boolean; duplicate?: boolean },
) {
  for (let i = 0; i < n; i++) {
    const counts = extra.counts ?? true;
    await db().execute(sql`
      insert into oefenkansen (date, title, municipality_nis, place, format, duration_minutes, participants,
        women, men, main_goal_dutch, outside_lesson, no_certification, duplicate_key, duplicate, source)
      values ('2019-03-0${sql.raw(String((i % 9) + 1))}', ${`Taalcafé test ${i}`}, '12025', 'Bib', 'group', 60,
        ${(extra.women ?? 0) + (extra.men ?? 0) || 8}, ${extra.women ?? null}, ${extra.men ?? null},
        ${counts}, true, true, ${`k${Math.random()}`}, ${extra.duplicate ?? false}, 'manual')`);
  }
}

async function trajectories(n: number) {
  const [org] = await rows<{ id: string }>(
    sql`select id from organisations where agency_code = 'AGII' limit 1`,
  );
  for (let i = 0; i < n; i++) {
    await db().execute(sql`
      insert into participation_trajectories (code, counsellor_organisation_id, municipality_nis, start_date,
        obliged, dutch_level, status, closed_at)
      values (${`TEST-${Math.random().toString(36).slice(2, 10)}`}, ${org!.id}, '12025', '2019-01-10', true, 'A1',
        'completed', '2019-06-30T10:00:00Z')`);
  }
}

describe('platform-computed indicators', () => {
  it('adds the fiches of the computed indicators at start', async () => {
    const list = await db().select().from(indicators);
    for (const f of computedFiches) {
      expect(list.find((i) => i.code === f.code)).toMatchObject({ computedBy: f.computedBy });
    }
  });

  it('computes every metric from the other modules, with only one run at a time', async () => {
    await oefenkans(3, { women: 6, men: 4 });
    await oefenkans(1, { counts: false }); // does not meet the definition
    await oefenkans(1, { duplicate: true });
    const [mechelen] = await rows<{ id: string }>(
      sql`select id from organisations where type = 'local_government' and municipality_nis = '12025'`,
    );
    const items = await rows<{ id: string }>(
      sql`select id from service_catalogue_items order by code limit 2`,
    );
    for (const item of items) {
      await db().execute(
        sql`insert into service_package_choices (organisation_id, year, item_id) values (${mechelen!.id}, 2019, ${item.id})`,
      );
    }
    const [owner] = await rows<{ id: string }>(
      sql`select id from organisations where short_name = 'De Brug'`,
    );
    const [offer] = await rows<{ id: string }>(sql`
      insert into participation_offers (owner_organisation_id, title, description, category, sector, calendar_type,
        session_minutes, dutch_level, contact_name, contact_email, status, published_at, valid_until)
      values (${owner!.id}, 'Wandelclub 2019', 'x', 'sport', 'sport', 'permanent', 60, 'none', 'X', 'x@example.be',
        'expired', '2019-02-01T10:00:00Z', '2019-11-30') returning id`);
    const places = await rows<{ nis: string; network: string }>(sql`
      select nis, network_code as network from municipalities where nis in ('12025', '44021') order by nis`);
    for (const p of places) {
      await db().execute(sql`
        insert into participation_offer_places (offer_id, municipality_nis, network_code)
        values (${offer!.id}, ${p.nis}, ${p.network})`);
    }
    await trajectories(3);

    const result = await recomputeIndicators(db(), manifests);
    expect(result?.indicators.map((i) => i.code).sort()).toEqual(computedFiches.map((f) => f.code).sort());
    expect(await storedValue('oefenkansen-gerealiseerd', '12025', '2019')).toMatchObject({ value: 3 });
    expect(await storedValue('oefenkansen-aandeel-vrouwen', '12025', '2019')).toMatchObject({
      value: 60,
      numerator: 18,
    });
    expect(await storedValue('basispakket-afname', '12025', '2019')).toMatchObject({ value: 2 });
    for (const p of places)
      expect(await storedValue('aanbod-per-netwerk', p.network, '2019')).toMatchObject({ value: 1 });
    expect(await storedValue('nieuwkomers-40-uur', '12025', '2019')).toMatchObject({ value: 3 });
    expect(await lastComputedAt(db())).toEqual(result!.computedAt);

    // A second run right after, with the schedule's age check, does nothing.
    expect(await recomputeIndicators(db(), manifests, { olderThanMs: 60_000 })).toBeNull();
    const [state] = await rows<{ value: string }>(
      sql`select value from platform_state where key = ${COMPUTED_AT_KEY}`,
    );
    expect(state!.value).toBe(result!.computedAt.toISOString());
  });

  it('refuses imports of computed values, writing nothing', async () => {
    const result = await importValuesText(
      db(),
      'indicator,nis,periode,waarde\nnieuwkomers-40-uur,12025,2019,99\ninwoners,12025,2019,1000\n',
    );
    expect(result.written).toBe(0);
    expect(result.errors).toMatchObject([
      { line: 2, message: expect.stringContaining('door het platform berekend') },
    ]);
    expect(await storedValue('nieuwkomers-40-uur', '12025', '2019')).toMatchObject({ value: 3 });
  });

  it('recomputes on demand after new data: the administrator’s button, audited', async () => {
    const api = '/api/v1/indicators/nieuwkomers-40-uur/values?area=12025&period=2019';
    const before = JSON.parse((await platform.app.inject(api)).body);
    expect(before.items).toMatchObject([{ suppressed: true, value: null }]);

    const admin = await loggedIn(platform.app, 'beheerder');
    const page = await admin.get('/monitoring/indicatoren/nieuwkomers-40-uur');
    expect(page.body).toContain('Berekend door het platform');
    expect(page.body).toMatch(/Gegevens van \d{2}\/\d{2}\/\d{4}/);
    expect(page.body).toContain('Nu herberekenen');

    await trajectories(2);
    const res = await admin.post(
      '/monitoring/indicatoren/herberekenen',
      { code: 'nieuwkomers-40-uur' },
      { from: '/monitoring/indicatoren/nieuwkomers-40-uur' },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/monitoring/indicatoren/nieuwkomers-40-uur');
    const after = JSON.parse((await platform.app.inject(api)).body);
    expect(after.items).toMatchObject([{ suppressed: false, value: 5 }]);

    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'indicators.recomputed'))
      .orderBy(desc(auditLog.at))
      .limit(1);
    const [beheerder] = await rows<{ id: string }>(
      sql`select id from users where email = ${demo('beheerder')}`,
    );
    expect(audit?.actorUserId).toBe(beheerder!.id);

    // Agency staff manage the catalogue but do not recompute; they see no button.
    const staff = await loggedIn(platform.app, 'medewerker.agii');
    const fiche = await staff.get('/monitoring/indicatoren/nieuwkomers-40-uur');
    expect(fiche.body).toContain('Gegevens van');
    expect(fiche.body).not.toContain('Nu herberekenen');
    const refused = await staff.post(
      '/monitoring/indicatoren/herberekenen',
      {},
      { from: '/monitoring/indicatoren/nieuwkomers-40-uur' },
    );
    expect(refused.statusCode).toBe(404);
  });

  it('shows network-level values with the network names', async () => {
    const page = await platform.app.inject('/monitoring/indicatoren/aanbod-per-netwerk');
    expect(page.statusCode).toBe(200);
    const [net] = await rows<{ name: string }>(
      sql`select n.name from networks n join municipalities m on m.network_code = n.code where m.nis = '12025'`,
    );
    expect(page.body).toContain(net!.name);
    expect(page.body).toContain('Regionaal netwerk');
  });
});
