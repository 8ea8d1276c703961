import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
// @ts-expect-error oidc-provider ships no type declarations; the few parts this test uses are typed below.
import OidcProvider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { users } from '../src/core/access/schema';
import { auditLog } from '../src/core/audit/schema';
import { Client, createTestPlatform, demo, type TestPlatform } from './helpers';

type Interaction = {
  uid: string;
  prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[] } };
  params: { client_id: string };
  session?: { accountId: string };
  grantId?: string;
};
type Grant = {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
};
type Provider = {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
};
const ProviderClass = OidcProvider as new (issuer: string, configuration: object) => Provider;

const BASE_URL = 'http://localhost:3000';
const CALLBACK = `${BASE_URL}/login/oidc/callback`;
const CLIENT_ID = 'regiekamer-test';
const CLIENT_SECRET = randomBytes(24).toString('base64url');

/** The provider's accounts, by subject; tests change them between logins. */
const accounts: Record<string, { email: string; email_verified: boolean; name: string }> = {
  'sub-pieter': { email: demo('mechelen'), email_verified: true, name: 'Pieter Janssens' },
  'sub-nobody': { email: 'niemand@example.be', email_verified: true, name: 'Niemand Bekend' },
  'sub-unverified': { email: demo('gent'), email_verified: false, name: 'Lotte De Smet' },
};
/** Who signs in at the provider's (automatic) login step of the next flow. */
let signInAs = 'sub-pieter';

let server: Server;
let issuer: string;
let platform: TestPlatform;

/** The provider's interaction step: log in as `signInAs`, then grant what the client asked for. */
async function interact(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.prompt.name === 'login') {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: signInAs } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const { details } = interaction.prompt;
  const grant = interaction.grantId
    ? await provider.Grant.find(interaction.grantId)
    : new provider.Grant({
        accountId: interaction.session!.accountId,
        clientId: interaction.params.client_id,
      });
  if (details.missingOIDCScope) grant!.addOIDCScope(details.missingOIDCScope.join(' '));
  if (details.missingOIDCClaims) grant!.addOIDCClaims(details.missingOIDCClaims);
  const grantId = await grant!.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: interaction.grantId ? {} : { grantId } },
    { mergeWithLastSubmission: true },
  );
}

async function startProvider(): Promise<void> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = () => {};
  server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey: signingKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new ProviderClass(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [CALLBACK],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...signingKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
  });
  const providerHandler = provider.callback();
  handle = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return providerHandler(req, res);
    interact(provider, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };
}

/** Follows the provider's redirects with real HTTP, like a browser, until it sends us back to the app. */
async function throughProvider(authorizationUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(`${BASE_URL}/`)) return new URL(url);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=.*1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${url}: ${response.status} ${await response.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the provider');
}

/** Starts a login at the app and walks through the provider; returns the callback (not yet visited). */
async function startLogin(client: Client, as: string, next?: string) {
  signInAs = as;
  const start = await client.get(`/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  expect(start.statusCode).toBe(303);
  const authorizationUrl = start.headers.location as string;
  expect(authorizationUrl.startsWith(`${issuer}/`)).toBe(true);
  const callback = await throughProvider(authorizationUrl);
  expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
  return { authorizationUrl: new URL(authorizationUrl), callback, path: callback.pathname + callback.search };
}

async function userByEmail(email: string) {
  const [user] = await platform.database.db.select().from(users).where(eq(users.email, email));
  return user;
}

async function linkAudits(userId: string) {
  return platform.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'user.oidc_linked'), eq(auditLog.entityId, userId)));
}

beforeAll(async () => {
  await startProvider();
  platform = await createTestPlatform({
    BASE_URL,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
  });
});
afterAll(async () => {
  await platform?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('OIDC login', () => {
  it('offers the government login on the login page', async () => {
    const res = await platform.app.inject('/login');
    expect(res.body).toContain('href="/login/oidc"');
  });

  it('redirects to the provider with PKCE, state and nonce kept in a signed httpOnly cookie', async () => {
    const res = await platform.app.inject('/login/oidc');
    expect(res.statusCode).toBe(303);
    const url = new URL(res.headers.location as string);
    expect(url.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(url.searchParams.get('redirect_uri')).toBe(CALLBACK);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    const cookie = (res.cookies as Array<Record<string, unknown>>).find((c) => c.name === 'rk_oidc')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/login/oidc', maxAge: 600 });
    expect(platform.app.unsignCookie(decodeURIComponent(String(cookie.value))).valid).toBe(true);
  });

  it('links the subject on a first login by verified e-mail, with an audit record, and signs in', async () => {
    const pieter = (await userByEmail(demo('mechelen')))!;
    expect(pieter.oidcSubject).toBeNull();
    const client = new Client(platform.app);
    const { path } = await startLogin(client, 'sub-pieter');
    const res = await client.get(path);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/home');
    expect(client.cookies.has('rk_session')).toBe(true);
    expect(client.cookies.has('rk_oidc')).toBe(false);
    const home = await client.get('/home');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Pieter Janssens');

    expect((await userByEmail(demo('mechelen')))!.oidcSubject).toBe('sub-pieter');
    const audits = await linkAudits(pieter.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: pieter.id, after: { oidcSubject: 'sub-pieter' } });

    // The callback is single use: replaying it is refused.
    const replay = await client.get(path);
    expect(replay.statusCode).toBe(400);
  });

  it('finds a returning user by subject, even when the provider now reports another e-mail', async () => {
    accounts['sub-pieter']!.email = 'pieter.janssens@example.be';
    try {
      const client = new Client(platform.app);
      const { path } = await startLogin(client, 'sub-pieter', '/account');
      const res = await client.get(path);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/account');
      const account = await client.get('/account');
      expect(account.statusCode).toBe(200);
      expect(account.body).toContain('Pieter Janssens');
      const pieter = (await userByEmail(demo('mechelen')))!;
      expect(await linkAudits(pieter.id)).toHaveLength(1);
    } finally {
      accounts['sub-pieter']!.email = demo('mechelen');
    }
  });

  it('ignores an unsafe next and lands on /home', async () => {
    const client = new Client(platform.app);
    const { path } = await startLogin(client, 'sub-pieter', '//evil.example/x');
    const res = await client.get(path);
    expect(res.headers.location).toBe('/home');
  });

  it('explains in Dutch that an unknown identity has no account, and creates nothing', async () => {
    const client = new Client(platform.app);
    const { path } = await startLogin(client, 'sub-nobody');
    const res = await client.get(path);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Geen Regiekamer-account');
    expect(res.body).toContain('niemand@example.be');
    expect(res.body).toContain('moet u eerst uitnodigen');
    expect(client.cookies.has('rk_session')).toBe(false);
    expect(await userByEmail('niemand@example.be')).toBeUndefined();
  });

  it('does not link by an e-mail the provider has not verified', async () => {
    const client = new Client(platform.app);
    const { path } = await startLogin(client, 'sub-unverified');
    const res = await client.get(path);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Geen Regiekamer-account');
    expect(client.cookies.has('rk_session')).toBe(false);
    expect((await userByEmail(demo('gent')))!.oidcSubject).toBeNull();
  });

  it('refuses a tampered state with a Dutch 400 page', async () => {
    const client = new Client(platform.app);
    const { callback } = await startLogin(client, 'sub-pieter');
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const res = await client.get(callback.pathname + callback.search);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Aanmelden niet gelukt');
    expect(res.body).toContain('Start het aanmelden opnieuw');
    expect(client.cookies.has('rk_session')).toBe(false);
  });

  it('refuses a callback without the flow cookie, or with a forged one', async () => {
    const client = new Client(platform.app);
    const { path } = await startLogin(client, 'sub-pieter');
    const stranger = new Client(platform.app);
    const missing = await stranger.get(path);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Start het aanmelden opnieuw');

    const forged = JSON.stringify({ state: 'a', nonce: 'b', verifier: 'c'.repeat(43), next: '/home' });
    const res = await platform.app.inject({
      url: path,
      headers: { cookie: `rk_oidc=${encodeURIComponent(`${forged}.bad-signature`)}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Start het aanmelden opnieuw');
  });

  it('answers an error from the provider with a Dutch 400 page', async () => {
    const client = new Client(platform.app);
    const start = await client.get('/login/oidc');
    const state = new URL(start.headers.location as string).searchParams.get('state')!;
    const res = await client.get(
      `/login/oidc/callback?error=access_denied&error_description=cancelled&state=${state}&iss=${encodeURIComponent(issuer)}`,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('afgebroken');
    expect(client.cookies.has('rk_session')).toBe(false);
  });

  it('answers an unusable code from the provider with a Dutch 400 page', async () => {
    const client = new Client(platform.app);
    const { callback } = await startLogin(client, 'sub-pieter');
    callback.searchParams.set('code', 'not-a-real-code');
    const res = await client.get(callback.pathname + callback.search);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('meldde een fout');
  });

  it('answers an unreachable provider with a Dutch 503 page, not a 500', async () => {
    const app = await buildApp({
      config: {
        ...platform.config,
        oidc: { issuer: 'http://127.0.0.1:9', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      },
      database: platform.database,
      logger: false,
    });
    try {
      const res = await app.inject('/login/oidc');
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('niet bereikbaar');
    } finally {
      await app.close();
    }
  });

  it('registers no OIDC routes when OIDC is not configured', async () => {
    const app = await buildApp({
      config: { ...platform.config, oidc: undefined },
      database: platform.database,
      logger: false,
    });
    try {
      expect((await app.inject('/login/oidc')).statusCode).toBe(404);
      expect((await app.inject('/login')).body).not.toContain('href="/login/oidc"');
    } finally {
      await app.close();
    }
  });
});
