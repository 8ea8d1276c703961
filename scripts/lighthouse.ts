/**
 * `npm run audit:lighthouse`: Lighthouse (performance, accessibility, best practices) on the pages
 * people open first: home, public offer search, a municipal profile, the agenda and the login page.
 *
 * Starts the server as a child process on a fresh embedded (PGlite) database with the demo data, drives
 * Debian's Chromium (`CHROME_PATH`, default /usr/bin/chromium) through chrome-launcher, and writes one
 * JSON report per page plus `summary.md` and `summary.json` to bench/results/lighthouse/.
 * Exits non-zero when a score is under its target (performance ≥ 95, accessibility 100, best practices
 * ≥ 95). Lighthouse's default (mobile, simulated throttling) is used; `LIGHTHOUSE_PRESET=desktop` for
 * the desktop one. `LIGHTHOUSE_PORT` chooses the server's port (default 3500).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'bench/results/lighthouse');
const port = Number(process.env.LIGHTHOUSE_PORT ?? 3500);
const base = `http://127.0.0.1:${port}`;
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const preset = process.env.LIGHTHOUSE_PRESET === 'desktop' ? 'desktop' : 'mobile';

/** Progress and results on standard output, one line each. */
const say = (line: string) => process.stdout.write(`${line}\n`);

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 95 } as const;
type Category = keyof typeof TARGETS;

const pages: Array<{ name: string; path: string; description: string }> = [
  { name: 'home', path: '/', description: 'Startpagina' },
  { name: 'aanbod', path: '/aanbod', description: 'Publiek aanbod zoeken (participatie)' },
  {
    name: 'gemeenteprofiel',
    path: '/monitoring/gemeenten/12025',
    description: 'Gemeenteprofiel Mechelen (monitoring, publiek)',
  },
  { name: 'agenda', path: '/agenda', description: 'Publieke agenda (kennis)' },
  { name: 'login', path: '/login', description: 'Aanmelden' },
];

async function waitForServer(child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server stopped with code ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer on ${base} within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'regiekamer-lighthouse-'));
  const serverLog: string[] = [];
  const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: base,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      DEMO: '1',
      SESSION_SECRET: process.env.SESSION_SECRET ?? 'lighthouse-session-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => serverLog.push(String(d)));
  server.stderr?.on('data', (d) => serverLog.push(String(d)));
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  const results: Array<{ page: string; path: string; scores: Record<Category, number>; failing: string[] }> =
    [];
  try {
    const t0 = Date.now();
    await waitForServer(server);
    say(`server ready on ${base} in ${((Date.now() - t0) / 1000).toFixed(1)} s (PGlite, demo data)`);
    chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    mkdirSync(outDir, { recursive: true });
    for (const page of pages) {
      const url = `${base}${page.path}`;
      // One warm-up visit, so the first audit does not pay for cold caches in the server.
      await fetch(url);
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: Object.keys(TARGETS),
        },
        preset === 'desktop' ? desktopConfig : undefined,
      );
      if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
      const main = (
        lhr.audits['network-requests']?.details as { items?: Array<{ url: string; statusCode: number }> }
      )?.items?.[0];
      if (main?.statusCode !== 200)
        throw new Error(`${url} answered ${main?.statusCode}, not the page itself`);
      // Screenshots are most of a report's size and say nothing the scores do not.
      for (const id of ['full-page-screenshot', 'screenshot-thumbnails', 'final-screenshot'])
        if (lhr.audits[id]) delete lhr.audits[id].details;
      delete lhr.fullPageScreenshot;
      writeFileSync(join(outDir, `${page.name}.json`), JSON.stringify(lhr, null, 1));
      const scores = Object.fromEntries(
        (Object.keys(TARGETS) as Category[]).map((c) => [
          c,
          Math.round((lhr.categories[c]?.score ?? 0) * 100),
        ]),
      ) as Record<Category, number>;
      // The audits that cost points, for the summary.
      const failing = (Object.keys(TARGETS) as Category[]).flatMap((c) =>
        (lhr.categories[c]?.auditRefs ?? [])
          .filter((ref) => ref.weight > 0)
          .map((ref) => lhr.audits[ref.id]!)
          .filter((a) => a.score !== null && a.score < 0.9)
          .map((a) => `${c}: ${a.id} (${a.displayValue ?? Math.round((a.score ?? 0) * 100)})`),
      );
      results.push({ page: page.name, path: page.path, scores, failing });
      say(
        `${page.name.padEnd(16)} performance ${scores.performance}  accessibility ${scores.accessibility}  best practices ${scores['best-practices']}${failing.length ? `\n  ${failing.join('\n  ')}` : ''}`,
      );
    }
  } finally {
    if (chrome) await chrome.kill();
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }

  const misses = results.flatMap((r) =>
    (Object.keys(TARGETS) as Category[])
      .filter((c) => r.scores[c] < TARGETS[c])
      .map((c) => `${r.page} ${c} ${r.scores[c]} < ${TARGETS[c]}`),
  );
  const md = [
    '# Lighthouse',
    '',
    `Run ${new Date().toISOString()}: Lighthouse ${lighthouseVersion()}, ${preset} preset (simulated throttling), Debian Chromium, server on PGlite with the demo data (\`npm run audit:lighthouse\`).`,
    `Targets: performance ≥ ${TARGETS.performance}, accessibility ${TARGETS.accessibility}, best practices ≥ ${TARGETS['best-practices']}.`,
    '',
    '| page | path | performance | accessibility | best practices |',
    '| --- | --- | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.page} | \`${r.path}\` | ${r.scores.performance} | ${r.scores.accessibility} | ${r.scores['best-practices']} |`,
    ),
    '',
    misses.length ? `Below target: ${misses.join('; ')}.` : 'Every page meets every target.',
    '',
    ...results.filter((r) => r.failing.length).flatMap((r) => [`- ${r.page}: ${r.failing.join(', ')}`]),
    '',
  ].join('\n');
  writeFileSync(join(outDir, 'summary.md'), md);
  writeFileSync(
    join(outDir, 'summary.json'),
    JSON.stringify({ preset, targets: TARGETS, results, misses }, null, 1),
  );
  say(`reports in ${outDir}`);
  if (misses.length) {
    process.stderr.write(`below target: ${misses.join('; ')}\n`);
    process.exitCode = 1;
  }
}

function lighthouseVersion(): string {
  try {
    const pkg = readFileSync(join(root, 'node_modules/lighthouse/package.json'), 'utf8');
    return (JSON.parse(pkg) as { version: string }).version;
  } catch {
    return '?';
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
