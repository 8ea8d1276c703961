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

/** A request to organisation A's resource, before it is tried as each refused account. */
type Request = Omit<IsolationRow, 'as' | 'expect'>;

const get = (route: string, url = route): Request => ({ method: 'GET', route, url });
const post = (route: string, url = route, form?: Record<string, string>): Request => ({
  method: 'POST',
  route,
  url,
  ...(form && { form }),
});
const sendJson = (method: 'POST' | 'PUT', route: string, json: unknown, url = route): Request => ({
  method,
  route,
  url,
  json,
});

/** Each request made by each of the accounts `as`, all refused with `status`. */
const refused = (status: 403 | 404, as: string[], ...requests: Request[]): IsolationRow[] =>
  requests.flatMap((request) => as.map((account) => ({ ...request, as: account, expect: [status] })));

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

  const openForm = { coachUserId: '00000000-0000-0000-0000-000000000000', startDate: todayIso(), goals: 'x' };
  const coachingOpen = post(`${B}/begeleiding/:id/openen`, `${cr}/openen`, openForm);
  const coachingDecline = post(`${B}/begeleiding/:id/weigeren`, `${cr}/weigeren`, { reason: 'x' });
  const coachingSession = post(`${B}/begeleiding/:id/sessies`, `${ca}/sessies`, {
    date: todayIso(),
    summary: 'x',
  });
  const coachingNote = post(`${B}/begeleiding/:id/notities`, `${ca}/notities`, { body: 'x' });
  const coachingClose = post(`${B}/begeleiding/:id/afronden`, `${ca}/afronden`, {
    evaluation: 'x',
    goalsReached: '1',
  });
  const trajectoryJson = { title: 'x', description: 'x', theme: 'werk', format: 'collective' };

  return [
    // Who has no business with focus support at all.
    ...refused(
      403,
      ['partner.debrug'],
      get(B),
      get(`${B}/leeraanbod`),
      get(`${B}/expertenaanbod`),
      get(`${B}/plan-samenleven`),
      get(`${B}/leeraanbod/:id`, t),
      get(`${B}/expertenaanbod/:id`, p),
      get(`${B}/plan-samenleven/:id`, a),
    ),

    // Learning offer: only agencies create, only local governments enrol, only insiders post.
    ...refused(403, ['mechelen'], get(`${B}/leeraanbod/nieuw`)),
    ...refused(403, ['expert.mentorwerk'], post(`${B}/leeraanbod/nieuw`, undefined, trajectoryForm)),
    ...refused(403, ['medewerker.agii'], post(`${B}/leeraanbod/:id/inschrijven`, `${t}/inschrijven`)),
    ...refused(404, ['gent'], post(`${B}/leeraanbod/:id/uitschrijven`, `${t}/uitschrijven`)),
    ...refused(
      403,
      ['gent', 'medewerker.atlas'],
      post(`${B}/leeraanbod/:id/berichten`, `${t}/berichten`, { body: 'Overname' }),
    ),
    ...refused(
      404,
      ['medewerker.atlas', 'mechelen'],
      post(`${B}/leeraanbod/:id/sessies`, `${t}/sessies`, sessionForm),
    ),

    // Coaching: Gent, Atlas and experts see nothing of Mechelen's trajectories with AgII.
    ...refused(403, ['medewerker.agii'], get(`${B}/begeleiding/aanvragen`)),
    ...refused(
      403,
      ['expert.mentorwerk'],
      post(`${B}/begeleiding/aanvragen`, undefined, {
        subject: 'policy',
        theme: 'werk',
        title: 'x',
        question: 'x',
      }),
    ),
    ...refused(404, ['gent', 'medewerker.atlas', 'expert.mentorwerk'], get(`${B}/begeleiding/:id`, ca)),
    ...refused(404, ['medewerker.atlas'], coachingOpen, coachingDecline, coachingSession, coachingClose),
    ...refused(404, ['gent'], post(`${B}/begeleiding/:id/intrekken`, `${cr}/intrekken`), coachingNote),

    // At AgII only the coach and Mechelen's fixed contact person see Mechelen's coaching; Jan, another
    // AgII staff member, neither sees nor handles it.
    ...refused(
      404,
      ['medewerker.agii'],
      get(`${B}/begeleiding/:id`, cr),
      get(`${B}/begeleiding/:id`, ca),
      coachingOpen,
      coachingDecline,
      coachingSession,
      coachingNote,
      coachingClose,
    ),

    // Expert offers: only the programme's own expert organisation edits it and reports reach.
    ...refused(403, ['mechelen'], get(`${B}/expertenaanbod/nieuw`)),
    ...refused(403, ['medewerker.agii'], post(`${B}/expertenaanbod/nieuw`, undefined, programmeForm)),
    ...refused(
      404,
      ['expert.mentorwerk'],
      get(`${B}/expertenaanbod/:id/bewerken`, `${p}/bewerken`),
      post(`${B}/expertenaanbod/:id/bewerken`, `${p}/bewerken`, programmeForm),
    ),
    ...refused(
      403,
      ['medewerker.agii', 'expert.mentorwerk'],
      post(`${B}/expertenaanbod/:id/boeken`, `${p}/boeken`, { municipalityNis: '12025', year: String(year) }),
    ),
    ...refused(404, ['gent', 'expert.mentorwerk'], get(`${B}/boekingen/:id`, b)),
    ...refused(
      404,
      ['expert.mentorwerk', 'gent'],
      post(`${B}/boekingen/:id/bereik`, `${b}/bereik`, reachForm),
    ),
    ...refused(404, ['gent', 'expert.mentorwerk'], post(`${B}/boekingen/:id/annuleren`, `${b}/annuleren`)),

    // Plan Samenleven: only participants record; only the own organisation (and agencies) edit.
    ...refused(403, ['expert.mentorwerk'], get(`${B}/plan-samenleven/nieuw`)),
    ...refused(403, ['medewerker.atlas'], post(`${B}/plan-samenleven/nieuw`, undefined, closingForm)),
    ...refused(404, ['gent'], get(`${B}/plan-samenleven/:id/bewerken`, `${a}/bewerken`)),
    ...refused(
      404,
      ['gent', 'expert.mentorwerk'],
      post(`${B}/plan-samenleven/:id/bewerken`, `${a}/bewerken`, closingForm),
    ),

    // Plan Samenleven participants: kept by administrators and agency staff only.
    ...refused(403, ['mechelen', 'expert.mentorwerk'], get(PS)),
    ...refused(403, ['mechelen', 'netwerk.regiogent'], post(PS, PS, { organisationId: gent.id })),
    ...refused(403, ['gent', 'expert.mentorwerk'], get(`${PS}/:id/verwijderen`, psRemove)),
    ...refused(403, ['gent', 'mechelen'], post(`${PS}/:id/verwijderen`, psRemove)),

    // API
    ...refused(403, ['mechelen', 'expert.mentorwerk'], sendJson('POST', `${A}/trajectories`, trajectoryJson)),
    ...refused(403, ['medewerker.agii', 'mechelen'], sendJson('POST', `${A}/programmes`, programmeJson)),
    ...refused(404, ['medewerker.agii'], get(`${A}/coaching/:id`, `${A}/coaching/${requested!.id}`)),
    ...refused(
      404,
      ['medewerker.agii', 'medewerker.atlas', 'gent'],
      sendJson('POST', `${A}/coaching/:id/open`, openJson, `${A}/coaching/${requested!.id}/open`),
    ),
    ...refused(
      404,
      ['medewerker.agii', 'gent'],
      sendJson(
        'POST',
        `${A}/coaching/:id/decline`,
        { reason: 'x' },
        `${A}/coaching/${requested!.id}/decline`,
      ),
    ),
    ...refused(
      404,
      ['medewerker.agii', 'expert.mentorwerk'],
      sendJson(
        'POST',
        `${A}/coaching/:id/close`,
        { evaluation: 'x', goalsReached: 1 },
        `${A}/coaching/${active!.id}/close`,
      ),
    ),
    ...refused(
      403,
      ['partner.debrug'],
      get(`${A}/trajectories`),
      get(`${A}/trajectories/:id`, `${A}/trajectories/${trajectory!.id}`),
    ),
    ...refused(
      403,
      ['medewerker.agii'],
      post(`${A}/trajectories/:id/enrolments`, `${A}/trajectories/${trajectory!.id}/enrolments`),
      sendJson('POST', `${A}/coaching`, { subject: 'policy', theme: 'werk', title: 'x', question: 'x' }),
    ),
    ...refused(404, ['gent', 'medewerker.atlas'], get(`${A}/coaching/:id`, `${A}/coaching/${active!.id}`)),
    ...refused(
      404,
      ['medewerker.atlas'],
      sendJson(
        'POST',
        `${A}/coaching/:id/sessions`,
        { date: todayIso(), summary: 'x' },
        `${A}/coaching/${active!.id}/sessions`,
      ),
    ),
    ...refused(403, ['partner.debrug'], get(`${A}/programmes`)),
    ...refused(
      403,
      ['medewerker.agii'],
      sendJson(
        'POST',
        `${A}/programmes/:id/bookings`,
        { municipalityNis: '12025', year },
        `${A}/programmes/${programme!.id}/bookings`,
      ),
    ),
    ...refused(404, ['gent', 'expert.mentorwerk'], get(`${A}/bookings/:id`, `${A}/bookings/${booking!.id}`)),
    ...refused(
      404,
      ['expert.mentorwerk'],
      sendJson(
        'PUT',
        `${A}/bookings/:id/reach`,
        { figures: [{ ageBand: '18-25', participants: 1, women: 1 }] },
        `${A}/bookings/${booking!.id}/reach`,
      ),
    ),
    ...refused(403, ['partner.debrug'], get(`${A}/closing-actions`)),
    ...refused(
      403,
      ['expert.mentorwerk'],
      sendJson('POST', `${A}/closing-actions`, {
        title: 'x',
        theme: 'werk',
        endResult: 'x',
        evaluation: 'x',
        anchored: 'no',
      }),
    ),
  ];
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
