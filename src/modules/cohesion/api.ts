import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import { type ClosingRow, closingFilterSchema, recordClosingAction, searchClosingActions } from './closing';
import {
  addCoachingSession,
  type CoachingRow,
  coachingFilterSchema,
  getCoaching,
  listCoachings,
  requestCoaching,
} from './coaching';
import {
  type BookingRow,
  bookingFilterSchema,
  bookProgramme,
  getBooking,
  listBookings,
  listProgrammes,
  type ProgrammeRow,
  programmeFilterSchema,
  reachApiSchema,
  reachDashboard,
  reachFilterSchema,
  reportReach,
} from './experts';
import {
  enrol,
  getTrajectory,
  listTrajectories,
  type TrajectoryRow,
  trajectoryFilterSchema,
} from './learning';
import { ageBands } from './rules';

const idParam = z.object({ id: z.uuid({ error: 'Geen geldige id.' }) });
const tags = ['Sociale cohesie'];
const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

const trajectoryApi = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    theme: z.enum(['nederlands', 'werk', 'onderwijs']),
    format: z.enum(['individual', 'collective']),
    capacity: z.number().int().nullable(),
    enrolled: z.number().int(),
    enrolmentOpen: z.boolean(),
    agency: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'CohesionTrajectory' });
const toTrajectory = (t: Omit<TrajectoryRow, 'mine'>): z.infer<typeof trajectoryApi> => ({
  id: t.id,
  title: t.title,
  description: t.description,
  theme: t.theme,
  format: t.format,
  capacity: t.capacity,
  enrolled: t.enrolled,
  enrolmentOpen: t.enrolmentOpen,
  agency: { id: t.agencyOrganisationId, name: t.agencyName },
});

const coachingApi = z
  .object({
    id: z.string(),
    title: z.string(),
    subject: z.string(),
    theme: z.string(),
    question: z.string(),
    status: z.string(),
    organisation: z.object({ id: z.string(), name: z.string() }),
    agency: z.object({ id: z.string(), name: z.string() }),
    coach: z.string().nullable(),
    startDate: z.string().nullable(),
    goals: z.array(z.string()),
    evaluation: z.string().nullable(),
    goalsReached: z.number().int().nullable(),
  })
  .meta({ id: 'CohesionCoaching' });
const toCoaching = (c: CoachingRow): z.infer<typeof coachingApi> => ({
  id: c.id,
  title: c.title,
  subject: c.subject,
  theme: c.theme,
  question: c.question,
  status: c.status,
  organisation: { id: c.organisationId, name: c.organisationName },
  agency: { id: c.agencyOrganisationId, name: c.agencyName },
  coach: c.coachName,
  startDate: c.startDate,
  goals: c.goals,
  evaluation: c.evaluation,
  goalsReached: c.goalsReached,
});

const programmeApi = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    theme: z.string(),
    expert: z.object({ id: z.string(), name: z.string() }),
    targetWomenPct: z.number().int().describe('Target share of women and girls among participants (%)'),
    targetParticipants: z.number().int().nullable(),
    area: z.object({ kind: z.enum(['flanders', 'provinces', 'municipalities']), codes: z.array(z.string()) }),
    active: z.boolean(),
  })
  .meta({ id: 'CohesionProgramme' });
const toProgramme = (p: ProgrammeRow): z.infer<typeof programmeApi> => ({
  id: p.id,
  title: p.title,
  description: p.description,
  theme: p.theme,
  expert: { id: p.expertOrganisationId, name: p.expertName },
  targetWomenPct: p.targetWomenPct,
  targetParticipants: p.targetParticipants,
  area: { kind: p.areaKind as 'flanders', codes: p.areaCodes },
  active: p.active,
});

const bookingApi = z
  .object({
    id: z.string(),
    programme: z.object({ id: z.string(), title: z.string() }),
    organisation: z.object({ id: z.string(), name: z.string() }),
    municipality: z.object({ nis: z.string(), name: z.string() }),
    year: z.number().int(),
    status: z.enum(['booked', 'cancelled']),
    targetWomenPct: z.number().int(),
    reach: z
      .object({
        participants: z.number().int(),
        women: z.number().int(),
        womenSharePct: z.number().nullable(),
        target: z.enum(['met', 'below', 'unknown']),
        reportedAt: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'CohesionBooking' });
const toBooking = (b: BookingRow): z.infer<typeof bookingApi> => ({
  id: b.id,
  programme: { id: b.programmeId, title: b.programmeTitle },
  organisation: { id: b.organisationId, name: b.organisationName },
  municipality: { nis: b.municipalityNis, name: b.municipalityName },
  year: b.year,
  status: b.status,
  targetWomenPct: b.targetWomenPct,
  reach: b.reachReportedAt
    ? {
        participants: b.participants,
        women: b.women,
        womenSharePct: b.share,
        target: b.target,
        reportedAt: b.reachReportedAt.toISOString(),
      }
    : null,
});

const closingApi = z
  .object({
    id: z.string(),
    title: z.string(),
    theme: z.string(),
    organisation: z.object({ id: z.string(), name: z.string() }),
    endResult: z.string(),
    evaluation: z.string(),
    anchored: z.enum(['yes', 'partly', 'no']),
    anchoringNote: z.string().nullable(),
    goodPracticeId: z.string().nullable(),
  })
  .meta({ id: 'PlanSamenlevenAction' });
const toClosing = (a: ClosingRow): z.infer<typeof closingApi> => ({
  id: a.id,
  title: a.title,
  theme: a.theme,
  organisation: { id: a.organisationId, name: a.organisationName },
  endResult: a.endResult,
  evaluation: a.evaluation,
  anchored: a.anchored,
  anchoringNote: a.anchoringNote,
  goodPracticeId: a.practiceId,
});

/** The JSON API of focus support for social cohesion, under /api/v1/cohesion. */
export async function cohesionApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const P = '/api/v1/cohesion';

  api.get(
    `${P}/trajectories`,
    {
      schema: {
        summary: 'The learning offer of the agencies (individual and collective trajectories)',
        tags,
        querystring: pageQuerySchema.extend({
          theme: z.string().max(20).optional(),
          format: z.string().max(20).optional(),
        }),
        response: { 200: pageSchema(trajectoryApi), ...errors },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listTrajectories(
        request.ctx(),
        trajectoryFilterSchema.parse(request.query),
        page,
      );
      return { items: items.map(toTrajectory), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.get(
    `${P}/trajectories/:id`,
    {
      schema: {
        summary: 'One trajectory; enrolled local governments only for them and the agency',
        tags,
        params: idParam,
        response: {
          200: trajectoryApi.extend({
            enrolledOrganisations: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
            sessions: z.array(z.object({ eventId: z.string(), title: z.string(), startsAt: z.string() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const d = await getTrajectory(request.ctx(), request.params.id, { page: 1, pageSize: 1, offset: 0 });
      return {
        ...toTrajectory(d.trajectory),
        enrolledOrganisations: d.enrolled?.map((e) => ({ id: e.id, name: e.name })) ?? null,
        sessions: d.sessions.map((s) => ({
          eventId: s.id,
          title: s.title,
          startsAt: s.startsAt.toISOString(),
        })),
      };
    },
  );

  api.post(
    `${P}/trajectories/:id/enrolments`,
    {
      schema: {
        summary: 'Enrol my local government in a trajectory',
        tags,
        params: idParam,
        response: { 201: z.object({ trajectoryId: z.string(), organisationId: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await enrol(request.ctx(), request.params.id);
      return reply.code(201).send({ trajectoryId: row.trajectoryId, organisationId: row.organisationId });
    },
  );

  api.get(
    `${P}/coaching`,
    {
      schema: {
        summary: 'Coaching trajectories: my local government’s, or my agency’s',
        tags,
        querystring: pageQuerySchema.extend({ status: z.string().max(20).optional() }),
        response: { 200: pageSchema(coachingApi), ...errors },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listCoachings(
        request.ctx(),
        coachingFilterSchema.parse(request.query),
        page,
      );
      return { items: items.map(toCoaching), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.post(
    `${P}/coaching`,
    {
      schema: {
        summary: 'Ask the agency for one-to-one coaching (local governments)',
        tags,
        body: z.object({
          subject: z.enum(['policy', 'action']),
          theme: z.enum(['nederlands', 'werk', 'onderwijs']),
          title: z.string().max(200),
          question: z.string().max(5000),
        }),
        response: { 201: z.object({ id: z.string(), status: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await requestCoaching(request.ctx(), request.body);
      return reply.code(201).send({ id: row.id, status: row.status });
    },
  );

  api.get(
    `${P}/coaching/:id`,
    {
      schema: {
        summary: 'One coaching trajectory with its sessions',
        tags,
        params: idParam,
        response: {
          200: coachingApi.extend({ sessions: z.array(z.object({ date: z.string(), summary: z.string() })) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const d = await getCoaching(request.ctx(), request.params.id);
      return {
        ...toCoaching(d.coaching),
        sessions: d.sessions.map((s) => ({ date: s.date, summary: s.summary })),
      };
    },
  );

  api.post(
    `${P}/coaching/:id/sessions`,
    {
      schema: {
        summary: 'Record a coaching session (the agency); never before the trajectory started',
        tags,
        params: idParam,
        body: z.object({ date: z.string().describe('YYYY-MM-DD'), summary: z.string().max(5000) }),
        response: { 201: z.object({ id: z.string(), date: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await addCoachingSession(request.ctx(), request.params.id, request.body);
      return reply.code(201).send({ id: row.id, date: row.date });
    },
  );

  api.get(
    `${P}/programmes`,
    {
      schema: {
        summary: 'Programmes of expert organisations, with targets and area',
        tags,
        querystring: pageQuerySchema.extend({ theme: z.string().max(20).optional() }),
        response: { 200: pageSchema(programmeApi), ...errors },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listProgrammes(
        request.ctx(),
        programmeFilterSchema.parse(request.query),
        page,
      );
      return { items: items.map(toProgramme), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.post(
    `${P}/programmes/:id/bookings`,
    {
      schema: {
        summary: 'Book a programme for one of my municipalities and a year',
        description:
          'The municipality must lie in the programme’s area; one booking per programme, municipality and year.',
        tags,
        params: idParam,
        body: z.object({
          municipalityNis: z.string().max(5),
          year: z.number().int(),
          note: z.string().max(2000).optional(),
          _once: z.string().max(100).optional(),
        }),
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await bookProgramme(request.ctx(), request.params.id, request.body);
      return reply.code(201).send({ id: row.id });
    },
  );

  api.get(
    `${P}/bookings`,
    {
      schema: {
        summary: 'Bookings: my local government’s, my programmes’ (experts), or all (administration)',
        tags,
        querystring: pageQuerySchema.extend({
          year: z.string().max(4).optional(),
          programme: z.string().max(40).optional(),
          status: z.string().max(20).optional(),
        }),
        response: { 200: pageSchema(bookingApi), ...errors },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listBookings(
        request.ctx(),
        bookingFilterSchema.parse(request.query),
        page,
      );
      return { items: items.map(toBooking), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.get(
    `${P}/bookings/:id`,
    {
      schema: {
        summary: 'One booking with its reach per age band',
        tags,
        params: idParam,
        response: {
          200: bookingApi.extend({
            figures: z.array(
              z.object({
                ageBand: z.enum(ageBands),
                participants: z.number().int(),
                women: z.number().int(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const d = await getBooking(request.ctx(), request.params.id);
      return { ...toBooking(d.booking), figures: d.figures };
    },
  );

  api.put(
    `${P}/bookings/:id/reach`,
    {
      schema: {
        summary:
          'Report the reach of a booking (the programme’s expert organisation); replaces the previous report',
        tags,
        params: idParam,
        body: reachApiSchema,
        response: {
          200: z.object({
            participants: z.number().int(),
            women: z.number().int(),
            womenSharePct: z.number().nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const r = await reportReach(request.ctx(), request.params.id, request.body.figures);
      return { participants: r.participants, women: r.women, womenSharePct: r.share };
    },
  );

  api.get(
    `${P}/reach`,
    {
      schema: {
        summary: 'Reach per programme, municipality and year, against the target (scoped like the bookings)',
        tags,
        querystring: z.object({
          year: z.string().max(4).optional(),
          programme: z.string().max(40).optional(),
          theme: z.string().max(20).optional(),
        }),
        response: {
          200: z.object({
            rows: z.array(
              z.object({
                programmeId: z.string(),
                programme: z.string(),
                municipalityNis: z.string(),
                municipality: z.string(),
                year: z.number().int(),
                participants: z.number().int().nullable(),
                women: z.number().int().nullable(),
                womenSharePct: z.number().nullable(),
                targetWomenPct: z.number().int(),
                target: z.enum(['met', 'below', 'unknown']),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const d = await reachDashboard(request.ctx(), reachFilterSchema.parse(request.query));
      return {
        rows: d.rows.map((r) => ({
          programmeId: r.programmeId,
          programme: r.programmeTitle,
          municipalityNis: r.municipalityNis,
          municipality: r.municipalityName,
          year: r.year,
          participants: r.reachReportedAt ? r.participants : null,
          women: r.reachReportedAt ? r.women : null,
          womenSharePct: r.share,
          targetWomenPct: r.targetWomenPct,
          target: r.target,
        })),
      };
    },
  );

  api.get(
    `${P}/closing-actions`,
    {
      schema: {
        summary: 'Closed Plan Samenleven actions, with Dutch full-text search',
        tags,
        querystring: pageQuerySchema.extend({
          q: z.string().max(200).optional(),
          theme: z.string().max(40).optional(),
          anchored: z.string().max(10).optional(),
        }),
        response: { 200: pageSchema(closingApi), ...errors },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await searchClosingActions(
        request.ctx(),
        closingFilterSchema.parse(request.query),
        page,
      );
      return { items: items.map(toClosing), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.post(
    `${P}/closing-actions`,
    {
      schema: {
        summary: 'Record the end result, evaluation and anchoring of a Plan Samenleven action',
        tags,
        body: z.object({
          title: z.string().max(200),
          theme: z.string().max(40),
          endResult: z.string().max(5000),
          evaluation: z.string().max(5000),
          anchored: z.enum(['yes', 'partly', 'no']),
          anchoringNote: z.string().max(2000).optional(),
          practiceId: z.string().max(40).optional(),
        }),
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await recordClosingAction(request.ctx(), request.body);
      return reply.code(201).send({ id: row.id });
    },
  );
}
