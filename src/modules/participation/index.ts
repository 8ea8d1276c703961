import { and, asc, eq } from 'drizzle-orm';
import type { IsolationEnv, IsolationRow, SelfScopedRoute } from '../../core/access/isolation';
import { organisations } from '../../core/access/schema';
import type { ModuleManifest } from '../../core/module';
import { isCounsellor, isModerator, isPublisher } from './access';
import { ATLAS_COUNSELLOR, seedParticipationDemo } from './demo';
import { counsellorCard, publisherCard } from './home';
import { startParticipationJobs } from './jobs';
import { participationMetrics } from './metrics';
import { participationRoutes } from './routes';
import {
  participationActivities,
  participationHourEntries,
  participationOffers,
  participationTrajectories,
} from './schema';

export { ATLAS_COUNSELLOR } from './demo';
export { runDailyJobs } from './jobs';

/** Finds a record of the demo data by a condition, for the isolation rows. */
async function one<T>(rows: Promise<T[]>, what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`participation isolation: ${what} not found (demo data missing?)`);
  return row;
}

/**
 * Organisation A: De Brug (a partner) with its offers in Mechelen and Deinze; AgII with Els Maes's
 * trajectories. Organisation B: another partner (Mentorwerk), local governments and a network
 * coordinator outside the offer's region, and the counsellor and staff of another agency (Atlas).
 */
async function isolationRows({ db }: IsolationEnv): Promise<IsolationRow[]> {
  const deBrug = await one(
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.shortName, 'De Brug')),
    'De Brug',
  );
  const ownOffer = await one(
    db
      .select({ id: participationOffers.id })
      .from(participationOffers)
      .where(
        and(
          eq(participationOffers.ownerOrganisationId, deBrug.id),
          eq(participationOffers.title, 'Taalcafé De Brug'),
        ),
      ),
    "De Brug's draft",
  );
  const waitingOffer = await one(
    db
      .select({ id: participationOffers.id })
      .from(participationOffers)
      .where(
        and(
          eq(participationOffers.ownerOrganisationId, deBrug.id),
          eq(participationOffers.status, 'awaiting_validation'),
        ),
      ),
    "De Brug's offer awaiting validation",
  );
  const agii = await one(
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.agencyCode, 'AGII')),
    'AgII',
  );
  const active = await one(
    db
      .select({
        id: participationTrajectories.id,
        activityId: participationActivities.id,
        nis: participationTrajectories.municipalityNis,
      })
      .from(participationTrajectories)
      .innerJoin(
        participationActivities,
        eq(participationActivities.trajectoryId, participationTrajectories.id),
      )
      .where(
        and(
          eq(participationTrajectories.counsellorOrganisationId, agii.id),
          eq(participationTrajectories.status, 'active'),
        ),
      )
      .orderBy(asc(participationTrajectories.createdAt))
      .limit(1),
    'an active AgII trajectory',
  );
  const entry = await one(
    db
      .select({ id: participationHourEntries.id })
      .from(participationHourEntries)
      .where(eq(participationHourEntries.trajectoryId, active.id))
      .limit(1),
    'an hour entry',
  );
  const completed = await one(
    db
      .select({ id: participationTrajectories.id })
      .from(participationTrajectories)
      .where(
        and(
          eq(participationTrajectories.counsellorOrganisationId, agii.id),
          eq(participationTrajectories.status, 'completed'),
        ),
      )
      .limit(1),
    'a completed AgII trajectory',
  );

  const offerForm = {
    title: 'Gekaapte activiteit',
    description: 'Deze wijziging mag niet lukken.',
    category: 'sport',
    sector: 'sport',
    calendarType: 'permanent',
    sessionHours: '2',
    dutchLevel: 'none',
    audience: 'everyone',
    availability: 'open',
    contactName: 'Iemand Anders',
    contactEmail: 'iemand@example.be',
    'places.0.municipalityNis': '44021',
  };
  const offerJson = {
    title: 'Gekaapte activiteit',
    description: 'Deze wijziging mag niet lukken.',
    category: 'sport',
    sector: 'sport',
    calendarType: 'permanent',
    sessionHours: 2,
    dutchLevel: 'none',
    audience: 'everyone',
    availability: 'open',
    contactName: 'Iemand Anders',
    contactEmail: 'iemand@example.be',
    places: [{ municipalityNis: '44021' }],
  };
  const offerOthers = ['expert.mentorwerk', 'gent', 'medewerker.atlas'];
  const moderators = ['mechelen', 'gent'];
  const offerRows: IsolationRow[] = offerOthers.flatMap((as): IsolationRow[] => [
    { method: 'GET', route: '/participatie/aanbod/:id', url: `/participatie/aanbod/${ownOffer.id}`, as },
    {
      method: 'GET',
      route: '/participatie/aanbod/:id/bewerken',
      url: `/participatie/aanbod/${ownOffer.id}/bewerken`,
      as,
    },
    {
      method: 'POST',
      route: '/participatie/aanbod/:id/bewerken',
      url: `/participatie/aanbod/${ownOffer.id}/bewerken`,
      form: offerForm,
      as,
    },
    {
      method: 'POST',
      route: '/participatie/aanbod/:id/status',
      url: `/participatie/aanbod/${ownOffer.id}/status`,
      form: { action: 'submit' },
      as,
    },
    { method: 'PUT', route: '/api/v1/offers/:id', url: `/api/v1/offers/${ownOffer.id}`, json: offerJson, as },
    {
      method: 'POST',
      route: '/api/v1/offers/:id/status',
      url: `/api/v1/offers/${ownOffer.id}/status`,
      json: { action: 'archive' },
      as,
    },
  ]);
  // Moderation outside one's region: the Deinze offer is in Regio Gent, not in Mechelen or the city of Gent.
  const moderationRows: IsolationRow[] = moderators.flatMap((as): IsolationRow[] => [
    { method: 'GET', route: '/participatie/aanbod/:id', url: `/participatie/aanbod/${waitingOffer.id}`, as },
    {
      method: 'POST',
      route: '/participatie/aanbod/:id/status',
      url: `/participatie/aanbod/${waitingOffer.id}/status`,
      form: { action: 'approve' },
      as,
    },
    {
      method: 'POST',
      route: '/api/v1/offers/:id/status',
      url: `/api/v1/offers/${waitingOffer.id}/status`,
      json: { action: 'send_back', note: 'Mag niet lukken.' },
      as,
    },
  ]);

  const base = `/participatie/trajecten/${active.id}`;
  const api = `/api/v1/participation/trajectories/${active.id}`;
  const trajectoryOthers = [ATLAS_COUNSELLOR, 'medewerker.atlas', 'mechelen', 'partner.debrug'];
  const trajectoryRows: IsolationRow[] = trajectoryOthers.flatMap((as): IsolationRow[] => [
    { method: 'GET', route: '/participatie/trajecten/:id', url: base, as },
    {
      method: 'POST',
      route: '/participatie/trajecten/:id/activiteiten',
      url: `${base}/activiteiten`,
      form: { title: 'Gekaapt', category: 'sport', contactName: 'X', contactEmail: 'x@example.be' },
      as,
    },
    {
      method: 'POST',
      route: '/participatie/trajecten/:id/uren',
      url: `${base}/uren`,
      form: { activityId: active.activityId, date: '2026-01-01', hours: '2' },
      as,
    },
    {
      method: 'POST',
      route: '/participatie/trajecten/:id/uren/valideren',
      url: `${base}/uren/valideren`,
      form: {},
      as,
    },
    {
      method: 'POST',
      route: '/participatie/trajecten/:id/uren/:entryId',
      url: `${base}/uren/${entry.id}`,
      form: { action: 'reject' },
      as,
    },
    {
      method: 'POST',
      route: '/participatie/trajecten/:id/activiteiten/:activityId/bevestiging',
      url: `${base}/activiteiten/${active.activityId}/bevestiging`,
      form: {},
      as,
    },
    {
      method: 'POST',
      route: '/participatie/trajecten/:id/status',
      url: `${base}/status`,
      form: { action: 'stop' },
      as,
    },
    {
      method: 'GET',
      route: '/participatie/trajecten/:id/attest',
      url: `/participatie/trajecten/${completed.id}/attest`,
      as,
    },
    { method: 'GET', route: '/api/v1/participation/trajectories/:id', url: api, as },
    {
      method: 'POST',
      route: '/api/v1/participation/trajectories/:id/activities',
      url: `${api}/activities`,
      json: { title: 'Gekaapt', category: 'sport', contactName: 'X', contactEmail: 'x@example.be' },
      as,
    },
    {
      method: 'POST',
      route: '/api/v1/participation/trajectories/:id/hours',
      url: `${api}/hours`,
      json: { activityId: active.activityId, date: '2026-01-01', hours: 2 },
      as,
    },
    {
      method: 'POST',
      route: '/api/v1/participation/trajectories/:id/hours/:entryId',
      url: `${api}/hours/${entry.id}`,
      json: { action: 'reject' },
      as,
    },
  ]);
  // Confirming as the offer's owner: an activity at an offer of neither De Brug nor Mentorwerk.
  const foreignActivity = await one(
    db
      .select({ id: participationActivities.id })
      .from(participationActivities)
      .innerJoin(participationOffers, eq(participationOffers.id, participationActivities.offerId))
      .innerJoin(organisations, eq(organisations.id, participationOffers.ownerOrganisationId))
      .where(eq(organisations.type, 'local_government'))
      .limit(1),
    "an activity at a local government's offer",
  );
  const confirmRows: IsolationRow[] = ['expert.mentorwerk', 'partner.debrug', 'medewerker.atlas'].map(
    (as) => ({
      method: 'POST',
      route: '/participatie/bevestigingen/:activityId',
      url: `/participatie/bevestigingen/${foreignActivity.id}`,
      form: { decision: 'confirm' },
      as,
    }),
  );
  return [...offerRows, ...moderationRows, ...trajectoryRows, ...confirmRows];
}

const selfScoped: SelfScopedRoute[] = [
  {
    method: 'GET',
    route: '/participatie/mijn-aanbod',
    reason: "Lists only the offers of the caller's own organisation.",
  },
  {
    method: 'GET',
    route: '/participatie/moderatie',
    reason: "Lists only offers with a place in the caller's municipalities or network.",
  },
  {
    method: 'GET',
    route: '/participatie/aanbod/nieuw',
    reason: 'An empty form; the offer is created for the caller’s organisation.',
  },
  {
    method: 'POST',
    route: '/participatie/aanbod/nieuw',
    reason: "Creates an offer owned by the caller's active organisation.",
  },
  {
    method: 'GET',
    route: '/participatie/trajecten',
    reason: "Lists only the trajectories of the caller's organisation (counsellors).",
  },
  {
    method: 'GET',
    route: '/participatie/trajecten/nieuw',
    reason: 'An empty form; the trajectory belongs to the caller’s organisation.',
  },
  {
    method: 'POST',
    route: '/participatie/trajecten/nieuw',
    reason: "Creates a trajectory of the caller's own organisation.",
  },
  {
    method: 'GET',
    route: '/participatie/bevestigingen',
    reason: "Lists only hours at activities of the offers of the caller's own organisation.",
  },
  {
    method: 'GET',
    route: '/participatie/overzicht',
    reason: "Aggregates (no group below 5) for the caller's own municipalities or network.",
  },
  {
    method: 'GET',
    route: '/api/v1/offers/mine',
    reason: "Lists only the offers of the caller's own organisation.",
  },
  {
    method: 'POST',
    route: '/api/v1/offers',
    reason: "Creates an offer owned by the caller's active organisation.",
  },
  {
    method: 'GET',
    route: '/api/v1/participation/trajectories',
    reason: "Lists only the trajectories of the caller's organisation.",
  },
  {
    method: 'POST',
    route: '/api/v1/participation/trajectories',
    reason: "Creates a trajectory of the caller's own organisation.",
  },
];

export const participationModule: ModuleManifest = {
  name: 'participation',
  routes: participationRoutes,
  nav: [
    { href: '/aanbod', label: 'Activiteiten', order: 40, visible: () => true },
    { href: '/participatie/trajecten', label: 'Trajecten', order: 41, visible: isCounsellor },
    {
      href: '/participatie/mijn-aanbod',
      label: 'Mijn aanbod',
      order: 42,
      visible: (p) => isPublisher(p) && !isModerator(p),
    },
    { href: '/participatie/overzicht', label: 'Participatie', order: 42, visible: isModerator },
    { href: '/netwerken', label: 'Regionale netwerken', order: 85, visible: () => true },
  ],
  homeCards: [counsellorCard, publisherCard],
  publicLinks: [
    {
      href: '/aanbod',
      label: 'Activiteiten zoeken',
      description: 'activiteiten voor het participatie- en netwerktraject, bij u in de buurt.',
    },
    {
      href: '/netwerken',
      label: 'Regionale netwerken',
      description: 'de 18 netwerken, hun leden en hun aanbod.',
    },
    { href: '/attest/controle', label: 'Attest controleren', description: 'is een attest van 40 uur echt?' },
  ],
  onStart: startParticipationJobs,
  seedDemo: seedParticipationDemo,
  metrics: participationMetrics,
  isolation: isolationRows,
  selfScoped,
};
