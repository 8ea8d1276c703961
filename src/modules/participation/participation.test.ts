import { and, desc, eq, like, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';
import { memberships, organisations, users } from '../../core/access/schema';
import { auditLog } from '../../core/audit/schema';
import { loadPrincipal } from '../../core/auth/principal-loader';
import { ServiceContext } from '../../core/context';
import { ValidationError } from '../../core/http/errors';
import { todayIso } from '../../core/i18n/format';
import { outbox } from '../../core/jobs/schema';
import { referenceModule } from '../reference';
import { participationModule, runDailyJobs } from '.';
import { getLocalOverview } from './insights';
import { addDays } from './rules';
import {
  participationAccessLog,
  participationConfirmationLinks,
  participationHourEntries,
  participationOffers,
  participationTrajectories,
} from './schema';
import {
  addActivity,
  createTrajectory,
  getTrajectory,
  registerHours,
  requestConfirmation,
  useConfirmation,
  validateAllConfirmed,
} from './trajectories';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, participationModule]);
}, 300_000);
afterAll(async () => platform?.close());

const db = () => platform.database.db;
const get = (url: string) => platform.app.inject(url);
const today = todayIso();

/** The newest mail to an address, as queued in the outbox. */
async function lastMailTo(to: string) {
  const rows = await db()
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(sql`${outbox.payload}->>'to' = ${to}`)
    .orderBy(desc(outbox.id))
    .limit(1);
  return rows[0]?.payload as { to: string; subject: string; text: string } | undefined;
}

const tokenIn = (text: string) => text.match(/\/bevestigen\/([A-Za-z0-9_.-]+)/)?.[1];

describe('public offer platform', () => {
  it('lists published offers across all 18 networks, with facets and a map', async () => {
    const api = (await get('/api/v1/offers?pageSize=5')).json();
    expect(api.total).toBeGreaterThan(300);
    expect(api.items).toHaveLength(5);
    expect(Object.keys(api.facets.networks)).toHaveLength(18);
    expect(api.facets.categories.language_practice).toBeGreaterThan(10);
    const page = await get('/aanbod');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('activiteiten gevonden');
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Activiteiten per gemeente');
  });

  it('searches Dutch text with stemming and prefixes', async () => {
    // Stemming: "wandelingen" finds "Wandelen", "vrijwilligers" finds "Vrijwilliger"
    const walks = (await get('/api/v1/offers?q=wandelingen')).json();
    expect(walks.total).toBeGreaterThan(0);
    for (const o of walks.items) expect(`${o.title} ${o.description}`.toLowerCase()).toMatch(/wandel/);
    const volunteers = (await get('/api/v1/offers?q=vrijwilligers&pageSize=50')).json();
    expect(
      volunteers.items.some((o: { title: string }) =>
        o.title.startsWith('Vrijwilliger in het woonzorgcentrum'),
      ),
    ).toBe(true);
    // Words still being typed: "taal" finds "Taalcafé"
    const taal = (await get('/api/v1/offers?q=taal')).json();
    expect(taal.items.some((o: { title: string }) => o.title.startsWith('Taalcafé'))).toBe(true);
    // Stop words alone do not empty the result
    expect((await get('/api/v1/offers?q=de%20het')).json().total).toBeGreaterThan(300);
    const zingen = (await get('/api/v1/offers?q=zing%20koor&pageSize=50')).json();
    expect(zingen.total).toBeGreaterThan(0);
    for (const o of zingen.items) expect(o.title.toLowerCase()).toContain('koor');
  });

  it('finds a women-only Dutch practice activity in the network of the visitor', async () => {
    const url = '/aanbod?gemeente=43005&buurt=1&categorie=language_practice&vrouwen=1';
    const res = await get(url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Praatcafé voor vrouwen in Eeklo');
    const api = (
      await get('/api/v1/offers?municipality=44083&nearby=true&category=language_practice&womenOnly=true')
    ).json();
    expect(api.total).toBeGreaterThan(0);
    for (const o of api.items) {
      expect(o.womenOnly).toBe(true);
      expect(o.category).toBe('language_practice');
      expect(o.places.some((p: { networkCode: string }) => p.networkCode === 'REFREG13')).toBe(true);
    }
    // The filters are in the URL: the same link gives the same page (shareable)
    expect(res.body).toContain('gemeente=43005');
  });

  it('filters on day of the week, Dutch level and childcare, and paginates', async () => {
    const api = (await get('/api/v1/offers?weekday=za&dutchLevel=A1&childcare=false&pageSize=100')).json();
    for (const o of api.items) {
      expect(o.weekdays).toContain('za');
      expect(['none', 'A1']).toContain(o.dutchLevel);
    }
    const p1 = (await get('/api/v1/offers?pageSize=10&page=1&sort=titel')).json();
    const p2 = (await get('/api/v1/offers?pageSize=10&page=2&sort=titel')).json();
    expect(p1.items[0].id).not.toBe(p2.items[0].id);
    expect(p1.items.map((o: { title: string }) => o.title)).toEqual(
      [...p1.items.map((o: { title: string }) => o.title)].sort((a: string, b: string) =>
        a.localeCompare(b, 'nl'),
      ),
    );
    const html = await get('/aanbod?page=2&dag=za');
    expect(html.body).toContain('Pagina 2 van');
  });

  it('survives odd characters in the search and the query string', async () => {
    for (const q of [
      "'); drop table participation_offers; --",
      '%%%___\\',
      '"(&|!:*',
      '😀 ¿qué?',
      'a'.repeat(5000),
    ]) {
      const res = await get(`/aanbod?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      const api = await get(`/api/v1/offers?q=${encodeURIComponent(q.slice(0, 200))}`);
      expect(api.statusCode, q).toBeLessThan(500);
    }
    // PostgreSQL text cannot hold a NUL character: the address is refused as a whole, in Dutch.
    const nul = await get('/aanbod?q=%00x');
    expect(nul.statusCode).toBe(400);
    expect(nul.body).toContain('Het adres bevat een ongeldig teken.');
    const nulApi = await get('/api/v1/offers?q=%00x');
    expect(nulApi.statusCode).toBe(400);
    expect(nulApi.headers['content-type']).toContain('application/problem+json');
    const none = await get('/aanbod?q=%21%21%21');
    expect(none.body).toContain('geen letters of cijfers');
    const junk = await get(
      '/aanbod?gemeente=abc&categorie=nope&dag=x&niveau=C2&sorteer=%3Cscript%3E&page=-4',
    );
    expect(junk.statusCode).toBe(200);
    const badApi = await get('/api/v1/offers?category=nope');
    expect(badApi.statusCode).toBe(400);
    expect(badApi.headers['content-type']).toContain('application/problem+json');
  });

  it('shows an offer, a print view, and hides drafts', async () => {
    const [published] = await db()
      .select({ id: participationOffers.id, title: participationOffers.title })
      .from(participationOffers)
      .where(eq(participationOffers.status, 'published'))
      .limit(1);
    const page = await get(`/aanbod/${published!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Meedoen? Neem contact op');
    const [draft] = await db()
      .select({ id: participationOffers.id })
      .from(participationOffers)
      .where(eq(participationOffers.status, 'draft'))
      .limit(1);
    expect((await get(`/aanbod/${draft!.id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/offers/${draft!.id}`)).statusCode).toBe(404);
    expect((await get('/aanbod/niet-een-id')).statusCode).toBe(404);
    const print = await get('/aanbod/afdrukken?vrouwen=1');
    expect(print.statusCode).toBe(200);
    expect(print.body).toContain('alleen voor vrouwen');
    expect(print.body).not.toContain('site-nav');
  });

  it('shows the 18 networks, their members and the categories missing per municipality', async () => {
    const list = await get('/netwerken');
    expect(list.body.match(/href="\/netwerken\/[A-Z0-9]+"/g)).toHaveLength(18);
    const gent = await get('/netwerken/REFREG13');
    expect(gent.statusCode).toBe(200);
    expect(gent.body).toContain('Regio Gent');
    expect(gent.body).toContain('Eeklo');
    expect(gent.body).toContain('Wat ontbreekt er per gemeente?');
    expect(gent.body).toContain('Ahmed Benali');
    expect((await get('/netwerken/ONBEKEND')).statusCode).toBe(404);
  });

  it('describes the API in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/offers',
      '/api/v1/offers/{id}',
      '/api/v1/participation/trajectories',
      '/api/v1/participation/trajectories/{id}/hours',
      '/api/v1/certificates/{code}',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});

describe('publishing and moderation', () => {
  const form = {
    title: 'Fietsatelier met buren in Deinze',
    description: 'We herstellen samen fietsen en praten Nederlands.',
    category: 'volunteering',
    sector: 'volunteering',
    calendarType: 'periodic',
    startDate: addDays(today, -5),
    endDate: addDays(today, 120),
    weekdays: ['wo', 'za'],
    sessionHours: '2,5',
    dutchLevel: 'A1',
    audience: 'everyone',
    availability: 'open',
    contactName: 'Katrien Willems',
    contactEmail: 'katrien@debrug.be',
    contactLanguages: ['nl', 'fr'],
    'places.0.municipalityNis': '44083',
    'places.0.locationName': 'Fietsatelier',
    intent: 'submit',
  };

  it('refuses an offer without a municipality, with a clear Dutch message, and keeps the input', async () => {
    const partner = await loggedIn(platform.app, 'partner.debrug');
    const { 'places.0.municipalityNis': _nis, 'places.0.locationName': _name, ...rest } = form;
    const res = await partner.post('/participatie/aanbod/nieuw', rest, {
      from: '/participatie/aanbod/nieuw',
    });
    expect(res.statusCode).toBe(422);
    const summary = res.body.slice(
      res.body.indexOf('error-summary'),
      res.body.indexOf('error-summary') + 800,
    );
    expect(summary).toContain('Kies minstens één gemeente waar de activiteit plaatsvindt.');
    expect(res.body).toContain('href="#f-places-0-municipalityNis"');
    expect(res.body).toContain('Fietsatelier met buren in Deinze');
    const api = await partner.request({
      method: 'POST',
      url: '/api/v1/offers',
      payload: JSON.stringify({ title: 'x', description: 'y', places: [] }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': await partner.csrf('/account') },
    });
    expect(api.statusCode).toBeGreaterThanOrEqual(400);
    expect(api.statusCode).toBeLessThan(500);
  });

  it('lets a partner publish an offer that the coordinator of the region validates', async () => {
    const partner = await loggedIn(platform.app, 'partner.debrug');
    const page = await partner.get('/participatie/aanbod/nieuw');
    const once = page.body.match(/name="_once" value="([^"]+)"/)![1]!;
    const res = await partner.post(
      '/participatie/aanbod/nieuw',
      { ...form, _once: once },
      { from: '/participatie/aanbod/nieuw' },
    );
    expect(res.statusCode).toBe(303);
    // A double click creates one record
    const again = await partner.post(
      '/participatie/aanbod/nieuw',
      { ...form, _once: once },
      { from: '/participatie/aanbod/nieuw' },
    );
    expect(again.statusCode).toBe(303);
    const rows = await db()
      .select()
      .from(participationOffers)
      .where(eq(participationOffers.title, form.title));
    expect(rows).toHaveLength(1);
    const offer = rows[0]!;
    expect(offer.status).toBe('awaiting_validation');
    expect(offer.sessionMinutes).toBe(150);
    expect(offer.weekdays).toEqual(['wo', 'za']);
    expect((await get(`/aanbod/${offer.id}`)).statusCode).toBe(404);

    // Not by a local government elsewhere, nor by the partner itself
    const mechelen = await loggedIn(platform.app, 'mechelen');
    const refused = await mechelen.post(
      `/participatie/aanbod/${offer.id}/status`,
      { action: 'approve' },
      { from: '/home' },
    );
    expect(refused.statusCode).toBe(404);
    const self = await partner.post(
      `/participatie/aanbod/${offer.id}/status`,
      { action: 'approve' },
      { from: '/home' },
    );
    expect(self.statusCode).toBe(403);

    const coordinator = await loggedIn(platform.app, 'netwerk.regiogent');
    const queue = await coordinator.get('/participatie/moderatie');
    expect(queue.body).toContain(form.title);
    const sendBackWithoutNote = await coordinator.post(
      `/participatie/aanbod/${offer.id}/status`,
      { action: 'send_back' },
      { from: '/home' },
    );
    expect(sendBackWithoutNote.statusCode).toBe(422);
    expect(sendBackWithoutNote.body).toContain('Schrijf kort wat de organisatie moet aanpassen.');
    const approve = await coordinator.post(
      `/participatie/aanbod/${offer.id}/status`,
      { action: 'approve' },
      { from: '/home' },
    );
    expect(approve.statusCode).toBe(303);
    const [after] = await db().select().from(participationOffers).where(eq(participationOffers.id, offer.id));
    expect(after!.status).toBe('published');
    expect(after!.validUntil).toBe(form.endDate);
    const publicPage = await get(`/aanbod/${offer.id}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('Frans');
    const search = (await get('/api/v1/offers?q=fietsatelier&municipality=44083')).json();
    expect(search.items.map((o: { id: string }) => o.id)).toContain(offer.id);
    const audit = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, offer.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['offer.approve', 'offer.submitted']);
    expect((await lastMailTo('partner.debrug@demo.regiekamer.be'))?.subject).toContain('gepubliceerd');

    // An edit by the owner goes back to the moderator
    const edit = await partner.post(
      `/participatie/aanbod/${offer.id}/bewerken`,
      { ...form, title: `${form.title} (nieuw uur)` },
      { from: `/participatie/aanbod/${offer.id}/bewerken` },
    );
    expect(edit.statusCode).toBe(303);
    const [edited] = await db()
      .select()
      .from(participationOffers)
      .where(eq(participationOffers.id, offer.id));
    expect(edited!.status).toBe('awaiting_validation');
  });

  it('lets owners write through the API', async () => {
    const partner = await loggedIn(platform.app, 'partner.debrug');
    const csrf = await partner.csrf('/account');
    const body = {
      title: 'Schaakclub voor iedereen',
      description: 'Elke week schaken en praten.',
      category: 'leisure',
      sector: 'leisure',
      calendarType: 'permanent',
      weekdays: ['vr'],
      sessionHours: 2,
      dutchLevel: 'none',
      audience: 'everyone',
      availability: 'open',
      contactName: 'Katrien Willems',
      contactEmail: 'katrien@debrug.be',
      places: [{ municipalityNis: '12025' }],
    };
    const created = await partner.request({
      method: 'POST',
      url: '/api/v1/offers?submit=true',
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe('awaiting_validation');
    const [row] = await db()
      .select()
      .from(participationOffers)
      .where(eq(participationOffers.id, created.json().id));
    expect(row!.sessionMinutes).toBe(120);
    const mine = await partner.request({
      method: 'GET',
      url: '/api/v1/offers/mine?status=awaiting_validation',
    });
    expect(mine.json().items.map((o: { id: string }) => o.id)).toContain(created.json().id);
  });
});

describe('trajectories, hours, confirmation and certificate', () => {
  let counsellor: Client;
  let trajectoryId: string;
  let activityId: string;
  const start = addDays(today, -30);

  beforeAll(async () => {
    counsellor = await loggedIn(platform.app, 'trajectbegeleider.agii');
  });

  it('opens a pseudonymous trajectory and plans an activity from the platform', async () => {
    const res = await counsellor.post(
      '/participatie/trajecten/nieuw',
      { municipalityNis: '43005', startDate: start, obliged: 'ja', dutchLevel: 'A1' },
      { from: '/participatie/trajecten/nieuw' },
    );
    expect(res.statusCode).toBe(303);
    trajectoryId = String(res.headers.location).split('/').pop()!;
    const [offer] = await db()
      .select({ id: participationOffers.id })
      .from(participationOffers)
      .where(eq(participationOffers.title, 'Praatcafé voor vrouwen in Eeklo'));
    const page = await counsellor.get(`/participatie/trajecten/${trajectoryId}`);
    expect(page.body).toContain('Praatcafé voor vrouwen in Eeklo');
    const add = await counsellor.post(
      `/participatie/trajecten/${trajectoryId}/activiteiten`,
      { offerId: offer!.id, plannedHours: '40' },
      { from: `/participatie/trajecten/${trajectoryId}` },
    );
    expect(add.statusCode).toBe(303);
    const detail = (await counsellor.get(`/api/v1/participation/trajectories/${trajectoryId}`)).json();
    expect(detail.code).toMatch(/^PNT-\d{2}-/);
    activityId = detail.activities[0].id;
  });

  it('refuses hours in the future, before the start and above 12 hours a day, and keeps the input', async () => {
    const from = `/participatie/trajecten/${trajectoryId}`;
    const future = await counsellor.post(
      `${from}/uren`,
      { activityId, date: addDays(today, 1), hours: '2' },
      { from },
    );
    expect(future.statusCode).toBe(422);
    expect(future.body).toContain('De datum ligt in de toekomst');
    const before = await counsellor.post(
      `${from}/uren`,
      { activityId, date: addDays(start, -1), hours: '2' },
      { from },
    );
    expect(before.statusCode).toBe(422);
    expect(before.body).toContain('voor de start van het traject');
    const tooMuch = await counsellor.post(
      `${from}/uren`,
      { activityId, date: addDays(today, -3), hours: '13' },
      { from },
    );
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.body).toContain('hoogstens 12 uren');
    const ok = await counsellor.post(
      `${from}/uren`,
      { activityId, date: addDays(today, -3), hours: '8' },
      { from },
    );
    expect(ok.statusCode).toBe(303);
    const second = await counsellor.post(
      `${from}/uren`,
      { activityId, date: addDays(today, -3), hours: '5' },
      { from },
    );
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain('nog hoogstens 4 uur');
    expect(second.body).toContain('value="5"');
    const unreadable = await counsellor.post(
      `${from}/uren`,
      { activityId, date: 'gisteren', hours: 'twee' },
      { from },
    );
    expect(unreadable.statusCode).toBe(422);
    const entries = await db()
      .select()
      .from(participationHourEntries)
      .where(eq(participationHourEntries.trajectoryId, trajectoryId));
    expect(entries.map((e) => e.minutes)).toEqual([480]);
    const api = await counsellor.request({
      method: 'POST',
      url: `/api/v1/participation/trajectories/${trajectoryId}/hours`,
      payload: JSON.stringify({ activityId, date: addDays(today, 2), hours: 2 }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': await counsellor.csrf('/account') },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json().errors.date).toContain('toekomst');
  });

  it('lets the contact confirm once through a signed link, and the counsellor validate up to 40 hours', async () => {
    const from = `/participatie/trajecten/${trajectoryId}`;
    for (const [days, hours] of [
      [-10, '8'],
      [-9, '8'],
      [-8, '8'],
      [-7, '7,5'],
    ] as const) {
      const res = await counsellor.post(
        `${from}/uren`,
        { activityId, date: addDays(today, days), hours },
        { from },
      );
      expect(res.statusCode).toBe(303);
    }
    const ask = await counsellor.post(`${from}/activiteiten/${activityId}/bevestiging`, {}, { from });
    expect(ask.statusCode).toBe(303);
    const [link] = await db()
      .select()
      .from(participationConfirmationLinks)
      .where(eq(participationConfirmationLinks.trajectoryId, trajectoryId));
    const mail = await lastMailTo(link!.sentTo);
    expect(mail?.subject).toContain('Bevestig de uren');
    const token = tokenIn(mail!.text)!;
    expect(link!.tokenHash).not.toContain(token);

    // A tampered link confirms nothing
    const tampered = `${token.slice(0, -3)}abc`;
    const bad = await new Client(platform.app).get(`/bevestigen/${tampered}`);
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('Deze link klopt niet');

    const contact = new Client(platform.app);
    const page = await contact.get(`/bevestigen/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('39 uur 30 min');
    const missingName = await contact.post(
      `/bevestigen/${token}`,
      { decision: 'confirm', name: '' },
      { from: `/bevestigen/${token}` },
    );
    expect(missingName.statusCode).toBe(422);
    const tamperedPost = await contact.post(
      `/bevestigen/${tampered}`,
      { decision: 'confirm', name: 'X' },
      { from: `/bevestigen/${token}` },
    );
    expect(tamperedPost.statusCode).toBe(409);
    const done = await contact.post(
      `/bevestigen/${token}`,
      { decision: 'confirm', name: 'Marie Peeters' },
      { from: `/bevestigen/${token}` },
    );
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('U bevestigde 39 uur 30 min');
    const twice = await contact.post(
      `/bevestigen/${token}`,
      { decision: 'confirm', name: 'Marie Peeters' },
      { from: '/login' },
    );
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('al gebruikt');
    expect((await contact.get(`/bevestigen/${token}`)).statusCode).toBe(410);

    // 39,5 hours validated: not yet 40
    expect((await counsellor.post(`${from}/uren/valideren`, {}, { from })).statusCode).toBe(303);
    const notYet = await counsellor.post(`${from}/status`, { action: 'close' }, { from });
    expect(notYet.statusCode).toBe(422);
    expect(notYet.body).toContain('Nog 30 min nodig');
    const page39 = await counsellor.get(from);
    expect(page39.body).toContain('39,5 van de 40 uur');

    // Half an hour more, confirmed and validated
    await counsellor.post(`${from}/uren`, { activityId, date: addDays(today, -2), hours: '0,5' }, { from });
    await counsellor.post(`${from}/activiteiten/${activityId}/bevestiging`, {}, { from });
    const second = tokenIn((await lastMailTo(link!.sentTo))!.text)!;
    expect(second).not.toBe(token);
    await new Client(platform.app).post(
      `/bevestigen/${second}`,
      { decision: 'confirm', name: 'Marie Peeters' },
      { from: `/bevestigen/${second}` },
    );
    const entries = await db()
      .select()
      .from(participationHourEntries)
      .where(
        and(
          eq(participationHourEntries.trajectoryId, trajectoryId),
          eq(participationHourEntries.status, 'confirmed'),
        ),
      );
    expect(entries).toHaveLength(1);
    const validate = await counsellor.post(
      `${from}/uren/${entries[0]!.id}`,
      { action: 'validate' },
      { from },
    );
    expect(validate.statusCode).toBe(303);
    const validateAgain = await counsellor.post(
      `${from}/uren/${entries[0]!.id}`,
      { action: 'validate' },
      { from },
    );
    expect(validateAgain.statusCode).toBe(409);

    const detail = (await counsellor.get(`/api/v1/participation/trajectories/${trajectoryId}`)).json();
    expect(detail.validatedMinutes).toBe(2400);

    const close = await counsellor.post(`${from}/status`, { action: 'close' }, { from });
    expect(close.statusCode).toBe(303);
    const closed = (await counsellor.get(`/api/v1/participation/trajectories/${trajectoryId}`)).json();
    expect(closed.status).toBe('completed');
    const code = closed.certificateCode as string;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const certificate = await counsellor.get(`${from}/attest`);
    expect(certificate.statusCode).toBe(200);
    expect(certificate.body).toContain(code);
    expect(certificate.body).toContain('40 uur');

    // Anyone can check the code; the page shows nothing beyond the certificate
    const check = await get(
      `/attest/controle?code=${encodeURIComponent(code.toLowerCase().replace(/-/g, ' '))}`,
    );
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Dit attest is echt.');
    expect(check.body).toContain(detail.code);
    const shown = check.body.slice(check.body.indexOf('<main'), check.body.indexOf('</main>'));
    expect(shown).not.toContain('43005');
    expect(shown).not.toContain('Verplicht');
    expect(shown).not.toContain('Niveau');
    expect(check.body).not.toContain('Els Maes');
    expect(check.body).not.toContain('Marie Peeters');
    const unknown = await get('/attest/controle?code=0000-0000-0000');
    expect(unknown.body).toContain('We vinden geen attest met deze code.');
    const odd = await get(`/attest/controle?code=${encodeURIComponent("'; drop--<script>")}`);
    expect(odd.statusCode).toBe(200);
    const api = (await get(`/api/v1/certificates/${code}`)).json();
    expect(api).toMatchObject({ valid: true, validatedMinutes: 2400, verificationCode: code });
    expect(Object.keys(api)).not.toContain('municipalityNis');
  });

  it('logs every view of a newcomer’s record', async () => {
    const before = await db()
      .select()
      .from(participationAccessLog)
      .where(eq(participationAccessLog.trajectoryId, trajectoryId));
    await counsellor.get(`/participatie/trajecten/${trajectoryId}`);
    await counsellor.get(`/api/v1/participation/trajectories/${trajectoryId}`);
    await counsellor.get(`/participatie/trajecten/${trajectoryId}/attest`);
    const after = await db()
      .select()
      .from(participationAccessLog)
      .where(eq(participationAccessLog.trajectoryId, trajectoryId));
    expect(after.length - before.length).toBe(3);
    expect(after.map((a) => a.action)).toEqual(expect.arrayContaining(['view', 'api', 'certificate']));
    const page = await counsellor.get(`/participatie/trajecten/${trajectoryId}`);
    expect(page.body).toContain('Wie bekeek dit dossier?');
    expect(page.body).toContain('Els Maes');
  });

  it('shows trajectories only to the counsellor’s organisation', async () => {
    const atlas = await loggedIn(platform.app, 'trajectbegeleider.atlas');
    expect((await atlas.get(`/participatie/trajecten/${trajectoryId}`)).statusCode).toBe(404);
    const list = await atlas.get('/participatie/trajecten');
    expect(list.statusCode).toBe(200);
    const ownCount = (
      await atlas.request({ method: 'GET', url: '/api/v1/participation/trajectories' })
    ).json().total;
    expect(ownCount).toBe(6);
    const officer = await loggedIn(platform.app, 'mechelen');
    expect((await officer.get('/participatie/trajecten')).statusCode).toBe(403);
    const logged = await db()
      .select()
      .from(participationAccessLog)
      .where(eq(participationAccessLog.trajectoryId, trajectoryId));
    expect(logged.every((l) => l.action !== 'view' || l.userId !== null)).toBe(true);
  });

  it('does not count a confirmation twice when the same link is used at the same moment', async () => {
    const from = `/participatie/trajecten/${trajectoryId}`;
    const res = await counsellor.post(
      '/participatie/trajecten/nieuw',
      { municipalityNis: '43005', startDate: start, obliged: 'nee', dutchLevel: 'A2' },
      { from: '/participatie/trajecten/nieuw' },
    );
    const id = String(res.headers.location).split('/').pop()!;
    await counsellor.post(
      `/participatie/trajecten/${id}/activiteiten`,
      {
        title: 'Stage bij de bakker',
        category: 'internship',
        contactName: 'Jef',
        contactEmail: 'jef@bakkerij.be',
      },
      { from },
    );
    const detail = (await counsellor.get(`/api/v1/participation/trajectories/${id}`)).json();
    const act = detail.activities[0].id;
    await counsellor.post(
      `/participatie/trajecten/${id}/uren`,
      { activityId: act, date: addDays(today, -4), hours: '3' },
      { from },
    );
    await counsellor.post(`/participatie/trajecten/${id}/activiteiten/${act}/bevestiging`, {}, { from });
    const token = tokenIn((await lastMailTo('jef@bakkerij.be'))!.text)!;
    const contact = new Client(platform.app);
    const csrf = await contact.csrf(`/bevestigen/${token}`);
    const post = () =>
      contact.request({
        method: 'POST',
        url: `/bevestigen/${token}`,
        payload: new URLSearchParams({ _csrf: csrf, decision: 'confirm', name: 'Jef' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const results = await Promise.all([post(), post(), post()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'hours.confirmed')));
    expect(audits).toHaveLength(1);
  });
});

describe('confirming while logged in', () => {
  it('lets the organisation that owns the offer confirm once, without a link', async () => {
    const counsellor = await loggedIn(platform.app, 'trajectbegeleider.agii');
    const from = '/participatie/trajecten/nieuw';
    const res = await counsellor.post(
      from,
      { municipalityNis: '12025', startDate: addDays(today, -20), obliged: 'ja', dutchLevel: 'none' },
      { from },
    );
    const id = String(res.headers.location).split('/').pop()!;
    const [offer] = await db()
      .select({ id: participationOffers.id })
      .from(participationOffers)
      .where(eq(participationOffers.title, 'Buddyproject De Brug in Mechelen'));
    await counsellor.post(`/participatie/trajecten/${id}/activiteiten`, { offerId: offer!.id }, { from });
    const detail = (await counsellor.get(`/api/v1/participation/trajectories/${id}`)).json();
    const act = detail.activities[0].id;
    await counsellor.post(
      `/participatie/trajecten/${id}/uren`,
      { activityId: act, date: addDays(today, -6), hours: '2' },
      { from },
    );
    await counsellor.post(
      `/participatie/trajecten/${id}/uren`,
      { activityId: act, date: addDays(today, -5), hours: '2' },
      { from },
    );

    const partner = await loggedIn(platform.app, 'partner.debrug');
    const list = await partner.get('/participatie/bevestigingen');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(detail.code);
    const other = await loggedIn(platform.app, 'expert.mentorwerk');
    expect((await other.get('/participatie/bevestigingen')).body).not.toContain(detail.code);
    expect(
      (
        await other.post(
          `/participatie/bevestigingen/${act}`,
          { decision: 'confirm' },
          { from: '/participatie/bevestigingen' },
        )
      ).statusCode,
    ).toBe(404);

    const ok = await partner.post(
      `/participatie/bevestigingen/${act}`,
      { decision: 'confirm' },
      { from: '/participatie/bevestigingen' },
    );
    expect(ok.statusCode).toBe(303);
    const again = await partner.post(
      `/participatie/bevestigingen/${act}`,
      { decision: 'confirm' },
      { from: '/participatie/bevestigingen' },
    );
    expect(again.statusCode).toBe(409);
    const entries = await db()
      .select()
      .from(participationHourEntries)
      .where(eq(participationHourEntries.trajectoryId, id));
    expect(entries.map((e) => e.status)).toEqual(['confirmed', 'confirmed']);
    expect(new Set(entries.map((e) => e.confirmationId)).size).toBe(1);
    expect(entries[0]!.confirmedByName).toBe('Katrien Willems');
    await counsellor.post(`/participatie/trajecten/${id}/uren/valideren`, {}, { from });
    expect((await counsellor.get(`/api/v1/participation/trajectories/${id}`)).json().validatedMinutes).toBe(
      240,
    );
  });
});

describe('validated hours never count a confirmation twice (property, on the database)', () => {
  it('holds for random sequences of registrations, links, repeated and concurrent confirmations, validations', async () => {
    const [els] = await db()
      .select({ userId: users.id, membershipId: memberships.id })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.email, 'trajectbegeleider.agii@demo.regiekamer.be'));
    const principal = (await loadPrincipal(db(), els!.userId, els!.membershipId))!;
    const ctx = () => new ServiceContext(db(), platform.config, principal);
    const anonymous = () => new ServiceContext(db(), platform.config, null);
    type Cmd =
      | { kind: 'register'; daysAgo: number; quarters: number }
      | { kind: 'ask' }
      | { kind: 'use'; which: number; times: number; decision: 'confirm' | 'dispute' }
      | { kind: 'validate' };
    const cmd: fc.Arbitrary<Cmd> = fc.oneof(
      fc.record({
        kind: fc.constant('register' as const),
        daysAgo: fc.integer({ min: 0, max: 6 }),
        quarters: fc.integer({ min: 1, max: 20 }),
      }),
      fc.record({ kind: fc.constant('ask' as const) }),
      fc.record({
        kind: fc.constant('use' as const),
        which: fc.nat(5),
        times: fc.integer({ min: 1, max: 3 }),
        decision: fc.constantFrom('confirm' as const, 'dispute' as const),
      }),
      fc.record({ kind: fc.constant('validate' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 3, maxLength: 9 }), async (cmds) => {
        const trajectory = await createTrajectory(ctx(), {
          municipalityNis: '12025',
          startDate: addDays(today, -10),
          obliged: 'ja',
          dutchLevel: 'A1',
        });
        const activity = await addActivity(ctx(), trajectory.id, {
          title: 'Eigenschapstest',
          category: 'sport',
          contactName: 'Test',
          contactEmail: 'eigenschap@example.be',
        });
        const tokens: string[] = [];
        for (const c of cmds) {
          if (c.kind === 'register') {
            await registerHours(ctx(), trajectory.id, {
              activityId: activity.id,
              date: addDays(today, -c.daysAgo),
              hours: String((c.quarters * 15) / 60),
            }).catch((e) => expect(e).toBeInstanceOf(ValidationError));
          } else if (c.kind === 'ask') {
            const sent = await requestConfirmation(ctx(), trajectory.id, activity.id).catch(() => null);
            if (sent) tokens.push(sent.token);
          } else if (c.kind === 'use') {
            const token = tokens[c.which % Math.max(1, tokens.length)];
            if (!token) continue;
            const results = await Promise.allSettled(
              Array.from({ length: c.times }, () =>
                useConfirmation(anonymous(), token, { decision: c.decision, name: 'Test' }),
              ),
            );
            expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(1);
          } else {
            await validateAllConfirmed(ctx(), trajectory.id).catch(() => null);
          }
        }
        const entries = await db()
          .select()
          .from(participationHourEntries)
          .where(eq(participationHourEntries.trajectoryId, trajectory.id));
        const links = await db()
          .select()
          .from(participationConfirmationLinks)
          .where(eq(participationConfirmationLinks.trajectoryId, trajectory.id));
        const validated = entries.filter((e) => e.status === 'validated');
        for (const e of validated) {
          const link = links.find((l) => l.id === e.confirmationId);
          expect(link?.usedAt).not.toBeNull();
          expect(link?.entryIds).toContain(e.id);
        }
        // Every entry is covered by at most one used link
        for (const e of entries) {
          const used = links.filter((l) => l.usedAt && l.entryIds.includes(e.id) && l.decision);
          const applied = used.filter((l) => l.id === e.confirmationId);
          expect(applied.length).toBeLessThanOrEqual(1);
        }
        const expected = validated.reduce((s, e) => s + e.minutes, 0);
        const detail = await getTrajectory(ctx(), trajectory.id);
        expect(detail.progress.minutes).toBe(expected);
        // Per day never more than 12 hours
        const perDay = new Map<string, number>();
        for (const e of entries.filter((x) => x.status !== 'rejected'))
          perDay.set(e.date, (perDay.get(e.date) ?? 0) + e.minutes);
        for (const m of perDay.values()) expect(m).toBeLessThanOrEqual(720);
      }),
      { numRuns: 12 },
    );
  });
});

describe('local government view and privacy', () => {
  it('shows offers, gaps and aggregated trajectories with no group below 5', async () => {
    const officer = await loggedIn(platform.app, 'mechelen');
    const page = await officer.get('/participatie/overzicht');
    expect(page.statusCode).toBe(200);
    // The officer acts for Mechelen or for the partnership of four municipalities, whichever is active
    expect(page.body).toMatch(/Participatie- en netwerktraject in (Mechelen|uw 4 gemeenten)/);
    expect(page.body).toContain('Aanbod per soort');
    // Every number about people is 0, at least 5, or hidden
    const numbers = [
      ...page.body.matchAll(/(Lopend|Afgerond|Stopgezet|Samen|Verplicht|Vrijwillig|Van): (?:<span>)?(\d+)/g),
    ].map((m) => Number(m[2]));
    for (const n of numbers) expect(n === 0 || n >= 5).toBe(true);
  });

  it('never returns a group of 1 to 4 people, for any municipality scope', async () => {
    const [org] = await db()
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.networkCode, 'REFREG02'));
    for (const m of [
      { role: 'local_officer' as const, municipalityNis: '12025', networkCode: null },
      { role: 'local_officer' as const, municipalityNis: '12021', networkCode: null },
      { role: 'network_coordinator' as const, municipalityNis: null, networkCode: 'REFREG02' },
      { role: 'network_coordinator' as const, municipalityNis: null, networkCode: 'REFREG13' },
    ]) {
      const membership = {
        id: 'm',
        organisationId: org!.id,
        organisationName: 'Test',
        organisationType: 'network' as const,
        agencyCode: null,
        ...m,
      };
      const ctx = new ServiceContext(db(), platform.config, {
        userId: '00000000-0000-0000-0000-000000000000',
        name: 'Test',
        email: 'test@example.be',
        memberships: [membership],
        active: membership,
      });
      const data = await getLocalOverview(ctx);
      const people = [
        data.trajectories.total,
        ...Object.values(data.trajectories.byStatus),
        ...Object.values(data.trajectories.activeObliged),
        ...Object.values(data.trajectories.levels),
        data.hoursThisYear.people,
        ...data.perMunicipality.flatMap((r) => [r.active, r.completed]),
      ];
      for (const n of people)
        expect(n === null || n === 0 || n >= 5, `${JSON.stringify(m)}: ${n}`).toBe(true);
      const hidden = (values: Array<number | null>) => values.filter((v) => v === null).length;
      // One hidden municipality could be derived from the total: then the total is hidden too
      if (hidden(data.perMunicipality.map((r) => r.active)) === 1)
        expect(data.trajectories.byStatus.active).toBeNull();
    }
  });

  it('is refused to partners and counsellors', async () => {
    const partner = await loggedIn(platform.app, 'partner.debrug');
    expect((await partner.get('/participatie/overzicht')).statusCode).toBe(403);
  });
});

describe('daily jobs', () => {
  it('expires offers, reminds owners once, and anonymises closed trajectories after the retention period', async () => {
    const [offer] = await db()
      .select({ id: participationOffers.id })
      .from(participationOffers)
      .where(eq(participationOffers.status, 'published'))
      .limit(1);
    await db()
      .update(participationOffers)
      .set({ validUntil: addDays(today, -1) })
      .where(eq(participationOffers.id, offer!.id));
    const [soon] = await db()
      .select({ id: participationOffers.id })
      .from(participationOffers)
      .where(and(eq(participationOffers.status, 'published'), sql`${participationOffers.remindedAt} is null`))
      .limit(1);
    await db()
      .update(participationOffers)
      .set({ validUntil: addDays(today, 5) })
      .where(eq(participationOffers.id, soon!.id));
    const first = await runDailyJobs(db(), platform.config);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const second = await runDailyJobs(db(), platform.config);
    expect(second).toEqual({ expired: 0, reminded: 0, anonymised: 0 });
    const [expired] = await db()
      .select()
      .from(participationOffers)
      .where(eq(participationOffers.id, offer!.id));
    expect(expired!.status).toBe('expired');
    expect((await get(`/aanbod/${offer!.id}`)).statusCode).toBe(404);

    const anonymised = await db()
      .select()
      .from(participationTrajectories)
      .where(like(participationTrajectories.code, 'ANON-%'));
    expect(anonymised.length).toBeGreaterThanOrEqual(2);
    for (const t of anonymised) {
      expect(t.anonymisedAt).not.toBeNull();
      expect(t.counsellorUserId).toBeNull();
      expect(t.note).toBeNull();
    }
  });
});

describe('isolation rows of the manifest', () => {
  it('refuses every row (403/404) and writes nothing to the audit log', async () => {
    const rows = await participationModule.isolation!({ app: platform.app, db: db() });
    expect(rows.length).toBeGreaterThan(50);
    const clients = new Map<string, Client>();
    for (const row of rows) {
      let client = clients.get(row.as);
      if (!client) {
        client = await loggedIn(platform.app, row.as);
        clients.set(row.as, client);
      }
      const [last] = await db()
        .select({ id: auditLog.id })
        .from(auditLog)
        .orderBy(desc(auditLog.id))
        .limit(1);
      let res: Awaited<ReturnType<Client['get']>>;
      if (row.method === 'GET') res = await client.get(row.url);
      else if (row.json !== undefined)
        res = await client.request({
          method: row.method,
          url: row.url,
          payload: JSON.stringify(row.json),
          headers: { 'content-type': 'application/json', 'x-csrf-token': await client.csrf('/account') },
        });
      else res = await client.post(row.url, row.form ?? {}, { from: '/account' });
      expect(
        [403, 404],
        `${row.method} ${row.url} as ${row.as}: ${res.statusCode} ${res.body.slice(0, 300)}`,
      ).toContain(res.statusCode);
      const written = await db()
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(sql`${auditLog.id} > ${last?.id ?? 0}`);
      expect(written, `${row.method} ${row.url} as ${row.as} wrote to the audit log`).toEqual([]);
    }
  });

  it('covers every non-public route of the module with rows or a self-scoped declaration', async () => {
    const rows = await participationModule.isolation!({ app: platform.app, db: db() });
    const covered = new Set([
      ...rows.map((r) => `${r.method} ${r.route}`),
      ...(participationModule.selfScoped ?? []).map((d) => `${d.method} ${d.route}`),
    ]);
    const mine = platform.app.routeList.filter(
      (r) =>
        r.method !== 'HEAD' &&
        r.config?.public !== true &&
        /^\/(participatie|aanbod|netwerken|attest|bevestigen|api\/v1\/(offers|participation|certificates))/.test(
          r.url,
        ),
    );
    expect(mine.length).toBeGreaterThan(20);
    for (const r of mine) expect(covered.has(`${r.method} ${r.url}`), `${r.method} ${r.url}`).toBe(true);
  });

  it('asks anonymous visitors to log in for private pages', async () => {
    for (const url of ['/participatie/trajecten', '/participatie/mijn-aanbod', '/participatie/overzicht']) {
      const res = await get(url);
      expect(res.statusCode).toBe(303);
      expect(String(res.headers.location)).toMatch(/^\/login/);
    }
    expect((await get('/api/v1/participation/trajectories')).statusCode).toBe(401);
  });
});
