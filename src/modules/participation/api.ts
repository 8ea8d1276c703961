import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/http/errors';
import { sharedPublicRoute } from '../../core/http/page-cache';
import { pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import {
  changeOfferStatus,
  createOffer,
  getPublicOffer,
  listOwnOffers,
  offerActionSchema,
  offerInputSchema,
  type PlaceRow,
  updateOffer,
} from './offers';
import { apiSearchQuery, filterFromApiQuery, searchOffers } from './search';
import {
  activityInputSchema,
  addActivity,
  createTrajectory,
  decideHours,
  getTrajectory,
  hourDecisionSchema,
  hourInputSchema,
  listTrajectories,
  registerHours,
  trajectoryInputSchema,
  verifyCertificate,
} from './trajectories';
import { offerStatuses } from './workflow';

const tags = ['Participatie- en netwerktraject'];
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

const placeApi = z.object({
  municipalityNis: z.string(),
  municipalityName: z.string(),
  networkCode: z.string(),
  locationName: z.string().nullable(),
  address: z.string().nullable(),
});

const offerApi = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    organiserName: z.string().nullable(),
    category: z.string(),
    calendarType: z.string(),
    dates: z.array(z.string()),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    weekdays: z.array(z.string()),
    timeNote: z.string().nullable(),
    sessionMinutes: z.number().int(),
    dutchLevel: z.string(),
    audience: z.string(),
    womenOnly: z.boolean(),
    childcare: z.boolean(),
    availability: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
    contactLanguages: z.array(z.string()),
    publishedAt: z.string().nullable(),
    validUntil: z.string().nullable(),
    places: z.array(placeApi),
  })
  .meta({ id: 'Offer' });

type OfferLike = Omit<z.input<typeof offerApi>, 'publishedAt' | 'places'> & {
  publishedAt: Date | null;
  places: PlaceRow[];
};

const toOfferApi = (o: OfferLike): z.input<typeof offerApi> => ({
  id: o.id,
  title: o.title,
  description: o.description,
  organiserName: o.organiserName,
  category: o.category,
  calendarType: o.calendarType,
  dates: o.dates,
  startDate: o.startDate,
  endDate: o.endDate,
  weekdays: o.weekdays,
  timeNote: o.timeNote,
  sessionMinutes: o.sessionMinutes,
  dutchLevel: o.dutchLevel,
  audience: o.audience,
  womenOnly: o.womenOnly,
  childcare: o.childcare,
  availability: o.availability,
  contactName: o.contactName,
  contactEmail: o.contactEmail,
  contactPhone: o.contactPhone,
  contactLanguages: o.contactLanguages,
  publishedAt: iso(o.publishedAt),
  validUntil: o.validUntil,
  places: o.places,
});

const ownOfferApi = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.string(),
    status: z.enum(offerStatuses),
    validUntil: z.string().nullable(),
    places: z.array(z.string()),
  })
  .meta({ id: 'OwnOffer' });

const facetsApi = z.object({
  categories: z.record(z.string(), z.number()),
  weekdays: z.record(z.string(), z.number()),
  dutchLevels: z.record(z.string(), z.number()),
  womenOnly: z.number(),
  childcare: z.number(),
  networks: z.record(z.string(), z.number()),
});

const trajectoryApi = z
  .object({
    id: z.string(),
    code: z.string(),
    municipalityNis: z.string(),
    startDate: z.string(),
    obliged: z.boolean(),
    dutchLevel: z.string(),
    status: z.string(),
    validatedMinutes: z.number().int(),
  })
  .meta({ id: 'Trajectory' });

const hourEntryApi = z
  .object({
    id: z.string(),
    activityId: z.string(),
    date: z.string(),
    minutes: z.number().int(),
    status: z.string(),
    confirmedAt: z.string().nullable(),
    validatedAt: z.string().nullable(),
  })
  .meta({ id: 'HourEntry' });

const activityApi = z
  .object({
    id: z.string(),
    offerId: z.string().nullable(),
    title: z.string(),
    category: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    plannedMinutes: z.number().int().nullable(),
  })
  .meta({ id: 'Activity' });

const trajectoryDetailApi = trajectoryApi
  .extend({
    activities: z.array(activityApi),
    hours: z.array(hourEntryApi),
    certificateCode: z.string().nullable(),
  })
  .meta({ id: 'TrajectoryDetail' });

const certificateApi = z
  .object({
    verificationCode: z.string(),
    valid: z.boolean(),
    issuerName: z.string(),
    issuedAt: z.string(),
    validatedMinutes: z.number().int(),
    periodStart: z.string(),
    periodEnd: z.string(),
    trajectoryCode: z.string().nullable(),
    activities: z.array(z.object({ title: z.string(), category: z.string(), minutes: z.number() })),
  })
  .meta({ id: 'CertificateCheck' });

type EntryRow = {
  id: string;
  activityId: string;
  date: string;
  minutes: number;
  status: string;
  confirmedAt: Date | null;
  validatedAt: Date | null;
};
const toHourApi = (e: EntryRow) => ({
  id: e.id,
  activityId: e.activityId,
  date: e.date,
  minutes: e.minutes,
  status: e.status,
  confirmedAt: iso(e.confirmedAt),
  validatedAt: iso(e.validatedAt),
});

const idParam = z.object({ id: z.uuid({ error: 'Onbekend id.' }) });
const writeResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};

export async function participationApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const publicRoute = { config: { public: true } } as const;

  api.get(
    '/api/v1/offers',
    {
      ...sharedPublicRoute,
      schema: {
        summary: 'Search published offers (Dutch full text, filters, facets)',
        tags,
        querystring: apiSearchQuery.extend(pageQuerySchema.shape),
        response: { 200: pageSchema(offerApi).extend({ facets: facetsApi }), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query, 20);
      const result = await searchOffers(app.db, filterFromApiQuery(request.query), page);
      return {
        items: result.items.map((o) => toOfferApi(o)),
        page: page.page,
        pageSize: page.pageSize,
        total: result.total,
        facets: result.facets,
      };
    },
  );

  api.get(
    '/api/v1/offers/mine',
    {
      schema: {
        summary: "The offers of the caller's organisation, in every status",
        tags,
        querystring: pageQuerySchema.extend({ status: z.enum(offerStatuses).optional() }),
        response: { 200: pageSchema(ownOfferApi), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listOwnOffers(request.ctx(), { status: request.query.status }, page);
      return {
        items: items.map((o) => ({
          id: o.id,
          title: o.title,
          category: o.category,
          status: o.status as (typeof offerStatuses)[number],
          validUntil: o.validUntil,
          places: o.places.map((p) => p.municipalityNis),
        })),
        page: page.page,
        pageSize: page.pageSize,
        total,
      };
    },
  );

  api.get(
    '/api/v1/offers/:id',
    {
      ...publicRoute,
      schema: {
        summary: 'One published offer',
        tags,
        params: idParam,
        response: { 200: offerApi, 404: problemSchema },
      },
    },
    async (request) => toOfferApi(await getPublicOffer(app.db, request.params.id)),
  );

  const statusResult = z.object({ id: z.string(), status: z.string() });

  api.post(
    '/api/v1/offers',
    {
      schema: {
        summary: 'Create an offer (draft, or submitted for validation with submit=true)',
        tags,
        querystring: z.object({ submit: z.enum(['true', 'false']).optional() }),
        body: offerInputSchema,
        response: { 201: statusResult, ...writeResponses },
      },
    },
    async (request, reply) => {
      const offer = await createOffer(request.ctx(), request.body, request.query.submit === 'true', true);
      return reply.code(201).send({ id: offer.id, status: offer.status });
    },
  );

  api.put(
    '/api/v1/offers/:id',
    {
      schema: {
        summary: 'Replace an offer of your organisation (a published offer goes back for validation)',
        tags,
        params: idParam,
        body: offerInputSchema,
        response: { 200: statusResult, ...writeResponses },
      },
    },
    async (request) => {
      const offer = await updateOffer(request.ctx(), request.params.id, request.body, true);
      return { id: offer.id, status: offer.status };
    },
  );

  api.post(
    '/api/v1/offers/:id/status',
    {
      schema: {
        summary: 'Submit or archive (owner); approve or send back (moderator of the region)',
        tags,
        params: idParam,
        body: offerActionSchema,
        response: { 200: statusResult, ...writeResponses },
      },
    },
    async (request) => {
      const offer = await changeOfferStatus(request.ctx(), request.params.id, request.body);
      return { id: offer.id, status: offer.status };
    },
  );

  api.get(
    '/api/v1/certificates/:code',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        summary: 'Check a certificate by its verification code (shows only what the certificate shows)',
        tags,
        params: z.object({ code: z.string().max(40) }),
        response: { 200: certificateApi, 404: problemSchema },
      },
    },
    async (request) => {
      const c = await verifyCertificate(app.db, request.params.code);
      if (!c) throw new NotFoundError('Er is geen attest met deze controlecode.');
      return {
        verificationCode: c.verificationCode,
        valid: !c.revokedAt,
        issuerName: c.issuerName,
        issuedAt: c.issuedAt.toISOString(),
        validatedMinutes: c.validatedMinutes,
        periodStart: c.periodStart,
        periodEnd: c.periodEnd,
        trajectoryCode: c.anonymisedAt ? null : c.trajectoryCode,
        activities: c.activities,
      };
    },
  );

  // ------------------------------------------------------------------ trajectories (counsellors only)

  api.get(
    '/api/v1/participation/trajectories',
    {
      schema: {
        summary: "Trajectories of the counsellor's organisation",
        tags,
        querystring: pageQuerySchema.extend({
          status: z.enum(['active', 'completed', 'stopped']).optional(),
          code: z.string().max(30).optional(),
        }),
        response: { 200: pageSchema(trajectoryApi), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listTrajectories(
        request.ctx(),
        { status: request.query.status, code: request.query.code },
        page,
      );
      return {
        items: items.map((r) => ({
          id: r.id,
          code: r.code,
          municipalityNis: r.municipalityNis,
          startDate: r.startDate,
          obliged: r.obliged,
          dutchLevel: r.dutchLevel,
          status: r.status,
          validatedMinutes: r.validatedMinutes,
        })),
        page: page.page,
        pageSize: page.pageSize,
        total,
      };
    },
  );

  api.post(
    '/api/v1/participation/trajectories',
    {
      schema: {
        summary: 'Open a trajectory (pseudonymous: no name, no national register number)',
        tags,
        body: trajectoryInputSchema,
        response: { 201: trajectoryApi, ...writeResponses },
      },
    },
    async (request, reply) => {
      const row = await createTrajectory(request.ctx(), request.body, true);
      return reply.code(201).send({
        id: row.id,
        code: row.code,
        municipalityNis: row.municipalityNis,
        startDate: row.startDate,
        obliged: row.obliged,
        dutchLevel: row.dutchLevel,
        status: row.status,
        validatedMinutes: 0,
      });
    },
  );

  api.get(
    '/api/v1/participation/trajectories/:id',
    {
      schema: {
        summary: 'One trajectory with its activities and hours (the view is logged)',
        tags,
        params: idParam,
        response: { 200: trajectoryDetailApi, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const tr = await getTrajectory(request.ctx(), request.params.id, 'api');
      return {
        id: tr.id,
        code: tr.code,
        municipalityNis: tr.municipalityNis,
        startDate: tr.startDate,
        obliged: tr.obliged,
        dutchLevel: tr.dutchLevel,
        status: tr.status,
        validatedMinutes: tr.progress.minutes,
        activities: tr.activities.map((a) => ({
          id: a.id,
          offerId: a.offerId,
          title: a.title,
          category: a.category,
          contactName: a.contactName,
          contactEmail: a.contactEmail,
          plannedMinutes: a.plannedMinutes,
        })),
        hours: tr.entries.map(toHourApi),
        certificateCode: tr.certificate?.verificationCode ?? null,
      };
    },
  );

  api.post(
    '/api/v1/participation/trajectories/:id/activities',
    {
      schema: {
        summary: 'Plan an activity (an offer, or another activity with its contact person)',
        tags,
        params: idParam,
        body: activityInputSchema,
        response: { 201: activityApi, ...writeResponses },
      },
    },
    async (request, reply) => {
      const a = await addActivity(request.ctx(), request.params.id, request.body, true);
      return reply.code(201).send({
        id: a.id,
        offerId: a.offerId,
        title: a.title,
        category: a.category,
        contactName: a.contactName,
        contactEmail: a.contactEmail,
        plannedMinutes: a.plannedMinutes,
      });
    },
  );

  api.post(
    '/api/v1/participation/trajectories/:id/hours',
    {
      schema: {
        summary:
          'Register hours of an activity on a date (not in the future, not before the start, ≤ 12 h a day)',
        tags,
        params: idParam,
        body: hourInputSchema,
        response: { 201: hourEntryApi, ...writeResponses },
      },
    },
    async (request, reply) => {
      const entry = await registerHours(request.ctx(), request.params.id, request.body, true);
      return reply.code(201).send(toHourApi(entry));
    },
  );

  api.post(
    '/api/v1/participation/trajectories/:id/hours/:entryId',
    {
      schema: {
        summary: 'Validate or reject confirmed hours',
        tags,
        params: z.object({ id: z.uuid(), entryId: z.uuid() }),
        body: hourDecisionSchema,
        response: { 200: hourEntryApi, ...writeResponses },
      },
    },
    async (request) =>
      toHourApi(await decideHours(request.ctx(), request.params.id, request.params.entryId, request.body)),
  );
}
