import { expect, login, test } from './fixtures';

// Issue 7 (Monitoring), "Done when": an officer of a demo municipality opens its profile (tiles, a trend chart
// with its table), the choropleth map, a comparison with proposed similar municipalities, and updates progress
// on a result of its action plan; an administrator imports a CSV after a dry run that caught an error.
// Every page these tests load is also checked with axe by the fixture (see fixtures.ts).
//
// The two tests may run at the same time on the same demo database (fullyParallel), so they touch different
// data: the officer reads the theme "Arbeidsdeelname" and updates result 3.2 of Mechelen's plan; the
// administrator imports "Aantal inwoners" for 2018, a year before the demo values (2019–2024), so the latest
// values, the maps and the proposed similar municipalities stay as the demo seeded them. Logins are rate
// limited per address for the whole suite: one login per test.

const PLAN = 'Samenleven in diversiteit: lokaal actieplan Mechelen 2025–2030';
const WERK = 'Werkzaamheidsgraad (20–64 jaar)';
const HERKOMST = 'Aandeel inwoners van buitenlandse herkomst';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An SVG with role="img" is named by its <title> followed by its <desc>. */
const startsWith = (text: string) => new RegExp(`^${escapeRegExp(text)}`);

test('an officer of Mechelen follows the profile, the map, a comparison and the action plan', async ({
  page,
}) => {
  test.slow(); // the profile, the map (304 areas and rows) and the comparison are large pages, each checked by axe

  await test.step('acts for Mechelen', async () => {
    await login(page, 'mechelen');
    // Pieter Janssens works for Mechelen and for an intermunicipal partnership: choose Mechelen.
    await page
      .getByLabel('Ik werk voor')
      .selectOption({ label: 'Lokaal bestuur Mechelen (Medewerker lokaal bestuur)' });
    await page.getByRole('button', { name: 'Wissel' }).click();
    await expect(page.getByRole('banner')).toContainText(
      'Lokaal bestuur Mechelen · Medewerker lokaal bestuur',
    );
  });

  await test.step('opens the profile of the municipality from the home page', async () => {
    await page.getByRole('link', { name: 'Het profiel van uw gemeente' }).click();
    await expect(page).toHaveURL(/\/monitoring\/gemeenten\/12025$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Profiel van Mechelen');
    const themes = page.getByRole('navigation', { name: "Thema's" });
    await themes.getByRole('link', { name: 'Arbeidsdeelname' }).click();
    await expect(page).toHaveURL(/\/monitoring\/gemeenten\/12025\?thema=arbeid$/);
    await expect(themes.getByRole('link', { name: 'Arbeidsdeelname' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByRole('main')).toContainText('Demowaarden');
  });

  const tile = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: WERK, level: 3 }) });
  let target = '';
  await test.step('sees tiles with the latest value, its change and the target', async () => {
    await expect(
      page.getByRole('heading', { name: 'Arbeidsdeelname: de kerncijfers', level: 2 }),
    ).toBeVisible();
    await expect(tile).toContainText(/\d+,\d %/);
    await expect(tile).toContainText('in 2024');
    await expect(tile).toContainText('t.o.v. 2023');
    await expect(tile).toContainText(/Streefwaarde: \d+,\d % in 2030/);
    target = /Streefwaarde: (\d+,\d %)/.exec((await tile.textContent()) ?? '')?.[1] ?? '';
  });

  const block = page.getByRole('region', { name: `${WERK}, Mechelen` });
  await test.step('sees the trend chart followed by the table of its numbers', async () => {
    await tile.getByRole('link', { name: WERK }).click();
    await expect(page).toHaveURL(/#ind-werkzaamheidsgraad$/);
    const chart = block.getByRole('img', {
      name: startsWith(`${WERK}, Mechelen Lijngrafiek van 2019 tot 2024`),
    });
    await expect(chart).toBeVisible();
    expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    const table = block.getByRole('table', { name: `${WERK}, Mechelen: de cijfers` });
    await expect(table.getByRole('columnheader')).toHaveText([
      'Periode',
      'Mechelen',
      'Referentieregio Rivierenland',
      'Provincie Antwerpen',
      'Vlaanderen',
      'Streefwaarde 2030',
    ]);
    await expect(table.getByRole('rowheader')).toHaveText(['2019', '2020', '2021', '2022', '2023', '2024']);
    await expect(table.getByRole('row').last().getByRole('cell')).toHaveText([
      /^\d+,\d %$/,
      /^\d+,\d %$/,
      /^\d+,\d %$/,
      /^\d+,\d %$/,
      target, // the same target as on the tile
    ]);
  });

  await test.step('sees the choropleth map with its legend and table', async () => {
    await block.getByRole('link', { name: 'Op de kaart' }).click();
    await expect(page).toHaveURL(/\/monitoring\/kaart\?indicator=werkzaamheidsgraad&gemeente=12025$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kaart');
    await expect(page.getByLabel('Indicator')).toHaveValue('werkzaamheidsgraad');
    // Women only: the map is drawn again for that breakdown.
    await page.getByLabel('Uitsplitsing').selectOption({ label: 'Vrouw' });
    await page.getByRole('button', { name: 'Toon' }).click();
    const title = `${WERK}, 2024 (Vrouw)`;
    await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(title);
    const map = page.getByRole('img', {
      name: startsWith(`${title} Kaart van de 304 gemeenten in 5 klassen`),
    });
    await expect(map).toBeVisible();
    expect(await map.locator('path').count()).toBe(304);
    const legend = page.getByRole('heading', { name: 'Legende' }).locator('xpath=following-sibling::ul[1]');
    await expect(legend.getByRole('listitem')).toHaveCount(5);
    await expect(legend.getByRole('listitem').first()).toHaveText(/^\d+,\d tot \d+,\d % \(\d+ gemeenten\)$/);
    await expect(page.getByRole('main')).toContainText(/Mechelen: \d+,\d % \(aangeduid met een gele stip\)/);
    const mapTable = page.getByRole('table', { name: `${title}: waarde per gemeente` });
    await expect(mapTable.getByRole('row')).toHaveCount(305); // header and 304 municipalities
    const mechelen = mapTable
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Mechelen', exact: true }) });
    await expect(mechelen.getByRole('cell')).toHaveText(['12025', /^\d+,\d %$/, /^[1-5] van 5$/]);
  });

  const similar: string[] = [];
  await test.step('compares with the similar municipalities the platform proposes', async () => {
    // Back to the profile through the municipality picker of the monitoring overview (Mechelen preselected).
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Monitoring' })
      .click();
    await expect(page.getByLabel('Gemeente', { exact: true })).toHaveValue('12025');
    await page.getByRole('button', { name: 'Toon' }).click();
    await expect(page).toHaveURL(/\/monitoring\/gemeenten\/12025$/);
    await page.getByRole('link', { name: 'Vergelijk met gelijkaardige gemeenten' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gemeenten vergelijken');
    await expect(page.getByLabel('Uw gemeente')).toHaveValue('12025');
    await expect(page.getByLabel('Stel de 10 meest gelijkaardige gemeenten voor')).toBeChecked();

    // Choose two indicators: the employment rate and the share of inhabitants of foreign origin.
    const indicators = page.getByRole('group', { name: 'Indicatoren (hoogstens 6)' });
    const checked = indicators.getByRole('checkbox', { checked: true });
    while ((await checked.count()) > 0) await checked.first().uncheck();
    await indicators.getByRole('checkbox', { name: WERK }).check();
    await indicators.getByRole('checkbox', { name: HERKOMST }).check();
    await page.getByRole('button', { name: 'Vergelijk' }).click();

    const proposed = page.getByRole('region', { name: 'Voorgestelde gelijkaardige gemeenten' });
    await expect(proposed.getByRole('listitem')).toHaveCount(10);
    similar.push(...(await proposed.getByRole('link').allTextContents()).map((t) => t.trim()));
    expect(similar).not.toContain('Mechelen');

    await expect(
      page.getByRole('img', { name: startsWith(`${WERK}, 2024 Staafdiagram met 11 staven`) }),
    ).toBeVisible();
    await expect(page.getByRole('table', { name: `${WERK}, 2024: de cijfers` }).getByRole('row')).toHaveCount(
      13, // header, Mechelen, the 10 proposed, Vlaanderen
    );
    const all = page.getByRole('table', { name: 'Alle gekozen indicatoren naast elkaar' });
    await expect(all.getByRole('columnheader')).toHaveText([
      'Gemeente',
      `${WERK} (2024)`,
      `${HERKOMST} (2024)`,
    ]);
    await expect(all.getByRole('rowheader')).toHaveText(['Mechelen', ...similar, 'Vlaanderen']);

    // The same comparison as CSV.
    const href = await page.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
    const csv = await page.request.get(href!);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe('nis,gemeente,werkzaamheidsgraad 2024,aandeel-buitenlandse-herkomst 2024');
    expect(lines[1]).toMatch(/^12025,Mechelen,/);
  });

  const parent = page.getByRole('progressbar', { name: 'Voortgang van 3 Ontmoeting in de wijken' });
  await test.step('opens a result of its action plan', async () => {
    await page.goto('/home');
    await page.getByRole('link', { name: PLAN }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(PLAN);
    // Result 3 has two sub-results of equal weight: 3.1 at 50 % and 3.2 at 0 %.
    await expect(parent).toHaveAttribute('value', '25');
    await page.getByRole('link', { name: 'Jaarlijkse inburgeringsceremonie' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('3.2 Jaarlijkse inburgeringsceremonie');
  });

  await test.step('a percentage above 100 is refused at the field', async () => {
    const form = page.getByRole('region', { name: 'Voortgang bijwerken' });
    await form.getByLabel('Voortgang in %').fill('150');
    await form.getByRole('button', { name: 'Voortgang bewaren' }).click();
    await expect(page.getByRole('alert')).toContainText('Er is een probleem');
    await expect(page.getByLabel('Voortgang in %')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('progressbar', { name: 'Voortgang van dit resultaat' })).toHaveAttribute(
      'value',
      '0',
    );
  });

  await test.step('updates the progress; the timeline and the plan show it', async () => {
    await page.getByLabel('Voortgang in %').fill('80');
    await page.getByLabel('Status').selectOption({ label: 'Lopend' });
    await page.getByLabel('Toelichting').fill('Ceremonie voorbereid met de dienst burgerzaken.');
    await page.getByRole('button', { name: 'Voortgang bewaren' }).click();
    await expect(page.getByRole('status')).toHaveText('De voortgang is bewaard.');
    await expect(page.getByRole('progressbar', { name: 'Voortgang van dit resultaat' })).toHaveAttribute(
      'value',
      '80',
    );
    const latest = page
      .getByRole('heading', { name: 'Tijdlijn' })
      .locator('xpath=following-sibling::ol[1]')
      .getByRole('listitem')
      .first();
    await expect(latest).toContainText('80 %, Lopend door Pieter Janssens (Lokaal bestuur Mechelen)');
    await expect(latest).toContainText('Ceremonie voorbereid met de dienst burgerzaken.');

    // On the plan, result 3 is now the weighted mean of 50 % and 80 %.
    await page.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: PLAN }).click();
    await expect(parent).toHaveAttribute('value', '65');
  });
});

test('the administrator imports a CSV after a dry run that caught an error', async ({ page }) => {
  const head = 'indicator;nis;gemeente;periode;uitsplitsing;waarde;teller;noemer;status;bron';
  const file = (name: string, lines: string[]) => ({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(`${[head, ...lines].join('\n')}\n`, 'utf8'),
  });
  const mechelen = 'inwoners;12025;;2018;;86950;;;definitief;Rijksregister';

  await login(page, 'beheerder');
  await page.getByRole('link', { name: 'Waarden importeren' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Waarden importeren');

  await test.step('the dry run reports the line with a word where a number belongs', async () => {
    await page
      .getByLabel('CSV-bestand')
      .setInputFiles(
        file('inwoners-2018.csv', [
          mechelen,
          'inwoners;;Gent;2018;;zestigduizend;;;definitief;Rijksregister',
        ]),
      );
    await page.getByRole('radio', { name: /^Toevoegen en bijwerken/ }).check();
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import: inwoners-2018.csv');
    await expect(page.getByRole('status')).toContainText(
      'Dit bestand bevat 1 fout(en). Er werd niets ingelezen.',
    );
    const errors = page.getByRole('table', { name: 'Fouten per regel' });
    await expect(errors.getByRole('row')).toHaveCount(2);
    await expect(errors.getByRole('row').nth(1).getByRole('cell')).toHaveText([
      '3',
      'waarde',
      /"zestigduizend" is geen getal/,
    ]);
    await expect(page.getByRole('button', { name: 'Inlezen' })).toHaveCount(0);
  });

  await test.step('the corrected file passes the dry run and is imported', async () => {
    await page.getByRole('link', { name: 'Een ander bestand opladen' }).click();
    await page
      .getByLabel('CSV-bestand')
      .setInputFiles(
        file('inwoners-2018-verbeterd.csv', [
          mechelen,
          'inwoners;;Gent;2018;;263927;;;definitief;Rijksregister',
        ]),
      );
    await page.getByRole('radio', { name: /^Toevoegen en bijwerken/ }).check();
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Import: inwoners-2018-verbeterd.csv');
    await expect(page.getByRole('status')).toContainText(
      'Het bestand is foutloos. Kies Inlezen om de 2 waarden te bewaren.',
    );
    await expect(page.getByRole('table', { name: 'Fouten per regel' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Inlezen' }).click();
    await expect(page.getByRole('status')).toHaveText('Ingelezen: 2 nieuwe en 0 bijgewerkte waarden.');
    await expect(page.getByRole('button', { name: 'Inlezen' })).toHaveCount(0);

    // Both attempts are listed, the first one never imported.
    await page
      .getByRole('navigation', { name: 'Kruimelpad' })
      .getByRole('link', { name: 'Importeren' })
      .click();
    const batches = page.getByRole('table', { name: 'Imports' });
    await expect(batches.getByRole('row', { name: /inwoners-2018\.csv/ })).toContainText('Gecontroleerd');
    await expect(batches.getByRole('row', { name: /inwoners-2018-verbeterd\.csv/ })).toContainText(
      'Ingelezen',
    );
  });

  await test.step('the imported values are shown', async () => {
    // In the profile of Mechelen the trend of the number of inhabitants now starts in 2018…
    await page.goto('/monitoring/gemeenten/12025?thema=context');
    const table = page.getByRole('table', { name: 'Aantal inwoners, Mechelen: de cijfers' });
    await expect(table.getByRole('rowheader').first()).toHaveText('2018');
    await expect(table.getByRole('row').nth(1).getByRole('cell').first()).toHaveText('86.950 inwoners');
    // …and Gent's value, found by name, is in the open data with the source given in the file.
    const api = await page.request.get('/api/v1/indicators/inwoners/values?period=2018&area=44021');
    expect((await api.json()).items).toEqual([
      expect.objectContaining({ area: '44021', value: 263927, status: 'final', source: 'Rijksregister' }),
    ]);
  });
});
