import { and, eq } from 'drizzle-orm';
import type { IsolationRow, IsolationRows, SelfScopedRoute } from '../../core/access/isolation';
import { organisations } from '../../core/access/schema';
import { todayIso } from '../../core/i18n/format';
import { addDays } from './rules';
import {
  bookings,
  closingActions,
  coachings,
  learningTrajectories,
  programmes,
  trajectoryEnrolments,
} from './schema';

/**
 * Organisation A is Mechelen (enrolled in an AgII trajectory, two coaching trajectories with AgII, a
 * booking and a Plan Samenleven action) together with AgII (the trajectory) and an expert
 * organisation made for the matrix (the programme Mechelen booked). Users of other organisations —
 * Gent, Atlas, Mentorwerk (another expert organisation), De Brug (a partner) — must not see or change it;
 * nor may Jan (AgII staff, neither coach nor Mechelen's contact person) see Mechelen's coaching, and only
 * administrators and agency staff keep the list of Plan Samenleven participants.
 */
export const cohesionIsolation: IsolationRows = async ({ db }) => {
  const one = async <T>(rows: Promise<T[]>, what: string): Promise<T> => {
    const [row] = await rows;
    if (!row) throw new Error(`cohesion isolation: ${what} not found`);
    return row;
  };
  const agii = await one(
    db.select({ id: organisations.id }).from(organisations).where(eq(organisations.agencyCode, 'AGII')),
    'AgII',
  );
  const mechelen = await one(
    db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.municipalityNis, '12025'), eq(organisations.type, 'local_government'))),
    'Mechelen',
  );
  const gent = await one(
    db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.municipalityNis, '44021'), eq(organisations.type, 'local_government'))),
    'Gent',
  );
  const [expert] = await db
    .insert(organisations)
    .values({ type: 'expert_organisation', name: 'Isolatie: expertenorganisatie A', shortName: 'Expert A' })
    .returning();
  const [trajectory] = await db
    .insert(learningTrajectories)
    .values({
      title: 'Isolatie: traject van AgII',
      description: 'Test.',
      theme: 'werk',
      format: 'collective',
      agencyOrganisationId: agii.id,
    })
    .returning();
  await db.insert(trajectoryEnrolments).values({ trajectoryId: trajectory!.id, organisationId: mechelen.id });
  const [requested, active] = await db
    .insert(coachings)
    .values([
      {
        organisationId: mechelen.id,
        agencyOrganisationId: agii.id,
        subject: 'policy',
        theme: 'werk',
        title: 'Isolatie: aanvraag',
        question: 'Vraag.',
        status: 'requested',
      },
      {
        organisationId: mechelen.id,
        agencyOrganisationId: agii.id,
        subject: 'action',
        theme: 'werk',
        title: 'Isolatie: lopend',
        question: 'Vraag.',
        status: 'active',
        startDate: addDays(todayIso(), -10),
        goals: ['Doel'],
      },
    ])
    .returning();
  const [programme] = await db
    .insert(programmes)
    .values({
      expertOrganisationId: expert!.id,
      title: 'Isolatie: programma van expert A',
      description: 'Test.',
      theme: 'werk',
      targetWomenPct: 50,
      areaKind: 'flanders',
    })
    .returning();
  const year = Number(todayIso().slice(0, 4));
  const [booking] = await db
    .insert(bookings)
    .values({
      programmeId: programme!.id,
      organisationId: mechelen.id,
      municipalityNis: '12025',
      year,
      status: 'booked',
    })
    .returning();
  const [action] = await db
    .insert(closingActions)
    .values({
      organisationId: mechelen.id,
      title: 'Isolatie: actie van Mechelen',
      theme: 'werk',
      endResult: 'R.',
      evaluation: 'E.',
      anchored: 'no',
    })
    .returning();

  const B = '/sociale-cohesie';
  const t = `${B}/leeraanbod/${trajectory!.id}`;
  const cr = `${B}/begeleiding/${requested!.id}`;
  const ca = `${B}/begeleiding/${active!.id}`;
  const p = `${B}/expertenaanbod/${programme!.id}`;
  const b = `${B}/boekingen/${booking!.id}`;
  const a = `${B}/plan-samenleven/${action!.id}`;
  const trajectoryForm = { title: 'Overname', description: 'x', theme: 'werk', format: 'collective' };
  const programmeForm = {
    title: 'Overname',
    description: 'x',
    theme: 'werk',
    targetWomenPct: '10',
    areaKind: 'flanders',
    active: 'ja',
  };
  const closingForm = { title: 'Overname', theme: 'werk', endResult: 'x', evaluation: 'x', anchored: 'no' };
  const reachForm = { b0_17_participants: '1', b0_17_women: '1' };
  const sessionForm = {
    title: 'Overname',
    startDate: addDays(todayIso(), 30),
    startTime: '09:00',
    endTime: '10:00',
    location: 'Gent',
  };
  const A = '/api/v1/cohesion';
  const PS = `${B}/plan-samenleven/deelnemers`;
  const psRemove = `${PS}/${mechelen.id}/verwijderen`;
  const programmeJson = {
    title: 'Overname',
    description: 'x',
    theme: 'werk',
    targetWomenPct: 10,
    area: { kind: 'flanders', codes: [] },
  };
  const openJson = {
    coachUserId: '00000000-0000-0000-0000-000000000000',
    startDate: todayIso(),
    goals: ['x'],
  };

  const rows: IsolationRow[] = [
    // Who has no business with focus support at all.
    { method: 'GET', route: B, url: B, as: 'partner.debrug', expect: [403] },
    { method: 'GET', route: `${B}/leeraanbod`, url: `${B}/leeraanbod`, as: 'partner.debrug', expect: [403] },
    {
      method: 'GET',
      route: `${B}/expertenaanbod`,
      url: `${B}/expertenaanbod`,
      as: 'partner.debrug',
      expect: [403],
    },
    {
      method: 'GET',
      route: `${B}/plan-samenleven`,
      url: `${B}/plan-samenleven`,
      as: 'partner.debrug',
      expect: [403],
    },
    { method: 'GET', route: `${B}/leeraanbod/:id`, url: t, as: 'partner.debrug', expect: [403] },
    { method: 'GET', route: `${B}/expertenaanbod/:id`, url: p, as: 'partner.debrug', expect: [403] },
    { method: 'GET', route: `${B}/plan-samenleven/:id`, url: a, as: 'partner.debrug', expect: [403] },

    // Learning offer: only agencies create, only local governments enrol, only insiders post.
    {
      method: 'GET',
      route: `${B}/leeraanbod/nieuw`,
      url: `${B}/leeraanbod/nieuw`,
      as: 'mechelen',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/leeraanbod/nieuw`,
      url: `${B}/leeraanbod/nieuw`,
      form: trajectoryForm,
      as: 'expert.mentorwerk',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/leeraanbod/:id/inschrijven`,
      url: `${t}/inschrijven`,
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/leeraanbod/:id/uitschrijven`,
      url: `${t}/uitschrijven`,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/leeraanbod/:id/berichten`,
      url: `${t}/berichten`,
      form: { body: 'Overname' },
      as: 'gent',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/leeraanbod/:id/berichten`,
      url: `${t}/berichten`,
      form: { body: 'Overname' },
      as: 'medewerker.atlas',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/leeraanbod/:id/sessies`,
      url: `${t}/sessies`,
      form: sessionForm,
      as: 'medewerker.atlas',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/leeraanbod/:id/sessies`,
      url: `${t}/sessies`,
      form: sessionForm,
      as: 'mechelen',
      expect: [404],
    },

    // Coaching: Gent, Atlas and experts see nothing of Mechelen's trajectories with AgII.
    {
      method: 'GET',
      route: `${B}/begeleiding/aanvragen`,
      url: `${B}/begeleiding/aanvragen`,
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/aanvragen`,
      url: `${B}/begeleiding/aanvragen`,
      form: { subject: 'policy', theme: 'werk', title: 'x', question: 'x' },
      as: 'expert.mentorwerk',
      expect: [403],
    },
    { method: 'GET', route: `${B}/begeleiding/:id`, url: ca, as: 'gent', expect: [404] },
    { method: 'GET', route: `${B}/begeleiding/:id`, url: ca, as: 'medewerker.atlas', expect: [404] },
    { method: 'GET', route: `${B}/begeleiding/:id`, url: ca, as: 'expert.mentorwerk', expect: [404] },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/openen`,
      url: `${cr}/openen`,
      form: { coachUserId: '00000000-0000-0000-0000-000000000000', startDate: todayIso(), goals: 'x' },
      as: 'medewerker.atlas',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/weigeren`,
      url: `${cr}/weigeren`,
      form: { reason: 'x' },
      as: 'medewerker.atlas',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/intrekken`,
      url: `${cr}/intrekken`,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/sessies`,
      url: `${ca}/sessies`,
      form: { date: todayIso(), summary: 'x' },
      as: 'medewerker.atlas',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/notities`,
      url: `${ca}/notities`,
      form: { body: 'x' },
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/afronden`,
      url: `${ca}/afronden`,
      form: { evaluation: 'x', goalsReached: '1' },
      as: 'medewerker.atlas',
      expect: [404],
    },

    // At AgII only the coach and Mechelen's fixed contact person see Mechelen's coaching; Jan, another
    // AgII staff member, neither sees nor handles it.
    { method: 'GET', route: `${B}/begeleiding/:id`, url: cr, as: 'medewerker.agii', expect: [404] },
    { method: 'GET', route: `${B}/begeleiding/:id`, url: ca, as: 'medewerker.agii', expect: [404] },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/openen`,
      url: `${cr}/openen`,
      form: { coachUserId: '00000000-0000-0000-0000-000000000000', startDate: todayIso(), goals: 'x' },
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/weigeren`,
      url: `${cr}/weigeren`,
      form: { reason: 'x' },
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/sessies`,
      url: `${ca}/sessies`,
      form: { date: todayIso(), summary: 'x' },
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/notities`,
      url: `${ca}/notities`,
      form: { body: 'x' },
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/begeleiding/:id/afronden`,
      url: `${ca}/afronden`,
      form: { evaluation: 'x', goalsReached: '1' },
      as: 'medewerker.agii',
      expect: [404],
    },

    // Expert offers: only the programme's own expert organisation edits it and reports reach.
    {
      method: 'GET',
      route: `${B}/expertenaanbod/nieuw`,
      url: `${B}/expertenaanbod/nieuw`,
      as: 'mechelen',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/expertenaanbod/nieuw`,
      url: `${B}/expertenaanbod/nieuw`,
      form: programmeForm,
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'GET',
      route: `${B}/expertenaanbod/:id/bewerken`,
      url: `${p}/bewerken`,
      as: 'expert.mentorwerk',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/expertenaanbod/:id/bewerken`,
      url: `${p}/bewerken`,
      form: programmeForm,
      as: 'expert.mentorwerk',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/expertenaanbod/:id/boeken`,
      url: `${p}/boeken`,
      form: { municipalityNis: '12025', year: String(year) },
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/expertenaanbod/:id/boeken`,
      url: `${p}/boeken`,
      form: { municipalityNis: '12025', year: String(year) },
      as: 'expert.mentorwerk',
      expect: [403],
    },
    { method: 'GET', route: `${B}/boekingen/:id`, url: b, as: 'gent', expect: [404] },
    { method: 'GET', route: `${B}/boekingen/:id`, url: b, as: 'expert.mentorwerk', expect: [404] },
    {
      method: 'POST',
      route: `${B}/boekingen/:id/bereik`,
      url: `${b}/bereik`,
      form: reachForm,
      as: 'expert.mentorwerk',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/boekingen/:id/bereik`,
      url: `${b}/bereik`,
      form: reachForm,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/boekingen/:id/annuleren`,
      url: `${b}/annuleren`,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/boekingen/:id/annuleren`,
      url: `${b}/annuleren`,
      as: 'expert.mentorwerk',
      expect: [404],
    },

    // Plan Samenleven: only participants record; only the own organisation (and agencies) edit.
    {
      method: 'GET',
      route: `${B}/plan-samenleven/nieuw`,
      url: `${B}/plan-samenleven/nieuw`,
      as: 'expert.mentorwerk',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${B}/plan-samenleven/nieuw`,
      url: `${B}/plan-samenleven/nieuw`,
      form: closingForm,
      as: 'medewerker.atlas',
      expect: [403],
    },
    {
      method: 'GET',
      route: `${B}/plan-samenleven/:id/bewerken`,
      url: `${a}/bewerken`,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/plan-samenleven/:id/bewerken`,
      url: `${a}/bewerken`,
      form: closingForm,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${B}/plan-samenleven/:id/bewerken`,
      url: `${a}/bewerken`,
      form: closingForm,
      as: 'expert.mentorwerk',
      expect: [404],
    },

    // Plan Samenleven participants: kept by administrators and agency staff only.
    { method: 'GET', route: PS, url: PS, as: 'mechelen', expect: [403] },
    { method: 'GET', route: PS, url: PS, as: 'expert.mentorwerk', expect: [403] },
    { method: 'POST', route: PS, url: PS, form: { organisationId: gent.id }, as: 'mechelen', expect: [403] },
    {
      method: 'POST',
      route: PS,
      url: PS,
      form: { organisationId: gent.id },
      as: 'netwerk.regiogent',
      expect: [403],
    },
    { method: 'GET', route: `${PS}/:id/verwijderen`, url: psRemove, as: 'gent', expect: [403] },
    { method: 'GET', route: `${PS}/:id/verwijderen`, url: psRemove, as: 'expert.mentorwerk', expect: [403] },
    { method: 'POST', route: `${PS}/:id/verwijderen`, url: psRemove, as: 'gent', expect: [403] },
    { method: 'POST', route: `${PS}/:id/verwijderen`, url: psRemove, as: 'mechelen', expect: [403] },

    // API
    {
      method: 'POST',
      route: `${A}/trajectories`,
      url: `${A}/trajectories`,
      json: { title: 'x', description: 'x', theme: 'werk', format: 'collective' },
      as: 'mechelen',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${A}/trajectories`,
      url: `${A}/trajectories`,
      json: { title: 'x', description: 'x', theme: 'werk', format: 'collective' },
      as: 'expert.mentorwerk',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${A}/programmes`,
      url: `${A}/programmes`,
      json: programmeJson,
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${A}/programmes`,
      url: `${A}/programmes`,
      json: programmeJson,
      as: 'mechelen',
      expect: [403],
    },
    {
      method: 'GET',
      route: `${A}/coaching/:id`,
      url: `${A}/coaching/${requested!.id}`,
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/open`,
      url: `${A}/coaching/${requested!.id}/open`,
      json: openJson,
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/open`,
      url: `${A}/coaching/${requested!.id}/open`,
      json: openJson,
      as: 'medewerker.atlas',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/open`,
      url: `${A}/coaching/${requested!.id}/open`,
      json: openJson,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/decline`,
      url: `${A}/coaching/${requested!.id}/decline`,
      json: { reason: 'x' },
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/decline`,
      url: `${A}/coaching/${requested!.id}/decline`,
      json: { reason: 'x' },
      as: 'gent',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/close`,
      url: `${A}/coaching/${active!.id}/close`,
      json: { evaluation: 'x', goalsReached: 1 },
      as: 'medewerker.agii',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/close`,
      url: `${A}/coaching/${active!.id}/close`,
      json: { evaluation: 'x', goalsReached: 1 },
      as: 'expert.mentorwerk',
      expect: [404],
    },
    {
      method: 'GET',
      route: `${A}/trajectories`,
      url: `${A}/trajectories`,
      as: 'partner.debrug',
      expect: [403],
    },
    {
      method: 'GET',
      route: `${A}/trajectories/:id`,
      url: `${A}/trajectories/${trajectory!.id}`,
      as: 'partner.debrug',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${A}/trajectories/:id/enrolments`,
      url: `${A}/trajectories/${trajectory!.id}/enrolments`,
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${A}/coaching`,
      url: `${A}/coaching`,
      json: { subject: 'policy', theme: 'werk', title: 'x', question: 'x' },
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'GET',
      route: `${A}/coaching/:id`,
      url: `${A}/coaching/${active!.id}`,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'GET',
      route: `${A}/coaching/:id`,
      url: `${A}/coaching/${active!.id}`,
      as: 'medewerker.atlas',
      expect: [404],
    },
    {
      method: 'POST',
      route: `${A}/coaching/:id/sessions`,
      url: `${A}/coaching/${active!.id}/sessions`,
      json: { date: todayIso(), summary: 'x' },
      as: 'medewerker.atlas',
      expect: [404],
    },
    { method: 'GET', route: `${A}/programmes`, url: `${A}/programmes`, as: 'partner.debrug', expect: [403] },
    {
      method: 'POST',
      route: `${A}/programmes/:id/bookings`,
      url: `${A}/programmes/${programme!.id}/bookings`,
      json: { municipalityNis: '12025', year },
      as: 'medewerker.agii',
      expect: [403],
    },
    {
      method: 'GET',
      route: `${A}/bookings/:id`,
      url: `${A}/bookings/${booking!.id}`,
      as: 'gent',
      expect: [404],
    },
    {
      method: 'GET',
      route: `${A}/bookings/:id`,
      url: `${A}/bookings/${booking!.id}`,
      as: 'expert.mentorwerk',
      expect: [404],
    },
    {
      method: 'PUT',
      route: `${A}/bookings/:id/reach`,
      url: `${A}/bookings/${booking!.id}/reach`,
      json: { figures: [{ ageBand: '18-25', participants: 1, women: 1 }] },
      as: 'expert.mentorwerk',
      expect: [404],
    },
    {
      method: 'GET',
      route: `${A}/closing-actions`,
      url: `${A}/closing-actions`,
      as: 'partner.debrug',
      expect: [403],
    },
    {
      method: 'POST',
      route: `${A}/closing-actions`,
      url: `${A}/closing-actions`,
      json: { title: 'x', theme: 'werk', endResult: 'x', evaluation: 'x', anchored: 'no' },
      as: 'expert.mentorwerk',
      expect: [403],
    },
  ];
  return rows;
};

export const cohesionSelfScoped: SelfScopedRoute[] = [
  {
    method: 'GET',
    route: '/sociale-cohesie/begeleiding',
    reason:
      'Scoped in the query: a local government’s own requests; at the agency only those the caller coaches or is the fixed contact person for.',
  },
  {
    method: 'GET',
    route: '/api/v1/cohesion/coaching',
    reason:
      'Scoped in the query: a local government’s own requests; at the agency only those the caller coaches or is the fixed contact person for.',
  },
  {
    method: 'GET',
    route: '/sociale-cohesie/boekingen',
    reason:
      'Scoped in the query: own bookings, own programmes’ bookings, or Flanders for the administration.',
  },
  {
    method: 'GET',
    route: '/api/v1/cohesion/bookings',
    reason:
      'Scoped in the query: own bookings, own programmes’ bookings, or Flanders for the administration.',
  },
  {
    method: 'GET',
    route: '/sociale-cohesie/bereik',
    reason: 'Reach of the bookings the caller may see (same scope as the bookings).',
  },
  {
    method: 'GET',
    route: '/sociale-cohesie/bereik.csv',
    reason: 'Reach of the bookings the caller may see (same scope as the bookings).',
  },
  {
    method: 'GET',
    route: '/api/v1/cohesion/reach',
    reason: 'Reach of the bookings the caller may see (same scope as the bookings).',
  },
];
