import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import {
  type BrowserContext,
  test as base,
  type Cookie,
  expect,
  type Page,
  type Response,
  type TestInfo,
} from '@playwright/test';
import type { AxeResults } from 'axe-core';

/**
 * Browser-test fixtures. Every spec imports `test` and `expect` from here (never from @playwright/test),
 * which brings the automatic accessibility check along:
 *
 * - every HTML document that loads in the main frame of any page of the test's context is snapshotted when
 *   its DOM is ready (by an init script, so clicks, form posts, redirects and `goto` are all covered) and
 *   checked with axe in a separate, worker-wide browser context; the test's own page is never touched, so
 *   the check cannot race the test's next click;
 * - when the test ends, the live state of every open page is checked as well (covers DOM changes after load);
 * - any violation fails the test with the rule id, its help text, the page and the target selectors.
 */

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export const DEMO_PASSWORD = 'Regiekamer-demo-2026';
export const demoEmail = (local: string) => `${local}@demo.regiekamer.be`;

/**
 * The demo accounts as declared in src/modules/reference/demo.ts, one per role. Read as text, so the tests
 * follow that list without loading server code; the login page's demo table is checked against it.
 */
export function readDemoAccounts(): Array<{ local: string; name: string }> {
  const source = readFileSync(new URL('../src/modules/reference/demo.ts', import.meta.url), 'utf8');
  const accounts = [...source.matchAll(/local:\s*'([^']+)',\s*name:\s*'([^']+)'/g)].map((m) => ({
    local: m[1]!,
    name: m[2]!,
  }));
  if (accounts.length === 0) throw new Error('no demo accounts found in src/modules/reference/demo.ts');
  return accounts;
}

export type A11yViolation = { url: string; id: string; impact: string; help: string; targets: string[] };

/** A document as it loaded, with the cookies of that moment (so the replay fetches what the page fetched). */
type Snapshot = { url: string; html: string; cookies: Promise<Cookie[]> };

const BINDING = '__regiekamerA11ySnapshot';

/**
 * Runs in every frame of every page before the page's own scripts. Only the main frame of an http(s) HTML
 * document reports: it sends its serialised DOM at DOMContentLoaded (server-rendered pages are complete then;
 * the replay page loads the stylesheets itself). The message reaches the test runner even when the page
 * navigates away right afterwards.
 */
const snapshotScript = `(() => {
  if (window.top !== window) return;
  addEventListener('DOMContentLoaded', () => {
    if (!/^https?:$/.test(location.protocol) || document.contentType !== 'text/html') return;
    const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '';
    window.${BINDING}(location.href, doctype + document.documentElement.outerHTML);
  });
})();`;

function violationsOf(url: string, results: AxeResults): A11yViolation[] {
  return results.violations.map((v) => ({
    url,
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
}

/** 304 is a cache hit; a redirect or an HTML answer (a login page) means the styles are missing. */
function stylesheetLoaded(response: Response): boolean {
  const status = response.status();
  if (status === 304) return true;
  return status >= 200 && status < 300 && (response.headers()['content-type'] ?? '').startsWith('text/css');
}

function stylesheetProblem(pageUrl: string, stylesheet: string, status: number): A11yViolation {
  return {
    url: pageUrl,
    id: 'stylesheet-not-loaded',
    impact: 'critical',
    help: `A stylesheet answered ${status}: the page is shown, and checked, without its styles`,
    targets: [stylesheet],
  };
}

/** One line per violation, readable in the list reporter. */
export function formatViolations(violations: A11yViolation[]): string {
  return violations
    .map(
      (v) =>
        `  [${v.impact}] ${v.id}: ${v.help}\n    on ${v.url}\n` +
        v.targets
          .slice(0, 10)
          .map((t) => `      - ${t}`)
          .join('\n') +
        (v.targets.length > 10 ? `\n      … and ${v.targets.length - 10} more` : ''),
    )
    .join('\n');
}

/** Checks the live state of a page with axe. */
export async function axeCheck(page: Page): Promise<A11yViolation[]> {
  // Legacy mode runs axe in the page itself, without the blank page that finishRun would open; only the
  // violations are collected in detail.
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true)
    .analyze();
  return violationsOf(page.url(), results);
}

/** The same document seen again (a form's one-time tokens aside) need not be checked again. */
function documentKey(html: string): string {
  const normalised = html.replace(/(name="_(?:csrf|once)" value=")[^"]*"/g, '$1"');
  return createHash('sha256').update(normalised).digest('hex');
}

/** Results of documents already checked in this worker, by documentKey. */
export type A11yCache = Map<string, A11yViolation[]>;

/**
 * Records every page load of a browser context and checks it with axe on a replay page: the captured DOM is
 * served at its original URL with the cookies of that moment, so stylesheets load as they did for the test
 * and colour contrast is real; scripts are blocked (the snapshot already holds what they did).
 */
export class A11yRecorder {
  readonly checked: string[] = [];
  private readonly found = new Map<string, A11yViolation>();
  private readonly snapshots = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private failures: unknown[] = [];

  constructor(
    private readonly replay: () => Promise<Page>,
    private readonly cache: A11yCache = new Map(),
  ) {}

  async attach(context: BrowserContext): Promise<void> {
    await context.exposeBinding(BINDING, (source, url: string, html: string) => {
      if (source.frame !== source.page.mainFrame()) return;
      this.enqueue({ url, html, cookies: source.context.cookies() });
    });
    await context.addInitScript({ content: snapshotScript });
    // Colour contrast means nothing without the styles: a stylesheet that does not load fails the test too.
    context.on('response', (response) => {
      const request = response.request();
      if (request.resourceType() !== 'stylesheet' || stylesheetLoaded(response)) return;
      this.record([stylesheetProblem(response.frame().url(), request.url(), response.status())]);
    });
  }

  private enqueue(snapshot: Snapshot): void {
    this.snapshots.set(snapshot.url, snapshot.html);
    snapshot.cookies.catch(() => {});
    this.queue = this.queue.then(() =>
      this.checkSnapshot(snapshot).catch((error: unknown) => {
        this.failures.push(error);
      }),
    );
  }

  private record(violations: A11yViolation[]): void {
    for (const v of violations) {
      const key = `${new URL(v.url).pathname}|${v.id}|${v.targets.join(',')}`;
      if (!this.found.has(key)) this.found.set(key, v);
    }
  }

  private async checkSnapshot({ url, html, cookies }: Snapshot): Promise<void> {
    const key = documentKey(html);
    const known = this.cache.get(key);
    if (known) {
      this.checked.push(`${url} (same document as before)`);
      this.record(known.map((v) => ({ ...v, url })));
      return;
    }
    const started = Date.now();
    const page = await this.replay();
    const target = url.split('#')[0];
    await page.context().clearCookies();
    await page.context().addCookies(await cookies);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && request.url().split('#')[0] === target) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    const failedStyles: A11yViolation[] = [];
    const onResponse = (response: Response) => {
      const request = response.request();
      if (request.resourceType() === 'stylesheet' && !stylesheetLoaded(response))
        failedStyles.push(stylesheetProblem(url, request.url(), response.status()));
    };
    page.on('response', onResponse);
    try {
      await page.goto(url, { waitUntil: 'load' });
    } finally {
      page.off('response', onResponse);
    }
    const violations = [...failedStyles, ...(await axeCheck(page))];
    this.cache.set(key, violations);
    this.record(violations);
    this.checked.push(`${url} (${Date.now() - started} ms)`);
  }

  /**
   * The current state of a live page (at test end): its DOM is snapshotted and checked like a page load,
   * unless it is exactly what was already checked for that address.
   */
  async checkLive(page: Page): Promise<void> {
    if (page.isClosed() || !/^https?:/.test(page.url())) return;
    await page.waitForLoadState('load');
    const html = (await page.evaluate(
      `document.contentType === 'text/html' ? (document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '') + document.documentElement.outerHTML : null`,
    )) as string | null;
    if (html === null || this.snapshots.get(page.url()) === html) return;
    this.enqueue({ url: page.url(), html, cookies: page.context().cookies() });
  }

  /** Waits for every pending check; returns the violations found so far. */
  async settle(): Promise<A11yViolation[]> {
    let current: Promise<void>;
    do {
      current = this.queue;
      await current;
    } while (current !== this.queue);
    if (this.failures.length) {
      const [first] = this.failures;
      this.failures = [];
      throw new Error(`The accessibility check itself failed: ${String(first)}`);
    }
    return [...this.found.values()];
  }
}

async function report(recorder: A11yRecorder, testInfo: TestInfo): Promise<void> {
  const violations = await recorder.settle();
  await testInfo.attach('axe-checked-pages', {
    body: recorder.checked.join('\n') || '(none)',
    contentType: 'text/plain',
  });
  if (violations.length) {
    throw new Error(
      `Accessibility (axe, ${AXE_TAGS.join(', ')}): ${violations.length} violation(s)\n${formatViolations(violations)}`,
    );
  }
}

type TestFixtures = { a11y: A11yRecorder; a11yAuto: undefined };
type WorkerFixtures = { a11yWorker: { replayPage: () => Promise<Page>; cache: A11yCache } };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // One replay page per worker, in a browser context of its own, created on first use; and the results of
  // the documents this worker has checked.
  a11yWorker: [
    async ({ browser }, use) => {
      let replay: Promise<Page> | undefined;
      await use({
        replayPage: () => {
          replay ??= browser.newContext().then((context) => context.newPage());
          return replay;
        },
        cache: new Map(),
      });
      if (replay) await (await replay).context().close();
    },
    { scope: 'worker' },
  ],
  a11y: async ({ a11yWorker, context }, use) => {
    const recorder = new A11yRecorder(a11yWorker.replayPage, a11yWorker.cache);
    await recorder.attach(context);
    await use(recorder);
  },
  // Automatic for every test; it also holds on to `page`, so the page is still open when it runs.
  a11yAuto: [
    async ({ a11y, context, page }, use, testInfo) => {
      void page;
      await use(undefined);
      for (const open of context.pages()) await a11y.checkLive(open);
      await report(a11y, testInfo);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Logs in through the login form as `<local>@demo.regiekamer.be` and waits for the home page.
 *
 * The server allows 20 login attempts a minute from one address. Should a full run exceed that, the login
 * waits for the next minute once (and says so in the report) rather than failing the test.
 */
export async function login(page: Page, local: string, password = DEMO_PASSWORD): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.goto('/login');
    await page.getByLabel('E-mailadres').fill(demoEmail(local));
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
      page.getByRole('button', { name: 'Aanmelden' }).click(),
    ]);
    const rateLimited =
      response.status() === 429 && (await response.text()).includes('U deed te veel aanvragen');
    if (!rateLimited || attempt > 1) break;
    const info = test.info();
    info.annotations.push({ type: 'warning', description: `login as ${local} waited for the rate limit` });
    info.setTimeout(info.timeout + 75_000);
    await page.waitForTimeout(61_000);
  }
  await expect(page).toHaveURL(/\/home$/);
}
