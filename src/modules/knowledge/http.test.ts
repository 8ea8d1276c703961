import { and, asc, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';
import { users } from '../../core/access/schema';
import { auditLog } from '../../core/audit/schema';
import { loadPrincipal } from '../../core/auth/principal-loader';
import { createApiToken } from '../../core/auth/service';
import { ServiceContext } from '../../core/context';
import { outbox } from '../../core/jobs/schema';
import type { MailMessage } from '../../core/mail/mail';
import { demoEmail, referenceModule } from '../reference';
import { knowledgeModule } from '.';
import { events, practices, registrations } from './schema';

let platform: TestPlatform;
const db = () => platform.database.db;

beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, knowledgeModule]);
});
afterAll(async () => platform?.close());

async function eventId(title: string): Promise<string> {
  const [row] = await db()
    .select({ id: events.id })
    .from(events)
    .where(like(events.title, `${title}%`));
  if (!row) throw new Error(`no event ${title}`);
  return row.id;
}
async function userId(email: string): Promise<string> {
  const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
  return row!.id;
}
async function mailsTo(email: string): Promise<MailMessage[]> {
  const rows = await db().select().from(outbox).where(eq(outbox.kind, 'mail'));
  return rows.map((r) => r.payload as MailMessage).filter((m) => m.to === email);
}
async function registrationCount(event: string): Promise<number> {
  const [row] = await db().select({ n: count() }).from(registrations).where(eq(registrations.eventId, event));
  return row!.n;
}
async function registrationOf(event: string, user: string) {
  const [row] = await db()
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, event), eq(registrations.userId, user)));
  return row;
}
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
const flash = (c: Client) => decodeURIComponent(c.cookies.get('rk_flash') ?? '');

describe('public agenda', () => {
  it('lists upcoming events without login, with filters and pagination', async () => {
    const res = await platform.app.inject('/agenda');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Netwerkmoment: taaloefenkansen in je gemeente');
    expect(res.body).toContain('Geannuleerd');
    // The past training is not upcoming.
    expect(res.body).not.toContain('Vorming: interculturele communicatie');

    const byTheme = await platform.app.inject('/agenda?theme=werk');
    expect(byTheme.body).toContain('mentorprogramma naar werk');
    expect(byTheme.body).not.toContain('taaloefenkansen in je gemeente');
    const byType = await platform.app.inject('/agenda?type=webinar');
    expect(byType.body).toContain('standaarddienstverlening 2026');
    expect(byType.body).not.toContain('Netwerkmoment: taaloefenkansen');
    const byRegion = await platform.app.inject('/agenda?region=REFREG13');
    expect(byRegion.body).toContain('Netwerkmoment Regio Gent');
    expect(byRegion.body).not.toContain('mentorprogramma naar werk');
    const rivierenland = await platform.app.inject('/agenda?region=REFREG02');
    expect(rivierenland.body).toContain('mentorprogramma naar werk');

    const past = new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 7);
    const month = await platform.app.inject(`/agenda?month=${past}`);
    expect(month.body).toContain('Vorming: interculturele communicatie');

    const paged = await platform.app.inject('/agenda?pageSize=2&page=2');
    expect(paged.body).toContain('Pagina 2 van');
    // Nonsense filters are ignored, never a 500.
    expect((await platform.app.inject('/agenda?theme=%3Cscript%3E&month=2026-99&page=-4')).statusCode).toBe(
      200,
    );
  });

  it('shows an event page to everyone, asking visitors to sign in to register', async () => {
    const id = await eventId('Netwerkmoment: taaloefenkansen');
    const res = await platform.app.inject(`/agenda/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Meld u aan om in te schrijven');
    expect(res.body).toContain('Alle lokale besturen');
    expect((await platform.app.inject('/agenda/00000000-0000-0000-0000-000000000000')).statusCode).toBe(404);
    expect((await platform.app.inject('/agenda/niet-een-id')).statusCode).toBe(404);
  });

  it('serves the agenda and one event as iCalendar', async () => {
    const feed = await platform.app.inject('/agenda.ics?theme=nederlands');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('SUMMARY:Netwerkmoment: taaloefenkansen in je gemeente');
    expect(feed.body).not.toContain('mentorprogramma');
    const one = await platform.app.inject(`/agenda/${await eventId('Netwerkmoment: taaloefenkansen')}/ics`);
    expect(one.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('links the agenda, practices and tools on the landing page', async () => {
    const res = await platform.app.inject('/');
    expect(res.body).toContain('href="/agenda"');
    expect(res.body).toContain('href="/goede-praktijken"');
    expect(res.body).toContain('href="/tools"');
  });
});

describe('registering', () => {
  it('registers an officer, confirms by e-mail with an .ics file, and shows it on the home page', async () => {
    const id = await eventId('Netwerkmoment: taaloefenkansen');
    const pieter = await userId(demoEmail('mechelen'));
    const client = await as('mechelen');
    const page = await client.get(`/agenda/${id}`);
    expect(page.body).toContain('Wie schrijft u in?');
    expect(page.body).toContain('Uzelf (Pieter Janssens)');
    expect(page.body).toContain('An De Wilde');
    const res = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: pieter },
      { from: `/agenda/${id}` },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/agenda/${id}`);
    expect(flash(client)).toContain('U bent ingeschreven');
    expect((await registrationOf(id, pieter))?.status).toBe('registered');

    const mail = (await mailsTo(demoEmail('mechelen'))).find((m) =>
      m.subject.startsWith('Inschrijving bevestigd'),
    );
    expect(mail?.text).toContain('Netwerkmoment: taaloefenkansen in je gemeente');
    expect(mail?.attachments?.[0]?.filename).toBe('evenement.ics');
    expect(mail?.attachments?.[0]?.content).toContain(
      'SUMMARY:Netwerkmoment: taaloefenkansen in je gemeente',
    );

    const home = await client.get('/home');
    expect(home.body).toContain('Mijn evenementen');
    expect(home.body).toContain('Open inschrijvingen');
    expect(home.body).toContain('Nieuwe goede praktijken');
    const mine = await client.get('/mijn-inschrijvingen');
    expect(mine.body).toContain('Netwerkmoment: taaloefenkansen in je gemeente');

    const audit = await db().select().from(auditLog).where(eq(auditLog.action, 'registration.created'));
    expect(audit.length).toBeGreaterThan(0);
  });

  it('creates one registration when the same form is sent twice', async () => {
    const id = await eventId('Webinar: de standaarddienstverlening');
    const client = await as('mechelen');
    const an = await userId('an.de.wilde@gemeente-12025.example');
    const page = await client.get(`/agenda/${id}`);
    const once = page.body.match(/name="_once" value="([^"]+)"/)![1]!;
    const first = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: an, _once: once },
      { from: `/agenda/${id}` },
    );
    const second = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: an, _once: once },
      { from: `/agenda/${id}` },
    );
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(`/agenda/${id}`);
    expect(flash(client)).toContain('maar één keer verwerkt');
    expect(await registrationCount(id)).toBe(1);
  });

  it('refuses a second registration of the same person, writing nothing', async () => {
    const id = await eventId('Netwerkmoment: taaloefenkansen');
    const pieter = await userId(demoEmail('mechelen'));
    const client = await as('mechelen');
    const before = await registrationCount(id);
    const res = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: pieter },
      { from: `/agenda/${id}` },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('U bent al ingeschreven voor dit evenement.');
    expect(await registrationCount(id)).toBe(before);
  });

  it('refuses an organisation outside the audience', async () => {
    const id = await eventId('Infosessie: mentorprogramma');
    const lotte = await userId(demoEmail('gent'));
    const client = await as('gent');
    const page = await client.get(`/agenda/${id}`);
    expect(page.body).toContain('niet voor uw organisatie');
    const before = await registrationCount(id);
    const res = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: lotte },
      { from: `/agenda/${id}` },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Uw organisatie hoort daar niet bij');
    expect(await registrationCount(id)).toBe(before);
  });

  it('refuses registering after the deadline and for a cancelled event', async () => {
    const client = await as('mechelen');
    const an = await userId('an.de.wilde@gemeente-12025.example');
    const today = await eventId('Lunchwebinar');
    const closed = await client.post(
      `/agenda/${today}/inschrijven`,
      { participants: an },
      { from: '/agenda' },
    );
    expect(closed.statusCode).toBe(422);
    expect(closed.body).toContain('De inschrijvingen zijn afgesloten');
    const cancelled = await eventId('Infosessie: oproep taaloefenkansen');
    const res = await client.post(
      `/agenda/${cancelled}/inschrijven`,
      { participants: an },
      { from: '/agenda' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Dit evenement is geannuleerd');
    expect(await registrationCount(cancelled)).toBe(0);
  });

  it('refuses registering people of another organisation', async () => {
    const id = await eventId('Netwerkmoment: taaloefenkansen');
    const client = await as('gent');
    const lotte = await userId(demoEmail('gent'));
    const pieter = await userId(demoEmail('mechelen'));
    const before = await registrationCount(id);
    const foreign = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: [lotte, pieter] },
      { from: '/agenda' },
    );
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain('collega’s van Lokaal bestuur Gent');
    expect(await registrationCount(id)).toBe(before);
  });

  it('applies the organisation limit across requests', async () => {
    const organiser = await as('medewerker.agii');
    const create = await organiser.post(
      '/agenda/nieuw',
      {
        title: 'Klein webinar met limiet',
        description: 'Eén persoon per organisatie.',
        type: 'webinar',
        themes: 'werk',
        audienceKind: 'all_local_governments',
        startDate: '2099-03-10',
        startTime: '10:00',
        endTime: '11:00',
        onlineUrl: 'https://meet.example/limiet',
        organisationLimit: '1',
      },
      { from: '/agenda/nieuw' },
    );
    expect(create.statusCode).toBe(303);
    const id = create.headers.location!.split('/').pop()!;
    const client = await as('mechelen');
    const pieter = await userId(demoEmail('mechelen'));
    const an = await userId('an.de.wilde@gemeente-12025.example');
    const both = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: [pieter, an] },
      { from: `/agenda/${id}` },
    );
    expect(both.statusCode).toBe(422);
    expect(both.body).toContain('Per organisatie kunnen maximaal 1 mensen inschrijven');
    expect(await registrationCount(id)).toBe(0);
    const colleague = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: an },
      { from: `/agenda/${id}` },
    );
    expect(colleague.statusCode).toBe(303);
    expect(
      (await mailsTo('an.de.wilde@gemeente-12025.example')).some((m) =>
        m.text.includes('Pieter Janssens heeft u ingeschreven'),
      ),
    ).toBe(true);
    const again = await client.post(
      `/agenda/${id}/inschrijven`,
      { participants: pieter },
      { from: `/agenda/${id}` },
    );
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('al bereikt');
  });

  it('promotes the first on the waitlist when a place frees, and tells them', async () => {
    const id = await eventId('Infosessie: mentorprogramma');
    const pieter = await userId(demoEmail('mechelen'));
    const first = await userId('mustafa.yilmaz@gemeente-12021.example');
    const second = await userId('nele.hermans@gemeente-12009.example');
    expect((await registrationOf(id, first))?.status).toBe('waitlisted');
    const client = await as('mechelen');
    const page = await client.get(`/agenda/${id}`);
    expect(page.body).toContain('Volzet (12 plaatsen), 2 op de wachtlijst');
    const mine = await registrationOf(id, pieter);
    const res = await client.post(`/inschrijvingen/${mine!.id}/annuleren`, {}, { from: `/agenda/${id}` });
    expect(res.statusCode).toBe(303);
    expect(flash(client)).toContain('De eerste op de wachtlijst kreeg de vrije plaats');
    expect((await registrationOf(id, pieter))?.status).toBe('cancelled');
    expect((await registrationOf(id, first))?.status).toBe('registered');
    expect((await registrationOf(id, second))?.status).toBe('waitlisted');
    const mails = await mailsTo('mustafa.yilmaz@gemeente-12021.example');
    expect(
      mails.some((m) => m.subject.startsWith('Er is een plaats vrij') && m.attachments?.length === 1),
    ).toBe(true);
    // Cancelling twice is a conflict, not a crash.
    const again = await client.post(`/inschrijvingen/${mine!.id}/annuleren`, {}, { from: `/agenda/${id}` });
    expect(again.statusCode).toBe(409);
  });

  it('refuses self-cancellation after the deadline', async () => {
    const id = await eventId('Lunchwebinar');
    const pieter = await userId(demoEmail('mechelen'));
    const mine = await registrationOf(id, pieter);
    const client = await as('mechelen');
    const res = await client.post(
      `/inschrijvingen/${mine!.id}/annuleren`,
      {},
      { from: '/mijn-inschrijvingen' },
    );
    expect(res.statusCode).toBe(303);
    expect(flash(client)).toContain('Annuleren kon tot');
    expect((await registrationOf(id, pieter))?.status).toBe('registered');
  });
});

describe('redirects after small actions', () => {
  it('go back to the page the form was on, never to another site', async () => {
    const client = await as('mechelen');
    const id = await eventId('Lunchwebinar');
    const mine = await registrationOf(id, await userId(demoEmail('mechelen')));
    const csrf = await client.csrf('/account');
    for (const [referer, expected] of [
      ['http://localhost:80/agenda?theme=werk', '/agenda?theme=werk'],
      ['http://localhost:80//evil.example/x', '/mijn-inschrijvingen'],
      ['https://evil.example/agenda', '/mijn-inschrijvingen'],
    ] as const) {
      const res = await client.request({
        method: 'POST',
        url: `/inschrijvingen/${mine!.id}/annuleren`,
        payload: `_csrf=${encodeURIComponent(csrf)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', referer },
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(expected);
    }
  });
});

describe('organisers', () => {
  it('record attendance on the day and export the participant list', async () => {
    const id = await eventId('Lunchwebinar');
    const organiser = await as('medewerker.agii');
    const list = await organiser.get(`/agenda/${id}/deelnemers`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Pieter Janssens');
    const ids = [...new Set([...list.body.matchAll(/name="a_([0-9a-f-]{36})"/g)].map((m) => m[1]!))];
    expect(ids).toHaveLength(4);
    const form: Record<string, string> = {};
    ids.forEach((rid, i) => {
      form[`a_${rid}`] = i === 0 ? 'no_show' : 'attended';
    });
    const res = await organiser.post(`/agenda/${id}/aanwezigheid`, form, {
      from: `/agenda/${id}/deelnemers`,
    });
    expect(res.statusCode).toBe(303);
    const rows = await db()
      .select({ status: registrations.status })
      .from(registrations)
      .where(eq(registrations.eventId, id));
    expect(rows.filter((r) => r.status === 'attended')).toHaveLength(3);
    expect(rows.filter((r) => r.status === 'no_show')).toHaveLength(1);

    const csv = await organiser.get(`/agenda/${id}/deelnemers.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('deelnemers-lunchwebinar');
    expect(csv.body.startsWith('\uFEFFNaam;E-mail;Organisatie;Status')).toBe(true);
    expect(csv.body).toContain('Pieter Janssens;pieter.janssens'.slice(0, 16));
    expect(csv.body).toContain('Aanwezig');
    const [exported] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'event.participants_exported'));
    expect(exported).toBeDefined();
  });

  it('cannot record attendance before the event day', async () => {
    const id = await eventId('Netwerkmoment: taaloefenkansen');
    const pieter = await userId(demoEmail('mechelen'));
    const reg = await registrationOf(id, pieter);
    const organiser = await as('medewerker.agii');
    const res = await organiser.post(
      `/agenda/${id}/aanwezigheid`,
      { [`a_${reg!.id}`]: 'attended' },
      { from: `/agenda/${id}/deelnemers` },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('vanaf de dag van het evenement');
    expect((await registrationOf(id, pieter))?.status).toBe('registered');
  });

  it('approve registrations that wait for approval', async () => {
    const id = await eventId('Vorming: antidiscriminatie');
    const an = await userId('an.de.wilde@gemeente-12025.example');
    const reg = await registrationOf(id, an);
    expect(reg?.status).toBe('pending_approval');
    const atlas = await as('medewerker.atlas');
    const res = await atlas.post(
      `/inschrijvingen/${reg!.id}/goedkeuren`,
      {},
      { from: `/agenda/${id}/deelnemers` },
    );
    expect(res.statusCode).toBe(303);
    expect((await registrationOf(id, an))?.status).toBe('registered');
    expect(
      (await mailsTo('an.de.wilde@gemeente-12025.example')).some(
        (m) => m.subject.includes('antidiscriminatie') && m.attachments?.length,
      ),
    ).toBe(true);
  });

  it('create events with a clear error summary for bad input, writing nothing', async () => {
    const organiser = await as('medewerker.agii');
    const [before] = await db().select({ n: count() }).from(events);
    const res = await organiser.post(
      '/agenda/nieuw',
      {
        title: '',
        description: 'x',
        type: 'vorming',
        audienceKind: 'region',
        startDate: '2099-02-30',
        startTime: '10:00',
        endTime: '09:00',
        capacity: 'veel',
      },
      { from: '/agenda/nieuw' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('Vul een titel in.');
    expect(res.body).toContain('Kies minstens één thema.');
    expect(res.body).toContain('geheel getal');
    const [after] = await db().select({ n: count() }).from(events);
    expect(after!.n).toBe(before!.n);

    const dates = await organiser.post(
      '/agenda/nieuw',
      {
        title: 'Te laat',
        description: 'x',
        type: 'vorming',
        themes: 'werk',
        audienceKind: 'region',
        startDate: '2099-02-27',
        startTime: '10:00',
        endTime: '09:00',
        location: 'Brussel',
      },
      { from: '/agenda/nieuw' },
    );
    expect(dates.statusCode).toBe(422);
    expect(dates.body).toContain('Het evenement moet eindigen na het begin.');
    expect(dates.body).toContain('Kies een referentieregio.');
  });

  it('change an event: more places promote the waitlist, fewer than taken is refused, a new time is mailed', async () => {
    const organiser = await as('medewerker.agii');
    const id = await eventId('Infosessie: mentorprogramma');
    const edit = await organiser.get(`/agenda/${id}/bewerken`);
    expect(edit.statusCode).toBe(200);
    const values = Object.fromEntries(
      [...edit.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)]
        .filter(
          (m) =>
            !m[1]!.startsWith('_') && !m[0].includes('type="checkbox"') && !m[0].includes('type="radio"'),
        )
        .map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]),
    ) as Record<string, string>;
    const form = {
      ...values,
      description: 'Nieuwe beschrijving.',
      type: 'infosessie',
      themes: ['werk', 'vrouwen_meisjes'],
      audienceKind: 'region',
      audienceRegion: 'REFREG02',
      waitlistEnabled: 'ja',
    };
    const tooFew = await organiser.post(
      `/agenda/${id}/bewerken`,
      { ...form, capacity: '3' },
      { from: `/agenda/${id}/bewerken` },
    );
    expect(tooFew.statusCode).toBe(422);
    expect(tooFew.body).toContain('kan niet lager dan 12');
    const [next] = await db()
      .select({ userId: registrations.userId })
      .from(registrations)
      .where(and(eq(registrations.eventId, id), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.arrival))
      .limit(1);
    const waiting = next!.userId;
    const more = await organiser.post(
      `/agenda/${id}/bewerken`,
      { ...form, capacity: '13', startTime: '10:00', endTime: '12:30' },
      { from: `/agenda/${id}/bewerken` },
    );
    expect(more.statusCode).toBe(303);
    expect((await registrationOf(id, waiting))?.status).toBe('registered');
    const mails = await mailsTo('mustafa.yilmaz@gemeente-12021.example');
    const changed = mails.find((m) => m.subject.startsWith('Gewijzigd:'));
    expect(changed?.text).toContain('10:00 tot 12:30');
    expect(changed?.attachments?.[0]?.content).toContain('SEQUENCE:1');
  });

  it('add a session to their learning network from its page', async () => {
    const organiser = await as('medewerker.agii');
    const list = await organiser.get('/lerende-netwerken');
    const id = list.body.match(/href="\/lerende-netwerken\/([0-9a-f-]{36})">Lerend netwerk Nederlands/)![1]!;
    const form = await organiser.get(`/agenda/nieuw?lerendNetwerk=${id}`);
    expect(form.body).toMatch(new RegExp(`<option value="${id}" selected`));
    const res = await organiser.post(
      '/agenda/nieuw',
      {
        title: 'Nederlands op de werkvloer: sessie 3',
        description: 'Slotsessie.',
        type: 'lerend_netwerk',
        themes: 'nederlands',
        audienceKind: 'learning_network',
        learningNetworkId: id,
        startDate: '2099-06-01',
        startTime: '13:00',
        endTime: '16:00',
        location: 'Leuven',
      },
      { from: '/agenda/nieuw' },
    );
    expect(res.statusCode).toBe(303);
    const mechelen = await as('mechelen');
    expect((await mechelen.get(`/lerende-netwerken/${id}`)).body).toContain('sessie 3');
    // Another organiser cannot add sessions to it.
    const atlas = await as('medewerker.atlas');
    const refused = await atlas.post(
      '/agenda/nieuw',
      {
        title: 'Indringer',
        description: 'x',
        type: 'lerend_netwerk',
        themes: 'nederlands',
        audienceKind: 'learning_network',
        learningNetworkId: id,
        startDate: '2099-06-02',
        startTime: '13:00',
        endTime: '16:00',
        location: 'Antwerpen',
      },
      { from: '/agenda/nieuw' },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('geen sessies toevoegen');
  });

  it('cancel an event: registrations end and participants are told', async () => {
    const organiser = await as('medewerker.agii');
    const id = await eventId('Klein webinar met limiet');
    const page = await organiser.get(`/agenda/${id}/annuleren`);
    expect(page.statusCode).toBe(200);
    const empty = await organiser.post(
      `/agenda/${id}/annuleren`,
      { reason: '' },
      { from: `/agenda/${id}/annuleren` },
    );
    expect(empty.statusCode).toBe(422);
    const res = await organiser.post(
      `/agenda/${id}/annuleren`,
      { reason: 'De spreker is ziek.' },
      { from: `/agenda/${id}/annuleren` },
    );
    expect(res.statusCode).toBe(303);
    const rows = await db()
      .select({ status: registrations.status })
      .from(registrations)
      .where(eq(registrations.eventId, id));
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);
    const mails = await mailsTo('an.de.wilde@gemeente-12025.example');
    const cancelMail = mails.find((m) => m.subject === 'Geannuleerd: Klein webinar met limiet');
    expect(cancelMail?.text).toContain('De spreker is ziek.');
    expect(cancelMail?.attachments?.[0]?.content).toContain('STATUS:CANCELLED');
  });
});

describe('personal agenda feed', () => {
  it('serves the user’s own events at a secret address that can be renewed', async () => {
    const client = await as('mechelen');
    const page = await client.get('/mijn-inschrijvingen');
    const url =
      page.body.match(/id="feed-url" type="text" readonly="" value="([^"]+)"/i)?.[1] ??
      page.body.match(/value="(http[^"]+\.ics)"/)?.[1];
    expect(url).toBeDefined();
    const path = new URL(url!).pathname;
    const feed = await platform.app.inject(path);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('Netwerkmoment: taaloefenkansen in je gemeente');
    expect(feed.body).not.toContain('mentorprogramma'); // cancelled by Pieter
    const forged = path.replace(/\.[A-Za-z0-9_-]{32}\.ics$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics');
    expect((await platform.app.inject(forged)).statusCode).toBe(404);
    await client.post('/mijn-inschrijvingen/agendalink', {}, { from: '/mijn-inschrijvingen' });
    expect((await platform.app.inject(path)).statusCode).toBe(404);
  });
});

describe('learning networks', () => {
  it('are shown to members, with sessions and shared documents, not to others', async () => {
    const mechelen = await as('mechelen');
    const list = await mechelen.get('/lerende-netwerken');
    expect(list.body).toContain('Lerend netwerk Nederlands op de werkvloer');
    const id = list.body.match(/href="\/lerende-netwerken\/([0-9a-f-]{36})"/)![1]!;
    const page = await mechelen.get(`/lerende-netwerken/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('sessie 1, de startfoto');
    expect(page.body).toContain('Verslag eerste sessie');
    const share = await mechelen.post(
      `/lerende-netwerken/${id}/documenten`,
      { title: 'Onze taalcoachwerking', url: 'https://www.mechelen.be/taalcoach' },
      { from: `/lerende-netwerken/${id}` },
    );
    expect(share.statusCode).toBe(303);
    expect((await mechelen.get(`/lerende-netwerken/${id}`)).body).toContain('Onze taalcoachwerking');
    const bad = await mechelen.post(
      `/lerende-netwerken/${id}/documenten`,
      { title: 'x', url: 'javascript:alert(1)' },
      { from: `/lerende-netwerken/${id}` },
    );
    expect(bad.statusCode).toBe(422);

    const gent = await as('gent');
    expect((await gent.get(`/lerende-netwerken/${id}`)).statusCode).toBe(404);
    expect((await gent.get('/lerende-netwerken')).body).not.toContain('Nederlands op de werkvloer');

    // Members register for sessions; others cannot.
    const session = await eventId('Nederlands op de werkvloer: sessie 2');
    const lotte = await userId(demoEmail('gent'));
    const refused = await gent.post(
      `/agenda/${session}/inschrijven`,
      { participants: lotte },
      { from: '/agenda' },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('lerend netwerk');
  });

  it('are created by the organiser, who adds members by NIS code or name', async () => {
    const agii = await as('medewerker.agii');
    const wrong = await agii.post(
      '/lerende-netwerken/nieuw',
      { name: 'Netwerk onderwijs', theme: 'onderwijs', members: '12025\nGeen Gemeente' },
      { from: '/lerende-netwerken/nieuw' },
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Geen Gemeente');
    const res = await agii.post(
      '/lerende-netwerken/nieuw',
      { name: 'Netwerk onderwijs', theme: 'onderwijs', members: '12025\nLokaal bestuur Gent' },
      { from: '/lerende-netwerken/nieuw' },
    );
    expect(res.statusCode).toBe(303);
    const gent = await as('gent');
    expect((await gent.get(res.headers.location!)).statusCode).toBe(200);
  });
});

describe('good practices', () => {
  it('are found with Dutch stemming ("vrijwilliger" finds "vrijwilligers") without login', async () => {
    const res = await platform.app.inject('/goede-praktijken?q=vrijwilliger');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Buddywerking met vrijwilligers voor nieuwkomers');
    expect(res.body).not.toContain('Jobcoaching voor anderstalige vrouwen');
    const theme = await platform.app.inject('/goede-praktijken?theme=werk');
    expect(theme.body).toContain('Jobcoaching');
    expect(theme.body).not.toContain('Buddywerking');
    const api = (await platform.app.inject('/api/v1/good-practices?q=vrijwilligerswerk%20buddy')).json();
    expect(api.items[0].title).toContain('Buddywerking');
    // Websearch syntax and odd input never fail.
    for (const q of ['"', 'a & b | !c', "'; drop table x; --", 'OR', '-'])
      expect((await platform.app.inject(`/goede-praktijken?q=${encodeURIComponent(q)}`)).statusCode).toBe(
        200,
      );
  });

  it('hide unpublished practices from the public and other organisations', async () => {
    const [row] = await db().select().from(practices).where(eq(practices.status, 'submitted'));
    expect((await platform.app.inject(`/goede-praktijken/${row!.id}`)).statusCode).toBe(404);
    expect((await platform.app.inject(`/api/v1/good-practices/${row!.id}`)).statusCode).toBe(404);
    const gent = await as('gent');
    expect((await gent.get(`/goede-praktijken/${row!.id}`)).statusCode).toBe(404);
    const mechelen = await as('mechelen');
    expect((await mechelen.get(`/goede-praktijken/${row!.id}`)).statusCode).toBe(200);
    expect((await platform.app.inject('/goede-praktijken?q=ambassadeurs')).body).not.toContain(
      'Ambassadeurs',
    );
  });

  it('are submitted, sent back, resubmitted and published', async () => {
    const mechelen = await as('mechelen');
    const form = {
      title: 'Vrijwilligerspool voor het onthaal',
      summary: 'Vrijwilligers onthalen nieuwkomers aan het loket.',
      theme: 'participatie',
      municipalityNis: '12025',
      approach: 'We vormen vrijwilligers tot onthaalmedewerker.',
      contactName: 'Pieter Janssens',
      contactEmail: 'integratie@mechelen.be',
    };
    const bad = await mechelen.post(
      '/goede-praktijken/nieuw',
      { ...form, contactEmail: 'geen-mail', municipalityNis: '99999' },
      { from: '/goede-praktijken/nieuw' },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vul een geldig e-mailadres in');
    const res = await mechelen.post('/goede-praktijken/nieuw', form, { from: '/goede-praktijken/nieuw' });
    expect(res.statusCode).toBe(303);
    const url = res.headers.location!;
    const editor = await as('medewerker.agii');
    const queue = await editor.get('/goede-praktijken/overzicht');
    expect(queue.body).toContain('Vrijwilligerspool voor het onthaal');

    const noNote = await editor.post(`${url}/terugsturen`, { note: '' }, { from: url });
    expect(noNote.statusCode).toBe(422);
    expect(
      (await editor.post(`${url}/terugsturen`, { note: 'Voeg resultaten toe.' }, { from: url })).statusCode,
    ).toBe(303);
    expect((await mailsTo(demoEmail('mechelen'))).some((m) => m.text.includes('Voeg resultaten toe.'))).toBe(
      true,
    );
    // Publishing a practice that was sent back is not possible until it is resubmitted.
    expect((await editor.post(`${url}/publiceren`, {}, { from: url })).statusCode).toBe(409);

    const edit = await mechelen.post(
      `${url}/bewerken`,
      { ...form, results: '25 vrijwilligers, 400 onthaalgesprekken.' },
      { from: `${url}/bewerken` },
    );
    expect(edit.statusCode).toBe(303);
    expect((await editor.post(`${url}/publiceren`, {}, { from: url })).statusCode).toBe(303);
    const found = await platform.app.inject('/goede-praktijken?q=onthaalgesprek');
    expect(found.body).toContain('Vrijwilligerspool voor het onthaal');
    // Once published, the organisation can no longer change it alone.
    expect((await mechelen.get(`${url}/bewerken`)).statusCode).toBe(403);
  });
});

describe('tools', () => {
  it('are listed publicly with filters, and added by editors', async () => {
    const list = await platform.app.inject('/tools?kind=script');
    expect(list.body).toContain('Draaiboek inburgeringsceremonie');
    expect(list.body).toContain('Draaiboek buddyproject');
    expect(list.body).not.toContain('Sjabloon lokaal actieplan');
    const editor = await as('medewerker.agii');
    const bad = await editor.post(
      '/tools/nieuw',
      { title: 'x', description: 'y', kind: 'script', theme: 'werk', url: 'geen url' },
      { from: '/tools/nieuw' },
    );
    expect(bad.statusCode).toBe(422);
    const ok = await editor.post(
      '/tools/nieuw',
      {
        title: 'Sjabloon uitnodiging netwerkmoment',
        description: 'Een uitnodiging.',
        kind: 'template',
        theme: 'participatie',
        url: 'https://example.be/uitnodiging.docx',
      },
      { from: '/tools/nieuw' },
    );
    expect(ok.statusCode).toBe(303);
    expect(
      (await platform.app.inject('/api/v1/tools?kind=template'))
        .json()
        .items.map((t: { title: string }) => t.title),
    ).toContain('Sjabloon uitnodiging netwerkmoment');
  });
});

describe('API', () => {
  it('lists events and one event without login, in the OpenAPI document', async () => {
    const page = (await platform.app.inject('/api/v1/events?pageSize=3')).json();
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(3);
    expect(page.items[0]).toHaveProperty('placesTaken');
    const one = (await platform.app.inject(`/api/v1/events/${page.items[0].id}`)).json();
    expect(one.id).toBe(page.items[0].id);
    expect((await platform.app.inject('/api/v1/events/x')).statusCode).toBe(400);
    const doc = (await platform.app.inject('/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/events',
      '/api/v1/events/{id}',
      '/api/v1/events/{id}/registrations',
      '/api/v1/me/registrations',
      '/api/v1/registrations/{id}',
      '/api/v1/good-practices',
      '/api/v1/good-practices/{id}',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });

  it('registers and cancels with a personal API token, with problem+json for bad input', async () => {
    const gent = await userId(demoEmail('gent'));
    const principal = (await loadPrincipal(db(), gent, null))!;
    const token = await createApiToken(new ServiceContext(db(), platform.config, principal), 'test');
    const auth = { authorization: `Bearer ${token}` };
    const id = await eventId('Webinar: de standaarddienstverlening');
    const res = await platform.app.inject({
      method: 'POST',
      url: `/api/v1/events/${id}/registrations`,
      headers: auth,
      payload: {},
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()[0].status).toBe('registered');
    const twice = await platform.app.inject({
      method: 'POST',
      url: `/api/v1/events/${id}/registrations`,
      headers: auth,
      payload: {},
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.headers['content-type']).toContain('application/problem+json');
    expect(twice.json().detail).toContain('al ingeschreven');
    const mine = (await platform.app.inject({ url: '/api/v1/me/registrations', headers: auth })).json();
    const reg = mine.items.find((r: { eventId: string }) => r.eventId === id);
    expect(reg.status).toBe('registered');
    const del = await platform.app.inject({
      method: 'DELETE',
      url: `/api/v1/registrations/${reg.id}`,
      headers: auth,
    });
    expect(del.statusCode).toBe(200);
    expect(del.json().status).toBe('cancelled');
    expect((await platform.app.inject('/api/v1/me/registrations')).statusCode).toBe(401);
  });
});
