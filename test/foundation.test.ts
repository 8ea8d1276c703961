import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestPlatform, demo, loggedIn, type TestPlatform } from './helpers';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => platform?.close());

describe('health and reference API', () => {
  it('reports the database kind', async () => {
    const res = await platform.app.inject('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite',
    });
  });

  it('serves the 304 municipalities with their agencies and networks', async () => {
    const list = (await platform.app.inject('/api/v1/municipalities')).json() as Array<
      Record<string, unknown>
    >;
    expect(list).toHaveLength(304);
    const byNis = new Map(list.map((m) => [m.nis, m]));
    expect(byNis.get('11002')).toMatchObject({
      name: 'Antwerpen',
      supportAgency: 'ATLAS',
      networkCode: 'ANTWERPEN',
    });
    expect(byNis.get('44021')).toMatchObject({ name: 'Gent', supportAgency: 'AMAL', networkCode: 'GENT' });
    expect(byNis.get('23098')).toMatchObject({ name: 'Drogenbos', deRand: true });
    for (const m of list.filter((x) => x.region === 'VLG')) {
      expect(m.referenceRegionCode).toBeTruthy();
      expect(m.networkCode).toBeTruthy();
    }
  });

  it('answers an unknown municipality with a 404 problem', async () => {
    const res = await platform.app.inject('/api/v1/municipalities/99999');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404 });
  });

  it('rejects a malformed NIS code with a 400 problem', async () => {
    const res = await platform.app.inject('/api/v1/municipalities/abc');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('lists reference regions, networks and paginated organisations', async () => {
    expect((await platform.app.inject('/api/v1/reference-regions')).json()).toHaveLength(15);
    expect((await platform.app.inject('/api/v1/networks')).json()).toHaveLength(18);
    const page = (await platform.app.inject('/api/v1/organisations?pageSize=10&page=2')).json();
    expect(page.items).toHaveLength(10);
    expect(page.page).toBe(2);
    expect(page.total).toBeGreaterThan(300);
  });

  it('publishes an OpenAPI 3 document', async () => {
    const doc = (await platform.app.inject('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/municipalities/{nis}');
    // Only the JSON API: the HTML pages and forms are not described.
    expect(Object.keys(doc.paths).filter((path) => !path.startsWith('/api/'))).toEqual([]);
  });
});

describe('pages', () => {
  it('shows a municipality with its map', async () => {
    const res = await platform.app.inject('/gemeenten/12025');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Mechelen');
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('Rivierenland');
  });

  it('sorts the municipality list by a column, both ways', async () => {
    const desc = await platform.app.inject('/gemeenten?sort=nis&dir=desc');
    expect(desc.statusCode).toBe(200);
    expect(desc.body).toContain('aria-sort="descending"');
    const firstNis = desc.body.match(/href="\/gemeenten\/(\d{5})"/)?.[1];
    expect(firstNis).toBe('73111');
    const odd = await platform.app.inject('/gemeenten?sort=%3Cscript%3E&dir=sideways');
    expect(odd.statusCode).toBe(200);
    expect(odd.body.match(/href="\/gemeenten\/(\d{5})"/)?.[1]).toBe('41002');
  });

  it('answers unknown pages with a Dutch 404 page', async () => {
    const res = await platform.app.inject('/bestaat-niet');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Pagina niet gevonden');
  });

  it('sends anonymous visitors of private pages to the login page', async () => {
    const res = await platform.app.inject('/home');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fhome');
  });

  it('serves the stylesheet to visitors who are not signed in', async () => {
    const res = await platform.app.inject('/static/regiekamer.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/css');
  });

  it('sets strict security headers', async () => {
    const res = await platform.app.inject('/');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});

describe('login and sessions', () => {
  it('logs in with the demo password and shows the role home page', async () => {
    const client = await loggedIn(platform.app, 'mechelen');
    const home = await client.get('/home');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Pieter Janssens');
    expect(home.body).toContain('Lokaal bestuur Mechelen');
    const cookie = (await client.request({ method: 'GET', url: '/home' })).statusCode;
    expect(cookie).toBe(200);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const client = new Client(platform.app);
    const wrong = await client.post('/login', { email: demo('gent'), password: 'fout-wachtwoord-123' });
    const unknown = await client.post('/login', {
      email: 'niemand@example.be',
      password: 'fout-wachtwoord-123',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('horen niet bij elkaar');
    expect(unknown.body).toContain('horen niet bij elkaar');
  });

  it('refuses a form posted without a CSRF token', async () => {
    const client = new Client(platform.app);
    const res = await client.post('/login', { email: demo('gent'), password: 'x' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('formulier is verlopen');
  });

  it('treats a tampered session cookie as signed out', async () => {
    const res = await platform.app.inject({
      url: '/home',
      headers: { cookie: 'rk_session=tampered-value-aaaaaaaaaaaaaaaa' },
    });
    expect(res.statusCode).toBe(303);
  });

  it('throttles an account after repeated failures, with a Dutch message', async () => {
    const client = new Client(platform.app);
    for (let i = 0; i < 5; i++)
      await client.post('/login', { email: demo('partner.debrug'), password: 'verkeerd-wachtwoord' });
    const res = await client.post('/login', {
      email: demo('partner.debrug'),
      password: 'Regiekamer-demo-2026',
    });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('Te veel mislukte pogingen');
  });

  it('logs out everywhere', async () => {
    const first = await loggedIn(platform.app, 'medewerker.atlas');
    const second = await loggedIn(platform.app, 'medewerker.atlas');
    const res = await first.post('/account/sessions/end-all', {});
    expect(res.statusCode).toBe(303);
    expect((await second.get('/home')).statusCode).toBe(303);
  });

  it('switches organisation for a user with two memberships', async () => {
    const client = await loggedIn(platform.app, 'mechelen');
    const account = await client.get('/home');
    const options = [...account.body.matchAll(/<option value="([0-9a-f-]{36})"( selected)?/g)];
    expect(options).toHaveLength(2);
    const other = options.find((o) => !o[2])![1]!;
    await client.post('/account/switch', { membershipId: other }, { from: '/home' });
    const home = await client.get('/home');
    expect(home.body).toContain('Integratie Rivierenland · Medewerker lokaal bestuur');
  });
});

describe('bad input', () => {
  it('refuses a 10 MB body with 413 and no crash', async () => {
    const res = await platform.app.inject({
      method: 'POST',
      url: '/login',
      payload: `email=${'a'.repeat(10 * 1024 * 1024)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(413);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const client = await loggedIn(platform.app, 'mechelen');
    const res = await client.request({
      method: 'POST',
      url: '/api/v1/health',
      payload: '{"broken":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('re-renders an invalid organisation form with an error summary and writes nothing', async () => {
    const client = await loggedIn(platform.app, 'mechelen');
    const org = (await platform.app.inject('/api/v1/organisations?q=Lokaal%20bestuur%20Mechelen')).json()
      .items[0];
    const res = await client.post(
      `/organisaties/${org.id}/bewerken`,
      { email: 'geen-adres', website: 'ftp://x' },
      { from: `/organisaties/${org.id}/bewerken` },
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('error-summary');
    expect(res.body).toContain('href="#f-email"');
    const after = (await platform.app.inject(`/api/v1/organisations?q=Lokaal%20bestuur%20Mechelen`)).json()
      .items[0];
    expect(after.email).toBe(org.email);
  });
});
