import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, login, test } from './fixtures';

// Participation and network trajectory (issue 6): a newcomer finds an activity on the public offer platform,
// a partner publishes an offer that the network coordinator validates, and a counsellor takes a trajectory to
// 40 validated hours and a certificate that anyone can check. Every page is also checked with axe (fixtures.ts).

/** "Today" of the platform is the day in Brussels, as yyyy-mm-dd. */
function isoDay(offsetDays: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

/** The success message after a form post (the layout shows it in a status region). */
const flash = (page: Page) => page.locator('.notice--success[role="status"]');

/* ------------------------------------------------------------------------------------------------
 * The outbox: without SMTP the dev server writes every mail to <DATA_DIR>/mail/*.eml.
 * ---------------------------------------------------------------------------------------------- */

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const joined = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Every mail in the outbox as readable text (headers and bodies; base64 parts decoded too). */
function outbox(): string[] {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run the tests through playwright.config.ts');
  const folder = join(dataDir, 'mail');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => {
      const raw = readFileSync(join(folder, name), 'utf8');
      const base64 = [...raw.matchAll(/base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) =>
        Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64').toString('utf8'),
      );
      return [decodeQuotedPrintable(raw), ...base64].join('\n');
    });
}

/** Waits for the outbox worker to have written a mail to `to` that holds the confirmation link; returns it. */
async function confirmationLinkFromMail(to: string, notThis?: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        for (const mail of outbox().reverse()) {
          if (!mail.toLowerCase().includes(to.toLowerCase())) continue;
          const found = /https?:\/\/[^\s"<>]+\/bevestigen\/[A-Za-z0-9._~-]+/.exec(mail)?.[0];
          if (found && found !== notThis) {
            link = found;
            return true;
          }
        }
        return false;
      },
      { message: `a mail to ${to} with a confirmation link`, timeout: 30_000 },
    )
    .toBe(true);
  return link!;
}

/* ------------------------------------------------------------------------------------------------
 * 1. A newcomer, not logged in, finds a women-only Dutch-practice activity in their network
 * ---------------------------------------------------------------------------------------------- */

test('a newcomer finds a women-only Dutch-practice activity in their network', async ({ page }) => {
  await page.goto('/aanbod');
  await expect(page.getByRole('heading', { level: 1, name: 'Activiteiten zoeken' })).toBeVisible();
  const search = page.getByRole('search', { name: 'Activiteiten zoeken' });

  // The newcomer lives in Eeklo and also looks in the region around it (the network Regio Gent).
  await search.getByLabel('In welke gemeente?').selectOption({ label: 'Eeklo' });
  await search.getByLabel('Ook in de buurt (in mijn regio)').check();
  await search.getByText('Meer filters').click();
  await search.getByLabel(/^Taaloefenkans:/).check();
  await search.getByLabel(/^Alleen voor vrouwen/).check();
  await search.getByRole('button', { name: 'Filters toepassen' }).click();

  // The filters are in the address: the page can be shared.
  await expect(page).toHaveURL(/gemeente=43005/);
  await expect(page).toHaveURL(/buurt=1/);
  await expect(page).toHaveURL(/categorie=language_practice/);
  await expect(page).toHaveURL(/vrouwen=1/);
  await expect(page.getByRole('heading', { level: 2, name: /activiteit(en)? gevonden/ })).toBeVisible();
  // The chosen filters stay chosen.
  await expect(page.getByLabel(/^Alleen voor vrouwen/)).toBeChecked();
  await expect(page.getByLabel(/^Taaloefenkans:/)).toBeChecked();

  const results = page.getByRole('list', { name: /activiteit(en)? gevonden/ });
  const praatcafe = results.getByRole('link', { name: 'Praatcafé voor vrouwen in Eeklo' });
  await expect(praatcafe).toBeVisible();
  // No activity open to everyone slipped through the filter.
  await expect(results.getByRole('link', { name: /^Wandelen en praten/ })).toHaveCount(0);

  // Opening the shared address in a fresh visit gives the same result.
  const shared = page.url();
  await page.goto(shared);
  await expect(praatcafe).toBeVisible();

  await praatcafe.click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Praatcafé voor vrouwen in Eeklo' }),
  ).toBeVisible();
  await expect(page.getByText('Alleen vrouwen', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Meedoen? Neem contact op' })).toBeVisible();
});

/* ------------------------------------------------------------------------------------------------
 * 2. A partner publishes an offer; the coordinator of the network validates it; it is public then
 * ---------------------------------------------------------------------------------------------- */

test.describe
  .serial('publishing an offer', () => {
    const title = `Fietsatelier met buren in Deinze ${Date.now().toString(36)}`;
    let staffUrl = '';

    test('a partner publishes an offer for validation', async ({ page }) => {
      await login(page, 'partner.debrug');
      await page.goto('/participatie/aanbod/nieuw');
      await page.getByLabel('Titel').fill(title);
      await page
        .getByLabel('Wat doen de deelnemers?')
        .fill('We herstellen samen fietsen en praten Nederlands. U hoeft niets mee te brengen.');
      await page.getByLabel('Vrijwilligerswerk', { exact: true }).check();
      await page.getByLabel('Sector').selectOption({ label: 'Vrijwilligerswerk' });
      await page.getByLabel('In een periode, op vaste dagen').check();
      await page.getByLabel('Eerste dag (bij een periode)').fill(isoDay(-5).split('-').reverse().join('/'));
      await page.getByLabel('Laatste dag (bij een periode)').fill(isoDay(120).split('-').reverse().join('/'));
      await page.getByLabel('Woensdag').check();
      await page.getByLabel('Zaterdag').check();
      await page.getByLabel('Hoeveel uur duurt één keer?').fill('2,5');
      const place = page.getByRole('group', { name: /^Plaats 1/ });
      await place.getByLabel('Gemeente').selectOption({ label: 'Deinze' });
      await place.getByLabel('Naam van de plaats').fill('Fietsatelier');
      await page
        .getByRole('group', { name: /Hoeveel Nederlands is nodig/ })
        .getByLabel('A1')
        .check();
      await page.getByLabel('Naam', { exact: true }).fill('Katrien Willems');
      await page.getByLabel('E-mailadres', { exact: true }).fill('katrien@debrug.be');
      await page.getByRole('button', { name: 'Bewaren en laten nakijken' }).click();

      await expect(flash(page)).toContainText('Een moderator van uw regio kijkt ze na.');
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      staffUrl = new URL(page.url()).pathname;
      expect(staffUrl).toMatch(/^\/participatie\/aanbod\/[^/]+$/);

      // Not public yet.
      const offerId = staffUrl.split('/').pop()!;
      const response = await page.goto(`/aanbod/${offerId}`);
      expect(response?.status()).toBe(404);
    });

    test('the coordinator of the network validates it, and it appears publicly', async ({ page }) => {
      expect(staffUrl, 'the offer of the previous test').not.toBe('');
      await login(page, 'netwerk.regiogent');
      await page.goto('/participatie/moderatie');
      await expect(page.getByRole('heading', { level: 1, name: 'Aanbod nakijken' })).toBeVisible();
      await page.getByRole('link', { name: title }).click();
      await expect(page).toHaveURL(new RegExp(`${staffUrl}$`));
      const moderate = page.getByRole('region', { name: 'Nakijken' });
      await moderate.getByRole('button', { name: 'Goedkeuren en publiceren' }).click();
      await expect(flash(page)).toContainText('De activiteit is goedgekeurd en staat op het aanbodplatform.');

      // Public now: found on the platform by anyone, without logging in.
      await page.getByRole('button', { name: 'Afmelden' }).click();
      await page.goto('/aanbod');
      const search = page.getByRole('search', { name: 'Activiteiten zoeken' });
      await search.getByLabel('Wat zoekt u?').fill('fietsatelier');
      await search.getByLabel('In welke gemeente?').selectOption({ label: 'Deinze' });
      await search.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByRole('link', { name: title }).click();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Meedoen? Neem contact op' })).toBeVisible();
    });
  });

/* ------------------------------------------------------------------------------------------------
 * 3. A trajectory to 40 validated hours, confirmed through the one-time link, and its certificate
 * ---------------------------------------------------------------------------------------------- */

test.describe
  .serial('a trajectory to 40 hours and a certificate', () => {
    let trajectoryUrl = '';
    let trajectoryCode = '';
    let contactEmail = '';
    let firstLink = '';
    let certificateCode = '';

    /** Registers hours on the trajectory page and waits for the confirmation. */
    async function registerHours(page: Page, daysAgo: number, hours: string) {
      const form = page.getByRole('region', { name: 'Uren registreren' });
      await form.getByLabel('Activiteit').selectOption({ label: 'Praatcafé voor vrouwen in Eeklo' });
      await form.getByLabel('Datum').fill(isoDay(-daysAgo));
      await form.getByLabel('Aantal uren').fill(hours);
      await form.getByRole('button', { name: 'Uren registreren' }).click();
      await expect(flash(page)).toContainText('De uren zijn geregistreerd');
    }

    /** Asks the contact person to confirm; returns the link from the demo-mode message. */
    async function askConfirmation(page: Page): Promise<string> {
      const row = page
        .getByRole('table', { name: 'Activiteiten en uren' })
        .getByRole('row')
        .filter({ hasText: 'Praatcafé voor vrouwen in Eeklo' });
      await row.getByRole('button', { name: /Vraag bevestiging|Nieuwe link sturen/ }).click();
      await expect(flash(page)).toContainText('We stuurden een link naar ');
      const message = (await flash(page).textContent()) ?? '';
      contactEmail = /We stuurden een link naar (\S+@\S+) om/.exec(message)![1]!;
      return /https?:\/\/\S+\/bevestigen\/\S+/.exec(message)![0].replace(/[.,]$/, '');
    }

    test('a counsellor opens a trajectory, plans an activity and registers 39,5 hours', async ({ page }) => {
      await login(page, 'trajectbegeleider.agii');
      await page.goto('/participatie/trajecten/nieuw');
      await page.getByLabel('Gemeente waar de inburgeraar woont').selectOption({ label: 'Eeklo' });
      await page.getByLabel('Startdatum van het traject').fill(isoDay(-30));
      await page.getByLabel('Ja, verplicht').check();
      await page.getByRole('group', { name: 'Niveau Nederlands nu' }).getByLabel('A1').check();
      await page.getByRole('button', { name: 'Traject starten' }).click();
      await expect(flash(page)).toContainText('is gestart');
      const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      trajectoryCode = heading.replace(/^Traject\s+/, '');
      expect(trajectoryCode).toMatch(/^PNT-\d{2}-/);
      trajectoryUrl = new URL(page.url()).pathname;

      const add = page.getByRole('region', { name: 'Activiteit toevoegen' });
      await add
        .getByLabel('Activiteit van het aanbodplatform')
        .selectOption({ label: 'Praatcafé voor vrouwen in Eeklo (Eeklo)' });
      await add.getByLabel('Gepland aantal uren').fill('40');
      await add.getByRole('button', { name: 'Activiteit toevoegen' }).click();
      await expect(flash(page)).toContainText('Praatcafé voor vrouwen in Eeklo');

      // A day in the future is refused with a clear message, and nothing is counted.
      const form = page.getByRole('region', { name: 'Uren registreren' });
      await form.getByLabel('Activiteit').selectOption({ label: 'Praatcafé voor vrouwen in Eeklo' });
      await form.getByLabel('Datum').fill(isoDay(1));
      await form.getByLabel('Aantal uren').fill('2');
      await form.getByRole('button', { name: 'Uren registreren' }).click();
      await expect(page.getByText('De datum ligt in de toekomst').first()).toBeVisible();

      for (const [daysAgo, hours] of [
        [11, '8'],
        [10, '8'],
        [9, '8'],
        [8, '8'],
        [7, '7,5'],
      ] as const)
        await registerHours(page, daysAgo, hours);
      await expect(page.getByRole('table', { name: /Geregistreerde uren \(5\)/ })).toBeVisible();
      // Registered is not validated: the progress bar still stands at 0.
      await expect(page.getByText('0 van de 40 uur', { exact: true }).first()).toBeVisible();
      await expect(page.getByRole('progressbar')).toHaveAttribute('value', '0');
    });

    test('the contact person confirms the hours through the one-time link from the mail', async ({
      page,
    }) => {
      expect(trajectoryUrl, 'the trajectory of the previous test').not.toBe('');
      await login(page, 'trajectbegeleider.agii');
      await page.goto(trajectoryUrl);
      const shown = await askConfirmation(page);
      firstLink = await confirmationLinkFromMail(contactEmail);
      expect(firstLink).toBe(shown);

      // The contact person has no account: log out first.
      await page.getByRole('button', { name: 'Afmelden' }).click();
      await page.goto(firstLink);
      await expect(page.getByRole('heading', { level: 1, name: 'Uren bevestigen' })).toBeVisible();
      await expect(page.getByText(trajectoryCode)).toBeVisible();
      await expect(page.getByRole('table', { name: /samen 39 uur 30 min/ })).toBeVisible();
      await page.getByLabel('Ja, de deelnemer was er op deze dagen, zo lang').check();
      await page.getByLabel('Uw naam').fill('Marie Peeters');
      await page.getByRole('button', { name: 'Verzenden' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Dank u wel' })).toBeVisible();
      await expect(page.getByText(/U bevestigde 39 uur 30 min/)).toBeVisible();

      // The link works once.
      const again = await page.goto(firstLink);
      expect(again?.status()).toBe(410);
      await expect(page.getByRole('alert')).toBeVisible();
    });

    test('the counsellor validates until 40 hours, closes the trajectory and gets a certificate', async ({
      page,
    }) => {
      expect(firstLink, 'the confirmation of the previous test').not.toBe('');
      await login(page, 'trajectbegeleider.agii');
      await page.goto(trajectoryUrl);
      await page.getByRole('button', { name: 'Alle bevestigde uren valideren (5)' }).click();
      await expect(flash(page)).toContainText('5 registraties zijn gevalideerd.');
      await expect(page.getByText('39,5 van de 40 uur', { exact: true }).first()).toBeVisible();
      await expect(page.getByRole('progressbar')).toHaveAttribute('value', String(39.5 * 60));
      // Not yet 40: the trajectory cannot be closed.
      await expect(page.getByRole('button', { name: 'Traject afsluiten en attest maken' })).toHaveCount(0);

      // Half an hour more, confirmed through a new link, validated on its own.
      await registerHours(page, 2, '0,5');
      await askConfirmation(page);
      const second = await confirmationLinkFromMail(contactEmail, firstLink);
      const contact = await page.context().browser()!.newContext();
      try {
        const contactPage = await contact.newPage();
        await contactPage.goto(second);
        await contactPage.getByLabel('Ja, de deelnemer was er op deze dagen, zo lang').check();
        await contactPage.getByLabel('Uw naam').fill('Marie Peeters');
        await contactPage.getByRole('button', { name: 'Verzenden' }).click();
        await expect(contactPage.getByRole('heading', { level: 1, name: 'Dank u wel' })).toBeVisible();
      } finally {
        await contact.close();
      }

      await page.reload();
      const hours = page.getByRole('table', { name: /Geregistreerde uren/ });
      await hours
        .getByRole('row')
        .filter({ hasText: 'Marie Peeters' })
        .filter({ has: page.getByRole('button', { name: 'Valideren' }) })
        .getByRole('button', { name: 'Valideren' })
        .click();
      await expect(flash(page)).toContainText('De uren zijn gevalideerd.');
      await expect(page.getByText('40 van de 40 uur', { exact: true }).first()).toBeVisible();
      await expect(page.getByRole('progressbar')).toHaveAttribute('value', String(40 * 60));
      await expect(page.getByText(/het traject kan worden afgesloten/)).toBeVisible();

      await page.getByRole('button', { name: 'Traject afsluiten en attest maken' }).click();
      await expect(flash(page)).toContainText('Het traject is afgesloten. Het attest heeft controlecode');
      certificateCode = /controlecode ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(
        (await flash(page).textContent()) ?? '',
      )![1]!;

      await page.getByRole('link', { name: 'Attest bekijken en afdrukken' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Attest van deelname' })).toBeVisible();
      await expect(page.getByText(certificateCode).first()).toBeVisible();
      await expect(page.getByText('40 uur', { exact: true }).first()).toBeVisible();
    });

    test("anyone can check the certificate's code on the public verification page", async ({ page }) => {
      expect(certificateCode, 'the certificate of the previous test').not.toBe('');
      await page.goto('/attest/controle');
      await expect(page.getByRole('heading', { level: 1, name: 'Attest controleren' })).toBeVisible();
      // Typed in lower case and with spaces, as people do.
      await page.getByLabel('Controlecode').fill(certificateCode.toLowerCase().replace(/-/g, ' '));
      await page.getByRole('button', { name: 'Controleren' }).click();
      const result = page.getByRole('status');
      await expect(result).toContainText('Dit attest is echt.');
      await expect(result).toContainText(certificateCode);
      await expect(result).toContainText(trajectoryCode);
      await expect(result).toContainText('40 uur');
      // Nothing beyond the certificate: not the counsellor, not the contact person.
      await expect(page.locator('main')).not.toContainText('Els Maes');
      await expect(page.locator('main')).not.toContainText('Marie Peeters');

      await page.getByLabel('Controlecode').fill('0000-0000-0000');
      await page.getByRole('button', { name: 'Controleren' }).click();
      await expect(page.getByRole('status')).toContainText('We vinden geen attest met deze code.');
    });
  });
