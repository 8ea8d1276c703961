import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { demoEmail, expect, login, test } from './fixtures';
import { expectMail, loginAsMechelenOfficer, logout, mailsTo } from './outbox';

// Knowledge sharing (issue 4): finding an event in the public agenda, registering and cancelling (with
// the confirmation mail and its .ics file), the waitlist moving up, attendance and the participant list,
// and a good practice from submission to a Dutch full-text search. Every page these tests load is also
// checked with axe by the fixture (see fixtures.ts).

/** The value next to a term in a summary list (a <dl>). */
function fact(page: Page, term: string) {
  return page
    .locator('.summary-list__row')
    .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }) })
    .getByRole('definition');
}

/** The flash message after a form post (pages may hold other status notices). */
const flash = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

/** Unfolds an iCalendar text (RFC 5545 folds lines at 75 octets). */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

/* ------------------------------------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------------------------------- */

test.describe('events', () => {
  test('an officer finds an event in the agenda, registers, gets the confirmation with an .ics file and cancels', async ({
    page,
  }) => {
    test.slow();
    const title = 'Netwerkmoment: taaloefenkansen in je gemeente';
    await loginAsMechelenOfficer(page);

    // The public agenda, filtered by a word and the kind of event.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Agenda' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agenda kennisdeling');
    const filters = page.getByRole('search', { name: 'Evenementen filteren' });
    await filters.getByLabel('Zoek', { exact: true }).fill('taaloefenkansen');
    await filters.getByLabel('Soort').selectOption({ label: 'Netwerkmoment' });
    await filters.getByRole('button', { name: 'Filteren' }).click();
    await expect(page).toHaveURL(/\/agenda\?.*q=taaloefenkansen/);
    const results = page.getByRole('table', { name: 'Komende evenementen (1)' });
    await results.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    const eventPath = new URL(page.url()).pathname;
    const placesBefore = (await fact(page, 'Plaatsen').textContent()) ?? '';
    const free = Number(/Nog (\d+) van/.exec(placesBefore)?.[1]);
    expect(free).toBeGreaterThan(0);

    // Registering himself (ticked already: he is the first option).
    const form = page.getByRole('region', { name: 'Inschrijven' });
    await expect(
      form
        .getByRole('group', { name: 'Wie schrijft u in?' })
        .getByRole('checkbox', { name: 'Uzelf (Pieter Janssens)' }),
    ).toBeChecked();
    await form.getByRole('button', { name: 'Inschrijven', exact: true }).click();
    await expect(flash(page, 'U bent ingeschreven.')).toHaveText(
      'U bent ingeschreven. U krijgt een bevestiging per e-mail, met het evenement voor uw agenda.',
    );
    await expect(fact(page, 'Plaatsen')).toContainText(`Nog ${free - 1} van`);
    const registered = page.getByRole('table', { name: 'Ingeschreven uit uw organisatie' });
    const own = registered.getByRole('row').filter({ hasText: 'Pieter Janssens (uzelf)' });
    await expect(own).toContainText('Ingeschreven');

    // The confirmation mail, with the event as an .ics file for his calendar.
    const confirmation = await expectMail(
      demoEmail('mechelen'),
      (m) => m.subject === `Inschrijving bevestigd: ${title}`,
      'the confirmation',
    );
    expect(confirmation.text).toContain(`U bent ingeschreven voor "${title}". Uw plaats is zeker.`);
    expect(confirmation.text).toContain(eventPath);
    const [ics] = confirmation.attachments;
    expect(ics?.filename).toBe('evenement.ics');
    expect(ics?.contentType).toMatch(/^text\/calendar/);
    const calendar = unfold(ics!.content);
    expect(calendar).toContain('BEGIN:VCALENDAR');
    expect(calendar).toContain('BEGIN:VEVENT');
    expect(calendar).toContain(`SUMMARY:${title}`);
    // The same start and end as the event's own calendar file.
    const published = unfold(await (await page.request.get(`${eventPath}/ics`)).text());
    for (const key of ['DTSTART', 'DTEND']) {
      const line = new RegExp(`^${key}:.*$`, 'm');
      expect(calendar.match(line)?.[0]).toBe(published.match(line)?.[0]);
    }

    // Cancelling frees the place again.
    await own.getByRole('button', { name: 'Annuleren voor Pieter Janssens' }).click();
    await expect(flash(page, 'De inschrijving is geannuleerd.')).toHaveText(
      'De inschrijving is geannuleerd.',
    );
    await expect(page).toHaveURL(new RegExp(`${eventPath}$`));
    await expect(page.getByRole('table', { name: 'Ingeschreven uit uw organisatie' })).toHaveCount(0);
    await expect(fact(page, 'Plaatsen')).toContainText(`Nog ${free} van`);
    await expectMail(
      demoEmail('mechelen'),
      (m) => m.subject === `Inschrijving geannuleerd: ${title}`,
      'the cancellation',
    );
  });

  test('when a place frees up in a full event, the first on the waitlist gets it', async ({ page }) => {
    test.slow();
    const title = 'Infosessie: mentorprogramma naar werk voor vrouwen';
    const first = { name: 'Mustafa Yilmaz', email: 'mustafa.yilmaz@gemeente-12021.example' };
    const second = 'Nele Hermans';

    // Pieter holds one of the twelve places; two people wait.
    await loginAsMechelenOfficer(page);
    await page.goto('/agenda');
    await page.getByRole('link', { name: 'Mijn inschrijvingen' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn inschrijvingen');
    const mine = page.getByRole('table', { name: /^Mijn komende evenementen/ });
    const row = mine.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
    await expect(row).toContainText('Ingeschreven');
    await row.getByRole('link', { name: title }).click();
    await expect(fact(page, 'Plaatsen')).toHaveText('Volzet (12 plaatsen), 2 op de wachtlijst');
    await page.goBack();

    await row.getByRole('button', { name: `Annuleren voor ${title}` }).click();
    await expect(flash(page, 'De inschrijving is geannuleerd.')).toHaveText(
      'De inschrijving is geannuleerd. De eerste op de wachtlijst kreeg de vrije plaats.',
    );
    // His registration stays in the list, cancelled, without a button.
    const after = page
      .getByRole('table', { name: /^Mijn komende evenementen/ })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: title }) });
    await expect(after.getByRole('cell').nth(2)).toHaveText('Geannuleerd');
    await expect(after.getByRole('button')).toHaveCount(0);
    await page.goto('/agenda');
    await page.getByRole('link', { name: title }).click();
    await expect(fact(page, 'Plaatsen')).toHaveText('Volzet (12 plaatsen), 1 op de wachtlijst');

    // The first on the waitlist is told by e-mail, with the event for the calendar.
    const promoted = await expectMail(
      first.email,
      (m) => m.subject === `Er is een plaats vrij: u bent ingeschreven voor ${title}`,
      'the promotion',
    );
    expect(promoted.attachments.map((a) => a.filename)).toEqual(['evenement.ics']);
    expect(mailsTo(`${second.toLowerCase().replace(' ', '.')}@`).some((m) => m.subject.includes(title))).toBe(
      false,
    );
    await logout(page);

    // The organiser's list agrees.
    await login(page, 'medewerker.agii');
    await page.goto('/agenda');
    await page.getByRole('link', { name: title }).click();
    await page
      .getByRole('region', { name: 'Voor de organisator' })
      .getByRole('link', { name: 'Deelnemers en aanwezigheid' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deelnemers');
    await expect(fact(page, 'Plaatsen ingenomen')).toHaveText('12 van 12');
    await expect(fact(page, 'Op de wachtlijst')).toHaveText('1');
    const list = page.getByRole('table', { name: /^Inschrijvingen \(\d+\), in volgorde van inschrijving$/ });
    const status = (name: string) => list.getByRole('row').filter({ hasText: name }).getByRole('cell').nth(3);
    await expect(status('Pieter Janssens')).toHaveText('Geannuleerd');
    await expect(status(first.name)).toHaveText('Ingeschreven');
    await expect(status(second)).toHaveText('Op de wachtlijst');
  });

  test('the organiser records attendance and exports the participant list', async ({ page }) => {
    const title = 'Lunchwebinar: een buddyproject opstarten';
    await login(page, 'medewerker.agii');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Agenda' }).click();
    await page.getByRole('link', { name: 'Evenementen van mijn organisatie' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Evenementen van mijn organisatie');
    await page
      .getByRole('table', { name: /^Evenementen \(\d+\)$/ })
      .getByRole('link', { name: `Lijst en aanwezigheid voor ${title}` })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deelnemers');
    await expect(page.getByRole('main').locator('.lead')).toContainText(title);
    await expect(fact(page, 'Aanwezig')).toHaveText('0');

    // The event is today: the organiser ticks who came and who did not.
    const attendance = (name: string) => page.getByRole('group', { name: `Aanwezigheid van ${name}` });
    await attendance('Pieter Janssens').getByRole('radio', { name: 'Aanwezig', exact: true }).check();
    await attendance('Pauline Maes').getByRole('radio', { name: 'Aanwezig', exact: true }).check();
    await attendance('Olivier Dubois').getByRole('radio', { name: 'Afwezig', exact: true }).check();
    await page.getByRole('button', { name: 'Aanwezigheden bewaren' }).click();
    await expect(flash(page, 'bewaard')).toHaveText('3 aanwezigheden bewaard.');
    await expect(fact(page, 'Aanwezig')).toHaveText('2');
    await expect(
      attendance('Pieter Janssens').getByRole('radio', { name: 'Aanwezig', exact: true }),
    ).toBeChecked();
    await expect(
      attendance('Olivier Dubois').getByRole('radio', { name: 'Afwezig', exact: true }),
    ).toBeChecked();
    const list = page.getByRole('table', { name: /^Inschrijvingen \(\d+\), in volgorde van inschrijving$/ });
    const status = (name: string) => list.getByRole('row').filter({ hasText: name }).getByRole('cell').nth(3);
    await expect(status('Pieter Janssens')).toHaveText('Aanwezig');
    await expect(status('Olivier Dubois')).toHaveText('Afwezig');
    await expect(status('Sarah Vandenberghe')).toHaveText('Ingeschreven');

    // The participant list as CSV (semicolons, for Excel in Belgium).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Deelnemerslijst downloaden (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('deelnemers-lunchwebinar-een-buddyproject-opstarten.csv');
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('Naam;E-mail;Organisatie;Status;Ingeschreven op;Ingeschreven door;Volgorde');
    expect(lines).toHaveLength(5);
    const line = (name: string) => lines.find((l) => l.startsWith(`${name};`))?.split(';');
    expect(line('Pieter Janssens')?.slice(1, 4)).toEqual([
      demoEmail('mechelen'),
      'Lokaal bestuur Mechelen',
      'Aanwezig',
    ]);
    expect(line('Olivier Dubois')?.[3]).toBe('Afwezig');
    expect(line('Sarah Vandenberghe')?.[3]).toBe('Ingeschreven');
  });
});

test.describe('good practices', () => {
  test('a practice is submitted, published by an editor and found by a Dutch search that needs stemming', async ({
    page,
  }) => {
    test.slow();
    // The text says "vrijwilligers" and "koppelen", never "vrijwilliger" or "koppeling".
    const title = 'Wandelen met vrijwilligers door de Gentse wijken';
    const search = async (words: string) => {
      await page.goto('/goede-praktijken');
      const form = page.getByRole('search', { name: 'Goede praktijken zoeken' });
      await form.getByLabel('Zoek op woorden').fill(words);
      await form.getByRole('button', { name: 'Zoeken' }).click();
      await expect(page).toHaveURL(new RegExp(`/goede-praktijken\\?.*q=${words}`));
      return page
        .getByRole('main')
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: title }) });
    };

    // 1. An officer of Gent shares a practice.
    await login(page, 'gent');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Goede praktijken' })
      .click();
    await page.getByRole('link', { name: 'Een goede praktijk delen' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Een goede praktijk delen');
    await page.getByLabel('Titel').fill(title);
    await page
      .getByLabel('Korte samenvatting')
      .fill('Elke zaterdag wandelen nieuwkomers met vrijwilligers uit de buurt door hun nieuwe wijk.');
    await page.getByLabel('Thema').selectOption({ label: 'Sociale cohesie' });
    await expect(page.getByLabel('Gemeente')).toHaveValue('44021');
    await page
      .getByLabel('Aanpak')
      .fill(
        'We koppelen elke nieuwkomer aan twee vrijwilligers uit dezelfde wijk.\n\nSamen ontdekken ze de bibliotheek, het buurthuis en de sportclub.',
      );
    await page.getByLabel('Resultaten').fill('Veertig wandelduo’s in het eerste jaar.');
    await expect(page.getByLabel('Contactpersoon', { exact: true })).toHaveValue('Lotte De Smet');
    await expect(page.getByLabel('E-mail van de contactpersoon')).toHaveValue(demoEmail('gent'));
    await page.getByRole('button', { name: 'Indienen' }).click();
    await expect(flash(page, 'Bedankt!')).toHaveText(
      'Bedankt! De redactie leest uw goede praktijk na en laat u weten wanneer ze online staat.',
    );
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByRole('main')).toContainText(
      'Deze praktijk is nog niet zichtbaar voor het publiek.',
    );
    await logout(page);

    // Not yet published: the public search does not find it.
    await expect(await search('vrijwilliger')).toHaveCount(0);

    // 2. An editor of the agency publishes it.
    await login(page, 'medewerker.agii');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Goede praktijken' })
      .click();
    await page.getByRole('link', { name: 'Redactie: te behandelen praktijken' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redactie goede praktijken');
    const queue = page.getByRole('table', { name: /^Redactie goede praktijken \(\d+\)$/ });
    await expect(queue.getByRole('row').filter({ hasText: title })).toContainText('Lokaal bestuur Gent');
    await queue.getByRole('link', { name: title }).click();
    await page.getByRole('region', { name: 'Redactie' }).getByRole('button', { name: 'Publiceren' }).click();
    await expect(flash(page, 'gepubliceerd')).toHaveText(
      'De goede praktijk is gepubliceerd. De indiener krijgt een e-mail.',
    );
    await expect(fact(page, 'Gepubliceerd')).not.toHaveText('–');
    await expectMail(demoEmail('gent'), (m) => m.subject === `Gepubliceerd: ${title}`, 'the publication');
    await logout(page);

    // 3. Anyone finds it with the singular: Dutch stemming, not a literal match.
    const found = await search('vrijwilliger');
    await expect(found).toHaveCount(1);
    await expect(page.getByRole('main')).toContainText(/\d+ goede praktijk(en)? voor "vrijwilliger"\./);
    // "koppeling" is not in the text at all, but shares its stem with "koppelen".
    await expect(await search('koppeling')).toHaveCount(1);
    await found.getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(fact(page, 'Gemeente')).toHaveText('Gent');
  });
});
