import type { Page } from '@playwright/test';
import { expect, login, test } from './fixtures';
import { loginAsMechelenOfficer, logout } from './outbox';

// Focus support for social cohesion (issue 8): a local government books an expert programme, the expert
// organisation reports the reach (after a refused report with more women than participants), and the
// reach dashboard shows the share of women and girls against the programme's target, as a chart
// followed by its table. Every page these tests load is also checked with axe by the fixture.

const PROGRAMME = 'Mentorprogramma naar werk voor vrouwen';
const flash = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

test('a local government books a programme, the expert reports reach, the dashboard compares it with the target', async ({
  page,
}) => {
  test.slow();
  // Next year: the demo data already holds Mechelen's bookings for this year and last year.
  const year = String(new Date().getFullYear() + 1);

  // 1. Mechelen books the mentoring programme for next year.
  await loginAsMechelenOfficer(page);
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('link', { name: 'Sociale cohesie' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Focusondersteuning sociale cohesie');
  await page.getByRole('link', { name: 'Expertenaanbod', exact: true }).click();
  await page
    .getByRole('table', { name: /Programma's/ })
    .getByRole('link', { name: PROGRAMME })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PROGRAMME);
  const book = page.getByRole('region', { name: 'Dit programma boeken' });
  await book.getByLabel('Voor welke gemeente?').selectOption({ label: 'Mechelen' });
  await book.getByLabel('Jaar').selectOption(year);
  await book
    .getByLabel('Toelichting voor de expertenorganisatie')
    .fill('Graag met een infosessie in het sociaal huis.');
  await book.getByRole('button', { name: 'Programma boeken' }).click();
  await expect(flash(page, 'Het programma is geboekt.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${PROGRAMME} in Mechelen (${year})`);
  await expect(page.getByRole('definition').filter({ hasText: 'Nog niet gerapporteerd' })).toBeVisible();
  await logout(page);

  // 2. Mentorwerk sees the booking on its home page and reports the reach.
  await login(page, 'expert.mentorwerk');
  const todo = page.getByRole('region', { name: 'Bereik te rapporteren' });
  await todo.getByRole('link', { name: `${PROGRAMME}: Mechelen (${year})` }).click();
  const report = page.getByRole('region', { name: 'Bereik rapporteren' });
  const band = (name: string) => report.getByRole('group', { name });
  await band('18 tot en met 25 jaar').getByLabel('Deelnemers').fill('10');
  await band('18 tot en met 25 jaar').getByLabel('Van wie vrouwen en meisjes').fill('12');
  await report.getByRole('button', { name: 'Bereik bewaren' }).click();
  // More women than participants: refused, with a message that links to the field.
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Er is een probleem');
  await summary.getByRole('link', { name: /meer vrouwen en meisjes \(12\) dan deelnemers \(10\)/ }).click();
  await expect(band('18 tot en met 25 jaar').getByLabel('Van wie vrouwen en meisjes')).toBeFocused();
  await band('18 tot en met 25 jaar').getByLabel('Van wie vrouwen en meisjes').fill('7');
  await band('26 tot en met 45 jaar').getByLabel('Deelnemers').fill('10');
  await band('26 tot en met 45 jaar').getByLabel('Van wie vrouwen en meisjes').fill('5');
  await report.getByRole('button', { name: 'Bereik bewaren' }).click();
  await expect(flash(page, 'Het bereik is bewaard.')).toBeVisible();
  await expect(
    page.getByRole('definition').filter({ hasText: '20 deelnemers, van wie 12 vrouwen en meisjes (60,0 %)' }),
  ).toContainText('Richtcijfer gehaald');
  await logout(page);

  // 3. Mechelen reads the dashboard: the women share against the target, as a chart and its table.
  await loginAsMechelenOfficer(page);
  await page.goto('/sociale-cohesie');
  await page.getByRole('link', { name: 'Bereik', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bereik van het expertenaanbod');
  const filters = page.getByRole('search', { name: 'Bereik filteren' });
  await filters.getByLabel('Jaar').selectOption(year);
  await filters.getByLabel('Programma').selectOption({ label: PROGRAMME });
  await filters.getByRole('button', { name: 'Filteren' }).click();
  await expect(page).toHaveURL(new RegExp(`year=${year}`));
  await expect(
    page.getByRole('img', { name: new RegExp(`${PROGRAMME}: aandeel vrouwen en meisjes`) }),
  ).toBeVisible();
  const table = page.getByRole('table', { name: `${PROGRAMME}: bereik per gemeente en jaar` });
  const row = table.getByRole('row').filter({ hasText: 'Mechelen' });
  await expect(row).toContainText('20');
  await expect(row).toContainText('60,0 %');
  await expect(row).toContainText('60 %');
  await expect(row).toContainText('Richtcijfer gehaald');
  const totals = page.getByRole('table', { name: 'Totalen per programma' });
  await expect(totals.getByRole('row').filter({ hasText: PROGRAMME })).toContainText('Richtcijfer gehaald');

  // The same numbers as CSV.
  const csv = await page.request.get(`/sociale-cohesie/bereik.csv?year=${year}`);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain(
    `${PROGRAMME};Mentorwerk Vlaanderen vzw;Mechelen;12025;${year};20;12;60;60;ja`,
  );
});

test('agency staff add a local government to Plan Samenleven and remove it after a confirmation', async ({
  page,
}) => {
  const BRUGGE = 'Lokaal bestuur Brugge';
  await login(page, 'medewerker.agii');
  await page.goto('/sociale-cohesie/plan-samenleven');
  await page.getByRole('link', { name: 'Deelnemende besturen beheren' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deelnemers aan Plan Samenleven');

  // Nothing chosen: the error summary links to the field.
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  const summary = page.getByRole('alert');
  await summary.getByRole('link', { name: 'Kies een lokaal bestuur uit de lijst.' }).click();
  await expect(page.getByLabel('Lokaal bestuur', { exact: true })).toBeFocused();

  await page.getByLabel('Lokaal bestuur', { exact: true }).selectOption({ label: BRUGGE });
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(flash(page, `${BRUGGE} neemt deel aan Plan Samenleven.`)).toBeVisible();
  const table = page.getByRole('table', { name: /Deelnemende besturen/ });
  await expect(table.getByRole('row').filter({ hasText: BRUGGE })).toBeVisible();

  await table.getByRole('link', { name: `Verwijderen (${BRUGGE})` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `${BRUGGE} verwijderen uit Plan Samenleven?`,
  );
  await expect(page.getByText('Het bestuur heeft nog geen afgeronde acties.')).toBeVisible();
  await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await expect(flash(page, `${BRUGGE} neemt niet meer deel aan Plan Samenleven.`)).toBeVisible();
  await expect(page.getByRole('table', { name: /Deelnemende besturen/ })).not.toContainText(BRUGGE);
});

test('a coaching is seen by its contact person at the agency, not by the agency’s other staff', async ({
  page,
}) => {
  const COACHING = 'Beleidsplan ouderbetrokkenheid';
  // Jan works at AgII but is neither coach nor Mechelen's contact person.
  await login(page, 'medewerker.agii');
  await page.goto('/sociale-cohesie/begeleiding');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Een-op-eenbegeleiding');
  await expect(page.getByRole('link', { name: COACHING })).toHaveCount(0);
  await logout(page);

  // Fatima is Mechelen's fixed contact person: she sees the request and can open it.
  await login(page, 'aanspreekpersoon.agii');
  await page.goto('/sociale-cohesie/begeleiding');
  await page.getByRole('link', { name: COACHING }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(COACHING);
  await expect(page.getByRole('definition').filter({ hasText: 'Fatima El Amrani' }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Traject openen' })).toBeVisible();
});
