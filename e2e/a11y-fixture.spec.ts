import { A11yRecorder, expect, test } from './fixtures';

// The accessibility fixture itself: it must catch a violation on a page the test has already left, with the
// page's real stylesheet (colour contrast), and report the rule, the page and the element.

const brokenPage = `<!doctype html>
<html lang="nl-BE">
  <head><title>Kapot · Regiekamer</title><link rel="stylesheet" href="/static/regiekamer.css" /></head>
  <body>
    <main>
      <h1>Kapot</h1>
      <img src="/static/favicon.svg" />
      <p class="low-contrast" style="color: #c8c8c8; background: #ffffff">Te licht</p>
    </main>
  </body>
</html>`;

test('the recorder reports violations of a page the test already left', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL: baseURL! });
  let replay: Awaited<ReturnType<typeof context.newPage>> | undefined;
  const recorder = new A11yRecorder(async () => {
    replay ??= await (await browser.newContext({ baseURL: baseURL! })).newPage();
    return replay;
  });
  await recorder.attach(context);
  const page = await context.newPage();
  await page.route('**/kapot', (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: brokenPage }),
  );
  await page.goto('/kapot');
  await page.goto('/toegankelijkheid');

  const violations = await recorder.settle();
  const ids = violations.map((v) => v.id).sort();
  expect(ids).toEqual(['color-contrast', 'image-alt']);
  expect(violations.every((v) => v.url.endsWith('/kapot'))).toBe(true);
  expect(violations.find((v) => v.id === 'image-alt')?.targets).toEqual(['img']);
  expect(recorder.checked.map((u) => new URL(u.split(' ')[0]!).pathname)).toEqual([
    '/kapot',
    '/toegankelijkheid',
  ]);
  await replay?.context().close();
  await context.close();
});
