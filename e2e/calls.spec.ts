import type { Page } from '@playwright/test';
import { expect, login, test } from './fixtures';

// The call for Dutch practice opportunities (issue 5): from application to payout, in the browser. An
// officer of Mechelen applies through the task list, an officer of Gent is told why Gent cannot, AgII staff
// assess and grant, the officer registers oefenkansen by hand and by CSV, the advance and the balance pass
// two approvals (programme staff, then finance), and the agency overview and its map show the result.
// Every page these tests load is also checked with axe by the fixture (see fixtures.ts).
//
// The tests share one application and run in order: each starts from where the previous one stopped.

test.describe.configure({ mode: 'serial' });

const CALL_TITLE = 'Oproep taaloefenkansen Nederlands';
const MECHELEN = 'Lokaal bestuur Mechelen';
const PLANNED = 150;
const GRANTED = 100;
const RATE_CENTS = 4850;

/** Set by the tests in order. */
const shared = {
  advancePath: '',
  applicationPath: '',
  callPath: '',
  implementationStart: '',
};

/** € 1.234,56 as the platform prints it (nl-BE), from cents. */
function euro(cents: number): string {
  return `€ ${new Intl.NumberFormat('nl-BE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)}`;
}
/** Matches a euro amount whatever space the formatter puts after the sign. */
const euroPattern = (cents: number) => new RegExp(euro(cents).replace('€ ', '€\\s?').replace(/\./g, '\\.'));

/** Today in Brussels, minus `days`, as ISO date. */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Pieter Janssens (mechelen@…) also works for a partnership: he acts for Lokaal bestuur Mechelen. */
async function loginAsMechelenOfficer(page: Page): Promise<void> {
  await login(page, 'mechelen');
  await page.getByLabel('Ik werk voor').selectOption({ label: `${MECHELEN} (Medewerker lokaal bestuur)` });
  await page.getByRole('button', { name: 'Wissel' }).click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole('banner')).toContainText(`${MECHELEN} · Medewerker lokaal bestuur`);
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('status')).toHaveText('U bent afgemeld.');
}

async function openDemoCall(page: Page): Promise<void> {
  await page.goto('/oproepen');
  await page
    .getByRole('table', { name: /^Oproepen \(\d+\)$/ })
    .getByRole('link', { name: CALL_TITLE })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CALL_TITLE);
}

/** Opens a task of the task list on the application page. */
async function openTask(page: Page, name: string): Promise<void> {
  await page.goto(shared.applicationPath);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

const CSV_HEADER =
  'datum;titel;gemeente;plaats;partner;vorm;duur_minuten;deelnemers;vrouwen;mannen;anders_onbekend;hoofddoel_nederlands;buiten_lescontext;zonder_certificering';

/** `n` clean lines in the implementation period, dated as dd/mm/yyyy, all different (no duplicates). */
function registerCsv(n: number, from: string): string {
  const start = new Date(`${from}T12:00:00Z`).getTime();
  const lines = [CSV_HEADER];
  for (let i = 0; i < n; i++) {
    const d = new Date(start + (i % 60) * 86_400_000);
    const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    lines.push(
      `${date};Praattafel e2e ${i};Mechelen;Bib ${i % 7};De Brug;Conversatietafel;90;12;7;5;;ja;ja;ja`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function uploadCsv(page: Page, csv: string, button: 'Eerst controleren' | 'Importeren') {
  await page.getByLabel('CSV-bestand').setInputFiles({
    name: 'register.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.getByRole('button', { name: button }).click();
}

/** Approves a claim (advance or balance) in its current step, as whoever is logged in. */
async function decideClaim(page: Page, claimPath: string, action: string, status: string): Promise<void> {
  await page.goto(claimPath);
  await page.getByRole('button', { name: action, exact: true }).click();
  await expect(page.getByRole('status')).toContainText('De uitbetaling is bijgewerkt.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(status);
}

test.describe('call for oefenkansen', () => {
  test('an officer of Gent is told that Gent cannot apply, and why', async ({ page }) => {
    await login(page, 'gent');
    await openDemoCall(page);
    const notice = page.getByRole('status').filter({
      has: page.getByRole('heading', { name: 'U kunt niet intekenen op deze oproep' }),
    });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Gent kan niet intekenen op deze oproep');
    await expect(notice).toContainText('Amal');
    await expect(page.getByRole('button', { name: 'Aanvraag starten' })).toHaveCount(0);
  });

  test('an officer of Mechelen applies through the task list', async ({ page }) => {
    test.slow(); // a dozen pages, each checked with axe
    const call = (await (await page.request.get('/api/v1/calls')).json()) as Array<{
      id: string;
      title: string;
      implementationStart: string;
    }>;
    const demo = call.find((c) => c.title === CALL_TITLE)!;
    shared.callPath = `/oproepen/${demo.id}`;
    shared.implementationStart = demo.implementationStart;

    await loginAsMechelenOfficer(page);
    await openDemoCall(page);
    await expect(page.getByText(`${MECHELEN} kan intekenen.`)).toBeVisible();
    await page.getByRole('button', { name: 'Aanvraag starten' }).click();
    await expect(page).toHaveURL(/\/aanvragen\/[0-9a-f-]{36}$/);
    shared.applicationPath = new URL(page.url()).pathname;
    await expect(page.getByRole('status')).toContainText('Uw aanvraag is aangemaakt als ontwerp.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Nog niet ingediend');

    // 1. Applicant, contact and IBAN: a wrong IBAN is refused in Dutch, then the right one is saved.
    await openTask(page, 'Aanvrager, contactpersoon en rekeningnummer');
    await page.getByLabel('Naam van de contactpersoon').fill('Pieter Janssens');
    await page.getByLabel('E-mailadres van de contactpersoon').fill('pieter@mechelen.be');
    await page.getByLabel('Telefoonnummer').fill('015 29 76 00');
    await page.getByLabel('Rekeninghouder').fill('Stad Mechelen');
    await page.getByLabel('Rekeningnummer (IBAN)').fill('BE68 5390 0754 7035');
    await page.getByRole('button', { name: 'Bewaren en verder' }).click();
    await expect(page.getByRole('alert')).toContainText('geen geldig IBAN');
    await expect(page.getByLabel('Rekeningnummer (IBAN)')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Rekeningnummer (IBAN)').fill('BE68 5390 0754 7034');
    await page.getByRole('button', { name: 'Bewaren en verder' }).click();
    await expect(page).toHaveURL(new RegExp(`${shared.applicationPath}$`));

    // 2. Planning: 100 conversation tables and 50 walks in the first quarter.
    await openTask(page, 'Geplande oefenkansen');
    const planning = page.getByRole('table', { name: /^Geplande oefenkansen per vorm/ });
    await planning
      .getByRole('row', { name: /^Conversatietafel/ })
      .getByRole('textbox')
      .first()
      .fill('100');
    await planning
      .getByRole('row', { name: /^Wandeling/ })
      .getByRole('textbox')
      .first()
      .fill('50');
    await page.getByRole('button', { name: 'Bewaren en verder' }).click();
    await expect(page).toHaveURL(new RegExp(`${shared.applicationPath}$`));

    // 3. Approach and target groups.
    await openTask(page, 'Aanpak en doelgroepen');
    await page
      .getByLabel('Uw aanpak')
      .fill('Praattafels in de bib en taalwandelingen met buurtwerk De Brug.');
    await page.getByLabel('Doelgroepen').fill('Nieuwkomers en anderstalige ouders.');
    await page.getByLabel('Vrouwen en meisjes').fill('Een vrouwenpraatgroep overdag, met kinderopvang.');
    await page.getByRole('button', { name: 'Bewaren en verder' }).click();
    await expect(page).toHaveURL(new RegExp(`${shared.applicationPath}$`));

    // Mechelen is the only municipality of a local government: that step is done by itself.
    const tasks = page.getByRole('list').filter({ hasText: 'Controleren en indienen' });
    for (const task of [
      'Aanvrager, contactpersoon en rekeningnummer',
      'Gemeenten',
      'Geplande oefenkansen',
      'Aanpak en doelgroepen',
    ]) {
      await expect(tasks.getByRole('listitem').filter({ hasText: task })).toContainText('Voltooid');
    }
    await expect(page.getByText(`${PLANNED} oefenkansen ×`)).toContainText(euroPattern(PLANNED * RATE_CENTS));

    // 4. Check and submit.
    await page.getByRole('link', { name: 'Controleren en indienen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Controleren en indienen');
    await expect(page.getByRole('main')).toContainText('BE68 5390 0754 7034');
    await expect(page.getByRole('main')).toContainText(euroPattern(PLANNED * RATE_CENTS));
    await page.getByRole('button', { name: 'Aanvraag indienen' }).click();
    await expect(page.getByRole('status')).toContainText('Uw aanvraag is ingediend.');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ingediend, wacht op controle');
  });

  test('AgII staff admit, review, assess and grant the application', async ({ page }) => {
    test.slow();
    await login(page, 'medewerker.agii');
    await page.goto(`/aanvragen?callId=${shared.callPath.split('/').pop()}&status=submitted`);
    await page
      .getByRole('table', { name: /^Aanvragen \(\d+\)$/ })
      .getByRole('row')
      .filter({ hasText: MECHELEN })
      .getByRole('link')
      .first()
      .click();
    await expect(page).toHaveURL(new RegExp(`${shared.applicationPath}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Ingediend');

    await page.getByRole('button', { name: 'Ontvankelijk verklaren', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('De aanvraag is nu: ontvankelijk.');

    await page.getByLabel(/^Kwaliteit/).fill('9');
    await page.getByLabel(/^Bereik/).fill('8');
    await page.getByLabel(/^Duurzame verankering/).fill('7');
    await page.getByLabel('Toelichting').fill('Sterke aanpak, met aandacht voor vrouwen.');
    await page.getByRole('button', { name: 'Beoordeling bewaren' }).click();
    await expect(
      page
        .getByRole('table', { name: 'Scores per beoordelaar' })
        .getByRole('row')
        .filter({ hasText: 'Sterke aanpak' }),
    ).toContainText('24');

    await page.getByRole('button', { name: 'Beoordeling afronden' }).click();
    await expect(page.getByRole('status')).toHaveText('De aanvraag is nu: beoordeeld.');

    await page.getByLabel('Toegekend aantal oefenkansen').fill(String(GRANTED));
    await page.getByRole('button', { name: 'Toekennen', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('De aanvraag is nu: toegekend.');
    await expect(page.getByRole('main')).toContainText(euroPattern(GRANTED * RATE_CENTS));
    // The grant created the advance: 50 % of the granted amount, waiting for approval.
    const claims = page.getByRole('table', { name: 'Voorschot en saldo' });
    await expect(claims.getByRole('row').filter({ hasText: 'Voorschot' })).toContainText('Aangevraagd');
    await expect(claims.getByRole('row').filter({ hasText: 'Voorschot' })).toContainText(
      euroPattern((GRANTED * RATE_CENTS) / 2),
    );
  });

  test('the officer reads the decision letter and registers 3 oefenkansen by hand and 100 by CSV', async ({
    page,
  }) => {
    test.slow();
    await loginAsMechelenOfficer(page);
    await page.goto(shared.applicationPath);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Toegekend');
    await page.getByRole('link', { name: 'Beslissingsbrief' }).click();
    await expect(page.getByRole('article')).toContainText(`${GRANTED} oefenkansen Nederlands`);
    await expect(page.getByRole('article')).toContainText(euroPattern(GRANTED * RATE_CENTS));
    await page.getByRole('link', { name: 'Terug naar de aanvraag' }).click();

    await page.getByRole('link', { name: 'Register van oefenkansen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Register van oefenkansen');
    const registerPath = new URL(page.url()).pathname;

    // Three by hand.
    const manual = [
      { title: 'Praattafel in de bib', format: 'Conversatietafel', date: daysAgo(3) },
      { title: 'Taalwandeling langs de Dijle', format: 'Wandeling', date: daysAgo(2) },
      { title: 'Babbelonie', format: 'Buddywerking', date: daysAgo(1) },
    ];
    for (const entry of manual) {
      await page.getByRole('link', { name: 'Oefenkans toevoegen' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oefenkans toevoegen');
      await page.getByLabel('Datum').fill(entry.date);
      await page.getByLabel('Titel').fill(entry.title);
      await page.getByLabel('Plaats').fill('Stadsbibliotheek Het Predikheren');
      await page.getByLabel('Organiserende partner').fill('Bibliotheek Mechelen');
      await page.getByRole('group', { name: 'Vorm' }).getByRole('radio', { name: entry.format }).check();
      await page.getByLabel('Duur in minuten').fill('90');
      await page.getByLabel('Aantal deelnemers').fill('10');
      await page.getByLabel('Van wie vrouwen').fill('6');
      await page.getByLabel('Van wie mannen').fill('4');
      for (const question of [
        'Is Nederlands oefenen het hoofddoel?',
        'Vond de activiteit plaats buiten een lescontext?',
        'Is de activiteit zonder certificering (geen toets, geen attest)?',
      ]) {
        await page.getByRole('group', { name: question }).getByRole('radio', { name: 'Ja' }).check();
      }
      await page.getByRole('button', { name: 'Oefenkans bewaren' }).click();
      await expect(page).toHaveURL(new RegExp(`${registerPath}$`));
      await expect(page.getByRole('status')).toHaveText('De oefenkans is bewaard.');
    }
    const table = page.getByRole('table', { name: 'Oefenkansen (3)' });
    for (const entry of manual) {
      await expect(table.getByRole('row').filter({ hasText: entry.title })).toContainText('Ja');
    }

    // A dry run of a file with one bad line: it is reported per line and nothing is imported.
    const good = registerCsv(100, shared.implementationStart);
    const bad = `${good}31/02/2026;Fout;Mechelen;Bib;;Conversatietafel;90;-1;;;;ja;ja;ja\n`;
    await page.getByRole('link', { name: 'CSV importeren' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Oefenkansen importeren uit een CSV-bestand',
    );
    await uploadCsv(page, bad, 'Eerst controleren');
    const report = page.getByRole('region', { name: 'Resultaat van de controle' });
    await expect(report).toBeVisible();
    const errors = report.getByRole('alert');
    await expect(errors).toContainText('Er werd niets geïmporteerd');
    await expect(errors.getByRole('listitem')).toHaveCount(1);
    await expect(errors.getByRole('listitem')).toContainText('Regel 102');
    await expect(errors.getByRole('listitem')).toContainText('geen geldige datum');

    // The clean file: first checked, then imported.
    await uploadCsv(page, good, 'Eerst controleren');
    await expect(page.getByRole('region', { name: 'Resultaat van de controle' })).toContainText(
      'Het bestand is in orde',
    );
    await uploadCsv(page, good, 'Importeren');
    const imported = page.getByRole('region', { name: '100 oefenkansen geïmporteerd' });
    await expect(imported).toBeVisible();
    await imported.getByRole('link', { name: 'Naar het register' }).click();
    await expect(page.getByRole('table', { name: 'Oefenkansen (103)' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(`103 van ${GRANTED} toegekend`);
  });

  test('the advance is approved by programme staff, then by finance, and paid', async ({ page }) => {
    test.slow(); // two people, one after the other
    await login(page, 'medewerker.agii');
    await page.goto(shared.applicationPath);
    await page
      .getByRole('table', { name: 'Voorschot en saldo' })
      .getByRole('link', { name: 'Voorschot' })
      .click();
    await expect(page).toHaveURL(/\/uitbetalingen\/[0-9a-f-]{36}$/);
    shared.advancePath = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Aangevraagd');
    await expect(page.getByRole('main')).toContainText('BE68539007547034');
    await expect(page.getByRole('main')).toContainText(/\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+/);

    // Step 1, programme staff; finance's step is not theirs.
    await decideClaim(page, shared.advancePath, 'Goedkeuren (programma)', 'Goedgekeurd door programma');
    await expect(page.getByRole('button', { name: 'Goedkeuren (financiën)' })).toHaveCount(0);
    await logout(page);

    // Step 2, finance; then paid.
    await login(page, 'financien.agii');
    await decideClaim(page, shared.advancePath, 'Goedkeuren (financiën)', 'Goedgekeurd door financiën');
    await decideClaim(page, shared.advancePath, 'Markeren als betaald', 'Betaald');
    await expect(page.getByRole('main')).toContainText(euroPattern((GRANTED * RATE_CENTS) / 2));
  });

  test('after the final report, the balance passes the same two steps', async ({ page }) => {
    test.slow(); // three people, one after the other
    await loginAsMechelenOfficer(page);
    await page.goto(shared.applicationPath);
    await page.getByRole('button', { name: 'Eindrapport indienen en saldo aanvragen' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'Uw eindrapport is ingediend. Het saldo wordt nu goedgekeurd en betaald.',
    );
    // 103 eligible, at most the 100 granted: 100 × € 48,50 − the advance of € 2.425,00.
    const claims = page.getByRole('table', { name: 'Voorschot en saldo' });
    const balance = claims.getByRole('row').filter({ hasText: 'Saldo' });
    await expect(balance).toContainText(euroPattern(GRANTED * RATE_CENTS - (GRANTED * RATE_CENTS) / 2));
    await expect(balance).toContainText('Aangevraagd');
    await expect(claims.getByRole('row').filter({ hasText: 'Voorschot' })).toContainText('Betaald');
    await logout(page);

    await login(page, 'medewerker.agii');
    await page.goto(shared.applicationPath);
    await page
      .getByRole('table', { name: 'Voorschot en saldo' })
      .getByRole('link', { name: 'Saldo' })
      .click();
    const balancePath = new URL(page.url()).pathname;
    await expect(page.getByRole('main')).toContainText('Tellen mee (hoogstens toegekend)');
    await decideClaim(page, balancePath, 'Goedkeuren (programma)', 'Goedgekeurd door programma');
    await logout(page);

    await login(page, 'financien.agii');
    await decideClaim(page, balancePath, 'Goedkeuren (financiën)', 'Goedgekeurd door financiën');
    await decideClaim(page, balancePath, 'Markeren als betaald', 'Betaald');
  });

  test('the agency overview and its map show the granted application and its progress', async ({ page }) => {
    test.slow();
    await login(page, 'medewerker.agii');
    await page.getByRole('region', { name: 'Oproepen' }).getByRole('link', { name: CALL_TITLE }).click();
    await expect(page).toHaveURL(new RegExp(`${shared.callPath}/overzicht$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Overzicht: ${CALL_TITLE}`);
    await expect(page.getByRole('region', { name: 'Budget' })).toContainText('Nog beschikbaar');

    // Realised against granted: 103 eligible oefenkansen registered for the 100 granted.
    const progress = page.getByRole('table', { name: 'Toegekende aanvragen' });
    const row = progress.getByRole('row').filter({ hasText: MECHELEN });
    await expect(row.getByRole('cell')).toHaveText([
      /^TOK-\d{4}$/,
      MECHELEN,
      '100',
      '103',
      '103%',
      '58%',
      'In orde',
    ]);

    // The map: an image with a text alternative, and the same data in the table next to it.
    const map = page.getByRole('img', { name: /^Kaart van de gemeenten in een aanvraag/ });
    await expect(map).toBeVisible();
    const coverage = page.getByRole('table', { name: /^Gemeenten in een aanvraag \(\d+\)$/ });
    const mechelen = coverage.getByRole('row').filter({ hasText: MECHELEN });
    await expect(mechelen).toHaveCount(1);
    await expect(mechelen).toContainText('Mechelen');
    await expect(mechelen).toContainText('Toegekend');
    const grantedRows = await coverage.getByRole('row').filter({ hasText: 'Toegekend' }).count();
    await expect(map.locator('path.map__area--highlight')).toHaveCount(grantedRows);
    await expect(map.locator('desc')).toContainText(`${grantedRows} daarvan zijn toegekend`);
  });
});
