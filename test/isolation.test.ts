/**
 * The isolation matrix: every non-public route has rows (requests for organisation A's resources made
 * by a user of organisation B) or a reviewed self-scoped declaration, and every row is refused.
 * Rows come from each module's manifest (`isolation`, `selfScoped`) and, for the core, from
 * ./isolation-core.ts.
 */

import { randomBytes } from 'node:crypto';
import { asc, desc, eq, gt } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { IsolationEnv, IsolationRow, SelfScopedRoute } from '../src/core/access/isolation';
import { memberships, users } from '../src/core/access/schema';
import { auditLog } from '../src/core/audit/schema';
import { apiTokens } from '../src/core/auth/schema';
import { hashToken } from '../src/core/auth/tokens';
import { modules } from '../src/modules';
import { Client, createTestPlatform, demo, loggedIn } from './helpers';
import { coreIsolation, coreSelfScoped, coreTokenUntouched } from './isolation-core';

const platform = await createTestPlatform();
afterAll(async () => platform.close());
const env: IsolationEnv = { app: platform.app, db: platform.database.db };

type Source = { source: string; rows: IsolationRow[]; selfScoped: SelfScopedRoute[]; error?: string };

async function gather(
  source: string,
  isolation: ((e: IsolationEnv) => Promise<IsolationRow[]>) | undefined,
  selfScoped: SelfScopedRoute[] | undefined,
): Promise<Source> {
  try {
    return { source, rows: isolation ? await isolation(env) : [], selfScoped: selfScoped ?? [] };
  } catch (error) {
    return { source, rows: [], selfScoped: selfScoped ?? [], error: String((error as Error).stack ?? error) };
  }
}

const sources: Source[] = [await gather('core', coreIsolation, coreSelfScoped)];
for (const m of modules) sources.push(await gather(m.name, m.isolation, m.selfScoped));

const key = (method: string, route: string) => `${method} ${route}`;

/** The routes that need rows: not public, not HEAD (Fastify adds those), not the static files. */
const registered = platform.app.routeList.filter((r) => r.method !== 'HEAD' && r.url !== '/static/*');
const registeredKeys = new Set(registered.map((r) => key(r.method, r.url)));
const privateRoutes = registered.filter((r) => r.config?.public !== true).map((r) => key(r.method, r.url));

const rows = sources.flatMap((s) => s.rows.map((row) => ({ source: s.source, row })));
const declared = sources.flatMap((s) => s.selfScoped.map((d) => ({ source: s.source, d })));

/** '/organisaties/:id/bewerken' matches '/organisaties/<uuid>/bewerken'. */
function matchesPattern(route: string, url: string): boolean {
  const path = url.split('?')[0]!;
  const pattern = route
    .split('/')
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}/?$`).test(path);
}

describe('isolation matrix: coverage', () => {
  it('builds the rows of every module', () => {
    const broken = sources.filter((s) => s.error).map((s) => `${s.source}: ${s.error}`);
    expect(broken, `isolation(env) failed for:\n${broken.join('\n')}`).toEqual([]);
  });

  it('has rows or a self-scoped declaration for every non-public route', () => {
    const covered = new Set([
      ...rows.map(({ row }) => key(row.method, row.route)),
      ...declared.map(({ d }) => key(d.method, d.route)),
    ]);
    const missing = [...new Set(privateRoutes.filter((r) => !covered.has(r)))].sort();
    expect(
      missing,
      `Non-public routes without isolation rows or a self-scoped declaration:\n  ${missing.join('\n  ')}`,
    ).toEqual([]);
  });

  it('names only registered routes, with URLs that match them', () => {
    const problems = [
      ...rows
        .filter(({ row }) => !registeredKeys.has(key(row.method, row.route)))
        .map(({ source, row }) => `[${source}] row for unknown route ${key(row.method, row.route)}`),
      ...rows
        .filter(({ row }) => !matchesPattern(row.route, row.url))
        .map(({ source, row }) => `[${source}] ${row.url} does not match route ${row.route}`),
      ...declared
        .filter(({ d }) => !registeredKeys.has(key(d.method, d.route)))
        .map(
          ({ source, d }) =>
            `[${source}] self-scoped declaration for unknown route ${key(d.method, d.route)}`,
        ),
      ...declared
        .filter(({ d }) => d.reason.trim().length < 10)
        .map(({ source, d }) => `[${source}] self-scoped ${key(d.method, d.route)} needs a reason`),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

const clients = new Map<string, Promise<{ client: Client; csrf: string }>>();

/** One login per demo account for the whole matrix (the login form is rate limited). */
function clientFor(local: string) {
  let entry = clients.get(local);
  if (!entry) {
    entry = (async () => {
      const client = await loggedIn(platform.app, local);
      return { client, csrf: await client.csrf('/account') };
    })();
    clients.set(local, entry);
  }
  return entry;
}

const tokens = new Map<string, Promise<string>>();

/** A personal API token for the membership the user's session acts under (the first one joined). */
function tokenFor(local: string) {
  let entry = tokens.get(local);
  if (!entry) {
    entry = (async () => {
      const [m] = await env.db
        .select({ userId: memberships.userId, id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, demo(local)))
        .orderBy(asc(memberships.createdAt))
        .limit(1);
      if (!m) throw new Error(`no demo account ${local}`);
      const token = `rk_${randomBytes(24).toString('base64url')}`;
      await env.db.insert(apiTokens).values({
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        name: 'Isolatiematrix',
        userId: m.userId,
        membershipId: m.id,
      });
      return token;
    })();
    tokens.set(local, entry);
  }
  return entry;
}

type Via = 'session' | 'token';

async function send(row: IsolationRow, via: Via): Promise<LightMyRequestResponse> {
  const api = row.url.startsWith('/api/');
  if (via === 'token') {
    const payload = row.json ?? (row.method === 'GET' || row.method === 'DELETE' ? undefined : {});
    const authorization = `Bearer ${await tokenFor(row.as)}`;
    return platform.app.inject({
      method: row.method,
      url: row.url,
      ...(payload === undefined
        ? { headers: { authorization } }
        : {
            payload: JSON.stringify(payload),
            headers: { authorization, 'content-type': 'application/json' },
          }),
    });
  }
  const { client, csrf } = await clientFor(row.as);
  if (row.method === 'GET') return client.request({ method: 'GET', url: row.url });
  if (api || row.json !== undefined) {
    const payload = row.json ?? (row.method === 'DELETE' ? undefined : {});
    return client.request({
      method: row.method,
      url: row.url,
      ...(payload === undefined
        ? { headers: { 'x-csrf-token': csrf } }
        : {
            payload: JSON.stringify(payload),
            headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
          }),
    });
  }
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(row.form ?? {})) body.append(k, v);
  return client.request({
    method: row.method,
    url: row.url,
    payload: body.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function lastAuditId(): Promise<number> {
  const [row] = await env.db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row?.id ?? 0;
}

const label = (source: string, row: IsolationRow, via: Via) =>
  `[${source}] ${row.method} ${row.url} as ${row.as}${via === 'token' ? ' (API token)' : ''} → ${(row.expect ?? [403, 404]).join('/')}`;

/** HTML rows run with the session; API rows with the session (and CSRF header) and with an API token. */
const runs = rows.flatMap(({ source, row }) =>
  (row.url.startsWith('/api/') ? (['session', 'token'] as const) : (['session'] as const)).map(
    (via) => [label(source, row, via), row, via] as const,
  ),
);

describe('isolation matrix: every row is refused', () => {
  it.each(runs)('%s', async (_name, row, via) => {
    const expected = row.expect ?? [403, 404];
    const before = await lastAuditId();
    const res = await send(row, via);
    const who = `${row.method} ${row.url} (route ${row.route}) as ${row.as}${via === 'token' ? ' with an API token' : ''}`;
    expect(
      res.body.includes('formulier is verlopen'),
      `${who}: refused by the CSRF check, not by the access rule`,
    ).toBe(false);
    if (res.statusCode === 303) {
      expect(
        String(res.headers.location ?? ''),
        `${who}: redirected to the login page; the session was lost`,
      ).not.toMatch(/^\/login/);
    }
    expect(
      expected.includes(res.statusCode),
      `${who}: expected ${expected.join(' or ')}, got ${res.statusCode}${res.headers.location ? ` → ${res.headers.location}` : ''}`,
    ).toBe(true);
    const written = await env.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(gt(auditLog.id, before));
    expect(
      written.map((w) => w.action),
      `${who}: was refused but wrote to the audit log`,
    ).toEqual([]);
  });

  it("leaves the owner's resources untouched (core: Mechelen's API token)", async () => {
    expect(await coreTokenUntouched(env.db)).toBe(true);
  });
});

const anonymousGets = [
  ...new Map(rows.filter(({ row }) => row.method === 'GET').map(({ row }) => [row.url, row])).values(),
];

describe('isolation matrix: anonymous visitors', () => {
  it.each(anonymousGets.map((row) => [`GET ${row.url} (route ${row.route})`, row] as const))(
    '%s asks to log in',
    async (_name, row) => {
      const res = await new Client(platform.app).get(row.url);
      const location = String(res.headers.location ?? '');
      const ok = res.statusCode === 401 || (res.statusCode === 303 && location.startsWith('/login'));
      expect(ok, `GET ${row.url} (route ${row.route}) anonymously: got ${res.statusCode} ${location}`).toBe(
        true,
      );
    },
  );
});
