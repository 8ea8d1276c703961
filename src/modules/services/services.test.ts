import { and, desc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestPlatform, demo, loggedIn, type TestPlatform } from '../../../test/helpers';
import type { IsolationRow } from '../../core/access/isolation';
import { organisations, users } from '../../core/access/schema';
import { auditLog } from '../../core/audit/schema';
import { todayIso } from '../../core/i18n/format';
import { outbox } from '../../core/jobs/schema';
import { referenceModule } from '../reference';
import { servicesModule } from '.';
import { paths } from './paths';
import { servicePackageChoices, serviceRequestMessages, serviceRequests } from './schema';

let platform: TestPlatform;
let mechelen: string;
let leuven: string;
let antwerpen: string;
const year = Number(todayIso().slice(0, 4));

async function orgId(nis: string): Promise<string> {
  const [row] = await platform.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.type, 'local_government'), eq(organisations.municipalityNis, nis)));
  return row!.id;
}

beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, servicesModule]);
  mechelen = await orgId('12025');
  leuven = await orgId('24062');
  antwerpen = await orgId('11002');
  // A fresh platform (migrations, reference and demo data) can take a while on a busy machine.
}, 180_000);
afterAll(async () => platform?.close());

const db = () => platform.database.db;

/** One login per demo account for the whole file: the login form is rate limited. */
const sessions = new Map<string, Promise<Client>>();
function signedIn(local: string): Promise<Client> {
  let client = sessions.get(local);
  if (!client) {
    client = loggedIn(platform.app, local).then(async (c) => {
      // Pieter also works for an intermunicipal partnership: act for Lokaal bestuur Mechelen.
      if (local === 'mechelen') {
        const home = await c.get('/home');
        const option = home.body.match(/<option value="([0-9a-f-]{36})"[^>]*>Lokaal bestuur Mechelen/)?.[1];
        if (option) await c.post('/account/switch', { membershipId: option }, { from: '/home' });
      }
      return c;
    });
    sessions.set(local, client);
  }
  return client;
}

async function lastAuditId(): Promise<number> {
  const [row] = await db().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}
async function auditSince(id: number) {
  return db().select({ action: auditLog.action }).from(auditLog).where(gt(auditLog.id, id));
}
async function mailsTo(local: string) {
  const rows = await db().select().from(outbox).where(eq(outbox.kind, 'mail'));
  return rows
    .map((r) => r.payload as { to: string; subject: string; text: string })
    .filter((m) => m.to === demo(local));
}
async function currentCodes(organisationId: string, y = year): Promise<string[]> {
  const { serviceCatalogueItems } = await import('./schema');
  const rows = await db()
    .select({ code: serviceCatalogueItems.code })
    .from(servicePackageChoices)
    .innerJoin(serviceCatalogueItems, eq(serviceCatalogueItems.id, servicePackageChoices.itemId))
    .where(and(eq(servicePackageChoices.organisationId, organisationId), eq(servicePackageChoices.year, y)));
  return rows.map((r) => r.code).sort();
}

describe('public catalogue', () => {
  it('shows the seeded catalogue without login, paginated', async () => {
    const res = await platform.app.inject(paths.catalogue);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Analyse van de instroom van nieuwkomers');
    expect(res.body).toContain('Draaiboeken: ceremonie, buddyproject en mentoring');
    expect(res.body).not.toContain('Afronding Plan Samenleven'); // expired in 2025
    const page2 = await platform.app.inject(`${paths.catalogue}?pageSize=5&page=2`);
    expect(page2.body).toContain('6 tot 10 van');
  });

  it('filters by agency and shows an item with its norm and sanitised description', async () => {
    const atlas = await platform.app.inject(`${paths.catalogue}?agency=ATLAS`);
    expect(atlas.body).toContain('Onthaal van nieuwe Antwerpenaren');
    expect(atlas.body).not.toContain('Behoeftepeiling');
    const item = await platform.app.inject(paths.item('BP-DRAAIBOEK'));
    expect(item.statusCode).toBe(200);
    expect(item.body).toContain('Antwoord binnen 3 werkdagen');
    expect(item.body).toContain('<strong>ceremonie</strong>');
    expect((await platform.app.inject(paths.item('BESTAAT-NIET'))).statusCode).toBe(404);
    expect((await platform.app.inject('/dienstverlening/catalogus/%3Cscript%3E')).statusCode).toBe(404);
  });

  it('serves the catalogue as JSON and documents the API', async () => {
    const list = (await platform.app.inject('/api/v1/service-catalogue?pageSize=50')).json();
    expect(list.total).toBeGreaterThanOrEqual(10);
    expect(list.items.find((i: { code: string }) => i.code === 'BP-INSTROOM')).toMatchObject({
      normWorkingDays: 15,
      inBasicPackage: true,
      agencies: ['AGII', 'AMAL', 'ATLAS'],
    });
    const one = await platform.app.inject('/api/v1/service-catalogue/BP-NETWERK');
    expect(one.json()).toMatchObject({ code: 'BP-NETWERK', category: 'networks' });
    const doc = (await platform.app.inject('/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/service-catalogue',
      '/api/v1/basic-package/{year}',
      '/api/v1/service-requests',
      '/api/v1/service-requests/{id}',
      '/api/v1/service-requests/{id}/messages',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});

describe('the loop: package, request, answer, done', () => {
  it('officer chooses a package, files a request; the contact person answers and closes it', async () => {
    const officer = await signedIn('mechelen');
    const home = await officer.get('/home');
    expect(home.body).toContain('Uw aanspreekpersoon');
    expect(home.body).toContain('Fatima El Amrani');
    expect(home.body).toContain('aanspreekpersoon.agii@demo.regiekamer.be');
    expect(home.body).toContain('02 205 00 55');
    expect(home.body).toContain('Agentschap Integratie en Inburgering');

    // 1. The basic package for this year.
    const packageUrl = paths.package(mechelen, year);
    const choose = await officer.post(
      packageUrl,
      { items: ['BP-INSTROOM', 'BP-KWALITEIT', 'BP-DRAAIBOEK'] },
      { from: packageUrl },
    );
    expect(choose.statusCode).toBe(303);
    expect(await currentCodes(mechelen)).toEqual(
      expect.arrayContaining(['BP-INSTROOM', 'BP-KWALITEIT', 'BP-DRAAIBOEK']),
    );
    const packagePage = await officer.get(packageUrl);
    expect(packagePage.body).toContain('Historiek');
    expect(packagePage.body).toMatch(/value="BP-KWALITEIT"[^>]*checked/);
    expect((await mailsTo('aanspreekpersoon.agii')).some((m) => m.subject.includes('basispakket'))).toBe(
      true,
    );

    // 2. A request for an item of the package.
    const newUrl = paths.newRequest(mechelen);
    const form = await officer.get(`${newUrl}?dienst=BP-KWALITEIT`);
    expect(form.statusCode).toBe(200);
    const filed = await officer.post(
      newUrl,
      {
        item: 'BP-KWALITEIT',
        subject: 'Klare taal in onze brieven',
        message: 'Kunnen jullie onze brieven nalezen?',
      },
      { from: newUrl },
    );
    expect(filed.statusCode).toBe(303);
    const requestUrl = String(filed.headers.location);
    expect(requestUrl).toMatch(/^\/dienstverlening\/vragen\/[0-9a-f-]{36}$/);
    const id = requestUrl.split('/').at(-1)!;
    const [stored] = await db().select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(stored).toMatchObject({ status: 'submitted', agencyCode: 'AGII', organisationId: mechelen });
    expect(stored!.dueDate > stored!.submittedOn).toBe(true);
    const toContact = await mailsTo('aanspreekpersoon.agii');
    expect(toContact.some((m) => m.subject.includes('Klare taal in onze brieven'))).toBe(true);

    // 3. The contact person sees it in the portfolio and the list, answers, and closes it.
    const contact = await signedIn('aanspreekpersoon.agii');
    const contactHome = await contact.get('/home');
    expect(contactHome.body).toContain('Mijn lokale besturen');
    expect(contactHome.body).toContain('Lokaal bestuur Mechelen');
    const portfolio = await contact.get(paths.myPortfolio);
    expect(portfolio.statusCode).toBe(303);
    const portfolioPage = await contact.get(String(portfolio.headers.location));
    expect(portfolioPage.body).toContain('Lokaal bestuur Mechelen');
    const list = await contact.get(`${paths.requests}?open=1`);
    expect(list.body).toContain('Klare taal in onze brieven');

    const page = await contact.get(requestUrl);
    expect(page.body).toContain('In behandeling nemen');
    const answer = await contact.post(
      paths.reply(id),
      { message: 'We lezen ze na en sturen tegen volgende week een voorstel.', action: 'start' },
      { from: requestUrl },
    );
    expect(answer.statusCode).toBe(303);
    const done = await contact.post(
      paths.reply(id),
      { message: 'Het voorstel met herwerkte brieven zit in uw mailbox.', action: 'complete' },
      { from: requestUrl },
    );
    expect(done.statusCode).toBe(303);
    const [closed] = await db().select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(closed).toMatchObject({ status: 'done', closedOn: todayIso() });

    // 4. The officer sees the answer, and the mail is in the outbox.
    const seen = await officer.get(requestUrl);
    expect(seen.body).toContain('Het voorstel met herwerkte brieven zit in uw mailbox.');
    expect(seen.body).toContain('Afgerond');
    const toOfficer = await mailsTo('mechelen');
    expect(toOfficer.some((m) => m.subject.startsWith('Afgerond') && m.text.includes(requestUrl))).toBe(true);

    // The thread holds the question, the two answers and both steps.
    const thread = await db()
      .select()
      .from(serviceRequestMessages)
      .where(eq(serviceRequestMessages.requestId, id));
    expect(thread.map((m) => m.statusTo)).toEqual(['submitted', 'in_progress', 'done']);
  });

  it('moves a waiting request back to the agency when the officer answers', async () => {
    const officer = await signedIn('mechelen');
    const contact = await signedIn('aanspreekpersoon.agii');
    const newUrl = paths.newRequest(mechelen);
    const filed = await officer.post(
      newUrl,
      { subject: 'Vrije vraag', message: 'Een vraag zonder dienst.' },
      { from: newUrl },
    );
    const requestUrl = String(filed.headers.location);
    const id = requestUrl.split('/').at(-1)!;
    await contact.post(paths.reply(id), { action: 'start' }, { from: requestUrl });
    await contact.post(
      paths.reply(id),
      { message: 'Welke datum?', action: 'ask_local_government' },
      { from: requestUrl },
    );
    const waiting = await officer.get(requestUrl);
    expect(waiting.body).toContain('Wacht op uw antwoord');
    await officer.post(paths.reply(id), { message: 'Op 12 december.' }, { from: requestUrl });
    const [row] = await db().select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(row!.status).toBe('in_progress');
  });
});

describe('bad input: a clear Dutch message, nothing written', () => {
  it('refuses an item outside the basic package', async () => {
    const officer = await signedIn('mechelen');
    const url = paths.package(mechelen, year);
    const before = await currentCodes(mechelen);
    const audit = await lastAuditId();
    const res = await officer.post(url, { items: ['BP-INSTROOM', 'FOCUS-BEGELEIDING'] }, { from: url });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('hoort niet bij het gratis basispakket');
    expect(res.body).toContain('error-summary');
    expect(await currentCodes(mechelen)).toEqual(before);
    expect(await auditSince(audit)).toEqual([]);
  });

  it('refuses an item no longer valid, and an unknown one', async () => {
    const officer = await signedIn('mechelen');
    const url = paths.package(mechelen, year);
    const expired = await officer.post(url, { items: ['PS-AFRONDING'] }, { from: url });
    expect(expired.statusCode).toBe(422);
    expect(expired.body).toContain(`niet beschikbaar in ${year}`);
    const unknown = await officer.post(url, { items: ['GEEN-DIENST'] }, { from: url });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('staat niet in de catalogus');
  });

  it('refuses a choice for a past year and for a year the agency closed, and applies the limit', async () => {
    const officer = await signedIn('mechelen');
    const past = paths.package(mechelen, year - 1);
    const resPast = await officer.post(past, { items: ['BP-INSTROOM'] }, { from: past });
    expect(resPast.statusCode).toBe(422);
    expect(resPast.body).toContain('is afgesloten');

    const staff = await signedIn('medewerker.agii');
    const next = year + 1;
    const settings = paths.agencySettings('AGII', next);
    expect((await staff.post(settings, { maxItems: '2' }, { from: settings })).statusCode).toBe(303);
    const nextUrl = paths.package(mechelen, next);
    const tooMany = await officer.post(
      nextUrl,
      { items: ['BP-INSTROOM', 'BP-NETWERK', 'BP-IGS'] },
      { from: nextUrl },
    );
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain(`hoogstens 2 diensten kiezen voor ${next}`);
    expect(
      (await officer.post(nextUrl, { items: ['BP-INSTROOM', 'BP-NETWERK'] }, { from: nextUrl })).statusCode,
    ).toBe(303);

    expect((await staff.post(settings, { maxItems: '2', closed: 'on' }, { from: settings })).statusCode).toBe(
      303,
    );
    const audit = await lastAuditId();
    const closed = await officer.post(nextUrl, { items: ['BP-INSTROOM'] }, { from: nextUrl });
    expect(closed.statusCode).toBe(422);
    expect(closed.body).toContain(`Het jaar ${next} is afgesloten`);
    expect(await currentCodes(mechelen, next)).toEqual(['BP-INSTROOM', 'BP-NETWERK']);
    expect(await auditSince(audit)).toEqual([]);
    const page = await officer.get(nextUrl);
    expect(page.body).not.toContain('Keuze bewaren');
  });

  it('refuses a transition the role may not take, and a step from the wrong status', async () => {
    const officer = await signedIn('mechelen');
    const newUrl = paths.newRequest(mechelen);
    const filed = await officer.post(newUrl, { subject: 'Toets', message: 'Toets' }, { from: newUrl });
    const requestUrl = String(filed.headers.location);
    const id = requestUrl.split('/').at(-1)!;
    const audit = await lastAuditId();
    const res = await officer.post(
      paths.reply(id),
      { message: 'Klaar', action: 'complete' },
      { from: requestUrl },
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Uw rol mag deze stap niet zetten');
    const contact = await signedIn('aanspreekpersoon.agii');
    const wrong = await contact.post(paths.reply(id), { action: 'reopen' }, { from: requestUrl });
    expect(wrong.statusCode).toBe(409);
    const nonsense = await contact.post(paths.reply(id), { action: 'ontploffen' }, { from: requestUrl });
    expect(nonsense.statusCode).toBe(422);
    expect(nonsense.body).toContain('Kies een geldige volgende stap');
    const admin = await signedIn('beheerder');
    expect((await admin.get(requestUrl)).statusCode).toBe(200);
    expect((await admin.post(paths.reply(id), { action: 'start' }, { from: requestUrl })).statusCode).toBe(
      403,
    );
    const [row] = await db().select().from(serviceRequests).where(eq(serviceRequests.id, id));
    expect(row!.status).toBe('submitted');
    expect(await auditSince(audit)).toEqual([]);
  });

  it('refuses a message of 1 MB', async () => {
    const officer = await signedIn('mechelen');
    const newUrl = paths.newRequest(mechelen);
    const audit = await lastAuditId();
    const huge = 'a'.repeat(1_000_000);
    const res = await officer.post(newUrl, { subject: 'Groot', message: huge }, { from: newUrl });
    expect([413, 422]).toContain(res.statusCode);
    expect(res.body).toMatch(/hoogstens 10000 tekens|te groot/);
    const bigger = await officer.post(
      newUrl,
      { subject: 'Groter', message: `${huge}${huge}` },
      { from: newUrl },
    );
    expect(bigger.statusCode).toBe(413);
    expect(bigger.body).toContain('te groot');
    expect(await auditSince(audit)).toEqual([]);
    const api = await officer.request({
      method: 'POST',
      url: '/api/v1/service-requests',
      payload: JSON.stringify({ subject: 'Groot', message: 'b'.repeat(200_000) }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': await officer.csrf('/account') },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors.message).toContain('hoogstens');
  });

  it("refuses a request on another organisation's behalf", async () => {
    const gent = await signedIn('gent');
    const audit = await lastAuditId();
    const html = await gent.post(
      paths.newRequest(mechelen),
      { subject: 'Namens Mechelen', message: 'x' },
      { from: '/account' },
    );
    expect(html.statusCode).toBe(403);
    expect(html.body).toContain('alleen een vraag stellen voor het lokaal bestuur waarvoor u werkt');
    const api = await gent.request({
      method: 'POST',
      url: '/api/v1/service-requests',
      payload: JSON.stringify({ organisationId: mechelen, subject: 'Namens Mechelen', message: 'x' }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': await gent.csrf('/account') },
    });
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(await auditSince(audit)).toEqual([]);
  });

  it('refuses a contact moment in the future and re-renders the form', async () => {
    const contact = await signedIn('aanspreekpersoon.agii');
    const url = paths.contactLog(mechelen);
    const res = await contact.post(
      url,
      { occurredOn: `${year + 1}-12-31`, kind: 'phone', topic: 'Later' },
      { from: url },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('De datum ligt in de toekomst');
    const bad = await contact.post(url, { occurredOn: '2026-02-30', kind: 'fax', topic: '' }, { from: url });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#f-kind"');
  });

  it('answers malformed addresses with 404, never 500', async () => {
    const officer = await signedIn('mechelen');
    for (const url of [
      '/dienstverlening/besturen/geen-uuid',
      `/dienstverlening/besturen/${mechelen}/basispakket/abcd`,
      `/dienstverlening/besturen/${mechelen}/basispakket/1999`,
      '/dienstverlening/vragen/00000000-0000-0000-0000-000000000000',
      `/dienstverlening/agentschappen/XYZ/${year}`,
      '/api/v1/service-requests/niet-goed',
    ]) {
      const res = await officer.get(url);
      expect([400, 404], url).toContain(res.statusCode);
    }
  });
});

describe('contact persons and contact log', () => {
  it('agency staff assign a contact person with history; the portfolio follows', async () => {
    const staff = await signedIn('medewerker.agii');
    const url = paths.contact(leuven);
    const page = await staff.get(url);
    expect(page.statusCode).toBe(200);
    const fatimaId = page.body.match(/<option value="([0-9a-f-]{36})"[^>]*>Fatima El Amrani/)?.[1];
    expect(fatimaId).toBeTruthy();
    const res = await staff.post(url, { contactUserId: fatimaId! }, { from: url });
    expect(res.statusCode).toBe(303);
    const again = await staff.post(url, { contactUserId: fatimaId! }, { from: url });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('is al de aanspreekpersoon');
    const contact = await signedIn('aanspreekpersoon.agii');
    const leuvenPage = await contact.get(paths.government(leuven));
    expect(leuvenPage.statusCode).toBe(200);
    expect((await mailsTo('aanspreekpersoon.agii')).some((m) => m.subject.includes('Leuven'))).toBe(true);
    // Someone who is not a contact person of the agency cannot be assigned.
    const [jan] = await db()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demo('medewerker.agii')));
    const wrong = await staff.post(url, { contactUserId: jan!.id }, { from: url });
    expect(wrong.statusCode).toBe(422);
  });

  it('the contact person logs a contact moment; the officer sees it', async () => {
    const contact = await signedIn('aanspreekpersoon.agii');
    const url = paths.contactLog(mechelen);
    const res = await contact.post(
      url,
      {
        occurredOn: todayIso(),
        kind: 'meeting',
        topic: 'Overleg buddywerking',
        followUp: 'Voorstel tegen januari',
      },
      { from: url },
    );
    expect(res.statusCode).toBe(303);
    const officer = await signedIn('mechelen');
    const page = await officer.get(paths.government(mechelen));
    expect(page.body).toContain('Overleg buddywerking');
    const csv = await officer.get(paths.contactLogCsv(mechelen));
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Overleg buddywerking;');
    // The officer cannot write in the contact log.
    const denied = await officer.post(
      url,
      { occurredOn: todayIso(), kind: 'phone', topic: 'X' },
      { from: url },
    );
    expect(denied.statusCode).toBe(403);
  });
});

describe('overviews and exports', () => {
  it('shows the agency overview of the demo year with a chart and its table', async () => {
    const staff = await signedIn('medewerker.agii');
    const res = await staff.get(paths.agency('AGII', 2026));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain('Afname per dienst in 2026');
    expect(res.body).toContain('Analyse van de instroom van nieuwkomers');
    expect(res.body).toContain('Te late vragen');
    expect(res.body).toContain('Mediane doorlooptijd');
    const csv = await staff.get(paths.agencyExport('AGII', 2026, 'afname'));
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('afname-agii-2026.csv');
    expect(csv.body).toMatch(/BP-INSTROOM;Analyse van de instroom van nieuwkomers;ja;\d+;\d+/);
    for (const table of ['statussen', 'doorlooptijd', 'te-laat', 'besturen']) {
      expect((await staff.get(paths.agencyExport('AGII', 2026, table))).statusCode, table).toBe(200);
    }
    expect((await staff.get(paths.agencyExport('AGII', 2026, 'geheim'))).statusCode).toBe(404);
  });

  it('has requests in every status in the demo year, and marks overdue ones', async () => {
    const staff = await signedIn('medewerker.agii');
    const csv = await staff.get(paths.agencyExport('AGII', 2026, 'statussen'));
    for (const label of ['Nieuw', 'In behandeling', 'Wacht op lokaal bestuur', 'Afgerond', 'Geannuleerd']) {
      expect(csv.body).toMatch(new RegExp(`${label};[1-9]`));
    }
    const late = await staff.get(`${paths.requests}?telaat=1`);
    expect(late.body).toContain('Te laat');
    expect(late.body).toContain('Taalbeleid in de bibliotheek');
  });

  it('keeps Atlas and AgII apart in lists', async () => {
    const atlas = await signedIn('medewerker.atlas');
    const list = await atlas.get(paths.requests);
    expect(list.body).toContain('Onthaal in het district Borgerhout');
    expect(list.body).not.toContain('Mechelen');
    const governments = await atlas.get(paths.governments);
    expect(governments.body).toContain('Lokaal bestuur Antwerpen');
    expect(governments.body).not.toContain('Lokaal bestuur Mechelen');
    const agii = await signedIn('medewerker.agii');
    const agiiList = await agii.get(`${paths.requests}?pageSize=100`);
    expect(agiiList.body).not.toContain('Borgerhout');
    const csv = await agii.get(`${paths.requestsCsv}`);
    expect(csv.body).not.toContain('Borgerhout');
    expect(csv.body).toContain('Taalbeleid in de bibliotheek');
    expect((await agii.get(paths.government(antwerpen))).statusCode).toBe(404);
    expect((await atlas.get(paths.government(antwerpen))).statusCode).toBe(200);
  });
});

describe('API for the own organisation', () => {
  it('reads and writes the basic package and requests with a JSON body', async () => {
    const officer = await signedIn('mechelen');
    const csrf = await officer.csrf('/account');
    const json = (method: 'PUT' | 'POST', url: string, payload: unknown) =>
      officer.request({
        method,
        url,
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      });
    const put = await json('PUT', `/api/v1/basic-package/${year}`, { items: ['BP-INSTROOM', 'BP-NETWERK'] });
    expect(put.statusCode).toBe(200);
    expect(put.json().items.map((i: { code: string }) => i.code)).toEqual(['BP-INSTROOM', 'BP-NETWERK']);
    const bad = await json('PUT', `/api/v1/basic-package/${year}`, { items: ['FOCUS-BEGELEIDING'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.items).toContain('basispakket');
    const got = (await officer.get(`/api/v1/basic-package/${year}`)).json();
    expect(got).toMatchObject({ organisationId: mechelen, year, open: true });

    const created = await json('POST', '/api/v1/service-requests', {
      item: 'BP-NETWERK',
      subject: 'Via de API',
      message: 'Vraag uit ons dossierbeheer.',
    });
    expect(created.statusCode).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({ status: 'submitted', item: 'BP-NETWERK', organisationId: mechelen });
    expect(request.messages).toHaveLength(1);
    const step = await json('POST', `/api/v1/service-requests/${request.id}/messages`, {
      action: 'complete',
    });
    expect(step.statusCode).toBe(403);
    const cancel = await json('POST', `/api/v1/service-requests/${request.id}/messages`, {
      message: 'Toch niet nodig.',
      action: 'cancel',
    });
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
    const list = (await officer.get('/api/v1/service-requests?pageSize=100')).json();
    expect(list.items.every((r: { organisationId: string }) => r.organisationId === mechelen)).toBe(true);

    const contact = await signedIn('aanspreekpersoon.agii');
    const denied = await contact.get(`/api/v1/basic-package/${year}`);
    expect(denied.statusCode).toBe(403);
  });
});

describe('isolation rows of this module', () => {
  const mine = (url: string) =>
    url.startsWith('/dienstverlening') ||
    url.startsWith('/api/v1/service-') ||
    url.startsWith('/api/v1/basic-package');

  it('has rows or a self-scoped reason for every non-public route of the module', async () => {
    const rows = await servicesModule.isolation!({ app: platform.app, db: db() });
    const covered = new Set([
      ...rows.map((r) => `${r.method} ${r.route}`),
      ...servicesModule.selfScoped!.map((s) => `${s.method} ${s.route}`),
    ]);
    const registered = platform.app.routeList.filter((r) => r.method !== 'HEAD' && mine(r.url));
    const missing = registered
      .filter((r) => r.config?.public !== true)
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
    const known = new Set(registered.map((r) => `${r.method} ${r.url}`));
    expect([...covered].filter((k) => !known.has(k))).toEqual([]);
  });

  it('refuses every row and writes nothing', async () => {
    const rows: IsolationRow[] = await servicesModule.isolation!({ app: platform.app, db: db() });
    expect(rows.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const row of rows) {
      const client = await signedIn(row.as);
      const csrf = await client.csrf('/account');
      const audit = await lastAuditId();
      let res: Awaited<ReturnType<Client['request']>>;
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
      const expected = row.expect ?? [403, 404];
      if (!expected.includes(res.statusCode))
        failures.push(`${row.method} ${row.url} as ${row.as}: ${res.statusCode}`);
      if ((await auditSince(audit)).length)
        failures.push(`${row.method} ${row.url} as ${row.as}: wrote audit`);
      if (row.method === 'GET') {
        const anonymous = await new Client(platform.app).get(row.url);
        const ok =
          anonymous.statusCode === 401 ||
          (anonymous.statusCode === 303 && String(anonymous.headers.location).startsWith('/login'));
        if (!ok) failures.push(`anonymous GET ${row.url}: ${anonymous.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
