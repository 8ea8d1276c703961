import { and, asc, count, eq, gt, like, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';
import { organisations, users } from '../../core/access/schema';
import { auditLog } from '../../core/audit/schema';
import { loadPrincipal } from '../../core/auth/principal-loader';
import { createApiToken } from '../../core/auth/service';
import { ServiceContext } from '../../core/context';
import { todayIso } from '../../core/i18n/format';
import { knowledgeEvents, knowledgeModule } from '../knowledge';
import { demoEmail, referenceModule } from '../reference';
import { serviceContactAssignments, servicesModule } from '../services';
import { cohesionModule } from '.';
import { addDays } from './rules';
import {
  bookings,
  closingActions,
  coachingSessions,
  coachings,
  learningTrajectories,
  planParticipants,
  programmes,
  reachFigures,
  trajectoryEnrolments,
  trajectorySessions,
} from './schema';

let platform: TestPlatform;
const db = () => platform.database.db;
const year = Number(todayIso().slice(0, 4));

beforeAll(async () => {
  // Services: the fixed contact persons (Fatima for Mechelen) who see a local government's coaching.
  platform = await createTestPlatform({}, [referenceModule, servicesModule, knowledgeModule, cohesionModule]);
});
afterAll(async () => platform?.close());

/** One signed-in client per demo account: the login route allows 20 attempts a minute. */
const clients = new Map<string, Client>();
async function as(local: string): Promise<Client> {
  let client = clients.get(local);
  if (!client) {
    client = await loggedIn(platform.app, local);
    clients.set(local, client);
  }
  return client;
}
async function lastAudit(): Promise<number> {
  const [row] = await db()
    .select({ id: max(auditLog.id) })
    .from(auditLog);
  return row?.id ?? 0;
}
async function auditSince(id: number) {
  return db()
    .select({ action: auditLog.action, entityId: auditLog.entityId })
    .from(auditLog)
    .where(gt(auditLog.id, id));
}
async function programmeId(title: string) {
  const [row] = await db()
    .select({ id: programmes.id })
    .from(programmes)
    .where(like(programmes.title, `${title}%`));
  return row!.id;
}
async function bookingCount(programme: string) {
  const [row] = await db().select({ n: count() }).from(bookings).where(eq(bookings.programmeId, programme));
  return row!.n;
}
/** The one-time token of the form on a page (forms that create carry one). */
async function onceToken(client: Client, page: string): Promise<string> {
  const html = (await client.get(page)).body;
  const token = html.match(/name="_once" value="([^"]+)"/)?.[1];
  if (!token) throw new Error(`no _once on ${page}`);
  return token;
}

describe('pages', () => {
  it('shows every part of focus support to a local government, with demo data', async () => {
    const c = await as('mechelen');
    const home = await c.get('/home');
    expect(home.body).toContain('href="/sociale-cohesie"');
    expect(home.body).toContain('Vrouwen aan het werk: lokale trajecten naar werk');
    for (const [url, text] of [
      ['/sociale-cohesie', 'Focusondersteuning sociale cohesie'],
      ['/sociale-cohesie/leeraanbod', 'Vrouwen aan het werk'],
      ['/sociale-cohesie/begeleiding', 'Mentorproject voor vrouwen opstarten'],
      ['/sociale-cohesie/expertenaanbod', 'Mentorprogramma naar werk voor vrouwen'],
      ['/sociale-cohesie/boekingen', 'Mentorprogramma naar werk voor vrouwen'],
      ['/sociale-cohesie/bereik', 'Richtcijfer'],
      ['/sociale-cohesie/plan-samenleven', 'Pleinmakers in de Arsenaalwijk'],
    ] as const) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(text);
    }
  });

  it('refuses partner organisations', async () => {
    const c = await as('partner.debrug');
    expect((await c.get('/sociale-cohesie')).statusCode).toBe(403);
    expect((await c.get('/home')).body).not.toContain('href="/sociale-cohesie"');
  });
});

describe('learning offer', () => {
  it('an agency opens a trajectory and plans a session as a knowledge event; a local government enrols and posts', async () => {
    const agii = await as('medewerker.agii');
    const before = await lastAudit();
    const created = await agii.post(
      '/sociale-cohesie/leeraanbod/nieuw',
      {
        title: 'Onderwijs en buurt',
        description: 'Samen leren.',
        theme: 'onderwijs',
        format: 'collective',
        capacity: '2',
      },
      { from: '/sociale-cohesie/leeraanbod/nieuw' },
    );
    expect(created.statusCode).toBe(303);
    const url = String(created.headers.location);
    const id = url.split('/').pop()!;
    const session = await agii.post(
      `${url}/sessies`,
      {
        title: 'Startsessie',
        startDate: addDays(todayIso(), 20),
        startTime: '09:30',
        endTime: '12:00',
        location: 'Brussel',
      },
      { from: url },
    );
    expect(session.statusCode).toBe(303);
    const [link] = await db()
      .select()
      .from(trajectorySessions)
      .where(eq(trajectorySessions.trajectoryId, id));
    const [event] = await db().select().from(knowledgeEvents).where(eq(knowledgeEvents.id, link!.eventId));
    expect(event!.title).toBe('Onderwijs en buurt: Startsessie');
    expect(event!.audienceKind).toBe('all_local_governments');
    expect((await auditSince(before)).map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'cohesion.trajectory.created',
        'event.created',
        'cohesion.trajectory.session_added',
      ]),
    );

    // A session without an end hour: the knowledge module's Dutch message, and no event nor link.
    const events = (await db().select({ n: count() }).from(knowledgeEvents))[0]!.n;
    const bad = await agii.post(
      `${url}/sessies`,
      { title: 'Zonder uur', startDate: addDays(todayIso(), 21), startTime: '09:30', location: 'Gent' },
      { from: url },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vul het einduur in');
    expect((await db().select({ n: count() }).from(knowledgeEvents))[0]!.n).toBe(events);

    const mechelen = await as('mechelen');
    expect((await mechelen.get(url)).body).not.toContain('Ingeschreven lokale besturen');
    expect((await mechelen.post(`${url}/inschrijven`, {}, { from: url })).statusCode).toBe(303);
    const page = await mechelen.get(url);
    expect(page.body).toContain('Ingeschreven lokale besturen');
    expect(
      (await mechelen.post(`${url}/berichten`, { body: 'Wie heeft een draaiboek?' }, { from: url }))
        .statusCode,
    ).toBe(303);
    expect((await mechelen.get(url)).body).toContain('Wie heeft een draaiboek?');

    // Gent is not enrolled: it sees the offer, not the list nor the board, and cannot post.
    const gent = await as('gent');
    const seen = await gent.get(url);
    expect(seen.body).toContain('Onderwijs en buurt');
    expect(seen.body).not.toContain('Wie heeft een draaiboek?');
    expect((await gent.post(`${url}/berichten`, { body: 'Hallo' }, { from: url })).statusCode).toBe(403);
  });

  it('never enrols beyond capacity, even when local governments enrol at once', async () => {
    const [agii] = await db()
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.agencyCode, 'AGII'));
    const [t] = await db()
      .insert(learningTrajectories)
      .values({
        title: 'Eén plaats',
        description: 'x',
        theme: 'werk',
        format: 'individual',
        capacity: 1,
        agencyOrganisationId: agii!.id,
      })
      .returning();
    const url = `/sociale-cohesie/leeraanbod/${t!.id}`;
    const [m, g] = await Promise.all([as('mechelen'), as('gent')]);
    const [tm, tg] = await Promise.all([m.csrf(url), g.csrf(url)]);
    const post = (c: Client, csrf: string) =>
      c.request({
        method: 'POST',
        url: `${url}/inschrijven`,
        payload: `_csrf=${encodeURIComponent(csrf)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const results = await Promise.all([post(m, tm), post(g, tg)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 422]);
    const loser = results.find((r) => r.statusCode === 422)!;
    expect(loser.body).toContain('Dit individuele traject loopt al met een ander lokaal bestuur.');
    const [n] = await db()
      .select({ n: count() })
      .from(trajectoryEnrolments)
      .where(eq(trajectoryEnrolments.trajectoryId, t!.id));
    expect(n!.n).toBe(1);
  });
});

describe('coaching', () => {
  it('runs from request to end evaluation, seen by the local government and the agency only', async () => {
    const mechelen = await as('mechelen');
    const res = await mechelen.post(
      '/sociale-cohesie/begeleiding/aanvragen',
      {
        subject: 'action',
        theme: 'werk',
        title: 'Jobbeurs voor vrouwen',
        question: 'Hoe organiseren we een jobbeurs?',
      },
      { from: '/sociale-cohesie/begeleiding/aanvragen' },
    );
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    const id = url.split('/').pop()!;
    expect((await as('gent').then((g) => g.get(url))).statusCode).toBe(404);
    expect((await as('medewerker.atlas').then((a) => a.get(url))).statusCode).toBe(404);

    const coach = await as('aanspreekpersoon.agii');
    const page = await coach.get(url);
    expect(page.body).toContain('Jobbeurs voor vrouwen');
    const coachId = page.body.match(/<option value="([0-9a-f-]{36})"[^>]*>Fatima El Amrani/)?.[1];
    expect(coachId).toBeTruthy();
    const start = addDays(todayIso(), -5);
    expect(
      (
        await coach.post(
          `${url}/openen`,
          { coachUserId: coachId!, startDate: start, goals: 'Datum vastgelegd\nTien werkgevers' },
          { from: url },
        )
      ).statusCode,
    ).toBe(303);

    // A session dated before the start: a clear Dutch message and nothing written.
    const before = await lastAudit();
    const early = await coach.post(
      `${url}/sessies`,
      { date: addDays(start, -1), summary: 'Te vroeg' },
      { from: url },
    );
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain('De sessie valt vóór de start van het traject');
    expect(early.body).toContain('href="#f-date"');
    expect(
      await db().select().from(coachingSessions).where(eq(coachingSessions.coachingId, id)),
    ).toHaveLength(0);
    expect(await auditSince(before)).toEqual([]);

    expect(
      (await coach.post(`${url}/sessies`, { date: start, summary: 'Kick-off' }, { from: url })).statusCode,
    ).toBe(303);
    expect(
      (await mechelen.post(`${url}/notities`, { body: 'Zaal geboekt.' }, { from: url })).statusCode,
    ).toBe(303);
    const tooMany = await coach.post(
      `${url}/afronden`,
      { evaluation: 'Goed.', goalsReached: '3' },
      { from: url },
    );
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Er waren 2 doelen');
    expect(
      (
        await coach.post(
          `${url}/afronden`,
          { evaluation: 'Geslaagde beurs.', goalsReached: '2' },
          { from: url },
        )
      ).statusCode,
    ).toBe(303);

    const seen = await mechelen.get(url);
    expect(seen.body).toContain('Afgerond');
    expect(seen.body).toContain('2 van 2 doelen bereikt.');
    expect(seen.body).toContain('Zaal geboekt.');
    expect(seen.body).toContain('Kick-off');
    const [row] = await db().select().from(coachings).where(eq(coachings.id, id));
    expect(row!.status).toBe('closed');
    const actions = (
      await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'cohesion.coaching.requested',
        'cohesion.coaching.open',
        'cohesion.coaching.session_added',
        'cohesion.coaching.close',
      ]),
    );
  });

  it('shows a coaching to the coach and the contact person at the agency, not to its other staff', async () => {
    const mechelen = await as('mechelen');
    const res = await mechelen.post(
      '/sociale-cohesie/begeleiding/aanvragen',
      { subject: 'policy', theme: 'nederlands', title: 'Taalbeleid personeel', question: 'Hoe beginnen we?' },
      { from: '/sociale-cohesie/begeleiding/aanvragen' },
    );
    const url = String(res.headers.location);
    const id = url.split('/').pop()!;
    const [contact] = await db()
      .select({ userId: serviceContactAssignments.contactUserId })
      .from(serviceContactAssignments)
      .innerJoin(organisations, eq(organisations.id, serviceContactAssignments.organisationId))
      .where(eq(organisations.municipalityNis, '12025'));
    const [fatima] = await db()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail('aanspreekpersoon.agii')));
    expect(contact!.userId).toBe(fatima!.id);

    // Jan works at AgII but is neither coach nor Mechelen's contact person: 404, and not in his list.
    const jan = await as('medewerker.agii');
    expect((await jan.get(url)).statusCode).toBe(404);
    expect((await jan.get('/sociale-cohesie/begeleiding?pageSize=100')).body).not.toContain(
      'Taalbeleid personeel',
    );
    expect((await jan.get('/sociale-cohesie/begeleiding?pageSize=100')).body).not.toContain(
      'Beleidsplan ouderbetrokkenheid',
    );
    const janOpens = await jan.post(
      `${url}/openen`,
      { coachUserId: fatima!.id, startDate: todayIso(), goals: 'x' },
      { from: '/sociale-cohesie/begeleiding' },
    );
    expect(janOpens.statusCode).toBe(404);

    // The contact person sees it, with herself as contact, and opens it with Jan as coach.
    const contactPerson = await as('aanspreekpersoon.agii');
    const list = await contactPerson.get('/sociale-cohesie/begeleiding?pageSize=100');
    expect(list.body).toContain('Taalbeleid personeel');
    const page = await contactPerson.get(url);
    expect(page.body).toMatch(/Aanspreekpersoon van het bestuur<\/dt><dd>Fatima El Amrani/);
    const janId = page.body.match(/<option value="([0-9a-f-]{36})"[^>]*>Jan Peeters/)?.[1];
    expect(janId).toBeTruthy();
    expect(
      (
        await contactPerson.post(
          `${url}/openen`,
          { coachUserId: janId!, startDate: todayIso(), goals: 'Een taalbeleidsplan' },
          { from: url },
        )
      ).statusCode,
    ).toBe(303);
    // Opening or declining again is refused for the status, before the (now hidden) form is read.
    for (const step of ['openen', 'weigeren']) {
      const again = await contactPerson.post(`${url}/${step}`, { value: 'false' }, { from: url });
      expect(again.statusCode, step).toBe(409);
      expect(again.body).toContain('Dit kan niet meer');
    }

    // Now Jan is the coach: he sees it and records a session; the contact person still sees it.
    expect((await jan.get(url)).statusCode).toBe(200);
    expect((await jan.get('/sociale-cohesie/begeleiding?pageSize=100')).body).toContain(
      'Taalbeleid personeel',
    );
    expect(
      (await jan.post(`${url}/sessies`, { date: todayIso(), summary: 'Start' }, { from: url })).statusCode,
    ).toBe(303);
    expect((await contactPerson.get(url)).body).toContain('Start');
    // Administrators see every coaching; Atlas staff none of AgII's.
    expect((await (await as('beheerder')).get(url)).statusCode).toBe(200);
    expect((await (await as('medewerker.atlas')).get(url)).statusCode).toBe(404);
    const [row] = await db().select().from(coachings).where(eq(coachings.id, id));
    expect(row!.coachUserId).toBe(janId);
  });

  it('sends Gent to Amal', async () => {
    const gent = await as('gent');
    const res = await gent.post(
      '/sociale-cohesie/begeleiding/aanvragen',
      { subject: 'policy', theme: 'nederlands', title: 'Taalbeleid', question: 'Hoe?' },
      { from: '/sociale-cohesie/begeleiding/aanvragen' },
    );
    const page = await gent.get(String(res.headers.location));
    expect(page.body).toMatch(/Agentschap<\/dt><dd>[^<]*Amal/i);
  });
});

describe('expert offers, bookings and reach', () => {
  it('a local government books, the expert reports reach and the dashboard compares the women share with the target', async () => {
    const mechelen = await as('mechelen');
    const id = await programmeId('Rolmodellen voor meisjes');
    const page = `/sociale-cohesie/expertenaanbod/${id}`;
    const before = await lastAudit();
    const res = await mechelen.post(
      page.concat('/boeken'),
      { municipalityNis: '12025', year: String(year + 1), note: 'Graag in het najaar.' },
      { from: page },
    );
    expect(res.statusCode).toBe(303);
    const url = String(res.headers.location);
    const bookingId = url.split('/').pop()!;
    expect((await auditSince(before)).map((a) => a.action)).toEqual(['cohesion.booking.created']);

    const expert = await as('expert.mentorwerk');
    expect((await expert.get('/home')).body).toContain('Bereik te rapporteren');
    // Women exceed the participants: a Dutch message per band, and nothing written.
    const mark = await lastAudit();
    const bad = await expert.post(
      `${url}/bereik`,
      { b0_17_participants: '10', b0_17_women: '12', b18_25_participants: '0', b18_25_women: '0' },
      { from: url },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('meer vrouwen en meisjes (12) dan deelnemers (10)');
    expect(bad.body).toContain('href="#f-b0_17_women"');
    expect(await db().select().from(reachFigures).where(eq(reachFigures.bookingId, bookingId))).toHaveLength(
      0,
    );
    expect(await auditSince(mark)).toEqual([]);

    const ok = await expert.post(
      `${url}/bereik`,
      {
        b0_17_participants: '20',
        b0_17_women: '15',
        b18_25_participants: '5',
        b18_25_women: '3',
        b26_45_participants: '',
        b26_45_women: '',
        b46_participants: '0',
        b46_women: '0',
      },
      { from: url },
    );
    expect(ok.statusCode).toBe(303);
    const detail = await mechelen.get(url);
    expect(detail.body).toContain('25 deelnemers, van wie 18 vrouwen en meisjes (72,0 %)');
    expect(detail.body).toContain('Onder het richtcijfer');

    const dash = await mechelen.get(`/sociale-cohesie/bereik?year=${year + 1}`);
    expect(dash.body).toContain('<svg');
    expect(dash.body).toContain('72,0 %');
    expect(dash.body).toContain('Richtcijfer');
    expect(dash.body).not.toContain('Gent');
    const csv = await mechelen.get(`/sociale-cohesie/bereik.csv?year=${year + 1}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(
      'Rolmodellen voor meisjes in het secundair onderwijs;Mentorwerk Vlaanderen vzw;Mechelen;12025;',
    );
    expect(csv.body).toContain(';25;18;72;80;ja');
  });

  it('refuses a municipality outside the programme area and a double booking, writing nothing', async () => {
    const expert = await as('expert.mentorwerk');
    const created = await expert.post(
      '/sociale-cohesie/expertenaanbod/nieuw',
      {
        title: 'Huiswerkbegeleiding Gent',
        description: 'x',
        theme: 'onderwijs',
        targetWomenPct: '50',
        areaKind: 'municipalities',
        municipalities: 'Gent\n44083',
        active: 'ja',
      },
      { from: '/sociale-cohesie/expertenaanbod/nieuw' },
    );
    expect(created.statusCode).toBe(303);
    const page = String(created.headers.location);
    const id = page.split('/').pop()!;
    const mechelen = await as('mechelen');
    const before = await lastAudit();
    const outside = await mechelen.post(
      `${page}/boeken`,
      { municipalityNis: '12025', year: String(year) },
      { from: page },
    );
    expect(outside.statusCode).toBe(422);
    expect(outside.body).toContain(
      'Mechelen ligt buiten het werkingsgebied van dit programma (gemeenten Deinze, Gent)',
    );
    expect(await bookingCount(id)).toBe(0);
    expect(await auditSince(before)).toEqual([]);

    const mentor = await programmeId('Mentorprogramma naar werk');
    const again = await mechelen.post(
      `/sociale-cohesie/expertenaanbod/${mentor}/boeken`,
      { municipalityNis: '12025', year: String(year) },
      { from: `/sociale-cohesie/expertenaanbod/${mentor}` },
    );
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain(`Mechelen heeft dit programma al geboekt voor ${year}.`);

    const badTarget = await expert.post(
      '/sociale-cohesie/expertenaanbod/nieuw',
      { title: 'x', description: 'x', theme: 'werk', targetWomenPct: '120', areaKind: 'provinces' },
      { from: '/sociale-cohesie/expertenaanbod/nieuw' },
    );
    expect(badTarget.statusCode).toBe(422);
    expect(badTarget.body).toContain('moet tussen 0 en 100 liggen');
    expect(badTarget.body).toContain('Kies minstens één provincie');
  });

  it('creates one booking when the same form is sent twice at once', async () => {
    const mechelen = await as('mechelen');
    const id = await programmeId('Mentorprogramma naar werk');
    const page = `/sociale-cohesie/expertenaanbod/${id}`;
    const before = await bookingCount(id);
    const once = await onceToken(mechelen, page);
    const csrf = await mechelen.csrf(page);
    const payload = new URLSearchParams({
      _csrf: csrf,
      _once: once,
      municipalityNis: '12025',
      year: String(year + 2),
    }).toString();
    const send = () =>
      mechelen.request({
        method: 'POST',
        url: `${page}/boeken`,
        payload,
        headers: { 'content-type': 'application/x-www-form-urlencoded', referer: page },
      });
    const results = await Promise.all([send(), send(), send()]);
    expect(results.every((r) => r.statusCode === 303)).toBe(true);
    expect(await bookingCount(id)).toBe(before + 1);
    // Different forms (different tokens) for the same municipality and year: still one booking.
    const [a, b] = await Promise.all([onceToken(mechelen, page), onceToken(mechelen, page)]);
    const twice = await Promise.all(
      [a, b].map((token) =>
        mechelen.request({
          method: 'POST',
          url: `${page}/boeken`,
          payload: new URLSearchParams({
            _csrf: csrf,
            _once: token,
            municipalityNis: '12025',
            year: String(year - 1),
          }).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      ),
    );
    // Last year was already booked in the demo: both are refused, none is added.
    expect(twice.map((r) => r.statusCode)).toEqual([422, 422]);
    expect(await bookingCount(id)).toBe(before + 1);
  });

  it('scopes bookings: own for local governments, own programmes for experts, Flanders for the administration', async () => {
    const mentor = await programmeId('Mentorprogramma naar werk');
    const [gentBooking] = await db()
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.programmeId, mentor), eq(bookings.municipalityNis, '44021')));
    const mechelen = await as('mechelen');
    expect((await mechelen.get(`/sociale-cohesie/boekingen/${gentBooking!.id}`)).statusCode).toBe(404);
    const list = await mechelen.get('/sociale-cohesie/boekingen');
    expect(list.body).not.toContain('>Gent<');
    const admin = await as('medewerker.agii');
    const all = await admin.get('/sociale-cohesie/boekingen?pageSize=100');
    expect(all.body).toContain('>Gent<');
    expect((await admin.get('/sociale-cohesie/bereik')).body).toContain('heel Vlaanderen');

    // Another expert organisation's programme: Mentorwerk sees neither it nor its bookings.
    const [other] = await db()
      .insert(organisations)
      .values({ type: 'expert_organisation', name: 'Ander expert vzw' })
      .returning();
    const [p] = await db()
      .insert(programmes)
      .values({
        expertOrganisationId: other!.id,
        title: 'Programma van een ander',
        description: 'x',
        theme: 'werk',
        targetWomenPct: 50,
        areaKind: 'flanders',
      })
      .returning();
    const [booking] = await db()
      .insert(bookings)
      .values({
        programmeId: p!.id,
        organisationId: (
          await db()
            .select({ id: organisations.id })
            .from(organisations)
            .where(eq(organisations.municipalityNis, '12025'))
        )[0]!.id,
        municipalityNis: '12025',
        year,
        status: 'booked',
      })
      .returning();
    const expert = await as('expert.mentorwerk');
    expect((await expert.get(`/sociale-cohesie/boekingen/${booking!.id}`)).statusCode).toBe(404);
    expect((await expert.get('/sociale-cohesie/boekingen?pageSize=100')).body).not.toContain(
      'Programma van een ander',
    );
    expect((await expert.get('/sociale-cohesie/bereik.csv')).body).not.toContain('Programma van een ander');
    const put = await expert.request({
      method: 'PUT',
      url: `/api/v1/cohesion/bookings/${booking!.id}/reach`,
      payload: JSON.stringify({ figures: [{ ageBand: '18-25', participants: 3, women: 2 }] }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': await expert.csrf('/account') },
    });
    expect(put.statusCode).toBe(404);
  });
});

describe('API', () => {
  it('books, reports and reads reach with API tokens; bad input is problem+json', async () => {
    const mech = await createTokenFor('mechelen');
    const exp = await createTokenFor('expert.mentorwerk');
    const id = await programmeId('Mentorprogramma naar werk');
    const call = (tok: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
      platform.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${tok}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });

    const outside = await call(mech, 'POST', `/api/v1/cohesion/programmes/${id}/bookings`, {
      municipalityNis: '44021',
      year,
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.headers['content-type']).toContain('application/problem+json');
    expect(outside.json().errors.municipalityNis).toBe('Kies een gemeente waarvoor uw bestuur bevoegd is.');

    const created = await call(mech, 'POST', `/api/v1/cohesion/programmes/${id}/bookings`, {
      municipalityNis: '12025',
      year: year + 1,
    });
    expect(created.statusCode).toBe(201);
    const bookingId = created.json().id;
    const bad = await call(exp, 'PUT', `/api/v1/cohesion/bookings/${bookingId}/reach`, {
      figures: [{ ageBand: '26-45', participants: 4, women: 5 }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.b26_45_women).toContain('meer vrouwen en meisjes (5) dan deelnemers (4)');
    const ok = await call(exp, 'PUT', `/api/v1/cohesion/bookings/${bookingId}/reach`, {
      figures: [
        { ageBand: '18-25', participants: 10, women: 7 },
        { ageBand: '26-45', participants: 10, women: 5 },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ participants: 20, women: 12, womenSharePct: 60 });
    const reach = await call(mech, 'GET', `/api/v1/cohesion/reach?year=${year + 1}&programme=${id}`);
    expect(reach.json().rows).toEqual([
      expect.objectContaining({
        municipality: 'Mechelen',
        participants: 20,
        women: 12,
        womenSharePct: 60,
        targetWomenPct: 60,
        target: 'met',
      }),
    ]);
    const booking = await call(mech, 'GET', `/api/v1/cohesion/bookings/${bookingId}`);
    expect(booking.json().figures).toHaveLength(4);

    const closing = await call(mech, 'GET', '/api/v1/cohesion/closing-actions?q=pleinmaker');
    expect(closing.json().items.map((a: { title: string }) => a.title)).toEqual(
      expect.arrayContaining(['Pleinmakers in de Arsenaalwijk', 'Pleinmakers in Rabot']),
    );
    const spec = await platform.app.inject('/api/v1/openapi.json');
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cohesion/bookings/{id}/reach',
        '/api/v1/cohesion/trajectories',
        '/api/v1/cohesion/reach',
      ]),
    );
  });
});

describe('API: creating trajectories and programmes, opening and closing coaching', () => {
  const call = (tok: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    platform.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tok}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });

  it('an agency opens a learning trajectory; others are refused and bad input writes nothing', async () => {
    const agii = await createTokenFor('medewerker.agii');
    const mech = await createTokenFor('mechelen');
    const before = await lastAudit();
    const body = {
      title: 'Werk en kinderopvang',
      description: 'Samen zoeken naar opvang.',
      theme: 'werk',
      format: 'collective',
      capacity: 8,
    };
    const created = await call(agii, 'POST', '/api/v1/cohesion/trajectories', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      title: 'Werk en kinderopvang',
      capacity: 8,
      enrolled: 0,
      agency: { name: expect.stringContaining('Integratie') },
    });
    expect((await auditSince(before)).map((a) => a.action)).toEqual(['cohesion.trajectory.created']);

    const refused = await call(mech, 'POST', '/api/v1/cohesion/trajectories', body);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');

    const mark = await lastAudit();
    const bad = await call(agii, 'POST', '/api/v1/cohesion/trajectories', {
      ...body,
      title: '   ',
      capacity: 0,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toMatchObject({
      title: 'Vul een titel in.',
      capacity: 'Het maximum aantal besturen moet tussen 1 en 500 liggen.',
    });
    const wrongType = await call(agii, 'POST', '/api/v1/cohesion/trajectories', { ...body, theme: 'sport' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.headers['content-type']).toContain('application/problem+json');
    expect(await auditSince(mark)).toEqual([]);
  });

  it('an expert organisation publishes a programme; an unknown municipality is a 422 on area.codes', async () => {
    const exp = await createTokenFor('expert.mentorwerk');
    const mech = await createTokenFor('mechelen');
    const body = {
      title: 'Schoolbrug Mechelen-Lier',
      description: 'Brugfiguren tussen school en ouders.',
      theme: 'onderwijs',
      targetWomenPct: 70,
      area: { kind: 'municipalities', codes: ['Mechelen', '12021'] },
    };
    const mark = await lastAudit();
    const unknown = await call(exp, 'POST', '/api/v1/cohesion/programmes', {
      ...body,
      targetWomenPct: 130,
      area: { kind: 'municipalities', codes: ['Mechelen', 'Atlantis'] },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toMatchObject({
      'area.codes': expect.stringContaining('Deze gemeenten vinden we niet: Atlantis'),
      targetWomenPct: expect.stringContaining('moet tussen 0 en 100 liggen'),
    });
    const empty = await call(exp, 'POST', '/api/v1/cohesion/programmes', {
      ...body,
      area: { kind: 'provinces', codes: [] },
    });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors['area.codes']).toContain('Kies minstens één provincie');
    expect(await auditSince(mark)).toEqual([]);

    const created = await call(exp, 'POST', '/api/v1/cohesion/programmes', body);
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({
      title: 'Schoolbrug Mechelen-Lier',
      targetWomenPct: 70,
      active: true,
      area: { kind: 'municipalities', codes: expect.arrayContaining(['12025', '12021']) },
      expert: { name: 'Mentorwerk Vlaanderen vzw' },
    });
    expect((await auditSince(mark)).map((a) => a.action)).toEqual(['cohesion.programme.created']);
    expect((await call(mech, 'POST', '/api/v1/cohesion/programmes', body)).statusCode).toBe(403);

    // Mechelen books it through the API; Gent lies outside the area.
    const booked = await call(mech, 'POST', `/api/v1/cohesion/programmes/${p.id}/bookings`, {
      municipalityNis: '12025',
      year,
    });
    expect(booked.statusCode).toBe(201);
    const gent = await call(
      await createTokenFor('gent'),
      'POST',
      `/api/v1/cohesion/programmes/${p.id}/bookings`,
      {
        municipalityNis: '44021',
        year,
      },
    );
    expect(gent.statusCode).toBe(422);
    expect(gent.json().errors.municipalityNis).toContain('buiten het werkingsgebied');
  });

  it('the contact person opens and closes a coaching; bad input is a Dutch 422 and writes nothing', async () => {
    const mech = await createTokenFor('mechelen');
    const fatima = await createTokenFor('aanspreekpersoon.agii');
    const jan = await createTokenFor('medewerker.agii');
    const asked = await call(mech, 'POST', '/api/v1/cohesion/coaching', {
      subject: 'action',
      theme: 'onderwijs',
      title: 'Huiswerkklas',
      question: 'Hoe starten we?',
    });
    expect(asked.statusCode).toBe(201);
    const id = asked.json().id;
    const [fatimaUser] = await db()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail('aanspreekpersoon.agii')));
    const [tom] = await db()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail('medewerker.atlas')));

    const open = {
      coachUserId: fatimaUser!.id,
      startDate: addDays(todayIso(), -2),
      goals: ['Tien kinderen', 'Vrijwilligers'],
    };
    // Jan is not the coach nor the contact person: as if it did not exist.
    expect((await call(jan, 'POST', `/api/v1/cohesion/coaching/${id}/open`, open)).statusCode).toBe(404);
    expect((await call(jan, 'GET', `/api/v1/cohesion/coaching/${id}`)).statusCode).toBe(404);
    // The local government reads it but does not open it.
    expect((await call(mech, 'POST', `/api/v1/cohesion/coaching/${id}/open`, open)).statusCode).toBe(403);

    const mark = await lastAudit();
    const noGoals = await call(fatima, 'POST', `/api/v1/cohesion/coaching/${id}/open`, {
      ...open,
      goals: [],
    });
    expect(noGoals.statusCode).toBe(422);
    expect(noGoals.json().errors).toEqual({ goals: 'Vul de doelen in.' });
    const bad = await call(fatima, 'POST', `/api/v1/cohesion/coaching/${id}/open`, {
      coachUserId: tom!.id,
      startDate: '2026-02-30',
      goals: Array.from({ length: 11 }, (_, n) => `Doel ${n + 1}`),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual({
      coachUserId: 'Kies een coach van uw agentschap.',
      startDate: 'Vul een bestaande startdatum in, bv. 2026-03-01.',
      goals: 'Vul hoogstens 10 doelen in.',
    });
    expect(await auditSince(mark)).toEqual([]);

    const opened = await call(fatima, 'POST', `/api/v1/cohesion/coaching/${id}/open`, open);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({
      status: 'active',
      coach: 'Fatima El Amrani',
      contactPerson: 'Fatima El Amrani',
      goals: ['Tien kinderen', 'Vrijwilligers'],
    });
    // Opening twice is a conflict of the workflow, not a second trajectory.
    const again = await call(fatima, 'POST', `/api/v1/cohesion/coaching/${id}/open`, open);
    expect([409, 422]).toContain(again.statusCode);

    const tooMany = await call(fatima, 'POST', `/api/v1/cohesion/coaching/${id}/close`, {
      evaluation: 'Goed.',
      goalsReached: 3,
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors.goalsReached).toBe(
      'Er waren 2 doelen: er kunnen er niet meer bereikt zijn.',
    );
    const closed = await call(fatima, 'POST', `/api/v1/cohesion/coaching/${id}/close`, {
      evaluation: 'De huiswerkklas draait.',
      goalsReached: 2,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'closed',
      goalsReached: 2,
      evaluation: 'De huiswerkklas draait.',
    });
    const actions = (
      await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'cohesion.coaching.requested',
        'cohesion.coaching.open',
        'cohesion.coaching.close',
      ]),
    );

    // Declining: another request, declined with a reason.
    const other = await call(mech, 'POST', '/api/v1/cohesion/coaching', {
      subject: 'policy',
      theme: 'werk',
      title: 'Iets anders',
      question: '?',
    });
    const declined = await call(fatima, 'POST', `/api/v1/cohesion/coaching/${other.json().id}/decline`, {
      reason: 'Hiervoor verwijzen we naar het netwerk.',
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('declined');

    const spec = await platform.app.inject('/api/v1/openapi.json');
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cohesion/coaching/{id}/open',
        '/api/v1/cohesion/coaching/{id}/close',
        '/api/v1/cohesion/coaching/{id}/decline',
      ]),
    );
    expect(Object.keys(spec.json().paths['/api/v1/cohesion/trajectories'])).toContain('post');
    expect(Object.keys(spec.json().paths['/api/v1/cohesion/programmes'])).toContain('post');
  });
});

describe('Plan Samenleven participants', () => {
  const PS = '/sociale-cohesie/plan-samenleven/deelnemers';

  it('agency staff add and remove a local government, with a confirmation and an audit record', async () => {
    const [lier] = await db()
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.municipalityNis, '12021'), eq(organisations.type, 'local_government')));
    const [mechelenOrg] = await db()
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.municipalityNis, '12025'), eq(organisations.type, 'local_government')));
    const agii = await as('medewerker.agii');
    expect((await agii.get('/sociale-cohesie/plan-samenleven')).body).toContain(`href="${PS}"`);
    const page = await agii.get(PS);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Deelnemende besturen (8)');

    // Lier already takes part: a Dutch message, nothing written.
    const mark = await lastAudit();
    const dup = await agii.post(PS, { organisationId: lier!.id }, { from: PS });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain(`${lier!.name} neemt al deel aan Plan Samenleven.`);
    expect(dup.body).toContain('href="#f-organisationId"');
    const none = await agii.post(PS, {}, { from: PS });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Kies een lokaal bestuur uit de lijst.');
    const notLocal = await agii.post(
      PS,
      {
        organisationId: (
          await db()
            .select({ id: organisations.id })
            .from(organisations)
            .where(eq(organisations.agencyCode, 'AGII'))
        )[0]!.id,
      },
      { from: PS },
    );
    expect(notLocal.statusCode).toBe(422);
    expect(await auditSince(mark)).toEqual([]);

    // Mechelen is removed after a confirmation page: it can no longer record actions; its actions stay.
    const mechelen = await as('mechelen');
    expect((await mechelen.get('/sociale-cohesie/plan-samenleven/nieuw')).statusCode).toBe(200);
    const confirmUrl = `${PS}/${mechelenOrg!.id}/verwijderen`;
    const confirm = await agii.get(confirmUrl);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('verwijderen uit Plan Samenleven?');
    expect(confirm.body).toMatch(
      /De \d+ afgeronde acties blijven bewaard en doorzoekbaar|De afgeronde actie blijft/,
    );
    const removed = await agii.post(confirmUrl, {}, { from: confirmUrl });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe(PS);
    expect(
      await db().select().from(planParticipants).where(eq(planParticipants.organisationId, mechelenOrg!.id)),
    ).toHaveLength(0);
    expect((await mechelen.get('/sociale-cohesie/plan-samenleven/nieuw')).statusCode).toBe(403);
    expect((await mechelen.get('/sociale-cohesie/plan-samenleven?q=pleinmaker')).body).toContain(
      'Pleinmakers in de Arsenaalwijk',
    );
    expect((await agii.get(confirmUrl)).statusCode).toBe(404);

    // And added again (the form carries a one-time token): Mechelen records actions again.
    const added = await agii.post(PS, { organisationId: mechelenOrg!.id }, { from: PS });
    expect(added.statusCode).toBe(303);
    expect((await mechelen.get('/sociale-cohesie/plan-samenleven/nieuw')).statusCode).toBe(200);
    const audit = (
      await db()
        .select({ action: auditLog.action, entityId: auditLog.entityId })
        .from(auditLog)
        .where(gt(auditLog.id, mark))
        .orderBy(asc(auditLog.id))
    ).filter((a) => a.entityId === mechelenOrg!.id);
    expect(audit.map((a) => a.action)).toEqual([
      'cohesion.plan.participant_removed',
      'cohesion.plan.participant_added',
    ]);

    // Local governments and experts do not keep the list.
    expect((await mechelen.get(PS)).statusCode).toBe(403);
    expect(
      (await mechelen.post(confirmUrl, {}, { from: '/sociale-cohesie/plan-samenleven' })).statusCode,
    ).toBe(403);
    expect((await (await as('expert.mentorwerk')).get(PS)).statusCode).toBe(403);
  });
});

describe('Plan Samenleven closing', () => {
  it('finds pleinmakers, links the good practice, and lets participants record an action', async () => {
    const mechelen = await as('mechelen');
    const search = await mechelen.get('/sociale-cohesie/plan-samenleven?q=pleinmaker');
    expect(search.body).toContain('Pleinmakers in de Arsenaalwijk');
    expect(search.body).toContain('Pleinmakers in Rabot');
    expect(search.body).not.toContain('Taalcafé');
    const buddy = await mechelen.get('/sociale-cohesie/plan-samenleven?q=buddywerking');
    expect(buddy.body).toMatch(
      /href="\/goede-praktijken\/[0-9a-f-]{36}">Buddywerking met vrijwilligers voor nieuwkomers/,
    );

    const form = '/sociale-cohesie/plan-samenleven/nieuw';
    const missing = await mechelen.post(
      form,
      { title: 'Buurtmoestuin', theme: 'sociale_cohesie', endResult: 'x', evaluation: 'y', anchored: 'yes' },
      { from: form },
    );
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Beschrijf hoe de praktijk verankerd is');
    const ok = await mechelen.post(
      form,
      {
        title: 'Buurtmoestuin',
        theme: 'sociale_cohesie',
        endResult: '30 tuinders',
        evaluation: 'Goed',
        anchored: 'partly',
        anchoringNote: 'Via de buurtwerking.',
      },
      { from: form },
    );
    expect(ok.statusCode).toBe(303);
    expect((await mechelen.get(String(ok.headers.location))).body).toContain('Gedeeltelijk verankerd');
    const [row] = await db().select().from(closingActions).where(eq(closingActions.title, 'Buurtmoestuin'));
    expect(row).toBeTruthy();

    // Gent took part too, but cannot change Mechelen's action; an agency cannot record one itself.
    expect(
      (await as('gent').then((g) => g.get(`/sociale-cohesie/plan-samenleven/${row!.id}/bewerken`)))
        .statusCode,
    ).toBe(404);
    expect((await as('medewerker.atlas').then((a) => a.get(form))).statusCode).toBe(403);
  });
});

async function createTokenFor(local: string): Promise<string> {
  const [user] = await db()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail(local)));
  const principal = (await loadPrincipal(db(), user!.id, null))!;
  return createApiToken(new ServiceContext(db(), platform.config, principal), 'test');
}
