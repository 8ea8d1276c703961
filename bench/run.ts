import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { openBulk } from '../scripts/scale/bulk';
import { ScaleGenerator, sizesFor } from '../scripts/scale/generate';
import { type Lookups, type Scenario, scenarios } from './scenarios';

/**
 * `npm run bench -- [--db pglite|postgres] [--duration 10] [--only name,name] [--port 3300] [--explain] [--no-page-cache]`
 *
 * Starts bench/server.ts (the real server plus baseline routes) on the scale data set of
 * `npm run seed:scale`, drives it with autocannon and writes bench/results/latest.{json,md}; a run of only
 * some scenarios (`--only`) writes bench/results/partial-<db>.{json,md} instead. `--explain` also writes
 * the plan of every query each read scenario ran to bench/results/explain-<db>.md. `--no-page-cache` turns the
 * public page cache off (PAGE_CACHE_SECONDS=0), to measure what a first visitor's render costs.
 */
const args = process.argv.slice(2);
const flag = (name: string, fallback?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dbKind = flag('db', 'postgres') === 'pglite' ? 'pglite' : 'postgres';
const duration = Number(flag('duration', '10'));
const only = flag('only')?.split(',').filter(Boolean);
const port = Number(flag('port', '3300'));
const connections = Number(flag('connections', dbKind === 'postgres' ? '32' : '8'));
const importRows = Number(flag('import-rows', '500000'));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/bench_scale';
const dataDir = resolve(process.env.BENCH_DATA_DIR ?? './data/scale');
const base = `http://127.0.0.1:${port}`;
const PASSWORD = 'Regiekamer-demo-2026';
const IMPORT_PREFIX = 'bimp';
const explain = args.includes('--explain');
/** Measures the public pages as a first visitor would (PAGE_CACHE_SECONDS=0): what a render costs. */
const noPageCache = args.includes('--no-page-cache');
const wanted = (name: string) => !only || only.includes(name);
const log = (s: string) => process.stdout.write(`${s}\n`);

// -------------------------------------------------------------------------------------------------
// Look-ups on the scale data set, before the server holds the database (PGlite is single-process).

const bulkOptions = dbKind === 'postgres' ? { url: databaseUrl } : { pgliteDir: `${dataDir}/pglite` };

async function prepare(): Promise<{ lookups: Lookups; importCsv: string; importValues: unknown[][] }> {
  const bulk = await openBulk(bulkOptions);
  try {
    const one = async <T>(text: string, params: unknown[] = []) => {
      const [row] = await bulk.query<T>(text, params);
      if (!row)
        throw new Error(`bench: nothing found for ${text.slice(0, 80)}… Did you run npm run seed:scale?`);
      return row;
    };
    const year = new Date().getFullYear();
    const call = await one<{ id: string }>(
      "select id from calls where code like 'TOK-S%' order by code desc limit 1",
    );
    const reg = await one<{ id: string; n: number; email: string }>(
      `select a.id, count(*)::int as n, (select u.email from memberships m join users u on u.id = m.user_id
         where m.organisation_id = a.applicant_organisation_id and m.role = 'local_officer' order by u.email limit 1) as email
       from call_applications a join oefenkansen o on o.application_id = a.id
       group by a.id order by n desc limit 1`,
    );
    const emailOf = async (role: string, agency: string) =>
      (
        await one<{ email: string }>(
          `select u.email from users u join memberships m on m.user_id = u.id join organisations o on o.id = m.organisation_id
           where m.role = $1 and o.agency_code = $2 and u.email like 'schaal%' order by u.email limit 1`,
          [role, agency],
        )
      ).email;
    const agencyStaffEmail = await emailOf('agency_staff', 'AGII');
    const counsellorEmail = await emailOf('counsellor', 'AGII');
    const eventUsers = await bulk.query<{ id: string; email: string }>(
      `select u.id, u.email from users u join memberships m on m.user_id = u.id join organisations o on o.id = m.organisation_id
       where m.role = 'local_officer' and o.type = 'local_government' and u.email like 'schaal%' order by u.email limit 150`,
    );
    const events = await bulk.query<{ id: string }>(
      `select id from knowledge_events where audience_kind = 'all_local_governments' and cancelled_at is null
         and starts_at > now() and registration_closes_at > now() and coalesce(registration_opens_at, now()) <= now()
         and not approval_required order by id`,
    );
    const taken = new Set(
      (
        await bulk.query<{ k: string }>(
          `select event_id || '|' || user_id as k from knowledge_registrations where status <> 'cancelled' and user_id = any($1::uuid[])`,
          [eventUsers.map((u) => u.id)],
        )
      ).map((r) => r.k),
    );
    const eventPairs: Array<[number, string]> = [];
    for (const e of events)
      eventUsers.forEach((u, i) => {
        if (!taken.has(`${e.id}|${u.id}`)) eventPairs.push([i, e.id]);
      });
    // Interleave so that consecutive requests hit different events (less lock contention per event).
    eventPairs.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    const byUser = new Map<number, string[]>();
    for (const [i, e] of eventPairs) byUser.set(i, [...(byUser.get(i) ?? []), e]);
    const interleaved: Array<[number, string]> = [];
    for (let k = 0; interleaved.length < eventPairs.length; k++)
      for (const [i, list] of byUser) if (list[k]) interleaved.push([i, list[k]!]);
    const hourTargets = (
      await bulk.query<{ t: string; a: string; d: string }>(
        `select t.id as t, (select a.id from participation_activities a where a.trajectory_id = t.id order by a.id limit 1) as a,
           greatest(t.start_date, current_date - 90)::text as d
         from participation_trajectories t join organisations o on o.id = t.counsellor_organisation_id
         where o.agency_code = 'AGII' and t.status = 'active' and t.start_date < current_date - 7 order by t.id limit 4000`,
      )
    )
      .filter((r) => r.a)
      .map((r): [string, string, string] => [r.t, r.a, r.d]);
    const period = await one<{ p: string }>(
      "select max(period) as p from monitoring_values v join monitoring_indicators i on i.id = v.indicator_id where i.code = 'schaal-02'",
    );

    // The import: indicators bimp-01…60 (created once), their values removed, and a CSV of ~500,000 values.
    const generator = new ScaleGenerator(bulk, sizesFor(1), 9, '', new Date().toISOString().slice(0, 10));
    const defs = generator.indicatorDefinitions(60, IMPORT_PREFIX);
    const existing = await bulk.query<{ id: string; code: string }>(
      'select id, code from monitoring_indicators where code like $1',
      [`${IMPORT_PREFIX}-%`],
    );
    if (existing.length) {
      const ids = new Map(existing.map((r) => [r.code, r.id]));
      for (const d of defs) d.id = ids.get(d.code) ?? d.id;
      await bulk.query('delete from monitoring_values where indicator_id = any($1::uuid[])', [
        existing.map((r) => r.id),
      ]);
      await bulk.query('delete from monitoring_import_batches where file_name = $1', ['bench-import.csv']);
      // PGlite has no autovacuum: without this the runs would read past the previous import's dead rows.
      await bulk.exec('vacuum analyze monitoring_values');
    } else {
      await bulk.copy(
        'monitoring_indicators',
        ScaleGenerator.indicatorColumns,
        defs.map((d) => generator.indicatorRow(d)),
      );
    }
    const nis = (
      await bulk.query<{ nis: string }>("select nis from municipalities where region = 'VLG' order by nis")
    ).map((r) => r.nis);
    const perYear = defs.reduce((s, d) => s + d.keys.length, 0) * nis.length;
    const years = Array.from({ length: Math.ceil(importRows / perYear) }, (_, i) => 2024 - i).reverse();
    const lines = ['indicator;nis;periode;uitsplitsing;waarde;teller;noemer'];
    const importValues: unknown[][] = [];
    const codeOf = new Map(defs.map((d) => [d.id, d.code]));
    for (const r of generator.valueRows(defs, years, nis)) {
      if (importValues.length >= importRows) break;
      const [id, area, p, key, v, num, den] = r;
      lines.push(`${codeOf.get(id)};${area};${p};${key};${v ?? ''};${num ?? ''};${den ?? ''}`);
      importValues.push([id, area, p, key, v, num, den, 'final', null]);
    }
    await bulk.exec('ANALYZE monitoring_values');
    return {
      lookups: {
        year,
        nis: '12025',
        mapIndicator: 'schaal-02',
        mapPeriod: period.p,
        callId: call.id,
        registerApplicationId: reg.id,
        registerRows: reg.n,
        agencyStaffEmail,
        localOfficerEmail: reg.email,
        counsellorEmail,
        eventUserEmails: eventUsers.map((u) => u.email),
        eventPairs: interleaved,
        hourTargets,
      },
      importCsv: `${lines.join('\n')}\n`,
      importValues,
    };
  } finally {
    await bulk.close();
  }
}

// -------------------------------------------------------------------------------------------------
// The server as a child process, its start-up time and its resident memory.

type Server = {
  child: ChildProcess;
  wallMs: number;
  startupMs: number;
  /** Where the start-up went: opening the database, migrations, module start-up, building the app. */
  timings: Record<string, number>;
  output: string[];
};

async function startServer(): Promise<Server> {
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-session-secret-0123456789-abcdefghij',
    BASE_URL: base,
    PORT: String(port),
    HOST: '127.0.0.1',
    DEMO: '0',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '10000',
    DATA_DIR: dataDir,
    DATABASE_URL: dbKind === 'postgres' ? databaseUrl : '',
    SMTP_URL: '',
    ...(noPageCache ? { PAGE_CACHE_SECONDS: '0' } : {}),
  };
  const started = Date.now();
  // The same heap limit as `npm start` (docs/decisions/0006-heap-limit.md).
  const child = spawn(process.execPath, ['--max-old-space-size=1536', '--import', 'tsx', 'bench/server.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let startupMs = -1;
  let timings: Record<string, number> = {};
  child.stdout!.on('data', (b: Buffer) => {
    for (const line of b.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (line.startsWith('{"ready"')) {
        const ready = JSON.parse(line) as { startupMs: number; timings: Record<string, number> };
        startupMs = ready.startupMs;
        timings = ready.timings;
      }
    }
  });
  child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bench server exited:\n${output.join('\n')}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok && startupMs >= 0) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) throw new Error(`bench server did not start:\n${output.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, wallMs: Date.now() - started, startupMs, timings, output };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

// -------------------------------------------------------------------------------------------------
// Sessions: log in through the real form (CSRF cookie and token), keep the cookie and a CSRF token.

type Session = { cookie: string; csrf: string };

const cookiesOf = (res: Response, jar: Map<string, string>) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
};
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const csrfIn = (html: string) =>
  /name="_csrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"\s+name="_csrf"/.exec(html)?.[1];

async function login(email: string): Promise<Session> {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/login`);
  cookiesOf(page, jar);
  const token = csrfIn(await page.text());
  if (!token) throw new Error('bench: no CSRF token on /login');
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: token }).toString(),
  });
  cookiesOf(res, jar);
  if (res.status !== 303 || !jar.get('rk_session'))
    throw new Error(`bench: login of ${email} failed (${res.status})`);
  const home = await fetch(`${base}/home`, { headers: { cookie: cookieHeader(jar) } });
  cookiesOf(home, jar);
  const csrf = csrfIn(await home.text());
  if (!csrf) throw new Error('bench: no CSRF token on /home');
  return { cookie: cookieHeader(jar), csrf };
}

// -------------------------------------------------------------------------------------------------
// One load run with autocannon; latencies recorded per response for exact percentiles.

export type RunResult = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  status: Record<string, number>;
  rssMaxMb: number;
  rssAvgMb: number;
};

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * Waits until the server has worked off what the previous run left queued: autocannon stops sending when its
 * time is up, but the server still answers every request it accepted. A health request answers only after
 * them; three quick answers in a row mean the server is idle.
 */
async function settle(): Promise<void> {
  let quick = 0;
  const until = Date.now() + 60_000;
  while (quick < 3 && Date.now() < until) {
    const started = performance.now();
    await fetch(`${base}/api/v1/health`).then((r) => r.arrayBuffer());
    quick = performance.now() - started < 20 ? quick + 1 : 0;
  }
}

async function load(
  pid: number,
  options: autocannon.Options,
  seconds: number,
  warmup = true,
): Promise<RunResult> {
  await settle();
  if (warmup) await autocannon({ ...options, duration: Math.min(2, Math.max(1, seconds / 5)) });
  const latencies: number[] = [];
  const status: Record<string, number> = {};
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(pid)), 250);
  let instance: autocannon.Instance | undefined;
  const result = await new Promise<autocannon.Result>((done, fail) => {
    instance = autocannon({ ...options, duration: seconds }, (error, r) => (error ? fail(error) : done(r)));
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      status[statusCode] = (status[statusCode] ?? 0) + 1;
    });
  });
  void instance;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: round(latencies.length / seconds),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? 0),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status,
    rssMaxMb: Math.max(0, ...rss),
    rssAvgMb: rss.length ? Math.round(rss.reduce((a, b) => a + b, 0) / rss.length) : 0,
  };
}

// -------------------------------------------------------------------------------------------------
// Targets (issue #9).

type Target = { p95Ms?: number; minRatio?: number };
function targetFor(s: Pick<Scenario, 'kind'>): Target {
  if (dbKind === 'pglite') return s.kind === 'page' ? { p95Ms: 200 } : {};
  if (s.kind === 'page') return { p95Ms: 50, minRatio: 0.5 };
  if (s.kind === 'api') return { p95Ms: 25, minRatio: 0.5 };
  return { p95Ms: 50 };
}

type ScenarioResult = {
  name: string;
  kind: string;
  description: string;
  path?: string;
  connections: number;
  result: RunResult;
  baseline?: { name: string; queries: number; result: RunResult };
  ratio?: number;
  target: Target;
  met: boolean;
  misses: string[];
};

function judge(
  s: Scenario,
  result: RunResult,
  baselineRps?: number,
): Pick<ScenarioResult, 'target' | 'met' | 'misses' | 'ratio'> {
  const target = targetFor(s);
  const misses: string[] = [];
  const ratio = baselineRps ? round(result.rps / baselineRps, 2) : undefined;
  if (target.p95Ms !== undefined && result.p95 > target.p95Ms)
    misses.push(`p95 ${result.p95} ms > ${target.p95Ms} ms`);
  if (target.minRatio !== undefined && ratio !== undefined && ratio < target.minRatio)
    misses.push(`throughput ${Math.round(ratio * 100)} % of SQL baseline < ${target.minRatio * 100} %`);
  if (result.requests === 0) misses.push('no request completed within the run');
  if (result.errors || result.non2xx) misses.push(`${result.errors} errors, ${result.non2xx} non-2xx`);
  return { target, met: misses.length === 0, misses, ratio };
}

// -------------------------------------------------------------------------------------------------

async function main() {
  log(
    `Benchmark on ${dbKind} (${dbKind === 'postgres' ? databaseUrl : dataDir}), ${connections} connections, ${duration} s per run`,
  );
  const t = performance.now();
  const { lookups, importCsv, importValues } = await prepare();
  log(
    `  look-ups and import file (${importValues.length.toLocaleString('en')} values) in ${round((performance.now() - t) / 1000)} s`,
  );

  const server = await startServer();
  const pid = server.child.pid!;
  log(
    `  server up in ${server.wallMs} ms (wall, with tsx) / ${server.startupMs} ms (inside: ${JSON.stringify(server.timings)}), RSS ${rssMb(pid)} MB`,
  );
  const results: ScenarioResult[] = [];
  const explained: string[] = [];
  let importResult: Record<string, unknown> | undefined;
  let frameworkCeiling: RunResult | undefined;
  try {
    const sessions: Partial<Record<string, Session>> = {};
    const sessionFor = async (account: string, email: string) => (sessions[account] ??= await login(email));

    if (wanted('static') || !only) {
      frameworkCeiling = await load(pid, { url: `${base}/__bench/static`, connections }, duration);
      log(`  static page (framework ceiling): ${frameworkCeiling.rps} req/s, p95 ${frameworkCeiling.p95} ms`);
    }

    for (const s of scenarios(lookups)) {
      if (!wanted(s.name)) continue;
      let result: RunResult;
      let baseline: ScenarioResult['baseline'];
      if (s.kind !== 'write') {
        const headers: Record<string, string> = {};
        if (s.account === 'agencyStaff')
          headers.cookie = (await sessionFor(s.account, lookups.agencyStaffEmail)).cookie;
        if (s.account === 'localOfficer')
          headers.cookie = (await sessionFor(s.account, lookups.localOfficerEmail)).cookie;
        // Capture the page's SQL (one request), then measure the page and the replay of its SQL.
        const probe = await fetch(`${base}${s.path}`, { headers: { ...headers, 'x-bench-capture': s.name } });
        await probe.arrayBuffer();
        if (!probe.ok) log(`  ! ${s.name}: ${probe.status} on the probe request`);
        await new Promise((r) => setTimeout(r, 50));
        const captured = (await (await fetch(`${base}/__bench/captures`)).json()) as Record<
          string,
          unknown[][]
        >;
        if (explain) explained.push(await explainScenario(s));
        result = await load(pid, { url: `${base}${s.path}`, connections, headers }, duration);
        if (s.sqlBaseline && captured[s.name]) {
          const queries = captured[s.name]!.reduce((n, g) => n + g.length, 0);
          baseline = {
            name: `${s.name}:sql`,
            queries,
            result: await load(pid, { url: `${base}/__bench/sql/${s.name}`, connections }, duration),
          };
        }
      } else if (s.name === 'event-registration') {
        const users = [] as Session[];
        for (const email of lookups.eventUserEmails) users.push(await login(email));
        const pairs = lookups.eventPairs;
        let next = 0;
        result = await load(
          pid,
          {
            url: base,
            connections,
            requests: [
              {
                method: 'POST',
                setupRequest: (req) => {
                  const [u, eventId] = pairs[next++ % pairs.length]!;
                  const session = users[u]!;
                  return {
                    ...req,
                    path: `/api/v1/events/${eventId}/registrations`,
                    headers: {
                      'content-type': 'application/json',
                      cookie: session.cookie,
                      'x-csrf-token': session.csrf,
                    },
                    body: '{}',
                  };
                },
              },
            ],
          },
          duration,
          false,
        );
        log(`    (${next} of ${pairs.length} open user×event pairs used)`);
      } else {
        const session = await sessionFor(s.account, lookups.counsellorEmail);
        const targets = lookups.hourTargets;
        const today = new Date().toISOString().slice(0, 10);
        let next = 0;
        result = await load(
          pid,
          {
            url: base,
            connections,
            requests: [
              {
                method: 'POST',
                setupRequest: (req) => {
                  const [trajectoryId, activityId, earliest] = targets[next++ % targets.length]!;
                  const span = Math.max(0, (Date.parse(today) - Date.parse(earliest)) / 86_400_000 - 1);
                  const date = new Date(Date.parse(earliest) + Math.floor(Math.random() * span) * 86_400_000)
                    .toISOString()
                    .slice(0, 10);
                  return {
                    ...req,
                    path: `/api/v1/participation/trajectories/${trajectoryId}/hours`,
                    headers: {
                      'content-type': 'application/json',
                      cookie: session.cookie,
                      'x-csrf-token': session.csrf,
                    },
                    body: JSON.stringify({ activityId, date, hours: 0.5 }),
                  };
                },
              },
            ],
          },
          duration,
          false,
        );
      }
      const verdict = judge(s, result, baseline?.result.rps);
      results.push({
        name: s.name,
        kind: s.kind,
        description: s.description,
        path: s.path,
        connections,
        result,
        baseline,
        ...verdict,
      });
      log(
        `  ${s.name.padEnd(26)} ${String(result.rps).padStart(7)} req/s  p50 ${result.p50} p95 ${result.p95} p99 ${result.p99} ms` +
          `${baseline ? `  | sql ${baseline.result.rps} req/s p95 ${baseline.result.p95} ms (${baseline.queries} q), ratio ${verdict.ratio}` : ''}` +
          `${result.non2xx ? `  non-2xx ${result.non2xx} ${JSON.stringify(result.status)}` : ''}  ${verdict.met ? 'ok' : `MISS: ${verdict.misses.join('; ')}`}`,
      );
    }

    if (wanted('import')) importResult = await runImport(pid, importCsv);
  } finally {
    await stopServer(server);
  }
  if (importResult) {
    const copy = await copyBaseline(importCsv, importValues);
    const ratio = round((copy.copyValuesMs as number) / (importResult.totalMs as number), 2);
    const misses: string[] = [];
    if (dbKind === 'postgres') {
      if ((importResult.totalMs as number) > 20_000) misses.push(`import ${importResult.totalMs} ms > 20 s`);
      if (ratio < 0.5) misses.push(`import speed ${Math.round(ratio * 100)} % of raw COPY < 50 %`);
    }
    importResult = { ...importResult, baseline: copy, ratio, met: misses.length === 0, misses };
    log(`  import: ${JSON.stringify(importResult)}`);
  }

  const rssMax = Math.max(
    0,
    ...results.map((r) => Math.max(r.result.rssMaxMb, r.baseline?.result.rssMaxMb ?? 0)),
  );
  const startupMet = dbKind === 'pglite' ? server.startupMs <= 3000 : true;
  const output = {
    at: new Date().toISOString(),
    database: dbKind,
    connections,
    durationSeconds: duration,
    /** Whether anonymous public pages came from the page cache (core/http/page-cache). */
    pageCache: !noPageCache,
    machine: {
      cpus: (await import('node:os')).cpus().length,
      node: process.version,
      loadavg: (await import('node:os')).loadavg(),
    },
    startup: {
      wallMs: server.wallMs,
      insideMs: server.startupMs,
      timings: server.timings,
      target: dbKind === 'pglite' ? 3000 : null,
      met: startupMet,
    },
    rss: { maxMb: rssMax, targetMb: 400, met: rssMax <= 400 },
    frameworkCeiling,
    scenarios: results,
    import: importResult,
  };
  mkdirSync('bench/results', { recursive: true });
  const md = markdown(output);
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (only) {
    writeFileSync(`bench/results/partial-${dbKind}.json`, json);
    writeFileSync(`bench/results/partial-${dbKind}.md`, md);
  } else {
    writeFileSync(`bench/results/latest-${dbKind}.json`, json);
    writeFileSync('bench/results/latest.json', json);
    writeFileSync(`bench/results/latest-${dbKind}.md`, md);
    writeFileSync('bench/results/latest.md', md);
  }
  if (explained.length)
    writeFileSync(
      `bench/results/explain-${dbKind}.md`,
      `# Query plans: ${dbKind}\n\n${explained.join('\n')}`,
    );
  log(`\n${md}`);
}

/** The plans of the queries a read scenario's page ran (captured just before), as Markdown. */
async function explainScenario(s: Scenario): Promise<string> {
  const res = await fetch(`${base}/__bench/explain/${s.name}`);
  if (!res.ok) return `## ${s.name}\n\nNo plans (${res.status}).\n`;
  const plans = (await res.json()) as Array<{ text: string; values: unknown[]; plan: string }>;
  const parts = plans.map(
    (p, i) =>
      `### ${i + 1}. ${/Execution Time: ([\d.]+ ms)/.exec(p.plan)?.[1] ?? ''}\n\n\`\`\`sql\n${p.text}\n-- ${JSON.stringify(p.values)}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\`\n`,
  );
  return `## ${s.name} (${s.path})\n\n${parts.join('\n')}`;
}

async function runImport(pid: number, csv: string) {
  const session = await login('beheerder@demo.regiekamer.be');
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMb(pid)), 250);
  const form = new FormData();
  form.set('_csrf', session.csrf);
  form.set('strategy', 'upsert');
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'bench-import.csv');
  const t0 = performance.now();
  const check = await fetch(`${base}/monitoring/import`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: form,
  });
  const t1 = performance.now();
  const location = check.headers.get('location') ?? '';
  await check.arrayBuffer();
  if (check.status !== 303 || !location.includes('/monitoring/import/')) {
    clearInterval(sampler);
    return { ok: false, status: check.status, checkMs: Math.round(t1 - t0), rows: importRows };
  }
  const run = await fetch(`${base}${location}/inlezen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf }).toString(),
  });
  await run.arrayBuffer();
  const t2 = performance.now();
  clearInterval(sampler);
  return {
    ok: run.status < 400,
    status: run.status,
    rows: csv.split('\n').length - 2,
    bytes: csv.length,
    checkMs: Math.round(t1 - t0),
    writeMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
    rowsPerSecond: Math.round((csv.split('\n').length - 2) / ((t2 - t0) / 1000)),
    rssMaxMb: Math.max(0, ...rss),
  };
}

/** The import's baseline: the same rows by raw COPY, into a copy of the value table and as the bare file. */
async function copyBaseline(csv: string, values: unknown[][]) {
  const bulk = await openBulk(bulkOptions);
  try {
    await bulk.exec('SET session_replication_role = origin');
    await bulk.exec('DROP TABLE IF EXISTS bench_copy_values; DROP TABLE IF EXISTS bench_copy_file');
    await bulk.exec(
      'CREATE TABLE bench_copy_values (LIKE monitoring_values INCLUDING DEFAULTS INCLUDING INDEXES)',
    );
    await bulk.exec(
      'CREATE TABLE bench_copy_file (indicator text, nis text, periode text, uitsplitsing text, waarde text, teller text, noemer text)',
    );
    let t = performance.now();
    await bulk.copy(
      'bench_copy_values',
      [
        'indicator_id',
        'area_code',
        'period',
        'breakdown',
        'value',
        'numerator',
        'denominator',
        'status',
        'source',
      ],
      values,
    );
    const copyValuesMs = Math.round(performance.now() - t);
    const fileRows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';').map((c) => (c === '' ? null : c)));
    t = performance.now();
    await bulk.copy(
      'bench_copy_file',
      ['indicator', 'nis', 'periode', 'uitsplitsing', 'waarde', 'teller', 'noemer'],
      fileRows,
    );
    const copyFileMs = Math.round(performance.now() - t);
    return { copyValuesMs, copyFileMs, rows: values.length };
  } finally {
    await bulk
      .exec('DROP TABLE IF EXISTS bench_copy_values; DROP TABLE IF EXISTS bench_copy_file')
      .catch(() => {});
    await bulk.close();
  }
}

function markdown(o: {
  at: string;
  database: string;
  connections: number;
  durationSeconds: number;
  pageCache: boolean;
  machine: { cpus: number; node: string; loadavg: number[] };
  startup: { wallMs: number; insideMs: number; timings: Record<string, number>; met: boolean };
  rss: { maxMb: number; met: boolean };
  frameworkCeiling?: RunResult;
  scenarios: ScenarioResult[];
  import?: Record<string, unknown>;
}): string {
  const rows = o.scenarios.map(
    (s) =>
      `| ${s.name} | ${s.kind} | ${s.result.rps} | ${s.result.p50} | ${s.result.p95} | ${s.result.p99} | ${s.result.errors + s.result.timeouts} | ${s.result.non2xx} | ${s.baseline ? `${s.baseline.result.rps} (p95 ${s.baseline.result.p95})` : '–'} | ${s.ratio ?? '–'} | ${s.target.p95Ms ?? '–'} | ${s.met ? 'yes' : `**no**: ${s.misses.join('; ')}`} |`,
  );
  const imp = o.import as
    | {
        totalMs: number;
        checkMs: number;
        writeMs: number;
        rows: number;
        ratio: number;
        met: boolean;
        misses: string[];
        baseline: { copyValuesMs: number; copyFileMs: number };
      }
    | undefined;
  return [
    `# Benchmark: ${o.database}`,
    '',
    `${o.at}; ${o.connections} connections; ${o.durationSeconds} s per run; public page cache ${o.pageCache ? 'on (anonymous scenarios are served from it after their first request)' : 'off'}; ${o.machine.cpus} CPUs shared by server and load generator (load average at the end ${o.machine.loadavg.map((l) => l.toFixed(1)).join(' ')}); Node ${o.machine.node}.`,
    '',
    `- Start-up (existing database): ${o.startup.insideMs} ms inside the process (${Object.entries(
      o.startup.timings,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ', ',
      )}), ${o.startup.wallMs} ms from spawn to healthy${o.database === 'pglite' ? ` (target ≤ 3000 ms: ${o.startup.met ? 'met' : '**missed**'})` : ''}`,
    `- Resident memory under load (max sampled): ${o.rss.maxMb} MB (target ≤ 400 MB: ${o.rss.met ? 'met' : '**missed**'})`,
    o.frameworkCeiling
      ? `- Framework ceiling (fixed small page): ${o.frameworkCeiling.rps} req/s, p50 ${o.frameworkCeiling.p50} ms, p95 ${o.frameworkCeiling.p95} ms`
      : '',
    '',
    '| scenario | kind | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | SQL baseline req/s | ratio | p95 target | met |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    imp
      ? `Import of ${imp.rows?.toLocaleString('en')} indicator values (upload + check ${imp.checkMs} ms, write ${imp.writeMs} ms): **${imp.totalMs} ms**; raw COPY of the same rows into a copy of the value table ${imp.baseline.copyValuesMs} ms (bare file into a text table ${imp.baseline.copyFileMs} ms); ratio ${imp.ratio}. ${imp.met ? 'Targets met.' : `Missed: ${imp.misses.join('; ')}`}`
      : '',
    '',
  ].join('\n');
}

await main();
