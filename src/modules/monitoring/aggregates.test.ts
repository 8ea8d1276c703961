import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';
import { auditLog } from '../../core/audit/schema';
import { cachedChartCount } from '../../core/views/chart';
import { referenceModule } from '../reference';
import { monitoringModule } from '.';
import { refreshAllAggregates, refreshIndicator, staleIndicators } from './aggregates';
import { geography } from './geo';
import { importValuesText } from './imports';
import { aggregateState, areaAggregates, importBatches, indicators, indicatorValues } from './schema';
import { allIndicators, comparison, getIndicator, mapData, municipalProfile } from './service';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, monitoringModule]);
}, 180_000);
afterAll(async () => platform?.close());

const db = () => platform.database.db;
const themes = ['context', 'arbeid', 'nederlands', 'onderwijs'];
/** Forgets every stored aggregate: pages then compute them from the municipal values. */
const forgetAggregates = () => db().delete(aggregateState);
const withoutAsOf = <T extends { asOf: Date | null }>(x: T) => ({ ...x, asOf: null });

describe('stored regional values', () => {
  it('are current for every indicator after the demo data is loaded', async () => {
    expect(await staleIndicators(db())).toEqual([]);
    const [n] = await db().select({ n: sql<number>`count(*)::int` }).from(areaAggregates);
    expect(n!.n).toBeGreaterThan(100);
  });

  it('give the same profiles, map and comparison as computing them from every municipality', async () => {
    const municipal = (await allIndicators(db())).filter((i) => i.areaLevel === 'municipality');
    const map = await getIndicator(db(), 'werkzaamheidsgraad');
    const read = async () => ({
      profiles: await Promise.all(
        ['12025', '44021', '21004'].flatMap((nis) => themes.map((t) => municipalProfile(db(), nis, t))),
      ),
      map: await mapData(db(), map, undefined, 'geslacht:vrouw'),
      comparison: await comparison(db(), municipal.slice(0, 6), ['12025', '11002', '44021'], undefined),
    });
    const stored = await read();
    expect(stored.profiles[0]!.asOf).toBeInstanceOf(Date);
    expect(stored.comparison.asOf).toBeInstanceOf(Date);
    // Some regional values are shown at all.
    expect(stored.profiles[0]!.indicators.some((p) => p.lines[1]?.cells.some((c) => c.value !== null))).toBe(
      true,
    );
    await forgetAggregates();
    const live = await read();
    expect(live.profiles[0]!.asOf).toBeNull();
    expect(live.profiles.map(withoutAsOf)).toEqual(stored.profiles.map(withoutAsOf));
    expect(live.map).toEqual(stored.map);
    expect(withoutAsOf(live.comparison)).toEqual(withoutAsOf(stored.comparison));
    await refreshAllAggregates(db());
    expect(await staleIndicators(db())).toEqual([]);
  });

  it('are marked stale by an import in its transaction, and refreshed to the new sums', async () => {
    const ind = await getIndicator(db(), 'inwoners');
    const before = await municipalProfile(db(), '12025', ind.theme);
    const line = (p: typeof before) => p.indicators.find((x) => x.indicator.code === 'inwoners')!;
    const flanders = (p: typeof before) =>
      line(p).lines.find((l) => l.key === 'VLG')!.cells[line(p).periods.indexOf('2024')]!.value!;
    const result = await importValuesText(
      db(),
      [
        'indicator;nis;gemeente;periode;uitsplitsing;waarde;teller;noemer;status;bron',
        `inwoners;12025;Mechelen;2024;;${line(before).lines[0]!.cells[line(before).periods.indexOf('2024')]!.value! + 1000};;;definitief;Test`,
      ].join('\n'),
      { strategy: 'upsert' },
    );
    expect(result.errors).toEqual([]);
    // Not current any more: the page computes Flanders from the new values.
    expect(await db().select().from(aggregateState).where(eq(aggregateState.indicatorId, ind.id))).toEqual(
      [],
    );
    expect(await staleIndicators(db())).toEqual([ind.id]);
    const live = await municipalProfile(db(), '12025', ind.theme);
    expect(flanders(live)).toBe(flanders(before) + 1000);
    await refreshIndicator(db(), ind.id);
    const stored = await municipalProfile(db(), '12025', ind.theme);
    expect(flanders(stored)).toBe(flanders(before) + 1000);
    expect(stored.asOf).toBeInstanceOf(Date);
  });

  it('are found stale when values change behind the platform’s back', async () => {
    const [ind] = await db().select().from(indicators).where(eq(indicators.code, 'inwoners'));
    await db().execute(
      sql`delete from monitoring_values where indicator_id = ${ind!.id} and area_code = '12025' and period = '2024'`,
    );
    expect(await staleIndicators(db())).toEqual([ind!.id]);
    await refreshIndicator(db(), ind!.id);
    expect(await staleIndicators(db())).toEqual([]);
  });

  it('says on the profile when the regional values were computed, and draws each chart once', async () => {
    const first = await platform.app.inject('/monitoring/gemeenten/12025?thema=arbeid');
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/Regionale cijfers: gegevens van \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\./);
    const charts = cachedChartCount();
    const second = await platform.app.inject('/monitoring/gemeenten/12025?thema=arbeid');
    expect(cachedChartCount()).toBe(charts);
    const svgs = (html: string) => html.match(/<svg[^>]*class="chart__svg"[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs(second.body).length).toBeGreaterThan(0);
    expect(svgs(second.body)).toEqual(svgs(first.body));
  });
});

/** Uploads a value CSV for a dry run (as the import page does); returns the batch's address. */
async function dryRun(client: Client, csv: string, strategy: string, name = 'groot.csv') {
  const boundary = '----rkboundaryAggregates';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="strategy"\r\n\r\n${strategy}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const token = await client.csrf('/monitoring/import');
  const res = await client.request({
    method: 'POST',
    url: `/monitoring/import?_csrf=${encodeURIComponent(token)}`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode).toBe(303);
  return res.headers.location as string;
}

describe('a large import (COPY on PostgreSQL)', () => {
  const years = Array.from({ length: 20 }, (_, i) => String(1991 + i));
  /** One value per current municipality and year: more rows than a COPY needs. */
  const file = async (code: string, value: (nis: string, year: string) => number) => {
    const nis = (await geography(db())).municipalities.map((m) => m.nis);
    const lines = ['indicator;nis;periode;waarde'];
    for (const y of years) for (const n of nis) lines.push(`${code};${n};${y};${value(n, y)}`);
    return { csv: lines.join('\n'), rows: lines.length - 1 };
  };
  const valuesOf = async (indicatorId: string) =>
    db()
      .select()
      .from(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, indicatorId), sql`${indicatorValues.period} < '2011'`));

  it('writes every value with its batch in one go, counts them, audits and marks the aggregates stale', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    const [ind] = await db().select().from(indicators).where(eq(indicators.code, 'inwoners'));
    await refreshIndicator(db(), ind!.id);
    const { csv, rows } = await file('inwoners', (n, y) => Number(n) + Number(y));
    expect(rows).toBeGreaterThan(5_000);
    const url = await dryRun(admin, csv, 'upsert');
    const id = url.split('/').pop()!;
    const done = await admin.post(`${url}/inlezen`, {}, { from: url });
    expect(done.statusCode).toBe(303);
    const [batch] = await db().select().from(importBatches).where(eq(importBatches.id, id));
    expect(batch).toMatchObject({ status: 'imported', created: rows, updated: 0, content: null });
    const values = await valuesOf(ind!.id);
    expect(values).toHaveLength(rows);
    expect(values.every((v) => v.batchId === id && v.status === 'final')).toBe(true);
    expect(values.find((v) => v.areaCode === '12025' && v.period === '1995')?.value).toBe(12025 + 1995);
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(['import.checked', 'import.imported']);
    expect(await db().select().from(aggregateState).where(eq(aggregateState.indicatorId, ind!.id))).toEqual(
      [],
    );
  });

  it('still imports when another import added one of the values since the dry run', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    const [ind] = await db().select().from(indicators).where(eq(indicators.code, 'nieuwkomers'));
    const { csv, rows } = await file('nieuwkomers', (n, y) => Number(y) - 1900 + (Number(n) % 7));
    const url = await dryRun(admin, csv, 'upsert');
    await importValuesText(db(), 'indicator;nis;periode;waarde\nnieuwkomers;12025;1995;1', {
      strategy: 'upsert',
    });
    const done = await admin.post(`${url}/inlezen`, {}, { from: url });
    expect(done.statusCode).toBe(303);
    const [batch] = await db()
      .select()
      .from(importBatches)
      .where(eq(importBatches.id, url.split('/').pop()!));
    expect(batch).toMatchObject({ status: 'imported', created: rows - 1, updated: 1 });
    const values = await valuesOf(ind!.id);
    expect(values).toHaveLength(rows);
    expect(values.find((v) => v.areaCode === '12025' && v.period === '1995')?.value).toBe(95 + (12025 % 7));
  });

  it('writes nothing when "create only" meets a value added since the dry run', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    // Another count per municipality and year than the tests above use.
    const [target] = await db()
      .select()
      .from(indicators)
      .where(
        and(
          eq(indicators.measure, 'count'),
          eq(indicators.frequency, 'year'),
          eq(indicators.areaLevel, 'municipality'),
          sql`${indicators.computedBy} is null and ${indicators.code} not in ('inwoners', 'nieuwkomers')`,
        ),
      )
      .limit(1);
    const { csv } = await file(target!.code, () => 3);
    const url = await dryRun(admin, csv, 'create');
    await importValuesText(db(), `indicator;nis;periode;waarde\n${target!.code};44021;2001;1`);
    const refused = await admin.post(`${url}/inlezen`, {}, { from: url });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Sinds de controle is er iets veranderd');
    const values = await valuesOf(target!.id);
    expect(values.map((v) => [v.areaCode, v.period, v.value])).toEqual([['44021', '2001', 1]]);
  });
});
