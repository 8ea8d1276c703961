import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import type { Database } from '../src/core/db/client';
import type { ModuleManifest } from '../src/core/module';
import { modules as allModules } from '../src/modules';
import { preparePlatform } from '../src/platform';
import { preparedDatabase } from './templates';

export const DEMO_PASSWORD = 'Regiekamer-demo-2026';
export const demo = (local: string) => `${local}@demo.regiekamer.be`;

export { createTestDatabase } from './templates';

export type TestPlatform = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
};

/**
 * The platform (migrated, reference data, demo data) on a fresh database. `modules` narrows it to some
 * modules (reference first), so a module's tests do not depend on another module's demo data.
 */
export async function createTestPlatform(
  env: Record<string, string> = {},
  modules: ModuleManifest[] = allModules,
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekamer-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-secret-that-is-long-enough-1234567890',
    DEMO: '1',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const key = JSON.stringify({ modules: modules.map((m) => m.name), env });
  const database = await preparedDatabase(key, async (db) => {
    await preparePlatform(db, config, modules);
  });
  const app = await buildApp({ config, database, logger: false, manifests: modules });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A minimal cookie jar around app.inject, so tests read like a browser session. */
export class Client {
  readonly cookies = new Map<string, string>();

  constructor(readonly app: FastifyInstance) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const headers = {
      ...(options.headers ?? {}),
      ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
    };
    const response = await this.app.inject({ ...options, headers });
    for (const c of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  /** The CSRF token of the form on `page` (a GET that renders a form). */
  async csrf(page = '/login'): Promise<string> {
    const html = (await this.get(page)).body;
    const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page}`);
    return token;
  }

  /** Posts a form as a browser would, with the page's CSRF token unless `csrf: false`. */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: boolean; from?: string } = {},
  ) {
    const body = new URLSearchParams();
    if (options.csrf !== false)
      body.append(
        '_csrf',
        await this.csrf(options.from ?? (this.cookies.has('rk_session') ? '/account' : '/login')),
      );
    for (const [k, v] of Object.entries(form))
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.request({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<this> {
    const response = await this.post('/login', { email, password });
    if (response.statusCode !== 303) throw new Error(`login as ${email} failed: ${response.statusCode}`);
    return this;
  }
}

export async function loggedIn(app: FastifyInstance, local: string): Promise<Client> {
  return new Client(app).login(demo(local));
}
