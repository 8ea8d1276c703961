import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceContext } from '../../core/context';
import { ValidationError } from '../../core/http/errors';
import { pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import { type ClosingRow, closingFilterSchema, recordClosingAction, searchClosingActions } from './closing';
import {
  addCoachingSession,
  type CoachingRow,
  closeCoaching,
  coachingFilterSchema,
  declineCoaching,
  getCoaching,
  listCoachings,
  openCoaching,
  requestCoaching,
} from './coaching';
import {
  type BookingRow,
  bookingFilterSchema,
  bookProgramme,
  createProgramme,
  getBooking,
  getProgramme,
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
  createTrajectory,
  enrol,
  getTrajectory,
  listTrajectories,
  type TrajectoryRow,
  trajectoryFilterSchema,
} from './learning';
import { ageBands, areaKinds, cohesionThemes, trajectoryFormats } from './rules';

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
    contactPerson: z
      .string()
      .nullable()
      .describe('The local government’s fixed contact person at the agency'),
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
  contactPerson: c.contactName,
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

/** The form's area fields, named as in the API body. */
function apiAreaErrors(error: unknown): unknown {
  if (!(error instanceof ValidationError)) return error;
  const names: Record<string, string> = {
    areaKind: 'area.kind',
    provinces: 'area.codes',
    municipalities: 'area.codes',
  };
  const renamed: Record<string, string> = {};
  for (const [k, v] of Object.entries(error.fieldErrors)) renamed[names[k] ?? k] ??= v;
  return new ValidationError(renamed, error.message);
}

const onePage = { page: 1, pageSize: 1, offset: 0 };
const once = z
  .string()
  .max(100)
  .optional()
  .describe('One-time key: a retry with the same key creates one record');

/** The API's programme body, as the form the service reads: area codes by kind, active as a checkbox. */
const programmeBody = z.object({
  title: z.string().max(200),
  description: z.string().max(5000),
  theme: z.enum(cohesionThemes),
  targetWomenPct: z.number().int().describe('Target share of women and girls among participants (%), 0–100'),
  targetParticipants: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe('Target participants per booking and year'),
  area: z.object({
    kind: z.enum(areaKinds),
    codes: z
      .array(z.string().max(100))
      .max(400)
      .default([])
      .describe(
        'Province NIS codes (kind provinces) or municipality NIS codes or names (kind municipalities)',
      ),
  }),
  active: z.boolean().default(true).describe('Whether local governments can book it'),
  _once: once,
});
const programmeForm = (b: z.infer<typeof programmeBody>) => ({
  title: b.title,
  description: b.description,
  theme: b.theme,
  targetWomenPct: b.targetWomenPct,
  targetParticipants: b.targetParticipants ?? undefined,
  areaKind: b.area.kind,
  provinces: b.area.kind === 'provinces' ? b.area.codes : [],
  municipalities: b.area.kind === 'municipalities' ? b.area.codes.join('\n') : '',
  active: b.active ? ['ja'] : [],
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

  api.post(
    `${P}/trajectories`,
    {
      schema: {
        summary: 'Open a learning trajectory for local governments (agency staff)',
        description:
          'The trajectory belongs to the caller’s agency. An individual trajectory has one place; a collective one the given capacity (none: no limit).',
        tags,
        body: z.object({
          title: z.string().max(200),
          description: z.string().max(5000),
          theme: z.enum(cohesionThemes),
          format: z.enum(trajectoryFormats),
          capacity: z.number().int().nullable().optional().describe('Most local governments (1–500)'),
          _once: once,
        }),
        response: { 201: trajectoryApi, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const row = await createTrajectory(ctx, {
        ...request.body,
        capacity: request.body.capacity ?? undefined,
      });
      const d = await getTrajectory(ctx, row.id, onePage);
      return reply.code(201).send(toTrajectory(d.trajectory));
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
      const d = await getTrajectory(request.ctx(), request.params.id, onePage);
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

  const coachingDetail = async (ctx: ServiceContext, id: string) => {
    const d = await getCoaching(ctx, id);
    return {
      ...toCoaching(d.coaching),
      sessions: d.sessions.map((s) => ({ date: s.date, summary: s.summary })),
    };
  };
  const coachingDetailApi = coachingApi.extend({
    sessions: z.array(z.object({ date: z.string(), summary: z.string() })),
  });

  api.post(
    `${P}/coaching/:id/open`,
    {
      schema: {
        summary: 'Open a requested coaching: coach, start date and goals (the coach or contact person)',
        description:
          'The coach is one of the agency’s staff; the start date lies within a year of today; 1 to 10 goals.',
        tags,
        params: idParam,
        body: z.object({
          coachUserId: z.string().max(40),
          startDate: z.string().max(10).describe('YYYY-MM-DD'),
          goals: z.array(z.string().max(300)).max(20),
        }),
        response: { 200: coachingDetailApi, ...errors },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const { coachUserId, startDate, goals } = request.body;
      await openCoaching(ctx, request.params.id, {
        coachUserId,
        startDate,
        // One goal per line, as in the form.
        goals: goals.map((g) => g.replace(/\s+/g, ' ')).join('\n'),
      });
      return coachingDetail(ctx, request.params.id);
    },
  );

  api.post(
    `${P}/coaching/:id/decline`,
    {
      schema: {
        summary: 'Decline a requested coaching, with the reason (the contact person)',
        tags,
        params: idParam,
        body: z.object({ reason: z.string().max(2000) }),
        response: { 200: coachingDetailApi, ...errors },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await declineCoaching(ctx, request.params.id, request.body);
      return coachingDetail(ctx, request.params.id);
    },
  );

  api.post(
    `${P}/coaching/:id/close`,
    {
      schema: {
        summary: 'Close a running coaching with its end evaluation (the coach or contact person)',
        tags,
        params: idParam,
        body: z.object({
          evaluation: z.string().max(5000),
          goalsReached: z.number().int().describe('How many of the goals were reached'),
        }),
        response: { 200: coachingDetailApi, ...errors },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await closeCoaching(ctx, request.params.id, request.body);
      return coachingDetail(ctx, request.params.id);
    },
  );

  api.post(
    `${P}/programmes`,
    {
      schema: {
        summary: 'Publish a programme with its targets and area (expert organisations)',
        description:
          'Unknown municipalities or provinces, an empty area or a target outside 0–100 answer 422 with a message per field (`area.codes`, `area.kind`, `targetWomenPct`, …).',
        tags,
        body: programmeBody,
        response: { 201: programmeApi, ...errors },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      let row: Awaited<ReturnType<typeof createProgramme>>;
      try {
        row = await createProgramme(ctx, programmeForm(request.body));
      } catch (error) {
        throw apiAreaErrors(error);
      }
      const d = await getProgramme(ctx, row.id);
      return reply.code(201).send(toProgramme(d.programme));
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
