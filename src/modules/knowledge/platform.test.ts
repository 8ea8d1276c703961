import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, loggedIn, type TestPlatform } from '../../../test/helpers';

/** The module inside the whole platform: registered, seeded after the other modules, on the home page. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => platform?.close());

describe('knowledge in the full platform', () => {
  it('is in the menu, on the landing page and on the home page', async () => {
    const landing = await platform.app.inject('/');
    expect(landing.body).toContain('href="/goede-praktijken"');
    const agenda = await platform.app.inject('/agenda');
    expect(agenda.statusCode).toBe(200);
    expect(agenda.body).toContain('mentorprogramma naar werk voor vrouwen');
    const client = await loggedIn(platform.app, 'mechelen');
    const home = await client.get('/home');
    expect(home.body).toContain('Mijn evenementen');
    expect(home.body).toContain('Infosessie: mentorprogramma naar werk voor vrouwen');
    expect(home.body).toContain('Open inschrijvingen');
    expect(home.body).toContain('Nieuwe goede praktijken');
  });

  it('shows organisations without events sensible home cards', async () => {
    const client = await loggedIn(platform.app, 'partner.debrug');
    const home = await client.get('/home');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('U bent voor geen enkel komend evenement ingeschreven.');
  });
});
