import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, demoEmail, expect, login, readDemoAccounts, test } from './fixtures';

const demoAccounts = readDemoAccounts();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** WCAG 1.4.10 (Reflow): at 320 CSS pixels the page does not scroll sideways (data tables scroll in place). */
async function expectReflowAt320(page: Page): Promise<void> {
  // Reflow is a property of the styled page: measured before the stylesheet has arrived (a loaded CI machine),
  // the bare HTML is wider than the screen.
  await page.waitForLoadState('load');
  await page.setViewportSize({ width: 320, height: 800 });
  const [scrollWidth, clientWidth] = (await page.evaluate(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  )) as [number, number];
  expect(scrollWidth, `${page.url()} is ${scrollWidth}px wide at 320px`).toBeLessThanOrEqual(clientWidth);
}

// Every page these tests load is also checked with axe by the fixture (see fixtures.ts).
// Logins are rate limited to 20 a minute per address: prefer anonymous visits where a page is public.

test.describe('public pages', () => {
  test('the landing page introduces the platform and offers login', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Welkom · Regiekamer');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Regiekamer');
    await expect(page.getByRole('main').getByRole('link', { name: 'Aanmelden' })).toHaveAttribute(
      'href',
      '/login',
    );
    await expect(page.getByRole('main').getByRole('link', { name: 'Gemeenten' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl-BE');
    // The house style reaches anonymous visitors too: the yellow Flemish header bar.
    await expect(page.locator('.site-header__bar')).toHaveCSS('background-color', 'rgb(255, 230, 21)');
  });

  test('the accessibility statement is linked from every page', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Toegankelijkheidsverklaring' }).click();
    await expect(page).toHaveURL(/\/toegankelijkheid$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toegankelijkheidsverklaring');
    await expect(page.getByRole('main')).toContainText('WCAG');
  });

  test('the API documentation lists the operations and links the OpenAPI document', async ({ page }) => {
    await page.goto('/api/docs');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('API en open data');
    await expect(page.getByRole('heading', { name: 'Referentiegegevens' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('/api/v1/municipalities/{nis}');
    const href = await page.getByRole('link', { name: 'openapi.json' }).getAttribute('href');
    expect(href).toBe('/api/v1/openapi.json');
    const doc = await (await page.request.get(href!)).json();
    expect(doc.openapi).toMatch(/^3\./);
  });

  test('public pages reflow at 320 CSS pixels', async ({ page }) => {
    for (const path of [
      '/',
      '/login',
      '/gemeenten',
      '/gemeenten/12025',
      '/organisaties',
      '/toegankelijkheid',
    ]) {
      await page.goto(path);
      await expectReflowAt320(page);
    }
  });

  test('an unknown address shows the Dutch 404 page', async ({ page }) => {
    const response = await page.goto('/bestaat-niet');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
    await expect(page.getByRole('link', { name: 'Naar de startpagina' })).toHaveAttribute('href', '/');
  });
});

test.describe('login', () => {
  test('the login page lists every demo account', async ({ page }) => {
    await page.goto('/login');
    const table = page.getByRole('table', { name: 'Demo-accounts per rol' });
    const emails = new Set(await table.locator('tbody tr td:nth-child(4)').allTextContents());
    expect([...emails].sort()).toEqual(demoAccounts.map((a) => demoEmail(a.local)).sort());
  });

  for (const account of demoAccounts) {
    test(`${account.local} logs in, lands on the home page and logs out`, async ({ page }) => {
      // The organisation(s) of the account, as the login page's demo table lists them.
      await page.goto('/login');
      const organisations = await page
        .getByRole('table', { name: 'Demo-accounts per rol' })
        .locator('tbody tr')
        .filter({ hasText: demoEmail(account.local) })
        .locator('td:nth-child(3)')
        .allTextContents();
      expect(organisations.length).toBeGreaterThan(0);

      await login(page, account.local);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Welkom, ${account.name}`);
      // A user with several memberships starts in one of them.
      const lead = page.getByRole('main').locator('.lead');
      await expect(lead).toContainText(new RegExp(organisations.map(escapeRegExp).join('|')));
      await expect(page.getByRole('banner')).toContainText(account.name);
      // The header with name, organisation (and switcher) fits a small screen.
      await expectReflowAt320(page);
      await page.setViewportSize({ width: 1280, height: 720 });

      await page.getByRole('button', { name: 'Afmelden' }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('status')).toHaveText('U bent afgemeld.');
      await expect(page.getByRole('banner').getByRole('link', { name: 'Aanmelden' })).toBeVisible();
      await page.goto('/home');
      await expect(page).toHaveURL(/\/login\?next=%2Fhome$/);
    });
  }

  test('a wrong password is refused in Dutch, without saying whether the account exists', async ({
    page,
  }) => {
    const attempt = async (email: string) => {
      await page.goto('/login');
      await page.getByLabel('E-mailadres').fill(email);
      await page.getByLabel('Wachtwoord', { exact: true }).fill('helemaal-fout-123');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/login')),
        page.getByRole('button', { name: 'Aanmelden' }).click(),
      ]);
      expect(response.status()).toBe(401);
      const summary = page.locator('.error-summary');
      await expect(summary).toBeVisible();
      await expect(summary).toContainText('horen niet bij elkaar');
      await expect(page).toHaveURL(/\/login$/);
      return summary.textContent();
    };
    const existing = await attempt(demoEmail('gent'));
    const unknown = await attempt('niemand@example.be');
    expect(unknown).toBe(existing);
    expect(existing).not.toMatch(/bestaat niet|onbekend|geen account/i);
  });

  test('a form posted without its CSRF token is refused with the Dutch 403 page', async ({ page }) => {
    await page.goto('/wachtwoord-vergeten');
    await page.getByLabel('E-mailadres').fill(demoEmail('gent'));
    await page.evaluate('document.querySelector(\'input[name="_csrf"]\').remove()');
    await page.getByRole('button', { name: 'Stuur mij een link' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Geen toegang');
    await expect(page.getByRole('main')).toContainText('Uw formulier is verlopen');
  });
});

test.describe('signed in', () => {
  test('the main menu leads to every section and marks the current one', async ({ page }) => {
    test.slow(); // one page (and one axe check) per menu item
    await login(page, 'beheerder');
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
    const links = await menu
      .getByRole('link')
      .evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute('href') ?? '', label: (a.textContent ?? '').trim() })),
      );
    expect(links.map((l) => l.label)).toEqual(expect.arrayContaining(['Gemeenten', 'Organisaties']));
    for (const { href, label } of links) {
      await menu.getByRole('link', { name: label, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${href.replace(/[.?]/g, '\\$&')}$`));
      await expect(menu.getByRole('link', { name: label, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    }
  });

  test('editing the contact details of one’s own organisation', async ({ page }) => {
    await login(page, 'mechelen');
    // Pieter Janssens works for Mechelen and for an intermunicipal partnership: choose Mechelen.
    await page
      .getByLabel('Ik werk voor')
      .selectOption({ label: 'Lokaal bestuur Mechelen (Medewerker lokaal bestuur)' });
    await page.getByRole('button', { name: 'Wissel' }).click();
    await expect(page.getByRole('status')).toHaveText('U werkt nu voor een andere organisatie.');
    await expect(page.getByRole('banner')).toContainText(
      'Lokaal bestuur Mechelen · Medewerker lokaal bestuur',
    );
    await page.getByRole('link', { name: 'Gegevens van de organisatie' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lokaal bestuur Mechelen');
    await page.getByRole('link', { name: 'Contactgegevens aanpassen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contactgegevens aanpassen');

    const email = page.getByLabel('Algemeen e-mailadres');
    await expect(email).toHaveValue('integratie@mechelen.be');
    await email.fill('geen-adres');
    await page.getByRole('button', { name: 'Bewaren' }).click();

    const summary = page.getByRole('alert');
    await expect(summary).toContainText('Er is een probleem');
    const summaryLink = summary.getByRole('link').first();
    await expect(summaryLink).toHaveAttribute('href', '#f-email');
    await expect(page.getByLabel('Algemeen e-mailadres')).toHaveAttribute('aria-invalid', 'true');
    await summaryLink.click();
    await expect(page.getByLabel('Algemeen e-mailadres')).toBeFocused();

    await page.getByLabel('Algemeen e-mailadres').fill('integratiedienst@mechelen.be');
    await page.getByLabel('Telefoonnummer').fill('015 29 76 01');
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await expect(page.getByRole('status')).toHaveText('De contactgegevens zijn bewaard.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lokaal bestuur Mechelen');
    await expect(page.getByRole('link', { name: 'integratiedienst@mechelen.be' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('015 29 76 01');

    await page.getByRole('link', { name: 'Historiek van wijzigingen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Historiek van Lokaal bestuur Mechelen');
  });

  test('creating an API token shows it once; revoking it removes it', async ({ page, request }) => {
    // A private page sends an anonymous visitor to the login page, and back after logging in.
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
    await page.getByLabel('E-mailadres').fill(demoEmail('gent'));
    await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn account');
    await expect(page.getByRole('main')).toContainText('U hebt nog geen API-sleutels.');

    await page.getByLabel('Naam van de nieuwe sleutel').fill('Koppeling dossierbeheer');
    await page.getByRole('button', { name: 'Maak een API-sleutel' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'maar één keer' });
    await expect(notice).toBeVisible();
    const token = ((await notice.locator('code').textContent()) ?? '').trim();
    expect(token.length).toBeGreaterThan(20);

    // The token works on its own, without the browser's session (the `request` fixture has no cookies).
    const bearer = { authorization: `Bearer ${token}` };
    const me = await request.get('/api/v1/me', { headers: bearer });
    expect(me.status()).toBe(200);
    expect((await me.json()).email).toBe(demoEmail('gent'));

    await page.goto('/account');
    await expect(page.getByRole('main')).not.toContainText(token);
    const table = page.getByRole('table', { name: 'Mijn API-sleutels' });
    await expect(table).toContainText('Koppeling dossierbeheer');

    await table.getByRole('link', { name: 'Intrekken (Koppeling dossierbeheer)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('API-sleutel intrekken');
    await page.getByRole('button', { name: 'Ja, trek de sleutel in' }).click();
    await expect(page.getByRole('status')).toHaveText('De API-sleutel is ingetrokken.');
    await expect(page.getByRole('main')).toContainText('U hebt nog geen API-sleutels.');
    expect((await request.get('/api/v1/me', { headers: bearer })).status()).toBe(401);
  });
});

test.describe('reference data', () => {
  test('searching the municipalities and opening Mechelen', async ({ page }) => {
    await page.goto('/gemeenten');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gemeenten');
    await expect(page.getByRole('table', { name: 'Gemeenten (304)' })).toBeVisible();

    await page.getByLabel('Zoek op naam of NIS-code').fill('Mechel');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect(page).toHaveURL(/\/gemeenten\?q=Mechel(&|$)/);
    const results = page.getByRole('table', { name: /^Gemeenten \(\d+\)$/ });
    await expect(results.getByRole('link', { name: 'Mechelen', exact: true })).toBeVisible();
    await expect(results).not.toContainText('Gent');

    await results.getByRole('link', { name: 'Mechelen', exact: true }).click();
    await expect(page).toHaveURL(/\/gemeenten\/12025$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mechelen');
    const facts = page.locator('.summary-list');
    const row = (label: string) => facts.locator('.summary-list__row').filter({ hasText: label });
    await expect(row('NIS-code')).toContainText('12025');
    await expect(row('Provincie')).toContainText('Antwerpen');
    await expect(row('Regionaal netwerk')).toContainText('Rivierenland');
    await expect(row('Ondersteund door')).toContainText('Agentschap Integratie en Inburgering');
    const map = page.getByRole('img', { name: 'Ligging van Mechelen' });
    await expect(map).toBeVisible();
    expect(await map.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    expect(await map.locator('path').count()).toBeGreaterThan(300);
  });

  test('a search without results says so', async ({ page }) => {
    await page.goto('/gemeenten?q=Atlantis');
    await expect(page.getByRole('main')).toContainText('Geen gemeenten gevonden');
  });

  test('the organisations list and an organisation page', async ({ page }) => {
    await page.goto('/organisaties');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisaties');
    await page.getByLabel('Zoek op naam').fill('Mentorwerk');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const table = page.getByRole('table', { name: 'Organisaties (1)' });
    await table.getByRole('link', { name: 'Mentorwerk Vlaanderen vzw' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mentorwerk Vlaanderen vzw');
    await expect(page.getByRole('main')).toContainText('info@mentorwerk.be');
    // Anonymous visitors cannot edit.
    await expect(page.getByRole('link', { name: 'Contactgegevens aanpassen' })).toHaveCount(0);

    await page.goto('/organisaties?page=2');
    await expect(page.getByRole('navigation', { name: 'Paginering' })).toContainText('Pagina 2 van');
  });
});
