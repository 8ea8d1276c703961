import { readFileSync } from 'node:fs';
import { demoEmail, expect, login, test } from './fixtures';
import { expectMail, loginAsMechelenOfficer, logout, MECHELEN } from './outbox';

// Standard service (issue 3): the whole loop of a basic package and a service request, between an
// officer of a local government and the agency's contact person, and the agency overview of the demo
// year. Every page these tests load is also checked with axe by the fixture (see fixtures.ts).

/** The demo year of the module, read from its seed as text (the tests load no server code). */
const DEMO_YEAR = Number(
  /export const DEMO_YEAR = (\d{4})/.exec(
    readFileSync(new URL('../src/modules/services/demo.ts', import.meta.url), 'utf8'),
  )?.[1],
);
/** The platform's "this year" is the year in Brussels. */
const thisYear = Number(
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date()),
);

/* ------------------------------------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------------------------------- */

test.describe('standard service', () => {
  test('an officer chooses a basic package and asks a question; the contact person answers and closes it', async ({
    page,
  }) => {
    test.slow(); // three logins and a dozen pages, each checked with axe
    const item = 'Kwaliteitsvolle dienstverlening voor iedereen';
    const subject = 'Onze brieven en het onthaal in klare taal';
    const answer = 'Ik heb uw brieven nagelezen. Het voorstel met herwerkte brieven zit in uw mailbox.';

    // 1. The officer of Mechelen sees his contact person and opens the basic package of this year.
    await loginAsMechelenOfficer(page);
    const card = page.getByRole('region', { name: 'Uw aanspreekpersoon' });
    await expect(card).toContainText('Fatima El Amrani');
    await expect(card.getByRole('link', { name: demoEmail('aanspreekpersoon.agii') })).toBeVisible();
    await card.getByRole('link', { name: `Basispakket ${thisYear}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Basispakket ${thisYear} ${MECHELEN}`);

    // 2. He adds an item to the package and saves the choice; the history records it.
    const choices = page.getByRole('group', { name: `Diensten in het basispakket ${thisYear}` });
    const checkbox = choices.getByRole('checkbox', { name: item });
    await expect(checkbox).not.toBeChecked();
    await checkbox.check();
    await page.getByRole('button', { name: 'Keuze bewaren' }).click();
    await expect(page.getByRole('status')).toHaveText(`Uw keuze voor ${thisYear} is bewaard.`);
    await expect(
      page
        .getByRole('group', { name: `Diensten in het basispakket ${thisYear}` })
        .getByRole('checkbox', { name: item }),
    ).toBeChecked();
    const history = page.getByRole('table', { name: `Wijzigingen aan het basispakket ${thisYear}` });
    await expect(history.getByRole('row').filter({ hasText: item })).toContainText('door Pieter Janssens');

    // 3. He asks a question about that item.
    await page.goto('/home');
    await page
      .getByRole('region', { name: 'Uw aanspreekpersoon' })
      .getByRole('link', { name: 'Een vraag stellen' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Een vraag stellen');
    await page
      .getByLabel('Over welke dienst gaat het?')
      .selectOption({ label: `${item} (antwoord binnen 10 werkdagen)` });
    await page.getByLabel('Onderwerp').fill(subject);
    await page
      .getByLabel('Uw vraag')
      .fill('Kunnen jullie onze brieven nalezen en tips geven voor het onthaal?');
    await page.getByRole('button', { name: 'Vraag versturen' }).click();
    await expect(page).toHaveURL(/\/dienstverlening\/vragen\/[0-9a-f-]{36}$/);
    const requestPath = new URL(page.url()).pathname;
    await expect(page.getByRole('status')).toContainText(
      'Uw vraag is verstuurd. U krijgt een antwoord tegen',
    );
    await expect(page.getByRole('heading', { level: 1 })).toContainText(subject);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Verstuurd');
    // The contact person hears about the new question.
    await expectMail(
      demoEmail('aanspreekpersoon.agii'),
      (m) => m.subject === `Nieuwe vraag van ${MECHELEN}: ${subject}` && m.text.includes(requestPath),
      'the new question',
    );
    await logout(page);

    // 4. The contact person finds it through her portfolio.
    await login(page, 'aanspreekpersoon.agii');
    await page
      .getByRole('region', { name: 'Mijn lokale besturen' })
      .getByRole('link', { name: 'Mijn portefeuille' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn portefeuille');
    const portfolio = page.getByRole('table', { name: /^Lokale besturen in de portefeuille \(\d+\)$/ });
    const mechelenRow = portfolio
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: MECHELEN }) });
    await expect(mechelenRow).toBeVisible();
    // The number of open requests links to them.
    await mechelenRow.getByRole('cell').nth(1).getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Vragen van ${MECHELEN}`);
    await page
      .getByRole('table', { name: /^Vragen van Lokaal bestuur Mechelen \(\d+\)$/ })
      .getByRole('link', { name: subject })
      .click();
    await expect(page).toHaveURL(new RegExp(`${requestPath}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Nieuw');

    // 5. She takes it on, then answers and marks it done.
    const reply = page.getByRole('region', { name: 'Antwoorden' });
    await reply.getByLabel('Bericht').fill('Dank u, ik bekijk uw brieven deze week.');
    await reply.getByRole('radio', { name: /^In behandeling nemen/ }).check();
    await reply.getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByRole('status')).toHaveText('Uw bericht is verstuurd.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('In behandeling');

    await page.getByRole('region', { name: 'Antwoorden' }).getByLabel('Bericht').fill(answer);
    await page
      .getByRole('region', { name: 'Antwoorden' })
      .getByRole('radio', { name: /^Afronden/ })
      .check();
    await page.getByRole('region', { name: 'Antwoorden' }).getByRole('button', { name: 'Versturen' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'De vraag is afgerond. Het lokaal bestuur kreeg een e-mail.',
    );
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Afgerond');
    await logout(page);

    // 6. The officer sees the answer on his request.
    await loginAsMechelenOfficer(page);
    await page
      .getByRole('region', { name: 'Uw aanspreekpersoon' })
      .getByRole('link', { name: 'Onze dienstverlening' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(MECHELEN);
    const latest = page.getByRole('table', { name: /^Laatste vragen/ });
    await expect(latest.getByRole('row').filter({ hasText: subject })).toContainText('Afgerond');
    await latest.getByRole('link', { name: subject }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Afgerond');
    const thread = page.getByRole('list', { name: 'Berichten, oudste eerst' });
    await expect(thread.getByRole('listitem')).toHaveCount(3);
    await expect(thread.getByRole('listitem').last()).toContainText('Fatima El Amrani');
    await expect(thread.getByRole('listitem').last()).toContainText(answer);

    // 7. … and the mail that told him so is in the outbox.
    const done = await expectMail(
      demoEmail('mechelen'),
      (m) => m.subject.startsWith('Afgerond: vraag ') && m.subject.endsWith(subject),
      'the request is done',
    );
    expect(done.text).toContain(requestPath);
    expect(done.text).toContain('De status is nu: Afgerond.');
  });

  test('the agency overview of the demo year shows the uptake per item as a chart with its table', async ({
    page,
  }) => {
    expect(DEMO_YEAR).toBeGreaterThan(2020);
    await login(page, 'medewerker.agii');
    await page
      .getByRole('region', { name: 'Standaarddienstverlening' })
      .getByRole('link', { name: `Overzicht ${thisYear}` })
      .click();
    await expect(page).toHaveURL(new RegExp(`/dienstverlening/agentschappen/AGII/${thisYear}$`));
    if (DEMO_YEAR !== thisYear) await page.goto(`/dienstverlening/agentschappen/AGII/${DEMO_YEAR}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      `Standaarddienstverlening ${DEMO_YEAR}`,
    );
    await expect(page.getByRole('heading', { name: 'Afname per dienst' })).toBeVisible();

    // The chart: an image with a text alternative, in a figure followed by the table of its numbers.
    const chartName = `Aantal lokale besturen dat de dienst koos in het basispakket ${DEMO_YEAR}`;
    const figure = page.getByRole('figure', { name: chartName });
    await expect(figure).toBeVisible();
    await expect(figure.getByRole('img', { name: new RegExp(`^${chartName}`) })).toBeVisible();
    const bars = await figure
      .getByRole('table', { name: `${chartName}: de cijfers` })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => {
          const cells = Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim());
          return `${cells[0]}: ${cells[1]}`;
        }),
      );
    expect(bars.length).toBeGreaterThan(5);
    expect(await figure.locator('svg rect > title').allTextContents()).toEqual(bars);

    // The table with the same figures and more.
    const table = page.getByRole('table', { name: `Afname per dienst in ${DEMO_YEAR}` });
    await expect(table).toBeVisible();
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(bars.length);
    const fromTable = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim());
        return `${cells[0]}: ${cells[2]} lokale besturen`;
      }),
    );
    expect(bars).toEqual(fromTable);
    const instroom = table.getByRole('row').filter({ hasText: 'Analyse van de instroom van nieuwkomers' });
    await expect(instroom.getByRole('cell').nth(1)).toHaveText('ja');
    expect(Number(await instroom.getByRole('cell').nth(2).textContent())).toBeGreaterThan(0);

    // And the table as CSV.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Afname per dienst downloaden (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`afname-agii-${DEMO_YEAR}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/BP-INSTROOM;Analyse van de instroom van nieuwkomers;ja;\d+;\d+/);
  });
});
