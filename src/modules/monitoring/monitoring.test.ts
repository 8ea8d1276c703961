import { Readable } from 'node:stream';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';
import { referenceModule } from '../reference';
import { monitoringModule } from '.';
import { monitoringIsolation } from './isolation';
import {
  actionPlans,
  importBatches,
  indicators,
  indicatorValues,
  planResults,
  progressUpdates,
} from './schema';

let platform: TestPlatform;
beforeAll(async () => {
  // Many logins in one minute from one address (the isolation matrix among them).
  platform = await createTestPlatform({ LOGIN_RATE_LIMIT: '1000' }, [referenceModule, monitoringModule]);
}, 180_000);
afterAll(async () => platform?.close());

const db = () => platform.database.db;
const get = (url: string) => platform.app.inject(url);

/** Inline styles, inline scripts and event handlers a strict CSP would block. */
function cspViolations(html: string): string[] {
  const { document } = parseHTML(html);
  const out: string[] = [];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'style') out.push('style element');
    if (tag === 'script' && !el.getAttribute('src')) out.push('inline script');
    for (const { name } of Array.from(el.attributes)) {
      if (name === 'style') out.push(`style attribute on ${tag}`);
      if (name.startsWith('on')) out.push(`${name} on ${tag}`);
    }
  }
  return out;
}

function multipart(fields: Record<string, string>, file?: { name: string; content: string | Buffer }) {
  const boundary = '----rkboundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  client: Client,
  url: string,
  from: string,
  fields: Record<string, string>,
  file?: { name: string; content: string | Buffer },
) {
  const token = await client.csrf(from);
  const { payload, contentType } = multipart(fields, file);
  return client.request({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(token)}`,
    payload,
    headers: { 'content-type': contentType },
  });
}

async function mechelenPlan() {
  const [plan] = await db().select().from(actionPlans).where(eq(actionPlans.areaCode, '12025'));
  const results = await db().select().from(planResults).where(eq(planResults.planId, plan!.id));
  return { plan: plan!, byCode: new Map(results.map((r) => [r.code, r])) };
}

describe('public monitoring pages', () => {
  it('shows the catalogue and the NT2 fiche of seed 001 with its last known value', async () => {
    const list = await get('/monitoring/indicatoren');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Werkzaamheidsgraad');
    const fiche = await get('/monitoring/indicatoren/nt2-eerste-inschrijvingen');
    expect(fiche.statusCode).toBe(200);
    for (const text of [
      'Outputindicator',
      'Datawarehouse van kruispuntbank inburgering',
      'Jaarlijks',
      'internationaal vergeleken',
      '37.646',
    ]) {
      expect(fiche.body).toContain(text);
    }
    expect((await get('/monitoring/indicatoren/bestaat-niet')).statusCode).toBe(404);
  });

  it('shows a municipal profile with tiles, trend charts with targets and their tables', async () => {
    const res = await get('/monitoring/gemeenten/12025?thema=arbeid');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Profiel van Mechelen');
    expect(res.body).toContain('class="tile"');
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain('Referentieregio Rivierenland');
    expect(res.body).toContain('Provincie Antwerpen');
    expect(res.body).toContain('Streefwaarde 2030');
    expect(res.body).toContain('Demowaarden');
    const { document } = parseHTML(res.body);
    const figure = document.querySelector('#ind-werkzaamheidsgraad figure');
    expect(figure?.querySelector('svg + *, svg')).toBeTruthy();
    expect(figure?.querySelector('table caption')?.textContent).toContain('de cijfers');
    expect(cspViolations(res.body)).toEqual([]);
  });

  it('suppresses small cells of indicators built on personal data', async () => {
    const res = await get('/api/v1/indicators/nieuwkomers/values?pageSize=200&period=2024');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const suppressed = body.items.filter((i: { suppressed: boolean }) => i.suppressed);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const s of suppressed) expect(s.value).toBeNull();
    const shown = body.items.filter(
      (i: { suppressed: boolean; value: number }) => !i.suppressed && i.value !== null,
    );
    for (const s of shown) expect(s.value === 0 || s.value >= 5).toBe(true);
  });

  it('draws the choropleth with a legend and the table of all municipalities', async () => {
    const res = await get(
      '/monitoring/kaart?indicator=werkzaamheidsgraad&periode=2024&uitsplitsing=geslacht:vrouw&gemeente=12025',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="map"');
    expect(res.body).toMatch(/map__area choro-\d/);
    expect(res.body).toContain('class="legend"');
    expect(res.body).toContain('(Vrouw)');
    const { document } = parseHTML(res.body);
    expect(document.querySelectorAll('table tbody tr').length).toBe(304);
    const css = await get('/monitoring/stijl.css');
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('.map__area.choro-4 { fill: #253494; }');
    expect(cspViolations(res.body)).toEqual([]);
  });

  it('falls back for nonsense map parameters instead of failing', async () => {
    const res = await get('/monitoring/kaart?indicator=%3Cscript%3E&periode=abc&uitsplitsing=x:y');
    expect(res.statusCode).toBe(200);
  });

  it('proposes the 10 most similar municipalities and compares them, with a CSV', async () => {
    const res = await get(
      '/monitoring/vergelijken?gemeente=12025&voorstel=1&indicatoren=werkzaamheidsgraad&indicatoren=inwoners',
    );
    expect(res.statusCode).toBe(200);
    const { document } = parseHTML(res.body);
    const proposed = document.querySelectorAll('#similar-title + p + ol li');
    expect(proposed.length).toBe(10);
    expect(res.body).toContain('cmp-werkzaamheidsgraad-title');
    const csv = await get(
      '/monitoring/vergelijken.csv?gemeente=12025&voorstel=1&indicatoren=werkzaamheidsgraad',
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('werkzaamheidsgraad');
    expect(lines).toHaveLength(13); // header, Mechelen, 10 similar, Vlaanderen
  });

  it('publishes open data with metadata in the OpenAPI document', async () => {
    const list = (await get('/api/v1/indicators?pageSize=5')).json();
    expect(list.items).toHaveLength(5);
    expect(list.total).toBeGreaterThanOrEqual(20);
    const nt2 = (await get('/api/v1/indicators/nt2-eerste-inschrijvingen')).json();
    expect(nt2).toMatchObject({
      type: 'output',
      frequency: 'year',
      source: 'Datawarehouse van kruispuntbank inburgering',
    });
    const values = (await get('/api/v1/indicators/nt2-eerste-inschrijvingen/values')).json();
    expect(values.items[0]).toMatchObject({ area: 'VLBR', period: '2023', value: 37646 });
    const csv = await get('/api/v1/indicators/werkzaamheidsgraad/values.csv?period=2024&area=12025');
    expect(csv.body.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
      'indicator,nis,gemeente,periode,uitsplitsing,waarde,teller,noemer,status,bron',
    );
    expect(csv.body).toContain('werkzaamheidsgraad,12025,Mechelen,2024,');
    const openapi = await get('/api/v1/openapi.json');
    expect(openapi.statusCode, openapi.body.slice(0, 300)).toBe(200);
    const doc = openapi.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/indicators',
        '/api/v1/indicators/{code}/values',
        '/api/v1/action-plans/{id}',
      ]),
    );
    const bad = await get('/api/v1/indicators/werkzaamheidsgraad/values?period=vorig-jaar');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

describe('imports', () => {
  const head = 'indicator;nis;gemeente;periode;uitsplitsing;waarde;teller;noemer;status;bron';

  it('reports every error of a dry run per line, imports nothing, and refuses to import', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    const [before] = await db().select({ n: count() }).from(indicatorValues);
    const csv = [
      head,
      'inwoners;99999;;2018;;100;;;;',
      'inwoners;12025;;2018;;honderd;;;;',
      'inwoners;12025;;2018-Q1;;100;;;;',
      'inwoners;44021;;2018;;100;;;;',
      'inwoners;44021;;2018;;101;;;;',
      'nieuwkomers;12025;;2018;;-4;;;;',
      'werkzaamheidsgraad;12025;;2018;;65;650;;;',
    ].join('\n');
    const res = await upload(
      admin,
      '/monitoring/import',
      '/monitoring/import',
      { strategy: 'upsert' },
      { name: 'fouten.csv', content: csv },
    );
    expect(res.statusCode).toBe(303);
    const page = await admin.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    for (const text of [
      '99999 is onbekend',
      '&quot;honderd&quot; is geen getal',
      'kwartaal',
      'Dubbele regel',
      'niet negatief',
      'teller en noemer',
      'Er werd niets ingelezen',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).not.toContain('>Inlezen<');
    const id = (res.headers.location as string).split('/').pop()!;
    const refused = await admin.post(
      `/monitoring/import/${id}/inlezen`,
      {},
      { from: `/monitoring/import/${id}` },
    );
    expect(refused.statusCode).toBe(409);
    const [after] = await db().select({ n: count() }).from(indicatorValues);
    expect(after!.n).toBe(before!.n);
  });

  it('imports a clean file after its dry run, mapping pre-2025 codes onto the merged municipality', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    const csv = [
      head,
      'inwoners;23023;Galmaarden;2018;;8900;;;definitief;Statbel',
      'inwoners;23024;Gooik;2018;;9200;;;definitief;Statbel',
      'inwoners;23032;Herne;2018;;6800;;;definitief;Statbel',
      'werkzaamheidsgraad;;Mechelen;2018;;;6000;10000;voorlopig;',
    ].join('\n');
    const res = await upload(
      admin,
      '/monitoring/import',
      '/monitoring/import',
      { strategy: 'create' },
      { name: 'schoon.csv', content: csv },
    );
    expect(res.statusCode).toBe(303);
    const url = res.headers.location as string;
    const page = await admin.get(url);
    expect(page.body).toContain('Het bestand is foutloos');
    expect(page.body).toContain('Samengeteld na de fusies van 2025');
    const done = await admin.post(`${url}/inlezen`, {}, { from: url });
    expect(done.statusCode).toBe(303);
    const [ind] = await db().select().from(indicators).where(eq(indicators.code, 'inwoners'));
    const [value] = await db()
      .select()
      .from(indicatorValues)
      .where(
        and(
          eq(indicatorValues.indicatorId, ind!.id),
          eq(indicatorValues.areaCode, '23106'),
          eq(indicatorValues.period, '2018'),
        ),
      );
    expect(value).toMatchObject({ value: 24900, status: 'final', source: 'Statbel' });
    const [batch] = await db()
      .select()
      .from(importBatches)
      .where(eq(importBatches.id, url.split('/').pop()!));
    expect(batch).toMatchObject({ status: 'imported', created: 2, content: null });

    // The same file again with "create only": the values exist now.
    const again = await upload(
      admin,
      '/monitoring/import',
      '/monitoring/import',
      { strategy: 'create' },
      { name: 'schoon.csv', content: csv },
    );
    const report = await admin.get(again.headers.location as string);
    expect(report.body).toContain('Er is al een waarde voor inwoners, 23106, 2018');
  });

  it('refuses a file over the size limit with a clear message', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    const big = Buffer.alloc(33 * 1024 * 1024, 'a');
    const res = await upload(
      admin,
      '/monitoring/import',
      '/monitoring/import',
      { strategy: 'upsert' },
      { name: 'groot.csv', content: big },
    );
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('groter dan 32 MB');
  });

  it('imports an Excel workbook like a CSV: per-row errors first, then the clean file', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Waarden');
    sheet.addRow(['indicator', 'nis', 'gemeente', 'periode', 'uitsplitsing', 'waarde', 'teller', 'noemer']);
    sheet.addRow(['inwoners', '99999', '', 2017, '', 100]);
    sheet.addRow(['werkzaamheidsgraad', '12025', '', 2017, '', 65, 650]);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const [before] = await db().select({ n: count() }).from(indicatorValues);
    const res = await upload(
      admin,
      '/monitoring/import',
      '/monitoring/import',
      { strategy: 'upsert' },
      { name: 'waarden.xlsx', content: bad },
    );
    expect(res.statusCode).toBe(303);
    const report = await admin.get(res.headers.location as string);
    expect(report.body).toContain('Fouten per rij');
    expect(report.body).toContain('99999 is onbekend');
    expect(report.body).toContain('teller en noemer');
    expect(report.body).not.toContain('>Inlezen<');

    // The export of an indicator as a workbook imports again unchanged ("create only" finds them all).
    const xlsx = await get('/api/v1/indicators/werkzaamheidsgraad/values.xlsx?area=12025');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const again = await upload(
      admin,
      '/monitoring/import',
      '/monitoring/import',
      { strategy: 'update' },
      { name: 'export.xlsx', content: xlsx.rawPayload },
    );
    const page = await admin.get(again.headers.location as string);
    expect(page.body).toContain('Het bestand is foutloos');
    const done = await admin.post(
      `${again.headers.location}/inlezen`,
      {},
      { from: again.headers.location as string },
    );
    expect(done.statusCode).toBe(303);
    const [after] = await db().select({ n: count() }).from(indicatorValues);
    expect(after!.n).toBe(before!.n);
  });

  it('answers a 200 MB upload over HTTP with a Dutch 413 page, imports nothing and keeps serving', async () => {
    // A real server: the browser streams the whole body, and must still get the answer.
    const address = await platform.app.listen({ port: 0, host: '127.0.0.1' });
    {
      const admin = await loggedIn(platform.app, 'beheerder');
      const token = await admin.csrf('/monitoring/import');
      const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const boundary = '----rkbig';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="strategy"\r\n\r\nupsert\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="groot.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const chunk = Buffer.alloc(1024 * 1024, 'inwoners;12025;;2018;;1;;;;\n');
      const total = 200;
      const body = (async function* () {
        yield head;
        for (let i = 0; i < total; i++) yield chunk;
        yield tail;
      })();
      const [batches] = await db().select({ n: count() }).from(importBatches);
      const res = await fetch(`${address}/monitoring/import?_csrf=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
        body: Readable.toWeb(Readable.from(body)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      const html = await res.text();
      expect(html).toContain('groter dan 32 MB');
      expect(html).toContain('error-summary');
      const [afterBatches] = await db().select({ n: count() }).from(importBatches);
      expect(afterBatches!.n).toBe(batches!.n);
      expect((await fetch(`${address}/monitoring`)).status).toBe(200);
    }
  }, 120_000);

  it('keeps the import page from local officers', async () => {
    const officer = await loggedIn(platform.app, 'mechelen');
    expect((await officer.get('/monitoring/import')).statusCode).toBe(404);
  });
});

describe('action plans', () => {
  it('lets Mechelen update progress on its result; the plan rolls up', async () => {
    const officer = await loggedIn(platform.app, 'mechelen');
    const { plan, byCode } = await mechelenPlan();
    const result = byCode.get('3.2')!;
    const url = `/monitoring/plannen/${plan.id}/resultaten/${result.id}`;
    const before = (await get(`/api/v1/action-plans/${plan.id}`)).json();
    const res = await officer.post(
      `${url}/voortgang`,
      { progress: '80', status: 'in_progress', note: 'Ceremonie voorbereid.' },
      { from: url },
    );
    expect(res.statusCode).toBe(303);
    const after = (await get(`/api/v1/action-plans/${plan.id}`)).json();
    expect(after.progress).toBeGreaterThan(before.progress);
    const parent = after.results.find((r: { code: string }) => r.code === '3');
    expect(parent.progress).toBe(65); // (50 + 80) / 2
    const page = await get(url);
    expect(page.body).toContain('Ceremonie voorbereid.');
  });

  it('refuses progress from another local government and bad input without writing', async () => {
    const { plan, byCode } = await mechelenPlan();
    const result = byCode.get('1.1')!;
    const url = `/monitoring/plannen/${plan.id}/resultaten/${result.id}`;
    const [n0] = await db().select({ n: count() }).from(progressUpdates);
    const gent = await loggedIn(platform.app, 'gent');
    expect(
      (await gent.post(`${url}/voortgang`, { progress: '99', status: 'done' }, { from: '/account' }))
        .statusCode,
    ).toBe(403);
    const officer = await loggedIn(platform.app, 'mechelen');
    const bad = await officer.post(
      `${url}/voortgang`,
      { progress: '150', status: 'in_progress' },
      { from: url },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('percentage van 0 tot 100');
    const [n1] = await db().select({ n: count() }).from(progressUpdates);
    expect(n1!.n).toBe(n0!.n);
  });

  it('updates progress in bulk from the CSV export, and applies nothing when a line is wrong', async () => {
    const officer = await loggedIn(platform.app, 'mechelen');
    const { plan } = await mechelenPlan();
    const exported = (await get(`/monitoring/plannen/${plan.id}/voortgang.csv`)).body.replace(/^\uFEFF/, '');
    expect(exported.split('\n')[0]).toBe('code,resultaat,voortgang,status,toelichting');
    const page = `/monitoring/plannen/${plan.id}/voortgang-bijwerken`;
    const wrong = 'code,voortgang,status\n1.2,45,lopend\n9.9,10,lopend\n1.1,200,lopend\n';
    const refused = await upload(officer, page, page, {}, { name: 'v.csv', content: wrong });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('geen resultaat met code &quot;9.9&quot;');
    expect(refused.body).toContain('&quot;200&quot; is geen percentage');
    const good = 'code,voortgang,status,toelichting\n1.2,45,lopend,Loketten opgeleid\n2.1,55,Lopend,\n';
    const ok = await upload(officer, page, page, {}, { name: 'v.csv', content: good });
    expect(ok.statusCode).toBe(303);
    const after = (await get(`/api/v1/action-plans/${plan.id}`)).json();
    expect(after.results.find((r: { code: string }) => r.code === '1.2').progress).toBe(45);
    expect(after.results.find((r: { code: string }) => r.code === '1.2').status).toBe('in_progress');
  });

  it('lets Gent start its own plan with a tree of results, and refuses a cycle', async () => {
    const gent = await loggedIn(platform.app, 'gent');
    const res = await gent.post(
      '/monitoring/plannen/nieuw',
      { title: 'Gent samen', kind: 'local', startYear: '2026', endYear: '2031', areaCode: '44021' },
      { from: '/monitoring/plannen/nieuw' },
    );
    expect(res.statusCode).toBe(303);
    const planUrl = res.headers.location as string;
    const add = (form: Record<string, string>) =>
      gent.post(`${planUrl}/resultaten/nieuw`, form, { from: `${planUrl}/resultaten/nieuw` });
    expect((await add({ title: 'Taal', weight: '2', status: 'planned' })).statusCode).toBe(303);
    const [top] = await db().select().from(planResults).where(eq(planResults.title, 'Taal'));
    expect(
      (await add({ title: 'Taalcafés', parentId: top!.id, weight: '1', status: 'planned' })).statusCode,
    ).toBe(303);
    const [child] = await db().select().from(planResults).where(eq(planResults.title, 'Taalcafés'));
    expect(child!.code).toBe('1.1');
    const cycle = await gent.post(
      `${planUrl}/resultaten/${top!.id}/bewerken`,
      { title: 'Taal', parentId: child!.id, weight: '2', status: 'planned' },
      { from: `${planUrl}/resultaten/${top!.id}/bewerken` },
    );
    expect(cycle.statusCode).toBe(422);
    expect(cycle.body).toContain('niet onder zichzelf');
    const bad = await gent.post(
      '/monitoring/plannen/nieuw',
      { title: '', kind: 'x', startYear: 'abc', endYear: '1' },
      { from: '/monitoring/plannen/nieuw' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('error-summary');
  });
});

describe('regietafels', () => {
  it('lets the secretariat add a meeting, not a member organisation', async () => {
    const list = await get('/monitoring/regietafels');
    expect(list.body).toContain('Vlaamse regietafel Migratie en Integratie');
    const id = list.body.match(/\/monitoring\/regietafels\/([0-9a-f-]{36})">Vlaamse regietafel/)![1];
    const admin = await loggedIn(platform.app, 'beheerder');
    const url = `/monitoring/regietafels/${id}/vergaderingen/nieuw`;
    const res = await admin.post(
      url,
      { date: '2026-02-12', agenda: 'Resultaatsindicatoren', decisions: 'Goedgekeurd' },
      { from: url },
    );
    expect(res.statusCode).toBe(303);
    const page = await get(`/monitoring/regietafels/${id}`);
    expect(page.body).toContain('Resultaatsindicatoren');
    const mechelen = await loggedIn(platform.app, 'mechelen');
    expect((await mechelen.get(url)).statusCode).toBe(403);
    const bad = await admin.post(url, { date: '31/02/2026', agenda: '' }, { from: url });
    expect(bad.statusCode).toBe(422);
  });
});

describe('every page renders', () => {
  it('answers 200 without inline styles or scripts, for visitors and for staff', async () => {
    const { plan, byCode } = await mechelenPlan();
    const tables =
      (await get('/monitoring/regietafels')).body.match(/\/monitoring\/regietafels\/[0-9a-f-]{36}/g) ?? [];
    const publicPages = [
      '/monitoring',
      '/monitoring/gemeenten',
      '/monitoring/gemeenten?nis=44021',
      ...[
        'context',
        'arbeid',
        'onderwijs',
        'netwerken',
        'verbondenheid',
        'burgerschap',
        'financieel',
        'gelijke-behandeling',
        'nederlands',
      ].map((t) => `/monitoring/gemeenten/21004?thema=${t}`),
      '/monitoring/gemeenten/23106?thema=context',
      '/monitoring/indicatoren?theme=arbeid&q=werk',
      '/monitoring/indicatoren/leefloon',
      '/monitoring/kaart?indicator=bevolkingsdichtheid',
      '/monitoring/kaart?indicator=nieuwkomers&periode=2024',
      '/monitoring/vergelijken',
      '/monitoring/vergelijken?gemeenten=12025&gemeenten=44021&indicatoren=leefloon',
      '/monitoring/plannen',
      `/monitoring/plannen/${plan.id}`,
      `/monitoring/plannen/${plan.id}/resultaten/${byCode.get('2.1')!.id}`,
      ...tables,
    ];
    const problems: string[] = [];
    for (const url of publicPages) {
      const res = await get(url);
      const ok = url.includes('?nis=') ? res.statusCode === 303 : res.statusCode === 200;
      if (!ok) problems.push(`${url}: ${res.statusCode}`);
      else if (res.statusCode === 200 && cspViolations(res.body).length)
        problems.push(`${url}: ${cspViolations(res.body).join(', ')}`);
    }
    const admin = await loggedIn(platform.app, 'beheerder');
    const officer = await loggedIn(platform.app, 'mechelen');
    const staffPages: Array<[Client, string]> = [
      [admin, '/monitoring/indicatoren/nieuw'],
      [admin, '/monitoring/indicatoren/werkzaamheidsgraad/bewerken'],
      [admin, '/monitoring/import'],
      [admin, '/monitoring/regietafels/nieuw'],
      [admin, `${tables[0]}/leden?q=Mechelen`],
      [officer, '/home'],
      [officer, '/monitoring/plannen/nieuw'],
      [officer, `/monitoring/plannen/${plan.id}/bewerken`],
      [officer, `/monitoring/plannen/${plan.id}/resultaten/nieuw`],
      [officer, `/monitoring/plannen/${plan.id}/resultaten/${byCode.get('1')!.id}`],
      [officer, `/monitoring/plannen/${plan.id}/resultaten/${byCode.get('1')!.id}/bewerken`],
      [officer, `/monitoring/plannen/${plan.id}/voortgang-bijwerken`],
    ];
    for (const [client, url] of staffPages) {
      const res = await client.get(url);
      if (res.statusCode !== 200) problems.push(`${url}: ${res.statusCode}`);
      else if (cspViolations(res.body).length) problems.push(`${url}: ${cspViolations(res.body).join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('lets an administrator add an indicator to the catalogue, with Dutch errors first', async () => {
    const admin = await loggedIn(platform.app, 'beheerder');
    const from = '/monitoring/indicatoren/nieuw';
    const bad = await admin.post(from, { code: 'Fout Code', name: '', measure: 'rate', type: 'x' }, { from });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('kleine letters, cijfers en koppeltekens');
    const form = {
      code: 'oefenkansen-lokaal',
      name: 'Lokaal georganiseerde taaloefenkansen',
      definition: 'Aantal georganiseerde oefenkansen Nederlands.',
      type: 'output',
      calculation: 'Som van de oefenkansen in het jaar.',
      measure: 'count',
      unit: 'oefenkansen',
      decimals: '0',
      multiplier: '100',
      source: 'Regiekamer (oproep oefenkansen)',
      frequency: 'year',
      theme: 'nederlands',
      direction: 'higher',
      areaLevel: 'municipality',
      targetValue: '83.050',
      targetPeriod: '2025',
      flags: ['published'],
    };
    const ok = await admin.post(from, form, { from });
    expect(ok.statusCode).toBe(303);
    const fiche = (await get('/api/v1/indicators/oefenkansen-lokaal')).json();
    expect(fiche).toMatchObject({ target: { value: 83050, period: '2025' }, measure: 'count' });
  });
});

describe('isolation rows', () => {
  it('refuses every non-public route to users of another organisation', async () => {
    const rows = await monitoringIsolation({ app: platform.app, db: db() });
    const clients = new Map<string, Client>();
    const failures: string[] = [];
    for (const row of rows) {
      let client = clients.get(row.as);
      if (!client) {
        client = await loggedIn(platform.app, row.as);
        clients.set(row.as, client);
      }
      let status: number;
      if (row.method === 'GET') status = (await client.get(row.url)).statusCode;
      else if (row.json !== undefined) {
        const token = await client.csrf('/account');
        status = (
          await client.request({
            method: row.method,
            url: row.url,
            payload: JSON.stringify(row.json),
            headers: { 'content-type': 'application/json', 'x-csrf-token': token },
          })
        ).statusCode;
      } else status = (await client.post(row.url, row.form ?? {}, { from: '/account' })).statusCode;
      if (!(row.expect ?? [403, 404]).includes(status))
        failures.push(`${row.method} ${row.url} as ${row.as}: ${status}`);
    }
    expect(failures).toEqual([]);
    // Every non-public monitoring route has rows or is declared self-scoped.
    const covered = new Set([
      ...rows.map((r) => `${r.method} ${r.route}`),
      ...(monitoringModule.selfScoped ?? []).map((s) => `${s.method} ${s.route}`),
    ]);
    const missing = platform.app.routeList
      .filter(
        (r) =>
          r.url.startsWith('/monitoring') ||
          r.url.startsWith('/api/v1/action-plans') ||
          r.url.startsWith('/api/v1/indicators'),
      )
      .filter((r) => r.method !== 'HEAD' && !r.config?.public)
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });
});
