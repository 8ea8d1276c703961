import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../core/http/errors';
import { recordOnceResult } from '../../core/http/once';
import { readPage } from '../../core/http/pagination';
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

export async function cohesionRoutes(app: FastifyInstance): Promise<void> {
  const remember = async (request: FastifyRequest, url: string) => {
    const once = body(request)._once;
    if (typeof once === 'string') await recordOnceResult(app.db, once, url);
  };
  /** Runs a form post; on a ValidationError re-renders the page with the errors (422). */
  const handle = async (
    reply: FastifyReply,
    work: () => Promise<void>,
    onInvalid: (errors: Record<string, string>) => unknown,
  ) => {
    try {
      await work();
      return reply;
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

  app.get(`${BASE}/leeraanbod`, async (request, reply) => {
    const query = trajectoryFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listTrajectories(request.ctx(), query, page);
    return reply.render(
      <TrajectoryListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        canCreate={canCreateTrajectory(request.principal)}
      />,
    );
  });

  app.get(`${BASE}/leeraanbod/nieuw`, async (request, reply) => {
    requireCohesionReader(request.principal);
    if (!canCreateTrajectory(request.principal)) {
      await createTrajectory(request.ctx(), {}); // throws the Dutch 403
    }
    return reply.render(<TrajectoryFormPage ctx={reply.view()} values={{ format: 'collective' }} />);
  });

  app.post(`${BASE}/leeraanbod/nieuw`, async (request, reply) =>
    handle(
      reply,
      async () => {
        const t = await createTrajectory(request.ctx(), request.body);
        const url = `${BASE}/leeraanbod/${t.id}`;
        await remember(request, url);
        reply.flash('success', 'Het leertraject is opgesteld.');
        reply.seeOther(url);
      },
      (errors) =>
        reply.render(<TrajectoryFormPage ctx={reply.view()} values={body(request)} errors={errors} />, 422),
    ),
  );

  const trajectoryPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: Record<string, string>;
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
    return handle(
      reply,
      async () => {
        await enrol(request.ctx(), id);
        await remember(request, `${BASE}/leeraanbod/${id}`);
        reply.flash('success', 'Uw bestuur is ingeschreven voor het leertraject.');
        reply.seeOther(`${BASE}/leeraanbod/${id}`);
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
    return handle(
      reply,
      async () => {
        await postMessage(request.ctx(), id, request.body);
        await remember(request, `${BASE}/leeraanbod/${id}`);
        reply.flash('success', 'Uw bericht staat op het uitwisselbord.');
        reply.seeOther(`${BASE}/leeraanbod/${id}#board-title`);
      },
      (errors) => trajectoryPage(request, reply, { errors, messageValues: body(request) }, 422),
    );
  });

  app.post(`${BASE}/leeraanbod/:id/sessies`, async (request, reply) => {
    const id = params(request).id ?? '';
    return handle(
      reply,
      async () => {
        await addSession(request.ctx(), id, request.body);
        await remember(request, `${BASE}/leeraanbod/${id}`);
        reply.flash('success', 'De sessie is gepland en staat in de agenda.');
        reply.seeOther(`${BASE}/leeraanbod/${id}`);
      },
      (errors) => trajectoryPage(request, reply, { errors, sessionValues: body(request) }, 422),
    );
  });

  // -------------------------------------------------------------------------------------------
  // Coaching
  // -------------------------------------------------------------------------------------------

  app.get(`${BASE}/begeleiding`, async (request, reply) => {
    const query = coachingFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listCoachings(request.ctx(), query, page);
    return reply.render(
      <CoachingListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        canRequest={canRequestCoaching(request.principal)}
      />,
    );
  });

  app.get(`${BASE}/begeleiding/aanvragen`, async (request, reply) => {
    requireCohesionReader(request.principal);
    if (!canRequestCoaching(request.principal)) await requestCoaching(request.ctx(), {});
    return reply.render(<CoachingRequestPage ctx={reply.view()} values={{}} />);
  });

  app.post(`${BASE}/begeleiding/aanvragen`, async (request, reply) =>
    handle(
      reply,
      async () => {
        const c = await requestCoaching(request.ctx(), request.body);
        const url = `${BASE}/begeleiding/${c.id}`;
        await remember(request, url);
        reply.flash('success', 'Uw aanvraag is verstuurd. Het agentschap neemt contact met u op.');
        reply.seeOther(url);
      },
      (errors) =>
        reply.render(<CoachingRequestPage ctx={reply.view()} values={body(request)} errors={errors} />, 422),
    ),
  );

  const coachingPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: Record<string, string>;
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
      return handle(
        reply,
        async () => {
          await work(request, id);
          await remember(request, `${BASE}/begeleiding/${id}`);
          reply.flash('success', message);
          reply.seeOther(`${BASE}/begeleiding/${id}`);
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

  app.get(`${BASE}/expertenaanbod`, async (request, reply) => {
    const query = programmeFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listProgrammes(request.ctx(), query, page);
    return reply.render(
      <ProgrammeListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        canCreate={canCreateProgramme(request.principal)}
      />,
    );
  });

  app.get(`${BASE}/expertenaanbod/nieuw`, async (request, reply) => {
    requireCohesionReader(request.principal);
    if (!canCreateProgramme(request.principal)) await createProgramme(request.ctx(), {});
    return reply.render(
      <ProgrammeFormPage
        ctx={reply.view()}
        mode="create"
        action={`${BASE}/expertenaanbod/nieuw`}
        values={{}}
        provinces={await provinceOptions(app.db)}
      />,
    );
  });

  app.post(`${BASE}/expertenaanbod/nieuw`, async (request, reply) =>
    handle(
      reply,
      async () => {
        const p = await createProgramme(request.ctx(), request.body);
        const url = `${BASE}/expertenaanbod/${p.id}`;
        await remember(request, url);
        reply.flash('success', 'Het programma is gepubliceerd.');
        reply.seeOther(url);
      },
      async (errors) =>
        reply.render(
          <ProgrammeFormPage
            ctx={reply.view()}
            mode="create"
            action={`${BASE}/expertenaanbod/nieuw`}
            values={body(request)}
            errors={errors}
            provinces={await provinceOptions(app.db)}
          />,
          422,
        ),
    ),
  );

  const currentYear = () => Number(new Date().toISOString().slice(0, 4));
  const programmePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; values?: Record<string, unknown> } = {},
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
    return reply.render(
      <ProgrammeFormPage
        ctx={reply.view()}
        mode="edit"
        action={`${BASE}/expertenaanbod/${p.id}/bewerken`}
        values={programmeFormValues(p)}
        provinces={await provinceOptions(app.db)}
      />,
    );
  });

  app.post(`${BASE}/expertenaanbod/:id/bewerken`, async (request, reply) => {
    const id = params(request).id ?? '';
    return handle(
      reply,
      async () => {
        await updateProgramme(request.ctx(), id, request.body);
        reply.flash('success', 'Het programma is bewaard.');
        reply.seeOther(`${BASE}/expertenaanbod/${id}`);
      },
      async (errors) =>
        reply.render(
          <ProgrammeFormPage
            ctx={reply.view()}
            mode="edit"
            action={`${BASE}/expertenaanbod/${id}/bewerken`}
            values={body(request)}
            errors={errors}
            provinces={await provinceOptions(app.db)}
          />,
          422,
        ),
    );
  });

  app.post(`${BASE}/expertenaanbod/:id/boeken`, async (request, reply) => {
    const id = params(request).id ?? '';
    return handle(
      reply,
      async () => {
        const b = await bookProgramme(request.ctx(), id, request.body);
        const url = `${BASE}/boekingen/${b.id}`;
        await remember(request, url);
        reply.flash('success', 'Het programma is geboekt. De expertenorganisatie ziet uw boeking.');
        reply.seeOther(url);
      },
      (errors) => programmePage(request, reply, { errors, values: body(request) }, 422),
    );
  });

  app.get(`${BASE}/boekingen`, async (request, reply) => {
    const query = bookingFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listBookings(request.ctx(), query, page);
    return reply.render(
      <BookingListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
      />,
    );
  });

  const bookingPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; values?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const d = await getBooking(request.ctx(), params(request).id ?? '');
    return reply.render(<BookingPage ctx={reply.view()} d={d} {...extra} />, status);
  };

  app.get(`${BASE}/boekingen/:id`, async (request, reply) => bookingPage(request, reply));

  app.post(`${BASE}/boekingen/:id/bereik`, async (request, reply) => {
    const id = params(request).id ?? '';
    return handle(
      reply,
      async () => {
        const { figures, errors } = reachFromForm(body(request));
        await reportReach(request.ctx(), id, figures, errors);
        reply.flash('success', 'Het bereik is bewaard.');
        reply.seeOther(`${BASE}/boekingen/${id}`);
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
    const query = closingFilterSchema.parse(request.query ?? {});
    const page = readPage(request.query);
    const ctx = request.ctx();
    const [{ items, total }, perms, orgs] = await Promise.all([
      searchClosingActions(ctx, query, page),
      closingPermissions(ctx),
      planParticipantOptions(app.db),
    ]);
    return reply.render(
      <ClosingSearchPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        organisations={orgs}
        canRecord={perms.canRecord}
        canManageParticipants={perms.canManageParticipants}
      />,
    );
  });

  app.get(`${BASE}/plan-samenleven/nieuw`, async (request, reply) => {
    const perms = await closingPermissions(request.ctx());
    if (!perms.canRecord) await recordClosingAction(request.ctx(), {});
    return reply.render(
      <ClosingFormPage
        ctx={reply.view()}
        mode="create"
        action={`${BASE}/plan-samenleven/nieuw`}
        values={{}}
        practices={await practiceOptions(app.db)}
      />,
    );
  });

  app.post(`${BASE}/plan-samenleven/nieuw`, async (request, reply) =>
    handle(
      reply,
      async () => {
        const a = await recordClosingAction(request.ctx(), request.body);
        const url = `${BASE}/plan-samenleven/${a.id}`;
        await remember(request, url);
        reply.flash('success', 'De actie is afgerond en vastgelegd.');
        reply.seeOther(url);
      },
      async (errors) =>
        reply.render(
          <ClosingFormPage
            ctx={reply.view()}
            mode="create"
            action={`${BASE}/plan-samenleven/nieuw`}
            values={body(request)}
            errors={errors}
            practices={await practiceOptions(app.db)}
          />,
          422,
        ),
    ),
  );

  // Participants: platform administrators and agency staff add and remove local governments.
  const PARTICIPANTS = `${BASE}/plan-samenleven/deelnemers`;
  const participantsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; values?: Record<string, unknown> } = {},
    status = 200,
  ) => {
    const page = readPage(request.query);
    const { items, total } = await listPlanParticipants(request.ctx(), page);
    return reply.render(
      <ParticipantsPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        candidates={await participantCandidates(app.db)}
        {...extra}
      />,
      status,
    );
  };

  app.get(PARTICIPANTS, async (request, reply) => participantsPage(request, reply));

  app.post(PARTICIPANTS, async (request, reply) =>
    handle(
      reply,
      async () => {
        const added = await addPlanParticipant(request.ctx(), request.body);
        await remember(request, PARTICIPANTS);
        reply.flash('success', `${added.name} neemt deel aan Plan Samenleven.`);
        reply.seeOther(PARTICIPANTS);
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
    return reply.render(
      <ClosingFormPage
        ctx={reply.view()}
        mode="edit"
        action={`${BASE}/plan-samenleven/${a.id}/bewerken`}
        values={{ ...a, practiceId: a.practiceId ?? '' }}
        practices={await practiceOptions(app.db)}
      />,
    );
  });

  app.post(`${BASE}/plan-samenleven/:id/bewerken`, async (request, reply) => {
    const id = params(request).id ?? '';
    return handle(
      reply,
      async () => {
        await updateClosingAction(request.ctx(), id, request.body);
        reply.flash('success', 'De actie is bewaard.');
        reply.seeOther(`${BASE}/plan-samenleven/${id}`);
      },
      async (errors) =>
        reply.render(
          <ClosingFormPage
            ctx={reply.view()}
            mode="edit"
            action={`${BASE}/plan-samenleven/${id}/bewerken`}
            values={body(request)}
            errors={errors}
            practices={await practiceOptions(app.db)}
          />,
          422,
        ),
    );
  });

  await cohesionApiRoutes(app);
}
