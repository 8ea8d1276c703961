import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { createTestPlatform, loggedIn, type TestPlatform } from './helpers';

// The public page cache (core/http/page-cache) on the platform's real routes: who gets a shared answer, for how
// long, and what is never shared.
let platform: TestPlatform;
let app: FastifyInstance;
const NIS = '12025'; // Mechelen
const page = `/gemeenten/${NIS}`;

const renameMechelen = (name: string) =>
  platform.database.db.execute(sql`update municipalities set name = ${name} where nis = ${NIS}`);

beforeAll(async () => {
  platform = await createTestPlatform();
  app = await buildApp({
    config: { ...platform.config, pageCacheSeconds: 1 },
    database: platform.database,
    logger: false,
  });
  app.get('/__test/persoonlijk', { config: { public: true, pageCache: true } }, async (_request, reply) =>
    reply.type('text/html').send(`<form method="post"><input name="_csrf" value="${Math.random()}"></form>`),
  );
  await app.ready();
});

afterAll(async () => {
  await renameMechelen('Mechelen');
  await app.close();
  await platform.close();
});

beforeEach(() => app.pageCache.clear());

describe('public page cache', () => {
  it('answers anonymous visitors of the same URL from one render, until it expires', async () => {
    const first = await app.inject({ url: page });
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-page-cache']).toBe('miss');
    expect(first.body).toContain('Mechelen');

    await renameMechelen('Mechelen (gewijzigd)');
    const second = await app.inject({ url: page });
    expect(second.headers['x-page-cache']).toBe('hit');
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(second.body).toBe(first.body);

    // Another query string is another page.
    expect((await app.inject({ url: `${page}?x=1` })).headers['x-page-cache']).toBe('miss');

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await app.inject({ url: page });
    expect(expired.headers['x-page-cache']).toBe('miss');
    expect(expired.body).toContain('Mechelen (gewijzigd)');
    await renameMechelen('Mechelen');
  });

  it('always gives signed-in users a fresh page, so whoever changes data sees it at once', async () => {
    await app.inject({ url: page });
    await renameMechelen('Mechelen (net gewijzigd)');
    const officer = await loggedIn(app, 'beheerder');
    const fresh = await officer.get(page);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers['x-page-cache']).toBeUndefined();
    expect(fresh.body).toContain('Mechelen (net gewijzigd)');
    await renameMechelen('Mechelen');
  });

  it('renders once for concurrent first visitors', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => app.inject({ url: page })));
    const kinds = responses.map((r) => r.headers['x-page-cache']);
    expect(kinds.filter((k) => k === 'miss')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'hit')).toHaveLength(11);
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
  });

  it('does not share error pages, pages for a visitor with a flash message, or pages with a CSRF token', async () => {
    const missing = await app.inject({ url: '/gemeenten/99999' });
    expect(missing.statusCode).toBe(404);
    expect((await app.inject({ url: '/gemeenten/99999' })).headers['x-page-cache']).toBe('miss');

    await app.inject({ url: page });
    const withFlash = await app.inject({ url: page, cookies: { rk_flash: 'x' } });
    expect(withFlash.headers['x-page-cache']).toBeUndefined();

    const a = await app.inject({ url: '/__test/persoonlijk' });
    const b = await app.inject({ url: '/__test/persoonlijk' });
    expect(b.headers['x-page-cache']).toBe('miss');
    expect(b.body).not.toBe(a.body);
  });

  it('shares anonymous API answers the same way', async () => {
    const url = '/api/v1/offers?q=taal';
    expect((await app.inject({ url })).headers['x-page-cache']).toBe('miss');
    const hit = await app.inject({ url });
    expect(hit.headers['x-page-cache']).toBe('hit');
    expect(hit.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(hit.body)).toHaveProperty('items');
  });

  it('is off unless configured (tests, PAGE_CACHE_SECONDS=0)', async () => {
    await platform.app.inject({ url: page });
    expect((await platform.app.inject({ url: page })).headers['x-page-cache']).toBeUndefined();
  });
});
