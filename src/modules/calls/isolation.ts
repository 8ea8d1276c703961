import { and, eq } from 'drizzle-orm';
import type { IsolationRow, IsolationRows, SelfScopedRoute } from '../../core/access/isolation';
import { organisations } from '../../core/access/schema';
import type { Db } from '../../core/db/client';
import { callApplications, callClaims, calls, impulseGrants, oefenkansen } from './schema';

async function applicationOf(db: Db, nis: string): Promise<string> {
  const [row] = await db
    .select({ id: callApplications.id })
    .from(callApplications)
    .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
    .where(and(eq(organisations.type, 'local_government'), eq(organisations.municipalityNis, nis)));
  if (!row) throw new Error(`calls isolation: no demo application for ${nis}`);
  return row.id;
}

/**
 * Organisation A's resources from the demo data: Aalst's granted application (with register and an
 * advance), Lier's draft, Willebroek's admissible and Leuven's assessed application, and Amal's impulse.
 * Mechelen's officer (another applicant) and Atlas's staff (another agency) must be refused.
 */
export const callsIsolation: IsolationRows = async ({ db }) => {
  const [call] = await db.select({ id: calls.id }).from(calls).limit(1);
  if (!call) throw new Error('calls isolation: no demo call');
  const granted = await applicationOf(db, '41002');
  const draft = await applicationOf(db, '12021');
  const admissible = await applicationOf(db, '12040');
  const assessed = await applicationOf(db, '24062');
  const hasselt = await applicationOf(db, '71072');
  const [claim] = await db
    .select({ id: callClaims.id })
    .from(callClaims)
    .where(eq(callClaims.applicationId, granted));
  const [entry] = await db
    .select({ id: oefenkansen.id })
    .from(oefenkansen)
    .where(eq(oefenkansen.applicationId, granted))
    .limit(1);
  const [amal] = await db
    .select({ id: impulseGrants.id })
    .from(impulseGrants)
    .innerJoin(organisations, eq(organisations.id, impulseGrants.recipientOrganisationId))
    .where(eq(organisations.agencyCode, 'AMAL'));
  const [impulseEntry] = await db
    .select({ id: oefenkansen.id })
    .from(oefenkansen)
    .where(eq(oefenkansen.impulseGrantId, amal!.id))
    .limit(1);

  const applicant = 'mechelen';
  const otherAgency = 'medewerker.atlas';
  const rows: IsolationRow[] = [];
  const both = (row: Omit<IsolationRow, 'as'>) => {
    rows.push({ ...row, as: applicant }, { ...row, as: otherAgency });
  };

  for (const suffix of ['overzicht', 'voortgang.csv', 'aanvragen.csv']) {
    both({ route: `/oproepen/:id/${suffix}`, method: 'GET', url: `/oproepen/${call.id}/${suffix}` });
  }
  both({ route: '/oproepen/:id/bewerken', method: 'GET', url: `/oproepen/${call.id}/bewerken` });
  both({
    route: '/oproepen/:id/bewerken',
    method: 'POST',
    url: `/oproepen/${call.id}/bewerken`,
    form: { title: 'Overgenomen', budget: '1' },
  });
  both({ route: '/aanvragen/:id', method: 'GET', url: `/aanvragen/${granted}` });
  both({ route: '/aanvragen/:id/stap/:step', method: 'GET', url: `/aanvragen/${draft}/stap/aanvrager` });
  both({
    route: '/aanvragen/:id/stap/:step',
    method: 'POST',
    url: `/aanvragen/${draft}/stap/aanpak`,
    form: { approach: 'Overgenomen', targetGroups: 'x', womenAndGirls: 'x' },
  });
  both({ route: '/aanvragen/:id/indienen', method: 'GET', url: `/aanvragen/${draft}/indienen` });
  both({ route: '/aanvragen/:id/indienen', method: 'POST', url: `/aanvragen/${draft}/indienen`, form: {} });
  both({
    route: '/aanvragen/:id/beoordeling',
    method: 'POST',
    url: `/aanvragen/${admissible}/beoordeling`,
    form: { score_quality: '1', score_reach: '1', score_anchoring: '1' },
  });
  both({
    route: '/aanvragen/:id/beslissen',
    method: 'POST',
    url: `/aanvragen/${assessed}/beslissen`,
    form: { action: 'grant' },
  });
  both({ route: '/aanvragen/:id/beslissing', method: 'GET', url: `/aanvragen/${granted}/beslissing` });
  both({
    route: '/aanvragen/:id/eindrapport',
    method: 'POST',
    url: `/aanvragen/${hasselt}/eindrapport`,
    form: {},
  });
  both({ route: '/aanvragen/:id/historiek', method: 'GET', url: `/aanvragen/${granted}/historiek` });

  const registerRows = (prefix: string, base: string, entryId: string, as: string[]) => {
    const add = (row: Omit<IsolationRow, 'as'>) => {
      for (const who of as) rows.push({ ...row, as: who });
    };
    add({ route: prefix, method: 'GET', url: base });
    add({ route: `${prefix}/nieuw`, method: 'GET', url: `${base}/nieuw` });
    add({
      route: prefix,
      method: 'POST',
      url: base,
      form: {
        date: '2026-01-15',
        title: 'Indringer',
        place: 'x',
        format: 'walk',
        durationMinutes: '60',
        participants: '5',
      },
    });
    add({
      route: `${prefix}/:entryId/geen-dubbel`,
      method: 'POST',
      url: `${base}/${entryId}/geen-dubbel`,
      form: {},
    });
    add({ route: `${prefix}/:entryId/verwijderen`, method: 'GET', url: `${base}/${entryId}/verwijderen` });
    add({
      route: `${prefix}/:entryId/verwijderen`,
      method: 'POST',
      url: `${base}/${entryId}/verwijderen`,
      form: {},
    });
    add({ route: `${prefix}/import`, method: 'GET', url: `${base}/import` });
    add({ route: `${prefix}/import`, method: 'POST', url: `${base}/import`, form: {} });
    add({ route: `${prefix}/export.csv`, method: 'GET', url: `${base}/export.csv` });
  };
  registerRows('/aanvragen/:id/register', `/aanvragen/${granted}/register`, entry!.id, [
    applicant,
    otherAgency,
  ]);
  registerRows('/impulsen/:id/register', `/impulsen/${amal!.id}/register`, impulseEntry!.id, [
    otherAgency,
    'gent',
  ]);

  both({ route: '/uitbetalingen/:id', method: 'GET', url: `/uitbetalingen/${claim!.id}` });
  both({
    route: '/uitbetalingen/:id',
    method: 'POST',
    url: `/uitbetalingen/${claim!.id}`,
    form: { action: 'approve_programme' },
  });

  both({ route: '/api/v1/applications/:id', method: 'GET', url: `/api/v1/applications/${granted}` });
  both({
    route: '/api/v1/applications/:id',
    method: 'PATCH',
    url: `/api/v1/applications/${draft}`,
    json: { approach: { approach: 'x', targetGroups: 'x', womenAndGirls: 'x' } },
  });
  both({
    route: '/api/v1/applications/:id/submit',
    method: 'POST',
    url: `/api/v1/applications/${draft}/submit`,
    json: {},
  });
  both({
    route: '/api/v1/applications/:id/register',
    method: 'GET',
    url: `/api/v1/applications/${granted}/register`,
  });
  both({
    route: '/api/v1/applications/:id/register',
    method: 'POST',
    url: `/api/v1/applications/${granted}/register`,
    json: {
      date: '2026-01-15',
      title: 'Indringer',
      municipalityNis: '41002',
      place: 'x',
      format: 'walk',
      durationMinutes: 60,
      participants: 5,
      mainGoalDutch: true,
      outsideLesson: true,
      noCertification: true,
    },
  });
  both({
    route: '/api/v1/applications/:id/register/import',
    method: 'POST',
    url: `/api/v1/applications/${granted}/register/import`,
    json: { csv: 'datum;titel\n', dryRun: true },
  });
  return rows;
};

/** Routes that only ever show or change the caller's own organisation's data. */
export const callsSelfScoped: SelfScopedRoute[] = [
  {
    method: 'GET',
    route: '/impulsen/nieuw',
    reason: 'Een leeg formulier; alleen voor medewerkers van AgII.',
  },
  {
    method: 'POST',
    route: '/impulsen',
    reason:
      'Kent een impuls toe vanuit het eigen agentschap (AgII); wie geen AgII-medewerker is, wordt geweigerd.',
  },
  {
    method: 'GET',
    route: '/oproepen/nieuw',
    reason: 'Een leeg formulier voor een nieuwe oproep; alleen voor medewerkers van een agentschap.',
  },
  {
    method: 'POST',
    route: '/oproepen',
    reason: 'Maakt een oproep aan die hoort bij het eigen agentschap van de medewerker.',
  },
  {
    method: 'GET',
    route: '/oproepen/dashboard',
    reason: 'Toont alleen de aanvragen van de eigen actieve organisatie.',
  },
  {
    method: 'POST',
    route: '/oproepen/:id/starten',
    reason: 'Maakt alleen een aanvraag aan voor de eigen actieve organisatie (of opent de bestaande).',
  },
  {
    method: 'GET',
    route: '/aanvragen',
    reason: 'De lijst is per query beperkt tot wat de gebruiker mag zien.',
  },
  {
    method: 'GET',
    route: '/impulsen',
    reason: 'De lijst is per query beperkt tot de impulsen van het eigen agentschap.',
  },
  {
    method: 'GET',
    route: '/uitbetalingen',
    reason: 'De lijst is per query beperkt tot de oproepen van het eigen agentschap of de eigen aanvragen.',
  },
  {
    method: 'POST',
    route: '/uitbetalingen/betaalbestand',
    reason:
      'Alleen de financiële dienst; bevat alleen uitbetalingen van de oproepen van het eigen agentschap.',
  },
  {
    method: 'GET',
    route: '/api/v1/applications',
    reason: 'De lijst is per query beperkt tot wat de gebruiker mag zien.',
  },
  {
    method: 'POST',
    route: '/api/v1/applications',
    reason: 'Maakt alleen een aanvraag aan voor de eigen actieve organisatie.',
  },
];
