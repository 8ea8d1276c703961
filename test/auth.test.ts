import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations, users } from '../src/core/access/schema';
import { loadPrincipal } from '../src/core/auth/principal-loader';
import { invite } from '../src/core/auth/service';
import { ServiceContext } from '../src/core/context';
import { outbox } from '../src/core/jobs/schema';
import type { MailMessage } from '../src/core/mail/mail';
import { Client, createTestPlatform, demo, loggedIn, type TestPlatform } from './helpers';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => platform?.close());

async function mailsTo(email: string): Promise<MailMessage[]> {
  const rows = await platform.database.db.select().from(outbox);
  return rows.map((r) => r.payload as MailMessage).filter((m) => m.to === email);
}

const linkIn = (mail: MailMessage) => new URL(mail.text.match(/https?:\/\/\S+/)![0]!);

describe('password reset through the outbox', () => {
  it('answers the same for known and unknown addresses', async () => {
    const client = new Client(platform.app);
    const known = await client.post(
      '/wachtwoord-vergeten',
      { email: demo('netwerk.regiogent') },
      { from: '/wachtwoord-vergeten' },
    );
    const unknown = await client.post(
      '/wachtwoord-vergeten',
      { email: 'onbekend@example.be' },
      { from: '/wachtwoord-vergeten' },
    );
    expect(known.statusCode).toBe(200);
    expect(unknown.body.replace(/value="[^"]+"/g, '')).toBe(known.body.replace(/value="[^"]+"/g, ''));
    expect(await mailsTo('onbekend@example.be')).toHaveLength(0);
  });

  it('sets a new password with the mailed link, once', async () => {
    const email = demo('trajectbegeleider.agii');
    const client = new Client(platform.app);
    await client.post('/wachtwoord-vergeten', { email }, { from: '/wachtwoord-vergeten' });
    const [mail] = await mailsTo(email);
    const link = linkIn(mail!);
    const token = link.searchParams.get('token')!;
    expect((await client.get(`${link.pathname}${link.search}`)).body).toContain('Nieuw wachtwoord');

    const tooShort = await client.post(
      '/wachtwoord/nieuw',
      { token, password: 'kort', confirm: 'kort' },
      { from: `${link.pathname}${link.search}` },
    );
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.body).toContain('minstens 12 tekens');

    const ok = await client.post(
      '/wachtwoord/nieuw',
      { token, password: 'een lange nieuwe zin', confirm: 'een lange nieuwe zin' },
      { from: `${link.pathname}${link.search}` },
    );
    expect(ok.statusCode).toBe(303);
    await new Client(platform.app).login(email, 'een lange nieuwe zin');
    await expect(new Client(platform.app).login(email)).rejects.toThrow();

    const again = await client.post(
      '/wachtwoord/nieuw',
      { token, password: 'nog een andere zin', confirm: 'nog een andere zin' },
      { from: '/login' },
    );
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('verlopen of werd al gebruikt');
  });
});

describe('invitations', () => {
  it('invites a user who then chooses a password and gets the membership', async () => {
    const [admin] = await platform.database.db
      .select()
      .from(users)
      .where(eq(users.email, demo('beheerder')));
    const principal = (await loadPrincipal(platform.database.db, admin!.id, null))!;
    const [leuven] = await platform.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.municipalityNis, '24062'));
    const ctx = new ServiceContext(platform.database.db, platform.config, principal);
    await invite(ctx, {
      email: 'an.verhoeven@leuven.example',
      name: 'An Verhoeven',
      organisationId: leuven!.id,
      role: 'local_officer',
    });
    await expect(
      invite(ctx, { email: 'x@leuven.example', name: 'X', organisationId: leuven!.id, role: 'counsellor' }),
    ).rejects.toThrow('Het formulier bevat fouten');

    const [mail] = await mailsTo('an.verhoeven@leuven.example');
    const link = linkIn(mail!);
    const client = new Client(platform.app);
    const res = await client.post(
      '/uitnodiging',
      {
        token: link.searchParams.get('token')!,
        password: 'welkom in regiekamer',
        confirm: 'welkom in regiekamer',
      },
      { from: `${link.pathname}${link.search}` },
    );
    expect(res.statusCode).toBe(303);
    await client.login('an.verhoeven@leuven.example', 'welkom in regiekamer');
    expect((await client.get('/home')).body).toContain('Lokaal bestuur Leuven');
  });

  it('refuses invitations from someone who may not invite', async () => {
    const [officer] = await platform.database.db
      .select()
      .from(users)
      .where(eq(users.email, demo('gent')));
    const principal = (await loadPrincipal(platform.database.db, officer!.id, null))!;
    const [agii] = await platform.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.agencyCode, 'AGII'));
    const ctx = new ServiceContext(platform.database.db, platform.config, principal);
    await expect(
      invite(ctx, { email: 'y@x.be', name: 'Y', organisationId: agii!.id, role: 'agency_staff' }),
    ).rejects.toThrow('geen toegang');
  });
});

describe('invitations by agency staff', () => {
  it('lets agency staff invite colleagues but never make an administrator', async () => {
    const [staff] = await platform.database.db
      .select()
      .from(users)
      .where(eq(users.email, demo('medewerker.agii')));
    const principal = (await loadPrincipal(platform.database.db, staff!.id, null))!;
    const [agii] = await platform.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.agencyCode, 'AGII'));
    const ctx = new ServiceContext(platform.database.db, platform.config, principal);
    await invite(ctx, {
      email: 'collega@agii.example',
      name: 'Collega',
      organisationId: agii!.id,
      role: 'counsellor',
    });
    await expect(
      invite(ctx, {
        email: 'baas@agii.example',
        name: 'Baas',
        organisationId: agii!.id,
        role: 'platform_admin',
      }),
    ).rejects.toThrow('geen toegang');
    expect(await mailsTo('baas@agii.example')).toHaveLength(0);
  });
});

describe('personal API tokens', () => {
  it('creates a token shown once, accepts it as Bearer, and refuses it once revoked', async () => {
    const client = await loggedIn(platform.app, 'medewerker.agii');
    const page = await client.post(
      '/account/tokens',
      { name: 'Koppeling dossierbeheer', _once: 'token-form-1' },
      { from: '/account' },
    );
    const token = page.body.match(/<code class="token">([^<]+)<\/code>/)?.[1];
    expect(token).toMatch(/^rk_/);

    const me = await platform.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: 'Jan Peeters', activeMembership: { role: 'agency_staff' } });

    const account = await client.get('/account');
    expect(account.body).not.toContain(token);
    const id = account.body.match(/\/account\/tokens\/([0-9a-f-]{36})\/revoke/)![1];
    await client.post(`/account/tokens/${id}/revoke`, {}, { from: '/account' });
    const after = await platform.app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
  });

  it('creates one token when the same form is sent twice', async () => {
    const client = await loggedIn(platform.app, 'medewerker.atlas');
    await client.post('/account/tokens', { name: 'Dubbel', _once: 'same-token-xyz' }, { from: '/account' });
    const second = await client.post(
      '/account/tokens',
      { name: 'Dubbel', _once: 'same-token-xyz' },
      { from: '/account' },
    );
    expect(second.statusCode).toBe(303);
    const account = await client.get('/account');
    expect(account.body.match(/\/account\/tokens\/[0-9a-f-]{36}\/revoke/g)).toHaveLength(1);
  });
});
