/**
 * Shared pieces of the reliability suite: the real server as a child process, an HTTP client with a
 * cookie jar and CSRF tokens, a seeded random generator, a private PostgreSQL instance, and table
 * checksums.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Database } from '../../src/core/db/client';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const DEMO_PASSWORD = 'Regiekamer-demo-2026';
export const demoEmail = (local: string) => `${local}@demo.regiekamer.be`;
export const SESSION_SECRET = 'reliability-secret-that-is-long-enough-0123456789';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: small, fast and good enough to make a run repeatable from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFromEnv(): number {
  const given = Number(process.env.RELIABILITY_SEED);
  return Number.isInteger(given) && given > 0 ? given : randomBytes(4).readUInt32BE(0) || 1;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The server as a child process

export type ServerProcess = {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server wrote, for the failure message. */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<number | string>;
  /** kill -9: no shutdown hook runs, nothing is flushed. */
  kill9(): Promise<void>;
  /** SIGTERM: the graceful shutdown of src/server.ts. */
  stop(): Promise<void>;
};

/**
 * Starts `src/server.ts` in its own Node process (`node --import tsx`, so SIGKILL hits the server
 * itself and not a wrapper) and waits until /api/v1/health answers.
 */
export async function startServer(
  port: number,
  env: Record<string, string>,
  timeoutMs = 90_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SESSION_SECRET,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '10000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`the server exited while starting:\n${output}`);
    const ok = await fetch(`${baseUrl}/api/v1/health`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become healthy within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(100);
  }
  return {
    baseUrl,
    child,
    output: () => output,
    exited,
    kill9: async () => {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port nobody listens on right now (in the range given, else any free one). */
export async function freePort(preferred: number[] = []): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const actual = (server.address() as { port: number }).port;
        server.close(() => resolve(actual));
      });
    });
  for (const p of preferred) {
    const got = await tryPort(p);
    if (got) return got;
  }
  return (await tryPort(0))!;
}

// ---------------------------------------------------------------------------------------------
// HTTP with a cookie jar

export type HttpResult = { status: number; body: string; headers: Headers; json<T = unknown>(): T };

/** A browser-like session over real HTTP: cookies, CSRF token from the page, no redirects followed. */
export class HttpSession {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    options: { body?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.contentType) headers['content-type'] = options.contentType;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body ?? null,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = await response.text();
    return { status: response.status, body, headers: response.headers, json: () => JSON.parse(body) };
  }

  /** Loads a page with a form and keeps its CSRF token. */
  async refreshCsrf(page: string): Promise<string> {
    const res = await this.request('GET', page);
    const token = res.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error(`no CSRF token on ${page} (status ${res.status})`);
    this.csrf = token;
    return token;
  }

  async form(path: string, fields: Record<string, string>): Promise<HttpResult> {
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields }).toString();
    return this.request('POST', path, { body, contentType: 'application/x-www-form-urlencoded' });
  }

  async json(method: string, path: string, payload?: unknown): Promise<HttpResult> {
    return this.request(method, path, {
      ...(payload === undefined ? {} : { body: JSON.stringify(payload), contentType: 'application/json' }),
      headers: { 'x-csrf-token': this.csrf, accept: 'application/json' },
    });
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<this> {
    await this.refreshCsrf('/login');
    const res = await this.form('/login', { email, password });
    if (res.status !== 303) throw new Error(`login as ${email} failed: ${res.status}`);
    await this.refreshCsrf('/account');
    return this;
  }

  async switchTo(membershipId: string): Promise<void> {
    const res = await this.form('/account/switch', { membershipId });
    if (res.status !== 303) throw new Error(`switching membership failed: ${res.status}`);
    await this.refreshCsrf('/account');
  }
}

// ---------------------------------------------------------------------------------------------
// Databases

/** Runs a query on either driver and returns plain rows. */
export async function rows<T = Record<string, unknown>>(database: Database, sqlText: string): Promise<T[]> {
  // biome-ignore lint/suspicious/noExplicitAny: both drivers answer { rows }.
  const result = (await database.db.execute(sqlText as never)) as any;
  return result.rows as T[];
}

/** A new, empty PostgreSQL database on the TEST_DATABASE_URL server, with a drop function. */
export async function createPgDatabase(adminUrl: string, prefix = 'rk_rel') {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export type TableSummary = { table: string; rows: number; md5: string };

/**
 * Row count and an md5 over every row (as text, ordered by the primary key, or by the whole row
 * when a table has none) of every table in the public and drizzle schemas. Reading every row also
 * proves each heap page is readable.
 */
export async function tableChecksums(database: Database): Promise<TableSummary[]> {
  const tables = await rows<{ schema: string; table: string; pk: string | null }>(
    database,
    `select n.nspname as schema, c.relname as table,
            (select string_agg(quote_ident(a.attname), ', ' order by array_position(i.indkey::int2[], a.attnum))
               from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
              where i.indrelid = c.oid and i.indisprimary) as pk
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname in ('public', 'drizzle')
      order by 1, 2`,
  );
  const out: TableSummary[] = [];
  for (const t of tables) {
    const qualified = `${t.schema === 'public' ? '' : 'drizzle.'}"${t.table}"`;
    const order = t.pk
      ? t.pk
          .split(', ')
          .map((c) => `x.${c}`)
          .join(', ')
      : 'x::text';
    const [row] = await rows<{ n: number | string; md5: string | null }>(
      database,
      `select count(*) as n, md5(coalesce(string_agg(x::text, E'\\n' order by ${order}), '')) as md5 from ${qualified} x`,
    );
    out.push({ table: `${t.schema}.${t.table}`, rows: Number(row!.n), md5: row!.md5 ?? '' });
  }
  // Sequences too: a restore that forgot them would hand out ids that already exist.
  const sequences = await rows<{ name: string; value: string | number | null }>(
    database,
    `select schemaname || '.' || sequencename as name, last_value as value from pg_sequences
      where schemaname in ('public', 'drizzle') order by 1`,
  );
  for (const s of sequences) out.push({ table: `sequence ${s.name}`, rows: Number(s.value ?? 0), md5: '' });
  return out;
}

// ---------------------------------------------------------------------------------------------
// A private PostgreSQL instance (never the machine's shared one)

export function postgresBinDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')) && existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0]!, 'bin') : null;
}

export type PrivatePostgres = {
  port: number;
  url(database?: string): string;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  destroy(): void;
};

/**
 * initdb into a temporary directory and pg_ctl on its own port. As root, the binaries run as the
 * `postgres` user (PostgreSQL refuses to run as root).
 */
export function createPrivatePostgres(bin: string, port: number): PrivatePostgres {
  const dir = mkdtempSync(join(tmpdir(), 'rk-private-pg-'));
  const asRoot = process.getuid?.() === 0;
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    return execFileSync(command, full, { cwd: dir, stdio: 'pipe', timeout: 60_000 }).toString();
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => {
      run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
    },
    stop: (mode = 'fast') => {
      run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    },
    destroy: () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A migrated database with the demo data, made once and copied (seeding takes 20-30 s)

function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|sql|json|csv|geojson|topojson)$/.test(entry.name))
        hash.update(path).update(readFileSync(path));
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'migrations'));
  walk(join(root, 'data', 'reference'));
  return hash.digest('hex').slice(0, 16);
}

export type DemoDatabase = {
  /** Environment for the server and the scripts: DATA_DIR, and DATABASE_URL on PostgreSQL. */
  env: Record<string, string>;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
};

/**
 * A fresh copy of a demo database: on PGlite a copy of a template data directory, on PostgreSQL
 * `create database … template …`. The template is rebuilt when any source file changes.
 */
export async function demoDatabase(adminUrl?: string): Promise<DemoDatabase> {
  const { loadConfig } = await import('../../src/config');
  const { createDatabase } = await import('../../src/core/db/client');
  const { openDatabase, preparePlatform } = await import('../../src/platform');
  const fingerprint = sourceFingerprint();
  const dataDir = mkdtempSync(join(tmpdir(), 'rk-rel-data-'));
  const configFor = (env: Record<string, string>) =>
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SESSION_SECRET, DEMO: '1', ...env });

  if (adminUrl) {
    const template = `rk_rel_tpl_${fingerprint}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (!exists.rowCount) {
        const old = await admin.query<{ datname: string }>(
          `select datname from pg_database where datname like 'rk_rel_tpl_%' and datname <> $1`,
          [template],
        );
        for (const o of old.rows)
          await admin.query(`drop database if exists ${o.datname} with (force)`).catch(() => {});
        const building = `${template}_${randomBytes(3).toString('hex')}`;
        await admin.query(`create database ${building}`);
        const url = new URL(adminUrl);
        url.pathname = `/${building}`;
        const config = configFor({ DATA_DIR: dataDir, DATABASE_URL: url.toString() });
        const database = await createDatabase({ url: url.toString(), poolSize: 4 });
        await preparePlatform(database, config);
        await database.close();
        await admin.query(`alter database ${building} rename to ${template}`).catch(async () => {
          await admin.query(`drop database if exists ${building}`);
        });
      }
      const name = `rk_rel_${randomBytes(5).toString('hex')}`;
      await admin.query(`create database ${name} template ${template}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const env = { DATA_DIR: dataDir, DATABASE_URL: url.toString() };
      return {
        env,
        open: () => createDatabase({ url: env.DATABASE_URL, poolSize: 4 }),
        cleanup: async () => {
          const dropper = new pg.Client({ connectionString: adminUrl });
          await dropper.connect();
          await dropper.query(`drop database if exists ${name} with (force)`);
          await dropper.end();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } finally {
      await admin.end();
    }
  }

  const templateDir = join(tmpdir(), `rk-rel-template-${fingerprint}`);
  if (!existsSync(join(templateDir, 'pglite', 'PG_VERSION'))) {
    for (const old of readdirSync(tmpdir()).filter(
      (f) => f.startsWith('rk-rel-template-') && !f.includes('building'),
    ))
      rmSync(join(tmpdir(), old), { recursive: true, force: true });
    const building = mkdtempSync(join(tmpdir(), 'rk-rel-template-building-'));
    const config = configFor({ DATA_DIR: building });
    const database = await openDatabase(config);
    await preparePlatform(database, config);
    await database.close();
    try {
      renameSync(building, templateDir);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another file built it meanwhile
    }
  }
  cpSync(join(templateDir, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  const env = { DATA_DIR: dataDir };
  return {
    env,
    open: () => openDatabase(configFor(env)),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
