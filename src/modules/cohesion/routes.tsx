import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../core/context';
import { type FieldErrors, ValidationError } from '../../core/http/errors';
import { recordOnceResult } from '../../core/http/once';
import { type Page, readPage } from '../../core/http/pagination';
import { canCreateProgramme, canCreateTrajectory, canRequestCoaching } from './access';
import { cohesionApiRoutes } from './api';
import {
  addPlanParticipant,
  closingFilterSchema,
  closingPermissions,
  getClosingAction,
  getClosingForEdit,
  getPlanParticipant,
  listPlanParticipants,
  participantCandidates,
  planParticipantOptions,
  practiceOptions,
  recordClosingAction,
  removePlanParticipant,
  searchClosingActions,
  updateClosingAction,
} from './closing';
import {
  addCoachingNote,
  addCoachingSession,
  closeCoaching,
  coachingFilterSchema,
  declineCoaching,
  getCoaching,
  listCoachings,
  openCoaching,
  requestCoaching,
  withdrawCoaching,
} from './coaching';
import { requireCohesionReader } from './common';
import {
  bookingFilterSchema,
  bookProgramme,
  cancelBooking,
  createProgramme,
  getBooking,
  getProgramme,
  getProgrammeForEdit,
  listBookings,
  listProgrammes,
  programmeFilterSchema,
  programmeFormValues,
  provinceOptions,
  reachDashboard,
  reachFilterSchema,
  reachFromForm,
  reportReach,
  updateProgramme,
} from './experts';
import {
  addSession,
  createTrajectory,
  enrol,
  getTrajectory,
  listTrajectories,
  postMessage,
  trajectoryFilterSchema,
  withdraw,
} from './learning';
import { bookableYears, toCsv } from './rules';
import {
  ClosingFormPage,
  ClosingPage,
  ClosingSearchPage,
  ParticipantsPage,
  RemoveParticipantPage,
} from './views/closing';
import { CoachingListPage, CoachingPage, CoachingRequestPage } from './views/coaching';
import type { Paged } from './views/common';
import {
  BookingListPage,
  BookingPage,
  ProgrammeFormPage,
  ProgrammeListPage,
  ProgrammePage,
  ReachPage,
} from './views/experts';
import { HubPage, TrajectoryFormPage, TrajectoryListPage, TrajectoryPage } from './views/learning';

type Params = Record<string, string>;
const params = (request: FastifyRequest) => request.params as Params;
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const BASE = '/sociale-cohesie';

/** One page of a filtered list, read from the query string (filter, page and page size). */
async function pagedList<Query, Row>(
  request: FastifyRequest,
  filterSchema: { parse(input: unknown): Query },
  list: (ctx: ServiceContext, query: Query, page: Page) => Promise<{ items: Row[]; total: number }>,
): Promise<Paged<Row, Query>> {
  const query = filterSchema.parse(request.query ?? {});
  const page = readPage(request.query);
  const { items, total } = await list(request.ctx(), query, page);
  return { rows: items, total, page: page.page, pageSize: page.pageSize, query };
}

export async function cohesionRoutes(app: FastifyInstance): Promise<void> {
  /**
   * Runs a form post: `work` changes the data and says where to go next and what to tell there; that
   * address is remembered for a form sent twice (`_once`). On a ValidationError the page is shown
   * again with the errors (422).
   */
  const submit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    work: () => Promise<{ to: string; message: string }>,
    onInvalid: (errors: FieldErrors) => unknown,
  ) => {
    try {
      const { to, message } = await work();
      const once = body(request)._once;
      if (typeof once === 'string') await recordOnceResult(app.db, once, to);
      reply.flash('success', message);
      return reply.seeOther(to);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return onInvalid(error.fieldErrors);
    }
  };

  app.get(BASE, async (request, reply) => {
    requireCohesionReader(request.principal);
    return reply.render(
      <HubPage
        ctx={reply.view()}
        links={[
          {
            href: `${BASE}/leeraanbod`,
            label: 'Leeraanbod',
            description:
              'Individuele en collectieve leertrajecten van de agentschappen, met sessies en een uitwisselbord.',
          },
          {
            href: `${BASE}/begeleiding`,
            label: 'Een-op-eenbegeleiding',
            description:
              'Begeleiding op maat bij beleid of een concrete actie, met doelen, sessies en een eindevaluatie.',
          },
          {
            href: `${BASE}/expertenaanbod`,
            label: 'Expertenaanbod',
            description:
              'Programma’s van expertenorganisaties, bv. een mentorprogramma naar werk, met richtcijfers voor vrouwen.',
          },
          {
            href: `${BASE}/bereik`,
            label: 'Bereik',
            description:
              'Deelnemers en het aandeel vrouwen en meisjes tegenover het richtcijfer, per programma, gemeente en jaar.',
          },
          {
            href: `${BASE}/plan-samenleven`,
            label: 'Afronding Plan Samenleven',
            description: 'Eindresultaten, evaluaties en verankerde praktijken, doorzoekbaar.',
          },
        ]}
      />,
    );
  });

  // -------------------------------------------------------------------------------------------
  // Learning offer
  // -------------------------------------------------------------------------------------------

  app.get(`${BASE}/leeraanbod`, async (request, reply) =>
    reply.render(
      <TrajectoryListPage
        ctx={reply.view()}
        list={await pagedList(request, trajectoryFilterSchema, listTrajectories)}
        canCreate={canCreateTrajectory(request.principal)}
      />,
    ),
  );

  app.get(`${BASE}/leeraanbod/nieuw`, async (request, reply) => {
    requireCohesionReader(request.principal);
    if (!canCreateTrajectory(request.principal)) {
      await createTrajectory(request.ctx(), {}); // throws the Dutch 403
    }
    return reply.render(<TrajectoryFormPage ctx={reply.view()} values={{ format: 'collective' }} />);
  });

  app.post(`${BASE}/leeraanbod/nieuw`, async (request, reply) =>
    submit(
      request,
      reply,
      async () => {
        const t = await createTrajectory(request.ctx(), request.body);
        return { to: `${BASE}/leeraanbod/${t.id}`, message: 'Het leertraject is opgesteld.' };
      },
      (errors) =>
        reply.render(<TrajectoryFormPage ctx={reply.view()} values={body(request)} errors={errors} />, 422),
    ),
  );

  const trajectoryPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: FieldErrors;
      sessionValues?: Record<string, unknown>;
      messageValues?: Record<string, unknown>;
    } = {},
    status = 200,
  ) => {
    const page = readPage(request.query, 20);
    const d = await getTrajectory(request.ctx(), params(request).id ?? '', page);
    return reply.render(
      <TrajectoryPage
        ctx={reply.view()}
        d={d}
        messagePage={page.page}
        messagePageSize={page.pageSize}
        {...extra}
      />,
      status,
    );
  };

  app.get(`${BASE}/leeraanbod/:id`, async (request, reply) => trajectoryPage(request, reply));

  app.post(`${BASE}/leeraanbod/:id/inschrijven`, async (request, reply) => {
    const id = params(request).id ?? '';
    return submit(
      request,
      reply,
      async () => {
        await enrol(request.ctx(), id);
        return {
          to: `${BASE}/leeraanbod/${id}`,
          message: 'Uw bestuur is ingeschreven voor het leertraject.',
        };
      },
      (errors) => trajectoryPage(request, reply, { errors }, 422),
    );
  });

  app.post(`${BASE}/leeraanbod/:id/uitschrijven`, async (request, reply) => {
    const id = params(request).id ?? '';
    await withdraw(request.ctx(), id);
    reply.flash('success', 'Uw bestuur is uitgeschreven.');
    return reply.seeOther(`${BASE}/leeraanbod/${id}`);
  });

  app.post(`${BASE}/leeraanbod/:id/berichten`, async (request, reply) => {
    const id = params(request).id ?? '';
    return submit(
      request,
      reply,
      async () => {
        await postMessage(request.ctx(), id, request.body);
        return {
          to: `${BASE}/leeraanbod/${id}#board-title`,
          message: 'Uw bericht staat op het uitwisselbord.',
        };
      },
      (errors) => trajectoryPage(request, reply, { errors, messageValues: body(request) }, 422),
    );
  });

  app.post(`${BASE}/leeraanbod/:id/sessies`, async (request, reply) => {
    const id = params(request).id ?? '';
    return submit(
      request,
      reply,
      async () => {
        await addSession(request.ctx(), id, request.body);
        return { to: `${BASE}/leeraanbod/${id}`, message: 'De sessie is gepland en staat in de agenda.' };
      },
      (errors) => trajectoryPage(request, reply, { errors, sessionValues: body(request) }, 422),
    );
  });

  // -------------------------------------------------------------------------------------------
  // Coaching
  // -------------------------------------------------------------------------------------------

  app.get(`${BASE}/begeleiding`, async (request, reply) =>
    reply.render(
      <CoachingListPage
        ctx={reply.view()}
        list={await pagedList(request, coachingFilterSchema, listCoachings)}
        canRequest={canRequestCoaching(request.principal)}
      />,
    ),
  );

  app.get(`${BASE}/begeleiding/aanvragen`, async (request, reply) => {
    requireCohesionReader(request.principal);
    if (!canRequestCoaching(request.principal)) await requestCoaching(request.ctx(), {});
    return reply.render(<CoachingRequestPage ctx={reply.view()} values={{}} />);
  });

  app.post(`${BASE}/begeleiding/aanvragen`, async (request, reply) =>
    submit(
      request,
      reply,
      async () => {
        const c = await requestCoaching(request.ctx(), request.body);
        return {
          to: `${BASE}/begeleiding/${c.id}`,
          message: 'Uw aanvraag is verstuurd. Het agentschap neemt contact met u op.',
        };
      },
      (errors) =>
        reply.render(<CoachingRequestPage ctx={reply.view()} values={body(request)} errors={errors} />, 422),
    ),
  );

  const coachingPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: FieldErrors;
      form?: 'open' | 'decline' | 'session' | 'note' | 'close';
      values?: Record<string, unknown>;
    } = {},
    status = 200,
  ) => {
    const d = await getCoaching(request.ctx(), params(request).id ?? '');
    return reply.render(<CoachingPage ctx={reply.view()} d={d} {...extra} />, status);
  };

  app.get(`${BASE}/begeleiding/:id`, async (request, reply) => coachingPage(request, reply));

  const coachingAction = (
    path: string,
    form: 'open' | 'decline' | 'session' | 'note' | 'close' | null,
    work: (request: FastifyRequest, id: string) => Promise<unknown>,
    message: string,
  ) =>
    app.post(`${BASE}/begeleiding/:id/${path}`, async (request, reply) => {
      const id = params(request).id ?? '';
      return submit(
        request,
        reply,
        async () => {
          await work(request, id);
          return { to: `${BASE}/begeleiding/${id}`, message };
        },
        (errors) =>
          coachingPage(request, reply, { errors, form: form ?? undefined, values: body(request) }, 422),
      );
    });
  coachingAction(
    'openen',
    'open',
    (r, id) => openCoaching(r.ctx(), id, r.body),
    'Het begeleidingstraject is geopend.',
  );
  coachingAction(
    'weigeren',
    'decline',
    (r, id) => declineCoaching(r.ctx(), id, r.body),
    'De aanvraag is niet opgenomen.',
  );
  coachingAction('intrekken', null, (r, id) => withdrawCoaching(r.ctx(), id), 'Uw aanvraag is ingetrokken.');
  coachingAction(
    'sessies',
    'session',
    (r, id) => addCoachingSession(r.ctx(), id, r.body),
    'De sessie is vastgelegd.',
  );
  coachingAction(
    'notities',
    'note',
    (r, id) => addCoachingNote(r.ctx(), id, r.body),
    'De notitie is toegevoegd.',
  );
  coachingAction(
    'afronden',
    'close',
    (r, id) => closeCoaching(r.ctx(), id, r.body),
    'De begeleiding is afgerond.',
  );

  // -------------------------------------------------------------------------------------------
  // Expert offers
  // -------------------------------------------------------------------------------------------

  app.get(`${BASE}/expertenaanbod`, async (request, reply) =>
    reply.render(
      <ProgrammeListPage
        ctx={reply.view()}
        list={await pagedList(request, programmeFilterSchema, listProgrammes)}
        canCreate={canCreateProgramme(request.principal)}
      />,
    ),
  );

  const programmeForm = async (
    reply: FastifyReply,
    form: { mode: 'create' | 'edit'; action: string; values: Record<string, unknown>; errors?: FieldErrors },
    status = 200,
  ) =>
    reply.render(
      <ProgrammeFormPage ctx={reply.view()} {...form} provinces={await provinceOptions(app.db)} />,
      status,
    );

  app.get(`${BASE}/expertenaanbod/nieuw`, async (request, reply) => {
    requireCohesionReader(request.principal);
    if (!canCreateProgramme(request.principal)) await createProgramme(request.ctx(), {});
    return programmeForm(reply, { mode: 'create', action: `${BASE}/expertenaanbod/nieuw`, values: {} });
  });

  app.post(`${BASE}/expertenaanbod/nieuw`, async (request, reply) =>
    submit(
      request,
      reply,
      async () => {
        const p = await createProgramme(request.ctx(), request.body);
        return { to: `${BASE}/expertenaanbod/${p.id}`, message: 'Het programma is gepubliceerd.' };
      },
      (errors) =>
        programmeForm(
          reply,
          { mode: 'create', action: `${BASE}/expertenaanbod/nieuw`, values: body(request), errors },
          422,
        ),
    ),
  );

  const currentYear = () => Number(new Date().toISOString().slice(0, 4));
  const programmePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const d = await getProgramme(request.ctx(), params(request).id ?? '');
    return reply.render(
      <ProgrammePage ctx={reply.view()} d={d} years={bookableYears(currentYear())} {...extra} />,
      status,
    );
  };

  app.get(`${BASE}/expertenaanbod/:id`, async (request, reply) => programmePage(request, reply));

  app.get(`${BASE}/expertenaanbod/:id/bewerken`, async (request, reply) => {
    const p = await getProgrammeForEdit(request.ctx(), params(request).id ?? '');
    return programmeForm(reply, {
      mode: 'edit',
      action: `${BASE}/expertenaanbod/${p.id}/bewerken`,
      values: programmeFormValues(p),
    });
  });

  app.post(`${BASE}/expertenaanbod/:id/bewerken`, async (request, reply) => {
    const id = params(request).id ?? '';
    return submit(
      request,
      reply,
      async () => {
        await updateProgramme(request.ctx(), id, request.body);
        return { to: `${BASE}/expertenaanbod/${id}`, message: 'Het programma is bewaard.' };
      },
      (errors) =>
        programmeForm(
          reply,
          { mode: 'edit', action: `${BASE}/expertenaanbod/${id}/bewerken`, values: body(request), errors },
          422,
        ),
    );
  });

  app.post(`${BASE}/expertenaanbod/:id/boeken`, async (request, reply) => {
    const id = params(request).id ?? '';
    return submit(
      request,
      reply,
      async () => {
        const b = await bookProgramme(request.ctx(), id, request.body);
        return {
          to: `${BASE}/boekingen/${b.id}`,
          message: 'Het programma is geboekt. De expertenorganisatie ziet uw boeking.',
        };
      },
      (errors) => programmePage(request, reply, { errors, values: body(request) }, 422),
    );
  });

  app.get(`${BASE}/boekingen`, async (request, reply) =>
    reply.render(
      <BookingListPage
        ctx={reply.view()}
        list={await pagedList(request, bookingFilterSchema, listBookings)}
      />,
    ),
  );

  const bookingPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const d = await getBooking(request.ctx(), params(request).id ?? '');
    return reply.render(<BookingPage ctx={reply.view()} d={d} {...extra} />, status);
  };

  app.get(`${BASE}/boekingen/:id`, async (request, reply) => bookingPage(request, reply));

  app.post(`${BASE}/boekingen/:id/bereik`, async (request, reply) => {
    const id = params(request).id ?? '';
    return submit(
      request,
      reply,
      async () => {
        const { figures, errors } = reachFromForm(body(request));
        await reportReach(request.ctx(), id, figures, errors);
        return { to: `${BASE}/boekingen/${id}`, message: 'Het bereik is bewaard.' };
      },
      (errors) => bookingPage(request, reply, { errors, values: body(request) }, 422),
    );
  });

  app.post(`${BASE}/boekingen/:id/annuleren`, async (request, reply) => {
    const id = params(request).id ?? '';
    await cancelBooking(request.ctx(), id);
    reply.flash('success', 'De boeking is geannuleerd.');
    return reply.seeOther(`${BASE}/boekingen/${id}`);
  });

  app.get(`${BASE}/bereik`, async (request, reply) => {
    const query = reachFilterSchema.parse(request.query ?? {});
    const d = await reachDashboard(request.ctx(), query);
    const qs = new URLSearchParams(
      Object.entries(query)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    return reply.render(
      <ReachPage ctx={reply.view()} d={d} query={query} csvUrl={`${BASE}/bereik.csv${qs ? `?${qs}` : ''}`} />,
    );
  });

  app.get(`${BASE}/bereik.csv`, async (request, reply) => {
    const query = reachFilterSchema.parse(request.query ?? {});
    const d = await reachDashboard(request.ctx(), query);
    const csv = toCsv(
      [
        'Programma',
        'Expertenorganisatie',
        'Gemeente',
        'NIS',
        'Jaar',
        'Deelnemers',
        'Vrouwen en meisjes',
        'Aandeel (%)',
        'Richtcijfer (%)',
        'Gerapporteerd',
      ],
      d.rows.map((r) => [
        r.programmeTitle,
        r.expertName,
        r.municipalityName,
        r.municipalityNis,
        r.year,
        r.reachReportedAt ? r.participants : null,
        r.reachReportedAt ? r.women : null,
        r.share,
        r.targetWomenPct,
        r.reachReportedAt ? 'ja' : 'nee',
      ]),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="bereik-expertenaanbod.csv"')
      .header('cache-control', 'private, no-store')
      .send(csv);
  });

  // -------------------------------------------------------------------------------------------
  // Plan Samenleven closing
  // -------------------------------------------------------------------------------------------

  app.get(`${BASE}/plan-samenleven`, async (request, reply) => {
    const [list, perms, orgs] = await Promise.all([
      pagedList(request, closingFilterSchema, searchClosingActions),
      closingPermissions(request.ctx()),
      planParticipantOptions(app.db),
    ]);
    return reply.render(
      <ClosingSearchPage
        ctx={reply.view()}
        list={list}
        organisations={orgs}
        canRecord={perms.canRecord}
        canManageParticipants={perms.canManageParticipants}
      />,
    );
  });

  const closingForm = async (
    reply: FastifyReply,
    form: { mode: 'create' | 'edit'; action: string; values: Record<string, unknown>; errors?: FieldErrors },
    status = 200,
  ) =>
    reply.render(
      <ClosingFormPage ctx={reply.view()} {...form} practices={await practiceOptions(app.db)} />,
      status,
    );

  app.get(`${BASE}/plan-samenleven/nieuw`, async (request, reply) => {
    const perms = await closingPermissions(request.ctx());
    if (!perms.canRecord) await recordClosingAction(request.ctx(), {});
    return closingForm(reply, { mode: 'create', action: `${BASE}/plan-samenleven/nieuw`, values: {} });
  });

  app.post(`${BASE}/plan-samenleven/nieuw`, async (request, reply) =>
    submit(
      request,
      reply,
      async () => {
        const a = await recordClosingAction(request.ctx(), request.body);
        return { to: `${BASE}/plan-samenleven/${a.id}`, message: 'De actie is afgerond en vastgelegd.' };
      },
      (errors) =>
        closingForm(
          reply,
          { mode: 'create', action: `${BASE}/plan-samenleven/nieuw`, values: body(request), errors },
          422,
        ),
    ),
  );

  // Participants: platform administrators and agency staff add and remove local governments.
  const PARTICIPANTS = `${BASE}/plan-samenleven/deelnemers`;
  const participantsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldErrors; values?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const page = readPage(request.query);
    const { items, total } = await listPlanParticipants(request.ctx(), page);
    return reply.render(
      <ParticipantsPage
        ctx={reply.view()}
        list={{ rows: items, total, page: page.page, pageSize: page.pageSize, query: {} }}
        candidates={await participantCandidates(app.db)}
        {...extra}
      />,
      status,
    );
  };

  app.get(PARTICIPANTS, async (request, reply) => participantsPage(request, reply));

  app.post(PARTICIPANTS, async (request, reply) =>
    submit(
      request,
      reply,
      async () => {
        const added = await addPlanParticipant(request.ctx(), request.body);
        return { to: PARTICIPANTS, message: `${added.name} neemt deel aan Plan Samenleven.` };
      },
      (errors) => participantsPage(request, reply, { errors, values: body(request) }, 422),
    ),
  );

  app.get(`${PARTICIPANTS}/:id/verwijderen`, async (request, reply) => {
    const participant = await getPlanParticipant(request.ctx(), params(request).id ?? '');
    return reply.render(<RemoveParticipantPage ctx={reply.view()} participant={participant} />);
  });

  app.post(`${PARTICIPANTS}/:id/verwijderen`, async (request, reply) => {
    const removed = await removePlanParticipant(request.ctx(), params(request).id ?? '');
    reply.flash('success', `${removed.name} neemt niet meer deel aan Plan Samenleven.`);
    return reply.seeOther(PARTICIPANTS);
  });

  app.get(`${BASE}/plan-samenleven/:id`, async (request, reply) => {
    const d = await getClosingAction(request.ctx(), params(request).id ?? '');
    return reply.render(<ClosingPage ctx={reply.view()} {...d} />);
  });

  app.get(`${BASE}/plan-samenleven/:id/bewerken`, async (request, reply) => {
    const a = await getClosingForEdit(request.ctx(), params(request).id ?? '');
    return closingForm(reply, {
      mode: 'edit',
      action: `${BASE}/plan-samenleven/${a.id}/bewerken`,
      values: { ...a, practiceId: a.practiceId ?? '' },
    });
  });

  app.post(`${BASE}/plan-samenleven/:id/bewerken`, async (request, reply) => {
    const id = params(request).id ?? '';
    return submit(
      request,
      reply,
      async () => {
        await updateClosingAction(request.ctx(), id, request.body);
        return { to: `${BASE}/plan-samenleven/${id}`, message: 'De actie is bewaard.' };
      },
      (errors) =>
        closingForm(
          reply,
          { mode: 'edit', action: `${BASE}/plan-samenleven/${id}/bewerken`, values: body(request), errors },
          422,
        ),
    );
  });

  await cohesionApiRoutes(app);
}
