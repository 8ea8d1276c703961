import { and, count, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';
import { memberships, organisations, users } from '../../core/access/schema';
import { hashPassword } from '../../core/auth/passwords';
import { referenceModule } from '../reference';
import { callsModule } from '.';
import { callsIsolation, callsSelfScoped } from './isolation';
import { callApplications, calls, impulseGrants, oefenkansen } from './schema';

let platform: TestPlatform;
let callId: string;
let lier: Client;
const PASSWORD = 'Een-lang-testwachtwoord-2026';

/** An officer of Lier (whose demo application is still a draft), for the API flow. */
async function lierOfficer() {
  const db = platform.database.db;
  const [org] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.type, 'local_government'), eq(organisations.municipalityNis, '12021')));
  const [user] = await db
    .insert(users)
    .values({
      email: 'lier@test.regiekamer.be',
      name: 'An Wouters',
      passwordHash: await hashPassword(PASSWORD),
    })
    .returning();
  await db.insert(memberships).values({ userId: user!.id, organisationId: org!.id, role: 'local_officer' });
  return new Client(platform.app).login('lier@test.regiekamer.be', PASSWORD);
}

beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, callsModule]);
  const [call] = await platform.database.db.select().from(calls);
  callId = call!.id;
  lier = await lierOfficer();
}, 240_000);
afterAll(async () => platform?.close());

async function json(client: Client, method: 'POST' | 'PATCH' | 'GET', url: string, payload?: unknown) {
  const csrf = await client.csrf('/account');
  return client.request({
    method,
    url,
    ...(payload === undefined
      ? { headers: { 'x-csrf-token': csrf } }
      : {
          payload: JSON.stringify(payload),
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        }),
  });
}

describe('the applicant API', () => {
  it('reads, fills and submits a draft, with Dutch problems for bad input', async () => {
    const start = await json(lier, 'POST', '/api/v1/applications', { callId });
    expect(start.statusCode).toBe(200);
    const draft = start.json();
    expect(draft).toMatchObject({ status: 'draft', municipalities: ['12021'] });
    const url = `/api/v1/applications/${draft.id}`;

    const badIban = await json(lier, 'PATCH', url, {
      applicant: {
        contactName: 'An',
        contactEmail: 'an@lier.be',
        accountHolder: 'Stad Lier',
        iban: 'BE00 1234',
      },
    });
    expect(badIban.statusCode).toBe(422);
    expect(badIban.headers['content-type']).toContain('application/problem+json');
    expect(badIban.json().errors.iban).toContain('geen geldig IBAN');

    const call = (await platform.app.inject(`/api/v1/calls/${callId}`)).json();
    const year = Number(call.implementationStart.slice(0, 4));
    const q = `${year}-Q${Math.floor((Number(call.implementationStart.slice(5, 7)) - 1) / 3) + 1}`;
    const outside = await json(lier, 'PATCH', url, {
      planned: [{ format: 'walk', quarter: '1999-Q1', units: 5 }],
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors.planned).toContain('buiten de uitvoeringsperiode');
    const tooMany = await json(lier, 'PATCH', url, {
      planned: [{ format: 'walk', quarter: q, units: 6000 }],
    });
    expect(tooMany.statusCode).toBe(422);
    expect(JSON.stringify(tooMany.json().errors)).toContain('hoogstens 5000');

    const incomplete = await json(lier, 'POST', `${url}/submit`);
    expect(incomplete.statusCode).toBe(422);
    expect(JSON.stringify(incomplete.json().errors)).toContain('Vul het onderdeel');

    const filled = await json(lier, 'PATCH', url, {
      applicant: {
        contactName: 'An Wouters',
        contactEmail: 'an@lier.be',
        accountHolder: 'Stad Lier',
        iban: 'BE68539007547034',
      },
      planned: [
        { format: 'walk', quarter: q, units: 60 },
        { format: 'digital', quarter: q, units: 40 },
      ],
      approach: {
        approach: 'Taalwandelingen.',
        targetGroups: 'Nieuwkomers.',
        womenAndGirls: 'Wandelgroep voor vrouwen.',
      },
    });
    expect(filled.statusCode).toBe(200);
    expect(filled.json()).toMatchObject({ plannedUnits: 100, requestedAmountCents: 485_000 });
    const submitted = await json(lier, 'POST', `${url}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    const again = await json(lier, 'POST', `${url}/submit`);
    expect(again.statusCode).toBe(200);
    const late = await json(lier, 'PATCH', url, {
      approach: { approach: 'x', targetGroups: 'x', womenAndGirls: 'x' },
    });
    expect(late.statusCode).toBe(409);
  });

  it('refuses a submission after the deadline and writes nothing', async () => {
    const db = platform.database.db;
    const [base] = await db.select().from(calls).where(eq(calls.id, callId));
    const { id: _i, code: _c, createdAt: _ca, updatedAt: _u, ...rest } = base!;
    const [closed] = await db
      .insert(calls)
      .values({
        ...rest,
        code: 'OUD',
        title: 'Afgesloten oproep',
        applicationOpens: '2020-01-01',
        applicationCloses: '2020-03-31',
      })
      .returning();
    const started = await json(lier, 'POST', '/api/v1/applications', { callId: closed!.id });
    expect(started.statusCode).toBe(422);
    expect(started.json().detail).toContain('indiendatum van deze oproep is voorbij');
    const [org] = await db
      .select()
      .from(organisations)
      .where(and(eq(organisations.type, 'local_government'), eq(organisations.municipalityNis, '12021')));
    const [draft] = await db
      .insert(callApplications)
      .values({
        callId: closed!.id,
        applicantOrganisationId: org!.id,
        stepsDone: ['applicant', 'municipalities', 'planning', 'approach'],
        iban: 'BE68539007547034',
        plannedUnits: 10,
      })
      .returning();
    const res = await json(lier, 'POST', `/api/v1/applications/${draft!.id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('tot en met 31/03/2020');
    const [after] = await db.select().from(callApplications).where(eq(callApplications.id, draft!.id));
    expect(after!.status).toBe('draft');
  });

  it('lists only the own organisation’s applications', async () => {
    const list = (await lier.get('/api/v1/applications?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    for (const item of list.items) expect(item.applicantName).toBe('Lokaal bestuur Lier');
    const staff = await loggedIn(platform.app, 'medewerker.agii');
    const all = (await staff.get('/api/v1/applications?pageSize=5')).json();
    expect(all.total).toBeGreaterThan(10);
    expect(all.items).toHaveLength(5);
    const atlas = await loggedIn(platform.app, 'medewerker.atlas');
    expect((await atlas.get('/api/v1/applications')).json().total).toBe(0);
  });
});

describe('bulk import of the register', () => {
  it('imports 10,000 rows in seconds through the API, after a dry run', async () => {
    const db = platform.database.db;
    const [aalst] = await db
      .select({ id: callApplications.id })
      .from(callApplications)
      .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
      .where(eq(organisations.municipalityNis, '41002'));
    const [org] = await db.select().from(organisations).where(eq(organisations.municipalityNis, '41002'));
    const [user] = await db
      .insert(users)
      .values({
        email: 'aalst@test.regiekamer.be',
        name: 'Bart Aelst',
        passwordHash: await hashPassword(PASSWORD),
      })
      .returning();
    await db.insert(memberships).values({ userId: user!.id, organisationId: org!.id, role: 'local_officer' });
    const officer = await new Client(platform.app).login('aalst@test.regiekamer.be', PASSWORD);
    const call = (await platform.app.inject(`/api/v1/calls/${callId}`)).json();
    const from = new Date(`${call.implementationStart}T12:00:00Z`).getTime();
    const lines = [
      'datum;titel;gemeente;plaats;partner;vorm;duur_minuten;deelnemers;vrouwen;mannen;anders_onbekend;hoofddoel_nederlands;buiten_lescontext;zonder_certificering',
    ];
    for (let i = 0; i < 10_000; i++) {
      const d = new Date(from + (i % 200) * 86_400_000).toISOString().slice(0, 10);
      lines.push(
        `${d};Bulk praattafel ${i};Aalst;Zaal ${i % 13};Vormingplus;wandeling;60;${5 + (i % 9)};3;2;;ja;ja;ja`,
      );
    }
    const csv = lines.join('\n');
    const url = `/api/v1/applications/${aalst!.id}/register/import`;
    const [before] = await db
      .select({ n: count() })
      .from(oefenkansen)
      .where(eq(oefenkansen.applicationId, aalst!.id));

    const broken = await json(officer, 'POST', url, {
      csv: `${csv}\n01/01/2001;Te vroeg;Aalst;Zaal;;wandeling;60;-4;;;;ja;ja;ja`,
      dryRun: false,
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().errors).toEqual([
      {
        line: 10_002,
        messages: expect.arrayContaining([expect.stringContaining('buiten de uitvoeringsperiode')]),
      },
    ]);
    expect(broken.json().imported).toBe(0);

    const dry = await json(officer, 'POST', url, { csv, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ valid: 10_000, imported: 0, errors: [] });
    const started = performance.now();
    const real = await json(officer, 'POST', url, { csv, dryRun: false });
    const ms = Math.round(performance.now() - started);
    expect(real.statusCode).toBe(200);
    expect(real.json()).toMatchObject({ imported: 10_000 });
    console.info(
      `register import of 10,000 rows: ${ms} ms over HTTP (${real.json().milliseconds} ms in the service)`,
    );
    expect(ms).toBeLessThan(20_000);
    const [after] = await db
      .select({ n: count() })
      .from(oefenkansen)
      .where(eq(oefenkansen.applicationId, aalst!.id));
    expect(after!.n - before!.n).toBe(10_000);
    const page = (await officer.get(`/api/v1/applications/${aalst!.id}/register?pageSize=200`)).json();
    expect(page.items).toHaveLength(200);
    expect(page.total).toBe(after!.n);
  });

  it('lets Atlas keep the register of its impulse grant, and no one else', async () => {
    const db = platform.database.db;
    const [grant] = await db
      .select({ id: impulseGrants.id })
      .from(impulseGrants)
      .innerJoin(organisations, eq(organisations.id, impulseGrants.recipientOrganisationId))
      .where(eq(organisations.agencyCode, 'ATLAS'));
    const atlas = await loggedIn(platform.app, 'medewerker.atlas');
    const list = await atlas.get('/impulsen');
    expect(list.body).toContain('Antwerpen');
    expect(list.body).not.toContain('Register van Gent');
    const base = `/impulsen/${grant!.id}/register`;
    const today = new Date().toISOString().slice(0, 10);
    const res = await atlas.post(
      base,
      {
        date: today,
        title: 'Praatcafé De Koninck',
        municipalityNis: '11002',
        place: 'Stadsbib',
        format: 'conversation_table',
        durationMinutes: '60',
        participants: '8',
        mainGoalDutch: 'ja',
        outsideLesson: 'ja',
        noCertification: 'nee',
      },
      { from: `${base}/nieuw` },
    );
    expect(res.statusCode).toBe(303);
    const page = await atlas.get(base);
    expect(page.body).toContain('Geen oefenkans volgens de definitie');
    const agii = await loggedIn(platform.app, 'medewerker.agii');
    expect((await agii.get(base)).statusCode).toBe(200);
    expect((await agii.get(`${base}/nieuw`)).statusCode).toBe(303);
  });
});

describe('bad input never becomes a 500', () => {
  it('answers random drafts and register entries with 2xx, 303 or 422 and a Dutch message', async () => {
    const db = platform.database.db;
    const [base] = await db.select().from(calls).where(eq(calls.id, callId));
    const { id: _i, code: _c, createdAt: _ca, updatedAt: _u, ...rest } = base!;
    const [fresh] = await db
      .insert(calls)
      .values({ ...rest, code: 'FUZZ', title: 'Fuzz-oproep' })
      .returning();
    const draft = (await json(lier, 'POST', '/api/v1/applications', { callId: fresh!.id })).json();
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      fc.constantFrom('BE68 5390 0754 7034', '31/02/2026', '-1', '1e9', '=cmd', '<script>'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({ contactName: value, contactEmail: value, accountHolder: value, iban: value }),
        fc.array(fc.record({ format: value, quarter: value, units: value }), { maxLength: 3 }),
        async (applicant, planned) => {
          const res = await json(lier, 'PATCH', `/api/v1/applications/${draft.id}`, { applicant, planned });
          expect([200, 400, 422]).toContain(res.statusCode);
          expect(res.body).not.toContain('Interne fout');
        },
      ),
      { numRuns: 40 },
    );
    const [kortrijk] = await db
      .select({ application: callApplications, org: organisations })
      .from(callApplications)
      .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
      .where(eq(organisations.municipalityNis, '34022'));
    const [user] = await db
      .insert(users)
      .values({
        email: 'kortrijk@test.regiekamer.be',
        name: 'Kim',
        passwordHash: await hashPassword(PASSWORD),
      })
      .returning();
    await db
      .insert(memberships)
      .values({ userId: user!.id, organisationId: kortrijk!.org.id, role: 'local_officer' });
    const officer = await new Client(platform.app).login('kortrijk@test.regiekamer.be', PASSWORD);
    const grantedRow = kortrijk!.application;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          date: value,
          participants: value,
          format: value,
          municipalityNis: value,
          mainGoalDutch: value,
        }),
        async (entry) => {
          const form = Object.fromEntries(
            Object.entries(entry).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v ?? '')]),
          );
          const res = await officer.post(
            `/aanvragen/${grantedRow.id}/register`,
            form as Record<string, string>,
            {
              from: '/account',
            },
          );
          expect([303, 422]).toContain(res.statusCode);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('impulse grants', () => {
  it('lets AgII grant a fixed impulse to Amal, with Dutch errors, and no one else', async () => {
    const agii = await loggedIn(platform.app, 'medewerker.agii');
    const bad = await agii.post(
      '/impulsen',
      { recipient: 'AMAL', amount: '-5', periodStart: '2027-01-01', periodEnd: '2026-01-01' },
      { from: '/impulsen/nieuw' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vul het bedrag in euro in');
    const backwards = await agii.post(
      '/impulsen',
      { recipient: 'AMAL', amount: '5,00', periodStart: '2027-01-01', periodEnd: '2026-01-01' },
      { from: '/impulsen/nieuw' },
    );
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('De periode eindigt na het begin.');
    const good = await agii.post(
      '/impulsen',
      { recipient: 'AMAL', amount: '120.000,00', periodStart: '2027-01-01', periodEnd: '2027-12-31' },
      { from: '/impulsen/nieuw' },
    );
    expect(good.statusCode).toBe(303);
    const grants = await platform.database.db
      .select()
      .from(impulseGrants)
      .where(eq(impulseGrants.amountCents, 12_000_000));
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ area: 'Gent', municipalityNis: ['44021'] });
    const atlas = await loggedIn(platform.app, 'medewerker.atlas');
    expect((await atlas.get('/impulsen/nieuw')).statusCode).toBe(404);
    const refused = await atlas.post(
      '/impulsen',
      { recipient: 'ATLAS', amount: '1.000,00', periodStart: '2027-01-01', periodEnd: '2027-12-31' },
      { from: '/impulsen' },
    );
    expect(refused.statusCode).toBe(403);
  });
});

describe('isolation rows of the calls module', () => {
  it('refuses every row for organisation B, and writes nothing', async () => {
    const rows = await callsIsolation({ app: platform.app, db: platform.database.db });
    const registered = new Set(platform.app.routeList.map((r) => `${r.method} ${r.url}`));
    const privateRoutes = platform.app.routeList
      .filter((r) => r.method !== 'HEAD' && r.config?.public !== true && r.url !== '/static/*')
      .map((r) => `${r.method} ${r.url}`)
      .filter(
        (k) =>
          k.includes('/oproepen') ||
          k.includes('/aanvragen') ||
          k.includes('/uitbetalingen') ||
          k.includes('/impulsen') ||
          k.includes('/api/v1/applications'),
      );
    const covered = new Set([
      ...rows.map((r) => `${r.method} ${r.route}`),
      ...callsSelfScoped.map((d) => `${d.method} ${d.route}`),
    ]);
    expect(privateRoutes.filter((r) => !covered.has(r))).toEqual([]);
    for (const r of rows) expect(registered.has(`${r.method} ${r.route}`), r.route).toBe(true);

    const clients = new Map<string, { client: Client; csrf: string }>();
    const failures: string[] = [];
    for (const row of rows) {
      let entry = clients.get(row.as);
      if (!entry) {
        const client = await loggedIn(platform.app, row.as);
        entry = { client, csrf: await client.csrf('/account') };
        clients.set(row.as, entry);
      }
      const { client, csrf } = entry;
      let res: Awaited<ReturnType<Client['get']>>;
      if (row.method === 'GET') res = await client.get(row.url);
      else if (row.json !== undefined) {
        res = await client.request({
          method: row.method,
          url: row.url,
          payload: JSON.stringify(row.json),
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        });
      } else {
        const body = new URLSearchParams({ _csrf: csrf, ...(row.form ?? {}) });
        res = await client.request({
          method: row.method,
          url: row.url,
          payload: body.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      }
      if (!(row.expect ?? [403, 404]).includes(res.statusCode)) {
        failures.push(`${row.method} ${row.url} as ${row.as}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(rows.length).toBeGreaterThan(40);
  });
});
