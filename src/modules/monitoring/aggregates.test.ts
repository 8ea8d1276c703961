import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../../test/helpers';
import { cachedChartCount } from '../../core/views/chart';
import { referenceModule } from '../reference';
import { monitoringModule } from '.';
import { refreshAllAggregates, refreshIndicator, staleIndicators } from './aggregates';
import { importValuesText } from './imports';
import { aggregateState, areaAggregates, indicators } from './schema';
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
