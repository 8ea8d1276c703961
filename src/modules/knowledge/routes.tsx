import { asc, isNotNull } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '../../core/http/errors';
import { recordOnceResult } from '../../core/http/once';
import { pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import { formatDateTime } from '../../core/i18n/format';
import { listMunicipalities, networks } from '../reference';
import { toCsv } from './csv';
import {
  addMembers,
  addResource,
  canManageNetwork,
  createLearningNetwork,
  getLearningNetwork,
  listLearningNetworks,
  managedNetworks,
  removeMember,
  removeResource,
} from './networks';
import {
  canSubmitPractice,
  canUpdatePractice,
  getPractice,
  isPracticeEditor,
  listManagedPractices,
  type PracticeRow,
  practiceFilterSchema,
  reviewPractice,
  searchPractices,
  submitPractice,
  updatePractice,
} from './practices';
import { registrationWindow } from './rules';
import {
  agendaCalendar,
  agendaFilterSchema,
  canCreateEvent,
  cancelEvent,
  cancelRegistration,
  createEvent,
  decideRegistration,
  type EventListRow,
  eventCalendar,
  eventFormValues,
  exportParticipants,
  getEventDetail,
  getEventForEdit,
  listAgenda,
  listMyRegistrations,
  listOrganisedEvents,
  listParticipants,
  type MyRegistrationRow,
  personalCalendar,
  personalFeedUrl,
  recordAttendance,
  registerForEvent,
  updateEvent,
} from './service';
import {
  canCreateTool,
  canUpdateTool,
  createTool,
  getToolForEdit,
  listTools,
  toolFilterSchema,
  updateTool,
} from './tools';
import {
  AgendaPage,
  CancelEventPage,
  EventFormPage,
  EventPage,
  MyRegistrationsPage,
  OrganisedEventsPage,
  ParticipantsPage,
} from './views/agenda';
import { NetworkFormPage, NetworkListPage, NetworkPage } from './views/networks';
import { PracticeFormPage, PracticeManagePage, PracticePage, PracticeSearchPage } from './views/practices';
import { ToolFormPage, ToolListPage } from './views/tools';
import { type PracticeStatus, practiceStatuses, registrationWorkflow } from './workflow';

type Params = Record<string, string>;
const params = (request: FastifyRequest) => request.params as Params;
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

/** Where a small action form came from (same site only), to go back there afterwards. */
function backTo(request: FastifyRequest, fallback: string): string {
  const referer = request.headers.referer;
  if (!referer) return fallback;
  try {
    const url = new URL(referer, 'http://local');
    const host = request.headers.host ? new URL(`${url.protocol}//${request.headers.host}`).host : null;
    if (url.host !== 'local' && url.host !== host) return fallback;
    // Never a protocol-relative path ("//elsewhere"): that would leave the site.
    if (!url.pathname.startsWith('/') || url.pathname.startsWith('//')) return fallback;
    return `${url.pathname}${url.search}`;
  } catch {
    return fallback;
  }
}

async function remember(app: FastifyInstance, request: FastifyRequest, url: string) {
  const once = body(request)._once;
  if (typeof once === 'string') await recordOnceResult(app.db, once, url);
}

const statusCount = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// API schemas
// ---------------------------------------------------------------------------------------------

const eventApi = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    type: z.string(),
    themes: z.array(z.string()),
    organiser: z.object({ id: z.string(), name: z.string() }),
    audience: z.object({ kind: z.string(), code: z.string().nullable() }),
    learningNetworkId: z.string().nullable(),
    startsAt: z.string().describe('ISO 8601'),
    endsAt: z.string(),
    location: z.string().nullable(),
    onlineUrl: z.string().nullable(),
    capacity: z.number().int().nullable(),
    placesTaken: z.number().int(),
    waitlisted: z.number().int(),
    waitlistEnabled: z.boolean(),
    approvalRequired: z.boolean(),
    registrationOpensAt: z.string().nullable(),
    registrationClosesAt: z.string(),
    registration: z.enum(['cancelled', 'not_open', 'open', 'closed']),
    cancelled: z.boolean(),
    url: z.string(),
  })
  .meta({ id: 'KnowledgeEvent' });

const toEventApi = (e: EventListRow, baseUrl: string, now = new Date()): z.infer<typeof eventApi> => ({
  id: e.id,
  title: e.title,
  description: e.description,
  type: e.type,
  themes: e.themes,
  organiser: { id: e.organiserOrganisationId, name: e.organiserName },
  audience: { kind: e.audienceKind, code: e.audienceCode },
  learningNetworkId: e.learningNetworkId,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  location: e.location,
  onlineUrl: e.onlineUrl,
  capacity: e.capacity,
  placesTaken: e.taken,
  waitlisted: e.waitlisted,
  waitlistEnabled: e.waitlistEnabled,
  approvalRequired: e.approvalRequired,
  registrationOpensAt: e.registrationOpensAt?.toISOString() ?? null,
  registrationClosesAt: e.registrationClosesAt.toISOString(),
  registration: registrationWindow(e, now),
  cancelled: !!e.cancelledAt,
  url: `${baseUrl}/agenda/${e.id}`,
});

const registrationApi = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventTitle: z.string(),
    startsAt: z.string(),
    participant: z.string(),
    status: z.enum(['registered', 'pending_approval', 'waitlisted', 'cancelled', 'attended', 'no_show']),
    statusLabel: z.string(),
    canCancel: z.boolean(),
  })
  .meta({ id: 'KnowledgeRegistration' });

const toRegistrationApi = (r: MyRegistrationRow): z.infer<typeof registrationApi> => ({
  id: r.id,
  eventId: r.eventId,
  eventTitle: r.title,
  startsAt: r.startsAt.toISOString(),
  participant: r.name,
  status: r.status,
  statusLabel: registrationWorkflow.statuses[r.status].publicLabel,
  canCancel: r.canCancel,
});

const practiceApi = z
  .object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    theme: z.string(),
    municipalityNis: z.string().nullable(),
    municipalityName: z.string().nullable(),
    approach: z.string(),
    results: z.string().nullable(),
    contactName: z.string(),
    contactEmail: z.string(),
    organisation: z.object({ id: z.string(), name: z.string() }),
    status: z.string(),
    publishedAt: z.string().nullable(),
    url: z.string(),
  })
  .meta({ id: 'GoodPractice' });

const toPracticeApi = (r: PracticeRow, baseUrl: string): z.infer<typeof practiceApi> => ({
  id: r.id,
  title: r.title,
  summary: r.summary,
  theme: r.theme,
  municipalityNis: r.municipalityNis,
  municipalityName: r.municipalityName,
  approach: r.approach,
  results: r.results,
  contactName: r.contactName,
  contactEmail: r.contactEmail,
  organisation: { id: r.organisationId, name: r.organisationName },
  status: r.status,
  publishedAt: r.publishedAt?.toISOString() ?? null,
  url: `${baseUrl}/goede-praktijken/${r.id}`,
});

const toolApi = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    kind: z.string(),
    theme: z.string(),
    url: z.string(),
    organisation: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'Tool' });

const idParam = z.object({ id: z.uuid({ error: 'Geen geldige id.' }) });

export async function knowledgeRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const publicRoute = { config: { public: true } } as const;

  const regionOptions = async () =>
    (
      await app.db
        .select({ code: networks.referenceRegionCode, name: networks.name })
        .from(networks)
        .where(isNotNull(networks.referenceRegionCode))
        .orderBy(asc(networks.name))
    ).map((r) => ({ code: r.code!, name: r.name }));
  const networkOptions = async () =>
    (
      await app.db
        .select({ code: networks.code, name: networks.name })
        .from(networks)
        .orderBy(asc(networks.name))
    ).map((n) => ({ value: n.code, label: n.name }));
  const municipalityOptions = async () =>
    (await listMunicipalities(app.db)).map((m) => ({ value: m.nis, label: m.name }));

  // -------------------------------------------------------------------------------------------
  // Agenda and events
  // -------------------------------------------------------------------------------------------

  app.get('/agenda', publicRoute, async (request, reply) => {
    const query = agendaFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query);
    const [{ items, total }, regions] = await Promise.all([listAgenda(app.db, query, page), regionOptions()]);
    return reply.render(
      <AgendaPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        regions={regions}
        canCreate={canCreateEvent(request.principal)}
      />,
    );
  });

  app.get('/agenda.ics', publicRoute, async (request, reply) => {
    const query = agendaFilterSchema.parse(request.query ?? {});
    const ics = await agendaCalendar(app.db, query, app.config.baseUrl);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="agenda-regiekamer.ics"')
      .send(ics);
  });

  // The secret token in the URL is the authorisation (calendar apps cannot sign in).
  app.get('/agenda/persoonlijk/:token', publicRoute, async (request, reply) => {
    const ics = await personalCalendar(app.db, app.config, params(request).token ?? '');
    if (!ics) return reply.callNotFound();
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="mijn-evenementen.ics"')
      .header('cache-control', 'private, no-store')
      .send(ics);
  });

  const eventForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    props: {
      mode: 'create' | 'edit';
      action: string;
      values: Record<string, unknown>;
      errors?: Record<string, string>;
      eventTitle?: string;
    },
    status = 200,
  ) => {
    const ctx = request.ctx();
    const [regions, nets, lns] = await Promise.all([regionOptions(), networkOptions(), managedNetworks(ctx)]);
    return reply.render(
      <EventFormPage
        ctx={reply.view()}
        {...props}
        regions={regions.map((r) => ({ value: r.code, label: r.name }))}
        networks={nets}
        learningNetworks={lns.map((l) => ({ value: l.id, label: l.name }))}
      />,
      status,
    );
  };

  app.get('/agenda/nieuw', async (request, reply) => {
    if (!canCreateEvent(request.principal))
      throw new ForbiddenError('Alleen agentschappen en regionale netwerken organiseren evenementen.');
    const fromNetwork = (request.query as Params).lerendNetwerk;
    const values: Record<string, unknown> = {
      waitlistEnabled: ['ja'],
      audienceKind: 'all_local_governments',
    };
    if (fromNetwork && z.uuid().safeParse(fromNetwork).success) {
      const d = await getLearningNetwork(request.ctx(), fromNetwork);
      if (canManageNetwork(request.principal, d.network))
        Object.assign(values, {
          learningNetworkId: d.network.id,
          audienceKind: 'learning_network',
          type: 'lerend_netwerk',
          themes: [d.network.theme],
        });
    }
    return eventForm(request, reply, { mode: 'create', action: '/agenda/nieuw', values });
  });

  app.post('/agenda/nieuw', async (request, reply) => {
    try {
      const event = await createEvent(request.ctx(), request.body);
      const url = `/agenda/${event.id}`;
      await remember(app, request, url);
      reply.flash('success', 'Het evenement staat in de agenda.');
      return reply.seeOther(url);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return eventForm(
        request,
        reply,
        { mode: 'create', action: '/agenda/nieuw', values: body(request), errors: error.fieldErrors },
        422,
      );
    }
  });

  app.get('/agenda/beheer', async (request, reply) => {
    if (!canCreateEvent(request.principal))
      throw new ForbiddenError('Alleen agentschappen en regionale netwerken organiseren evenementen.');
    const page = readPage(request.query);
    const { items, total } = await listOrganisedEvents(request.ctx(), page);
    return reply.render(
      <OrganisedEventsPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
      />,
    );
  });

  app.get('/agenda/:id', publicRoute, async (request, reply) => {
    const d = await getEventDetail(app.db, request.principal, params(request).id ?? '');
    return reply.render(<EventPage ctx={reply.view()} d={d} />);
  });

  app.get('/agenda/:id/ics', publicRoute, async (request, reply) => {
    const d = await getEventDetail(app.db, null, params(request).id ?? '');
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="evenement.ics"')
      .send(eventCalendar(d.event, app.config.baseUrl));
  });

  app.post('/agenda/:id/inschrijven', async (request, reply) => {
    const id = params(request).id ?? '';
    try {
      const results = await registerForEvent(request.ctx(), id, request.body);
      const url = `/agenda/${id}`;
      await remember(app, request, url);
      const count = (s: string) => results.filter((r) => r.status === s).length;
      const parts = [
        count('registered') &&
          statusCount(count('registered'), 'persoon is ingeschreven', 'personen zijn ingeschreven'),
        count('pending_approval') &&
          statusCount(count('pending_approval'), 'inschrijving wacht', 'inschrijvingen wachten') +
            ' op goedkeuring',
        count('waitlisted') &&
          `${statusCount(count('waitlisted'), 'persoon staat', 'personen staan')} op de wachtlijst`,
      ].filter(Boolean);
      const self = results.length === 1 && results[0]!.userId === request.principal!.userId;
      const message = self
        ? {
            registered:
              'U bent ingeschreven. U krijgt een bevestiging per e-mail, met het evenement voor uw agenda.',
            pending_approval:
              'Uw inschrijving is ontvangen. De organisator keurt ze nog goed; u krijgt een e-mail.',
            waitlisted:
              'Het evenement is volzet. U staat op de wachtlijst en krijgt een e-mail zodra er een plaats vrijkomt.',
          }[results[0]!.status as 'registered']
        : `${parts.join('; ')}. Iedereen krijgt een e-mail.`;
      reply.flash(results.some((r) => r.status === 'waitlisted') ? 'info' : 'success', message);
      return reply.seeOther(url);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const d = await getEventDetail(app.db, request.principal, id);
      return reply.render(
        <EventPage ctx={reply.view()} d={d} errors={error.fieldErrors} values={body(request)} />,
        422,
      );
    }
  });

  app.get('/agenda/:id/bewerken', async (request, reply) => {
    const { event, invited } = await getEventForEdit(request.ctx(), params(request).id ?? '');
    return eventForm(request, reply, {
      mode: 'edit',
      action: `/agenda/${event.id}/bewerken`,
      values: eventFormValues(event, invited),
      eventTitle: event.title,
    });
  });

  app.post('/agenda/:id/bewerken', async (request, reply) => {
    const id = params(request).id ?? '';
    try {
      await updateEvent(request.ctx(), id, request.body);
      reply.flash(
        'success',
        'De wijzigingen zijn bewaard. Deelnemers krijgen een e-mail als het tijdstip of de plaats veranderde.',
      );
      return reply.seeOther(`/agenda/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { event } = await getEventForEdit(request.ctx(), id);
      return eventForm(
        request,
        reply,
        {
          mode: 'edit',
          action: `/agenda/${id}/bewerken`,
          values: body(request),
          errors: error.fieldErrors,
          eventTitle: event.title,
        },
        422,
      );
    }
  });

  app.get('/agenda/:id/annuleren', async (request, reply) => {
    const { event } = await getEventForEdit(request.ctx(), params(request).id ?? '');
    const d = await getEventDetail(app.db, null, event.id);
    return reply.render(
      <CancelEventPage
        ctx={reply.view()}
        d={{ id: event.id, title: event.title, taken: d.taken + d.waitlisted }}
      />,
    );
  });

  app.post('/agenda/:id/annuleren', async (request, reply) => {
    const id = params(request).id ?? '';
    try {
      await cancelEvent(request.ctx(), id, request.body);
      reply.flash('success', 'Het evenement is geannuleerd. Alle deelnemers krijgen een e-mail.');
      return reply.seeOther(`/agenda/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { event } = await getEventForEdit(request.ctx(), id);
      const d = await getEventDetail(app.db, null, id);
      return reply.render(
        <CancelEventPage
          ctx={reply.view()}
          d={{ id, title: event.title, taken: d.taken + d.waitlisted }}
          errors={error.fieldErrors}
          values={body(request)}
        />,
        422,
      );
    }
  });

  app.get('/agenda/:id/deelnemers', async (request, reply) => {
    const page = readPage(request.query, 100);
    const data = await listParticipants(request.ctx(), params(request).id ?? '', page);
    return reply.render(
      <ParticipantsPage ctx={reply.view()} data={data} page={page.page} pageSize={page.pageSize} />,
    );
  });

  app.get('/agenda/:id/deelnemers.csv', async (request, reply) => {
    const { event, rows } = await exportParticipants(request.ctx(), params(request).id ?? '');
    const csv = toCsv(
      ['Naam', 'E-mail', 'Organisatie', 'Status', 'Ingeschreven op', 'Ingeschreven door', 'Volgorde'],
      rows.map((r) => [
        r.name,
        r.email,
        r.organisationName,
        registrationWorkflow.statuses[r.status].label,
        formatDateTime(r.createdAt),
        r.registeredByName,
        r.arrival,
      ]),
    );
    const slug = event.title
      .normalize('NFD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/\s+/g, '-')
      .slice(0, 60);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="deelnemers-${slug || 'evenement'}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(csv);
  });

  app.post('/agenda/:id/aanwezigheid', async (request, reply) => {
    const id = params(request).id ?? '';
    try {
      const changed = await recordAttendance(request.ctx(), id, request.body);
      reply.flash(
        'success',
        changed
          ? `${statusCount(changed, 'aanwezigheid', 'aanwezigheden')} bewaard.`
          : 'Er was niets gewijzigd.',
      );
      return reply.seeOther(backTo(request, `/agenda/${id}/deelnemers`));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const page = readPage(request.query, 100);
      const data = await listParticipants(request.ctx(), id, page);
      return reply.render(
        <ParticipantsPage
          ctx={reply.view()}
          data={data}
          page={page.page}
          pageSize={page.pageSize}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  const registrationAction = (path: string, run: (request: FastifyRequest) => Promise<string>) =>
    app.post(path, async (request, reply) => {
      try {
        const message = await run(request);
        reply.flash('success', message);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        reply.flash('warning', error.fieldErrors._form ?? error.message);
      }
      return reply.seeOther(backTo(request, '/mijn-inschrijvingen'));
    });

  registrationAction('/inschrijvingen/:id/annuleren', async (request) => {
    const { promoted } = await cancelRegistration(request.ctx(), params(request).id ?? '');
    return promoted.length
      ? 'De inschrijving is geannuleerd. De eerste op de wachtlijst kreeg de vrije plaats.'
      : 'De inschrijving is geannuleerd.';
  });
  registrationAction('/inschrijvingen/:id/goedkeuren', async (request) => {
    await decideRegistration(request.ctx(), params(request).id ?? '', 'approve');
    return 'De inschrijving is goedgekeurd. De deelnemer krijgt een bevestiging.';
  });
  registrationAction('/inschrijvingen/:id/weigeren', async (request) => {
    await decideRegistration(request.ctx(), params(request).id ?? '', 'reject');
    return 'De inschrijving is geweigerd. De deelnemer krijgt een e-mail.';
  });

  app.get('/mijn-inschrijvingen', async (request, reply) => {
    const q = (request.query ?? {}) as Params;
    const scope = q.wie === 'organisatie' ? 'organisation' : 'mine';
    const past = q.wanneer === 'voorbij';
    const page = readPage(request.query);
    const ctx = request.ctx();
    const [{ items, total }, feedUrl] = await Promise.all([
      listMyRegistrations(ctx, { scope, past }, page),
      personalFeedUrl(ctx),
    ]);
    return reply.render(
      <MyRegistrationsPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        scope={scope}
        past={past}
        feedUrl={feedUrl}
      />,
    );
  });

  app.post('/mijn-inschrijvingen/agendalink', async (request, reply) => {
    await personalFeedUrl(request.ctx(), { reset: true });
    reply.flash('success', 'Uw persoonlijke agenda heeft een nieuw adres. Het oude adres werkt niet meer.');
    return reply.seeOther('/mijn-inschrijvingen');
  });

  // -------------------------------------------------------------------------------------------
  // Learning networks
  // -------------------------------------------------------------------------------------------

  app.get('/lerende-netwerken', async (request, reply) => {
    const page = readPage(request.query);
    const { items, total } = await listLearningNetworks(request.ctx(), page);
    return reply.render(
      <NetworkListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        canCreate={canCreateEvent(request.principal)}
      />,
    );
  });

  app.get('/lerende-netwerken/nieuw', async (request, reply) => {
    if (!canCreateEvent(request.principal))
      throw new ForbiddenError('Alleen agentschappen en regionale netwerken starten een lerend netwerk.');
    return reply.render(<NetworkFormPage ctx={reply.view()} values={{}} />);
  });

  app.post('/lerende-netwerken/nieuw', async (request, reply) => {
    try {
      const row = await createLearningNetwork(request.ctx(), request.body);
      const url = `/lerende-netwerken/${row.id}`;
      await remember(app, request, url);
      reply.flash('success', 'Het lerend netwerk is aangemaakt.');
      return reply.seeOther(url);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <NetworkFormPage ctx={reply.view()} values={body(request)} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.get('/lerende-netwerken/:id', async (request, reply) => {
    const d = await getLearningNetwork(request.ctx(), params(request).id ?? '');
    return reply.render(<NetworkPage ctx={reply.view()} d={d} />);
  });

  const networkForm = (path: string, run: (request: FastifyRequest) => Promise<string>) =>
    app.post(path, async (request, reply) => {
      const id = params(request).id ?? '';
      try {
        reply.flash('success', await run(request));
        return reply.seeOther(`/lerende-netwerken/${id}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const d = await getLearningNetwork(request.ctx(), id);
        return reply.render(
          <NetworkPage ctx={reply.view()} d={d} errors={error.fieldErrors} values={body(request)} />,
          422,
        );
      }
    });

  networkForm('/lerende-netwerken/:id/leden', async (request) => {
    const n = await addMembers(request.ctx(), params(request).id ?? '', request.body);
    return n ? `${statusCount(n, 'lid', 'leden')} toegevoegd.` : 'Deze organisaties waren al lid.';
  });
  networkForm('/lerende-netwerken/:id/leden/:organisationId/verwijderen', async (request) => {
    await removeMember(request.ctx(), params(request).id ?? '', params(request).organisationId ?? '');
    return 'Het lid is verwijderd.';
  });
  networkForm('/lerende-netwerken/:id/documenten', async (request) => {
    await addResource(request.ctx(), params(request).id ?? '', request.body);
    return 'Het document is gedeeld met het netwerk.';
  });
  networkForm('/lerende-netwerken/:id/documenten/:resourceId/verwijderen', async (request) => {
    await removeResource(request.ctx(), params(request).id ?? '', params(request).resourceId ?? '');
    return 'Het document is verwijderd.';
  });

  // -------------------------------------------------------------------------------------------
  // Good practices
  // -------------------------------------------------------------------------------------------

  app.get('/goede-praktijken', publicRoute, async (request, reply) => {
    const query = practiceFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query, 20);
    const [{ items, total }, municipalities] = await Promise.all([
      searchPractices(app.db, query, page),
      municipalityOptions(),
    ]);
    return reply.render(
      <PracticeSearchPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        municipalities={municipalities}
        canSubmit={canSubmitPractice(request.principal)}
        canManage={isPracticeEditor(request.principal)}
      />,
    );
  });

  app.get('/goede-praktijken/nieuw', async (request, reply) => {
    if (!canSubmitPractice(request.principal))
      throw new ForbiddenError('Goede praktijken worden ingediend door lokale besturen en agentschappen.');
    const p = request.principal!;
    return reply.render(
      <PracticeFormPage
        ctx={reply.view()}
        mode="create"
        action="/goede-praktijken/nieuw"
        values={{
          contactName: p.name,
          contactEmail: p.email,
          municipalityNis: p.active.municipalityNis ?? '',
        }}
        municipalities={await municipalityOptions()}
      />,
    );
  });

  app.post('/goede-praktijken/nieuw', async (request, reply) => {
    try {
      const row = await submitPractice(request.ctx(), request.body);
      const url = `/goede-praktijken/${row.id}`;
      await remember(app, request, url);
      reply.flash(
        'success',
        'Bedankt! De redactie leest uw goede praktijk na en laat u weten wanneer ze online staat.',
      );
      return reply.seeOther(url);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <PracticeFormPage
          ctx={reply.view()}
          mode="create"
          action="/goede-praktijken/nieuw"
          values={body(request)}
          errors={error.fieldErrors}
          municipalities={await municipalityOptions()}
        />,
        422,
      );
    }
  });

  app.get('/goede-praktijken/overzicht', async (request, reply) => {
    const raw = (request.query as Params).status;
    const status = (practiceStatuses as readonly string[]).includes(raw ?? '')
      ? (raw as PracticeStatus)
      : undefined;
    const page = readPage(request.query);
    const { items, total, editor } = await listManagedPractices(request.ctx(), status, page);
    return reply.render(
      <PracticeManagePage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        status={status}
        editor={editor}
      />,
    );
  });

  const practicePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
  ) => {
    const r = await getPractice(app.db, request.principal, params(request).id ?? '');
    return reply.render(
      <PracticePage
        ctx={reply.view()}
        r={r}
        canUpdate={canUpdatePractice(request.principal, r)}
        canReview={isPracticeEditor(request.principal)}
        errors={errors}
        values={errors ? body(request) : undefined}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/goede-praktijken/:id', publicRoute, (request, reply) => practicePage(request, reply));

  app.get('/goede-praktijken/:id/bewerken', async (request, reply) => {
    const r = await getPractice(app.db, request.principal, params(request).id ?? '');
    if (!canUpdatePractice(request.principal, r)) {
      if (r.status === 'published' && r.organisationId === request.principal?.active.organisationId)
        throw new ForbiddenError('Deze praktijk is gepubliceerd. Vraag de redactie om een wijziging.');
      return reply.callNotFound();
    }
    return reply.render(
      <PracticeFormPage
        ctx={reply.view()}
        mode="edit"
        action={`/goede-praktijken/${r.id}/bewerken`}
        values={{ ...r, results: r.results ?? '', municipalityNis: r.municipalityNis ?? '' }}
        municipalities={await municipalityOptions()}
      />,
    );
  });

  app.post('/goede-praktijken/:id/bewerken', async (request, reply) => {
    const id = params(request).id ?? '';
    try {
      const row = await updatePractice(request.ctx(), id, request.body);
      reply.flash(
        'success',
        row.status === 'submitted'
          ? 'Bewaard. De redactie leest uw praktijk opnieuw na.'
          : 'De wijzigingen zijn bewaard.',
      );
      return reply.seeOther(`/goede-praktijken/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <PracticeFormPage
          ctx={reply.view()}
          mode="edit"
          action={`/goede-praktijken/${id}/bewerken`}
          values={body(request)}
          errors={error.fieldErrors}
          municipalities={await municipalityOptions()}
        />,
        422,
      );
    }
  });

  for (const [path, action, done] of [
    [
      '/goede-praktijken/:id/publiceren',
      'publish',
      'De goede praktijk is gepubliceerd. De indiener krijgt een e-mail.',
    ],
    [
      '/goede-praktijken/:id/terugsturen',
      'send_back',
      'De goede praktijk is teruggestuurd met uw opmerking.',
    ],
  ] as const) {
    app.post(path, async (request, reply) => {
      const id = params(request).id ?? '';
      try {
        await reviewPractice(request.ctx(), id, action, request.body);
        reply.flash('success', done);
        return reply.seeOther(`/goede-praktijken/${id}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return practicePage(request, reply, error.fieldErrors);
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Tools
  // -------------------------------------------------------------------------------------------

  app.get('/tools', publicRoute, async (request, reply) => {
    const query = toolFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query, 20);
    const { items, total } = await listTools(app.db, query, page);
    const principal = request.principal;
    return reply.render(
      <ToolListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        canCreate={canCreateTool(principal)}
        editable={new Set(items.filter((t) => canUpdateTool(principal, t)).map((t) => t.id))}
      />,
    );
  });

  app.get('/tools/nieuw', async (request, reply) => {
    if (!canCreateTool(request.principal))
      throw new ForbiddenError('Alleen de redactie van de agentschappen voegt tools toe.');
    return reply.render(<ToolFormPage ctx={reply.view()} mode="create" action="/tools/nieuw" values={{}} />);
  });

  app.post('/tools/nieuw', async (request, reply) => {
    try {
      await createTool(request.ctx(), request.body);
      await remember(app, request, '/tools');
      reply.flash('success', 'De tool is toegevoegd.');
      return reply.seeOther('/tools');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <ToolFormPage
          ctx={reply.view()}
          mode="create"
          action="/tools/nieuw"
          values={body(request)}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  app.get('/tools/:id/bewerken', async (request, reply) => {
    const tool = await getToolForEdit(request.ctx(), params(request).id ?? '');
    return reply.render(
      <ToolFormPage ctx={reply.view()} mode="edit" action={`/tools/${tool.id}/bewerken`} values={tool} />,
    );
  });

  app.post('/tools/:id/bewerken', async (request, reply) => {
    const id = params(request).id ?? '';
    try {
      await updateTool(request.ctx(), id, request.body);
      reply.flash('success', 'De tool is bewaard.');
      return reply.seeOther('/tools');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <ToolFormPage
          ctx={reply.view()}
          mode="edit"
          action={`/tools/${id}/bewerken`}
          values={body(request)}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  const tags = ['Kennisdeling'];

  api.get(
    '/api/v1/events',
    {
      ...publicRoute,
      schema: {
        summary: 'Upcoming events of the public agenda (or one month), filtered, paginated',
        tags,
        querystring: pageQuerySchema.extend({
          theme: z.string().max(50).optional(),
          type: z.string().max(50).optional(),
          region: z.string().max(20).optional().describe('Reference region code, e.g. REFREG02'),
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional()
            .describe('YYYY-MM'),
          q: z.string().max(100).optional(),
        }),
        response: { 200: pageSchema(eventApi), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const filter = agendaFilterSchema.parse(request.query);
      const { items, total } = await listAgenda(app.db, filter, page);
      return {
        items: items.map((e) => toEventApi(e, app.config.baseUrl)),
        total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },
  );

  api.get(
    '/api/v1/events/:id',
    {
      ...publicRoute,
      schema: {
        summary: 'One event',
        tags,
        params: idParam,
        response: { 200: eventApi, 404: problemSchema },
      },
    },
    async (request) => {
      const d = await getEventDetail(app.db, null, request.params.id);
      return toEventApi(
        { ...d.event, organiserName: d.organiserName, taken: d.taken, waitlisted: d.waitlisted },
        app.config.baseUrl,
      );
    },
  );

  api.get(
    '/api/v1/me/registrations',
    {
      schema: {
        summary: 'My registrations (or my colleagues’), upcoming or past',
        tags,
        querystring: pageQuerySchema.extend({
          scope: z.enum(['mine', 'organisation']).optional(),
          past: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageSchema(registrationApi), 401: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listMyRegistrations(
        request.ctx(),
        { scope: request.query.scope ?? 'mine', past: request.query.past === 'true' },
        page,
      );
      return { items: items.map(toRegistrationApi), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.post(
    '/api/v1/events/:id/registrations',
    {
      schema: {
        summary: 'Register myself and/or colleagues of my organisation',
        description:
          'Without userIds, registers the caller. Each person gets a place, a place pending approval, or a place on the waitlist, in arrival order.',
        tags,
        params: idParam,
        body: z.object({ userIds: z.array(z.uuid()).min(1).max(100).optional() }),
        response: {
          201: z.array(
            z.object({ id: z.string(), userId: z.string(), name: z.string(), status: z.string() }),
          ),
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const results = await registerForEvent(request.ctx(), request.params.id, {
        participants: request.body.userIds ?? [request.principal!.userId],
      });
      return reply.code(201).send(results);
    },
  );

  api.delete(
    '/api/v1/registrations/:id',
    {
      schema: {
        summary: 'Cancel a registration (until the deadline; organisers always)',
        tags,
        params: idParam,
        response: {
          200: z.object({ id: z.string(), status: z.string(), promoted: z.number().int() }),
          401: problemSchema,
          404: problemSchema,
          409: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request) => {
      const { registration, promoted } = await cancelRegistration(request.ctx(), request.params.id);
      return { id: registration.id, status: registration.status, promoted: promoted.length };
    },
  );

  api.get(
    '/api/v1/good-practices',
    {
      ...publicRoute,
      schema: {
        summary: 'Published good practices, with Dutch full-text search',
        tags,
        querystring: pageQuerySchema.extend({
          q: z.string().max(200).optional().describe('Words to search, with Dutch stemming'),
          theme: z.string().max(50).optional(),
          municipality: z
            .string()
            .regex(/^\d{5}$/)
            .optional()
            .describe('NIS code'),
        }),
        response: { 200: pageSchema(practiceApi), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await searchPractices(app.db, practiceFilterSchema.parse(request.query), page);
      return {
        items: items.map((r) => toPracticeApi(r, app.config.baseUrl)),
        total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },
  );

  api.get(
    '/api/v1/good-practices/:id',
    {
      ...publicRoute,
      schema: {
        summary: 'One good practice',
        tags,
        params: idParam,
        response: { 200: practiceApi, 404: problemSchema },
      },
    },
    async (request) =>
      toPracticeApi(await getPractice(app.db, request.principal, request.params.id), app.config.baseUrl),
  );

  api.get(
    '/api/v1/tools',
    {
      ...publicRoute,
      schema: {
        summary: 'Practical tools (scripts, templates, online tools)',
        tags,
        querystring: pageQuerySchema.extend({
          kind: z.string().max(50).optional(),
          theme: z.string().max(50).optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: pageSchema(toolApi), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listTools(app.db, toolFilterSchema.parse(request.query), page);
      return {
        items: items.map((t) => ({
          id: t.id,
          title: t.title,
          description: t.description,
          kind: t.kind,
          theme: t.theme,
          url: t.url,
          organisation: { id: t.organisationId, name: t.organisationName },
        })),
        total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },
  );
}
