import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestPlatform, demo, loggedIn, type TestPlatform } from '../../../test/helpers';
import { memberships, organisations, users } from '../../core/access/schema';
import { auditLog } from '../../core/audit/schema';
import { userTokens } from '../../core/auth/schema';
import { outbox } from '../../core/jobs/schema';
import { referenceModule } from '../reference';
import { adminModule } from '.';

let platform: TestPlatform;
let admin: Client;
let agii: Client;
let gent: Client;

const db = () => platform.database.db;

async function userId(local: string): Promise<string> {
  const [row] = await db()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demo(local)));
  return row!.id;
}

async function orgId(where: { agencyCode?: string; nis?: string; type?: string }): Promise<string> {
  const [row] = await db()
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      where.agencyCode
        ? eq(organisations.agencyCode, where.agencyCode)
        : where.nis
          ? and(eq(organisations.municipalityNis, where.nis), eq(organisations.type, 'local_government'))
          : eq(organisations.type, where.type!),
    )
    .limit(1);
  return row!.id;
}

async function lastAudit(action: string) {
  const [row] = await db()
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, action))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

beforeAll(async () => {
  platform = await createTestPlatform({}, [referenceModule, adminModule]);
  admin = await loggedIn(platform.app, 'beheerder');
  agii = await loggedIn(platform.app, 'medewerker.agii');
  gent = await loggedIn(platform.app, 'gent');
});
afterAll(async () => platform?.close());

describe('access and navigation', () => {
  it('shows "Beheer" to administrators and agency staff only', async () => {
    expect((await admin.get('/home')).body).toContain('href="/beheer"');
    expect((await agii.get('/home')).body).toContain('href="/beheer"');
    expect((await gent.get('/home')).body).not.toContain('href="/beheer"');
    expect((await gent.get('/beheer')).statusCode).toBe(403);
    const home = await admin.get('/beheer');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/beheer/audit"');
    expect((await agii.get('/beheer')).body).not.toContain('href="/beheer/audit"');
  });
});

describe('user list', () => {
  it('lists every user for an administrator, searchable and paginated', async () => {
    const all = await admin.get('/beheer/gebruikers');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Lotte De Smet');
    expect(all.body).toContain('Lokaal bestuur Gent (Medewerker lokaal bestuur)');
    const search = await admin.get('/beheer/gebruikers?q=mentorwerk');
    expect(search.body).toContain('Youssef Amrani');
    expect(search.body).not.toContain('Lotte De Smet');
    const byName = await admin.get('/beheer/gebruikers?q=janssens');
    expect(byName.body).toContain('Pieter Janssens');
    const second = await admin.get('/beheer/gebruikers?pageSize=3&page=2');
    expect(second.body).toContain('4 tot 6 van');
    expect(second.body).toContain('rel="prev"');
  });

  it('limits agency staff to the users of their own agency', async () => {
    const list = await agii.get('/beheer/gebruikers');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Fatima El Amrani');
    expect(list.body).toContain('Els Maes');
    expect(list.body).not.toContain('Lotte De Smet');
    expect(list.body).not.toContain('Tom Vermeulen');
    expect((await agii.get(`/beheer/gebruikers/${await userId('gent')}`)).statusCode).toBe(404);
    const colleague = await agii.get(`/beheer/gebruikers/${await userId('aanspreekpersoon.agii')}`);
    expect(colleague.statusCode).toBe(200);
    expect(colleague.body).not.toContain('Lidmaatschap toevoegen');
    expect(colleague.body).not.toContain('uitschakelen');
  });

  it('shows agency staff only the memberships in their agency', async () => {
    const mechelen = await userId('mechelen');
    await db()
      .insert(memberships)
      .values({ userId: mechelen, organisationId: await orgId({ agencyCode: 'AGII' }), role: 'counsellor' });
    const page = await agii.get(`/beheer/gebruikers/${mechelen}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Trajectbegeleider');
    expect(page.body).not.toContain('Lokaal bestuur Mechelen');
    await db()
      .delete(memberships)
      .where(and(eq(memberships.userId, mechelen), eq(memberships.role, 'counsellor')));
  });
});

describe('memberships', () => {
  it('adds a membership checked against the kind of organisation, with audit', async () => {
    const gentId = await userId('gent');
    const url = `/beheer/gebruikers/${gentId}`;
    const igs = await orgId({ type: 'intermunicipal_partnership' });

    const wrong = await admin.post(
      `${url}/lidmaatschappen`,
      { organisationId: igs, role: 'agency_staff' },
      { from: url },
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('error-summary');
    expect(wrong.body).toContain('Deze rol past niet bij dit soort organisatie.');
    expect(wrong.body).toContain('href="#f-role"');

    const empty = await admin.post(`${url}/lidmaatschappen`, {}, { from: url });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#f-organisationId"');

    const ok = await admin.post(
      `${url}/lidmaatschappen`,
      { organisationId: igs, role: 'local_officer' },
      { from: url },
    );
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(url);
    const page = await admin.get(url);
    expect(page.body).toContain('Intergemeentelijke samenwerking Integratie Rivierenland');
    expect(page.body).toContain('is toegevoegd');
    const audit = await lastAudit('membership.added');
    expect(audit).toMatchObject({ entityType: 'user', entityId: gentId, ownerOrganisationId: igs });

    const again = await admin.post(
      `${url}/lidmaatschappen`,
      { organisationId: igs, role: 'local_officer' },
      { from: url },
    );
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('heeft deze rol al');
  });

  it('removes a membership only after confirmation, and never the last one', async () => {
    const gentId = await userId('gent');
    const url = `/beheer/gebruikers/${gentId}`;
    const rows = await db()
      .select({ id: memberships.id, organisationId: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.userId, gentId));
    expect(rows).toHaveLength(2);
    const igs = await orgId({ type: 'intermunicipal_partnership' });
    const extra = rows.find((r) => r.organisationId === igs)!;
    const confirmUrl = `${url}/lidmaatschappen/${extra.id}/verwijderen`;

    const confirm = await admin.get(confirmUrl);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ja, verwijder dit lidmaatschap');
    expect(confirm.body).toContain('button--warning');
    expect(await db().select().from(memberships).where(eq(memberships.id, extra.id))).toHaveLength(1);

    const removed = await admin.post(confirmUrl, {}, { from: confirmUrl });
    expect(removed.statusCode).toBe(303);
    expect(await db().select().from(memberships).where(eq(memberships.id, extra.id))).toHaveLength(0);
    expect(await lastAudit('membership.removed')).toMatchObject({
      entityId: gentId,
      ownerOrganisationId: igs,
    });

    const last = rows.find((r) => r.id !== extra.id)!;
    const lastUrl = `${url}/lidmaatschappen/${last.id}/verwijderen`;
    const refused = await admin.post(lastUrl, {}, { from: lastUrl });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('enige lidmaatschap');
    expect(refused.body).toContain('href="#f-confirm"');
    expect(await db().select().from(memberships).where(eq(memberships.id, last.id))).toHaveLength(1);
  });
});

describe('disabling and enabling', () => {
  it('disables a user after confirmation and ends their sessions; enabling lets them back in', async () => {
    const target = await loggedIn(platform.app, 'expert.mentorwerk');
    expect((await target.get('/home')).statusCode).toBe(200);
    const id = await userId('expert.mentorwerk');
    const url = `/beheer/gebruikers/${id}`;

    const confirm = await admin.get(`${url}/uitschakelen`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ja, schakel deze gebruiker uit');
    expect((await target.get('/home')).statusCode).toBe(200);

    const res = await admin.post(`${url}/uitschakelen`, {}, { from: `${url}/uitschakelen` });
    expect(res.statusCode).toBe(303);
    expect((await target.get('/home')).statusCode).toBe(303);
    const login = await new Client(platform.app).post('/login', {
      email: demo('expert.mentorwerk'),
      password: 'Regiekamer-demo-2026',
    });
    expect(login.statusCode).toBe(401);
    expect((await admin.get(url)).body).toContain('Uitgeschakeld');
    expect(await lastAudit('user.disabled')).toMatchObject({ entityType: 'user', entityId: id });
    expect((await lastAudit('user.disabled'))!.after).toMatchObject({ sessionsEnded: 1 });

    const enable = await admin.post(`${url}/inschakelen`, {}, { from: `${url}/inschakelen` });
    expect(enable.statusCode).toBe(303);
    expect(await lastAudit('user.enabled')).toMatchObject({ entityId: id });
    const back = await loggedIn(platform.app, 'expert.mentorwerk');
    expect((await back.get('/home')).statusCode).toBe(200);
  });

  it('does not let an administrator disable their own account', async () => {
    const self = await userId('beheerder');
    expect((await admin.get(`/beheer/gebruikers/${self}`)).body).not.toContain('/uitschakelen');
    const res = await admin.post(`/beheer/gebruikers/${self}/uitschakelen`, {}, { from: '/beheer' });
    expect(res.statusCode).toBe(403);
    const [row] = await db().select({ disabledAt: users.disabledAt }).from(users).where(eq(users.id, self));
    expect(row!.disabledAt).toBeNull();
  });
});

describe('invitations', () => {
  it('invites someone: the mail goes to the outbox and the person shows up as invited', async () => {
    const form = await admin.get('/beheer/uitnodigen');
    expect(form.statusCode).toBe(200);
    const once = form.body.match(/name="_once" value="([^"]+)"/)![1]!;
    const body = {
      email: 'an.vandenberghe@lier.be',
      name: 'An Vandenberghe',
      organisationId: await orgId({ nis: '12021' }),
      role: 'local_officer',
      _once: once,
    };
    const res = await admin.post('/beheer/uitnodigen', body, { from: '/beheer/uitnodigen' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/beheer/gebruikers?q=an.vandenberghe%40lier.be');
    const list = await admin.get(res.headers.location as string);
    expect(list.body).toContain('An Vandenberghe');
    expect(list.body).toContain('Uitnodiging open');

    const mails = await db()
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'to' = 'an.vandenberghe@lier.be'`);
    expect(mails).toHaveLength(1);
    expect((mails[0]!.payload as { subject: string }).subject).toContain('Uitnodiging voor Regiekamer');
    expect((mails[0]!.payload as { text: string }).text).toContain('/uitnodiging?token=');
    expect(await lastAudit('invitation.sent')).toMatchObject({ entityId: body.organisationId });

    // A double click sends one invitation.
    const twice = await admin.post('/beheer/uitnodigen', body, { from: '/beheer/uitnodigen' });
    expect(twice.statusCode).toBe(303);
    const tokens = await db()
      .select()
      .from(userTokens)
      .innerJoin(users, eq(users.id, userTokens.userId))
      .where(eq(users.email, 'an.vandenberghe@lier.be'));
    expect(tokens).toHaveLength(1);
  });

  it('re-renders an invalid invitation with an error summary and sends nothing', async () => {
    const before = await db().select({ id: outbox.id }).from(outbox);
    const res = await admin.post(
      '/beheer/uitnodigen',
      { email: 'geen-adres', name: '', organisationId: await orgId({ nis: '12021' }), role: 'agency_staff' },
      { from: '/beheer/uitnodigen' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('href="#f-email"');
    expect(res.body).toContain('href="#f-name"');
    const mismatch = await admin.post(
      '/beheer/uitnodigen',
      {
        email: 'x@lier.be',
        name: 'X',
        organisationId: await orgId({ nis: '12021' }),
        role: 'agency_staff',
      },
      { from: '/beheer/uitnodigen' },
    );
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('Deze rol past niet bij dit soort organisatie.');
    expect(await db().select({ id: outbox.id }).from(outbox)).toHaveLength(before.length);
  });

  it('lets agency staff invite into their own agency only, without the administrator role', async () => {
    const form = await agii.get('/beheer/uitnodigen');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Agentschap Integratie en Inburgering');
    expect(form.body).not.toContain('Lokaal bestuur Gent');
    expect(form.body).not.toContain('value="platform_admin"');
    const agiiId = await orgId({ agencyCode: 'AGII' });
    const res = await agii.post(
      '/beheer/uitnodigen',
      { email: 'nieuwe.collega@agii.be', name: 'Nieuwe Collega', organisationId: agiiId, role: 'counsellor' },
      { from: '/beheer/uitnodigen' },
    );
    expect(res.statusCode).toBe(303);
    // Invited but not yet accepted: already in the agency's list.
    expect((await agii.get('/beheer/gebruikers?q=nieuwe.collega')).body).toContain('Nieuwe Collega');

    const elsewhere = await agii.post(
      '/beheer/uitnodigen',
      {
        email: 'iemand@gent.be',
        name: 'Iemand',
        organisationId: await orgId({ nis: '44021' }),
        role: 'local_officer',
      },
      { from: '/beheer/uitnodigen' },
    );
    expect(elsewhere.statusCode).toBe(403);
    const escalate = await agii.post(
      '/beheer/uitnodigen',
      { email: 'baas@agii.be', name: 'Baas', organisationId: agiiId, role: 'platform_admin' },
      { from: '/beheer/uitnodigen' },
    );
    expect(escalate.statusCode).toBe(403);
    const sent = await db()
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'to' in ('iemand@gent.be', 'baas@agii.be')`);
    expect(sent).toHaveLength(0);
  });
});

describe('global audit log', () => {
  it('is for administrators only', async () => {
    expect((await agii.get('/beheer/audit')).statusCode).toBe(403);
    expect((await gent.get('/beheer/audit')).statusCode).toBe(403);
  });

  it('filters on entity type, action, actor and dates, and paginates', async () => {
    const all = await admin.get('/beheer/audit');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<option value="user"');
    expect(all.body).toContain('<option value="organisation"');

    const disabled = await admin.get('/beheer/audit?action=user.disabled');
    expect(disabled.body).toContain('Wijzigingen (1)');
    expect(disabled.body).toContain('Sofie Claes');

    const byActor = await admin.get(`/beheer/audit?actor=${encodeURIComponent(demo('medewerker.agii'))}`);
    expect(byActor.body).toContain('Gefilterd op wijzigingen door Jan Peeters');
    expect(byActor.body).toContain('invitation.sent');
    expect(byActor.body).not.toContain('<code>user.disabled</code>');

    const orgs = await admin.get('/beheer/audit?entityType=organisation&pageSize=2');
    expect(orgs.body).not.toContain('<code>user.');
    expect(orgs.body).toContain('rel="next"');
    expect(orgs.body).toContain('entityType=organisation');

    const today = new Date().toISOString().slice(0, 10);
    const dated = await admin.get(`/beheer/audit?action=user.disabled&from=${today}&to=${today}`);
    expect(dated.body).toContain('Wijzigingen (1)');
    const past = await admin.get('/beheer/audit?action=user.disabled&from=2000-01-01&to=2000-01-31');
    expect(past.body).not.toContain('Wijzigingen (');
  });

  it('explains bad filters in an error summary', async () => {
    const res = await admin.get('/beheer/audit?from=31-01-2026&to=2026-01-01&actor=niemand@example.be');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('href="#f-from"');
    expect(res.body).toContain('Er is geen gebruiker met dit e-mailadres.');
    const reversed = await admin.get('/beheer/audit?from=2026-02-01&to=2026-01-01');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.body).toContain('De einddatum ligt voor de begindatum.');
  });
});
