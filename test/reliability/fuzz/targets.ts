/**
 * What the fuzzer aims at: every operation of the OpenAPI document and every HTML form route (a POST
 * outside /api), with the concrete URLs the isolation matrix builds (real ids) and the form field names
 * the views use, so generated requests reach past the router and the id lookups.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { IsolationEnv, IsolationRow } from '../../../src/core/access/isolation';
import { users } from '../../../src/core/access/schema';
import { createSession } from '../../../src/core/auth/service';
import type { Db } from '../../../src/core/db/client';
import type { ModuleManifest } from '../../../src/core/module';
import { Client, demo } from '../../helpers';
import { coreIsolation } from '../../isolation-core';

export type Target = {
  method: string;
  /** The route pattern as registered, e.g. '/agenda/:id/inschrijven'. */
  route: string;
  kind: 'api' | 'form';
  params: string[];
  /** Property names of the JSON request body in the OpenAPI document (API routes). */
  bodyFields: string[];
  /** Query parameter names in the OpenAPI document (API routes). */
  queryFields: string[];
  /** Concrete URLs of existing resources for this route (from the isolation matrix). */
  realUrls: string[];
};

type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string }>;
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      }
    >
  >;
};

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

const paramsOf = (route: string) =>
  route
    .split('/')
    .filter((p) => p.startsWith(':'))
    .map((p) => p.slice(1));

/** '/agenda/:id/x' matches '/agenda/<uuid>/x'. */
export function routeRegex(route: string): RegExp {
  const pattern = route
    .split('/')
    .map((part) =>
      part === '*' ? '.*' : part.startsWith(':') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}/?$`);
}

/** Every OpenAPI operation and every HTML form route, each once. */
export async function discoverTargets(app: FastifyInstance): Promise<Target[]> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`openapi.json answered ${res.statusCode}`);
  const doc = res.json() as OpenApi;
  const targets: Target[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    // The document also lists the HTML pages; the JSON API is what lives under /api.
    if (!path.startsWith('/api/')) continue;
    const route = path.replace(/\{([^}]+)\}/g, ':$1');
    for (const [method, op] of Object.entries(operations)) {
      if (!METHODS.has(method)) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      targets.push({
        method: method.toUpperCase(),
        route,
        kind: 'api',
        params: paramsOf(route),
        bodyFields: Object.keys(schema?.properties ?? {}),
        queryFields: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        realUrls: [],
      });
    }
  }
  const seen = new Set(targets.map((t) => `${t.method} ${t.route}`));
  for (const r of app.routeList) {
    if (r.method !== 'POST' || r.url.startsWith('/api/') || seen.has(`POST ${r.url}`)) continue;
    seen.add(`POST ${r.url}`);
    targets.push({
      method: 'POST',
      route: r.url,
      kind: 'form',
      params: paramsOf(r.url),
      bodyFields: [],
      queryFields: [],
      realUrls: [],
    });
  }
  return targets;
}

/**
 * Concrete URLs with real ids: every isolation row's URL (they name existing resources of another
 * organisation) plus, for each target, those URLs rewritten onto its own pattern where the ids fit.
 */
export async function attachRealUrls(
  targets: Target[],
  env: IsolationEnv,
  manifests: ModuleManifest[],
): Promise<string[]> {
  const problems: string[] = [];
  const rows: IsolationRow[] = [];
  for (const [name, build] of [
    ['core', coreIsolation] as const,
    ...manifests.map((m) => [m.name, m.isolation] as const),
  ]) {
    if (!build) continue;
    try {
      rows.push(...(await build(env)));
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  // Values seen per parameter name, e.g. id → [uuid, uuid], year → ['2026'].
  const values = new Map<string, Set<string>>();
  for (const row of rows) {
    const path = row.url.split('?')[0]!;
    const names = paramsOf(row.route);
    const match = routeRegex(row.route).exec(path);
    if (!match) continue;
    names.forEach((n, i) => {
      const set = values.get(n) ?? new Set<string>();
      set.add(decodeURIComponent(match[i + 1]!));
      values.set(n, set);
    });
  }
  for (const t of targets) {
    const own = rows.filter((r) => r.route === t.route).map((r) => r.url.split('?')[0]!);
    t.realUrls = [...new Set(own)];
    // Routes with no rows (public ones): fill their parameters from values seen elsewhere.
    if (t.realUrls.length === 0 && t.params.length > 0) {
      const pools = t.params.map((p) => [...(values.get(p) ?? [])]);
      if (pools.every((p) => p.length > 0)) {
        for (let i = 0; i < 4; i++) {
          let url = t.route;
          t.params.forEach((p, j) => {
            const pool = pools[j]!;
            url = url.replace(`:${p}`, encodeURIComponent(pool[i % pool.length]!));
          });
          t.realUrls.push(url);
        }
      }
    }
  }
  return problems;
}

/** Ids a public list hands out (events, calls, offers, indicators…), for the public detail routes. */
export async function harvestPublicIds(app: FastifyInstance, targets: Target[]): Promise<void> {
  for (const t of targets) {
    if (t.kind !== 'api' || t.method !== 'GET' || t.params.length !== 1 || t.realUrls.length > 0) continue;
    const list = t.route.replace(/\/:[^/]+$/, '');
    if (list.includes(':')) continue;
    const res = await app.inject({ method: 'GET', url: list });
    if (res.statusCode !== 200) continue;
    let body: unknown;
    try {
      body = res.json();
    } catch {
      continue;
    }
    const items = Array.isArray(body) ? body : ((body as { items?: unknown[] })?.items ?? []);
    const key = t.params[0]!;
    for (const item of items.slice(0, 4) as Array<Record<string, unknown>>) {
      const value = item[key] ?? item.id ?? item.code ?? item.nis;
      if (typeof value === 'string' || typeof value === 'number')
        t.realUrls.push(t.route.replace(`:${key}`, encodeURIComponent(String(value))));
    }
  }
}

/** Every `name="…"` a view gives a form field, as keys the body generator picks from. */
export function formFieldNames(): string[] {
  const root = fileURLToPath(new URL('../../../src', import.meta.url));
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.tsx')) {
        const source = readFileSync(full, 'utf8');
        for (const m of source.matchAll(/\bname=["']([A-Za-z_][\w.[\]-]{0,60})["']/g)) names.add(m[1]!);
      }
    }
  };
  walk(root);
  names.delete('_csrf');
  return [...names].sort();
}

export type Session = { local: string; cookie: string; csrf: string };

/** The demo accounts the fuzzer signs in as: one per kind of organisation. */
export const FUZZ_ACCOUNTS = [
  'beheerder',
  'medewerker.agii',
  'mechelen',
  'trajectbegeleider.atlas',
  'partner.debrug',
  'netwerk.regiogent',
];

/** A CSRF secret (cookie) and its token; the secret is not tied to a session, so one pair serves all. */
export async function csrfPair(app: FastifyInstance): Promise<{ cookie: string; token: string }> {
  const client = new Client(app);
  const token = await client.csrf('/login');
  return { cookie: client.cookieHeader, token };
}

/**
 * Fresh sessions, straight in the database (no rate-limited login, no page render). Called before each
 * route, so a route that logs out, ends sessions or disables an account leaves later routes unharmed.
 */
export async function freshSessions(db: Db, csrf: { cookie: string; token: string }): Promise<Session[]> {
  const emails = FUZZ_ACCOUNTS.map(demo);
  await db.update(users).set({ disabledAt: null }).where(inArray(users.email, emails));
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, emails));
  const sessions: Session[] = [];
  for (const local of FUZZ_ACCOUNTS) {
    const user = rows.find((r) => r.email === demo(local));
    if (!user) throw new Error(`fuzz: demo account ${local} is missing`);
    const token = await createSession(db, user.id, 'fuzz');
    sessions.push({ local, cookie: `rk_session=${token}; ${csrf.cookie}`, csrf: csrf.token });
  }
  return sessions;
}
