import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auditTrail } from '../../core/audit/service';
import type { Executor } from '../../core/db/client';
import { ValidationError } from '../../core/http/errors';
import { recordOnceResult } from '../../core/http/once';
import { sharedPublicRoute } from '../../core/http/page-cache';
import { readPage } from '../../core/http/pagination';
import { parseInput } from '../../core/http/validation';
import { todayIso } from '../../core/i18n/format';
import { municipalities } from '../reference';
import { requireCounsellor, requirePublisher } from './access';
import { participationApiRoutes } from './api';
import { getLocalOverview, getNetworkPage, listNetworkSummaries } from './insights';
import {
  changeOfferStatus,
  createOffer,
  getOfferForStaff,
  getPublicOffer,
  listModerationQueue,
  listOwnOffers,
  offerFormToInput,
  placesOf,
  updateOffer,
  visibleOfferCondition,
} from './offers';
import { participationOfferPlaces, participationOffers } from './schema';
import {
  filterFromPublicQuery,
  publicQueryOf,
  publicSearchQuery,
  searchOffers,
  searchReference,
} from './search';
import {
  addActivity,
  changeTrajectoryStatus,
  confirmAsOwner,
  createTrajectory,
  decideHours,
  getCertificateForPrint,
  getTrajectory,
  LinkRefusedError,
  listOwnerConfirmations,
  listTrajectories,
  lookupConfirmation,
  registerHours,
  requestConfirmation,
  trajectoryListQuery,
  useConfirmation,
  validateAllConfirmed,
  verifyCertificate,
} from './trajectories';
import { LocalOverviewPage } from './views/local';
import { NetworkListPage, NetworkPage } from './views/networks';
import {
  ModerationPage,
  MyOffersPage,
  OfferFormPage,
  offerToFormValues,
  StaffOfferPage,
} from './views/offers-staff';
import { OfferPage, OfferPrintPage, OfferSearchPage } from './views/search';
import {
  CertificatePage,
  ConfirmationDonePage,
  ConfirmationPage,
  OwnerConfirmationsPage,
  TrajectoryListPage,
  TrajectoryNewPage,
  TrajectoryPage,
  VerificationPage,
} from './views/trajectories';
import { type OfferStatus, offerStatuses } from './workflow';

const idParam = z.object({ id: z.string().max(40) });
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const statusQuery = z.object({ status: z.enum(offerStatuses).optional().catch(undefined) });

/** Published offers in the network of a municipality, for the counsellor's activity list. */
async function offerOptions(db: Executor, municipalityNis: string) {
  const [m] = await db
    .select({ networkCode: municipalities.networkCode })
    .from(municipalities)
    .where(eq(municipalities.nis, municipalityNis));
  if (!m) return [];
  const rows = await db
    .selectDistinct({ id: participationOffers.id, title: participationOffers.title })
    .from(participationOffers)
    .innerJoin(participationOfferPlaces, eq(participationOfferPlaces.offerId, participationOffers.id))
    .where(and(visibleOfferCondition(todayIso()), eq(participationOfferPlaces.networkCode, m.networkCode)))
    .orderBy(asc(participationOffers.title), asc(participationOffers.id))
    .limit(300);
  const places = await placesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    places: [...new Set((places.get(r.id) ?? []).map((p) => p.municipalityName))].join(', '),
  }));
}

async function municipalityOptions(db: Executor) {
  return db
    .select({ nis: municipalities.nis, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}

export async function participationRoutes(app: FastifyInstance): Promise<void> {
  const publicRoute = { config: { public: true } } as const;
  const limitedPublic = { config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } } } as const;

  // ---------------------------------------------------------------------------- public offer platform

  app.get('/aanbod', sharedPublicRoute, async (request, reply) => {
    const filter = filterFromPublicQuery(publicSearchQuery.parse(request.query ?? {}));
    const page = readPage(request.query, 20);
    const [result, reference] = await Promise.all([
      searchOffers(app.db, filter, page),
      searchReference(app.db),
    ]);
    const query = publicQueryOf(filter);
    return reply.render(
      <OfferSearchPage
        ctx={reply.view()}
        filter={filter}
        query={query}
        result={result}
        page={page.page}
        pageSize={page.pageSize}
        reference={reference}
      />,
    );
  });

  app.get('/aanbod/afdrukken', publicRoute, async (request, reply) => {
    const filter = filterFromPublicQuery(publicSearchQuery.parse(request.query ?? {}));
    const [result, reference] = await Promise.all([
      searchOffers(app.db, filter, { page: 1, pageSize: 200, offset: 0 }),
      searchReference(app.db),
    ]);
    const names = (nis: string) => reference.municipalities.find((m) => m.nis === nis)?.name ?? nis;
    return reply.render(
      <OfferPrintPage filter={filter} result={result} names={names} printedOn={todayIso()} />,
    );
  });

  app.get('/aanbod/:id', publicRoute, async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const offer = await getPublicOffer(app.db, id);
    return reply.render(<OfferPage ctx={reply.view()} offer={offer} />);
  });

  app.get('/netwerken', publicRoute, async (_request, reply) => {
    const rows = await listNetworkSummaries(app.db);
    return reply.render(<NetworkListPage ctx={reply.view()} rows={rows} />);
  });

  app.get('/netwerken/:code', publicRoute, async (request, reply) => {
    const { code } = parseInput(z.object({ code: z.string().max(40) }), request.params);
    const data = await getNetworkPage(app.db, code.toUpperCase());
    return reply.render(<NetworkPage ctx={reply.view()} data={data} />);
  });

  // ------------------------------------------------------------------ certificates and confirmations

  app.get('/attest/controle', limitedPublic, async (request, reply) => {
    const raw = (request.query as Record<string, unknown> | undefined)?.code;
    const code = typeof raw === 'string' ? raw.slice(0, 40) : '';
    const result = code.trim() ? await verifyCertificate(app.db, code) : undefined;
    return reply.render(<VerificationPage ctx={reply.view()} code={code} result={result} />);
  });

  const noStore = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

  const confirmationData = async (token: string) => {
    const found = await lookupConfirmation(app.db, app.config.sessionSecret, token);
    if (found.state === 'invalid')
      return { state: 'invalid' as const, message: new LinkRefusedError('invalid').message };
    if (found.state !== 'ok')
      return { state: found.state, message: new LinkRefusedError(found.state).message };
    return {
      state: 'ok' as const,
      trajectoryCode: found.trajectoryCode,
      counsellorOrganisation: found.counsellorOrganisation,
      activity: found.activity,
      entries: found.entries.filter((e) => e.status === 'registered'),
    };
  };

  app.get('/bevestigen/:token', limitedPublic, async (request, reply) => {
    const { token } = request.params as { token: string };
    const data = await confirmationData(token);
    noStore(reply);
    return reply.render(
      <ConfirmationPage ctx={reply.view()} token={token} data={data} />,
      data.state === 'ok' ? 200 : data.state === 'invalid' ? 404 : 410,
    );
  });

  app.post('/bevestigen/:token', limitedPublic, async (request, reply) => {
    const { token } = request.params as { token: string };
    noStore(reply);
    try {
      const result = await useConfirmation(request.ctx(), token, body(request));
      return reply.render(
        <ConfirmationDonePage ctx={reply.view()} decision={result.decision} minutes={result.minutes} />,
      );
    } catch (error) {
      if (error instanceof LinkRefusedError) {
        return reply.render(
          <ConfirmationPage
            ctx={reply.view()}
            token={token}
            data={{ state: error.reason, message: error.message }}
          />,
          409,
        );
      }
      if (!(error instanceof ValidationError)) throw error;
      const data = await confirmationData(token);
      return reply.render(
        <ConfirmationPage
          ctx={reply.view()}
          token={token}
          data={data}
          values={body(request)}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  // --------------------------------------------------------------------------- offers (publishers)

  app.get('/participatie/mijn-aanbod', async (request, reply) => {
    const { status } = statusQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listOwnOffers(request.ctx(), { status }, page);
    return reply.render(
      <MyOffersPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        status={status}
      />,
    );
  });

  app.get('/participatie/moderatie', async (request, reply) => {
    const status: OfferStatus = statusQuery.parse(request.query ?? {}).status ?? 'awaiting_validation';
    const page = readPage(request.query);
    const { items, total } = await listModerationQueue(request.ctx(), status, page);
    return reply.render(
      <ModerationPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        status={status}
      />,
    );
  });

  app.get('/participatie/aanbod/nieuw', async (request, reply) => {
    requirePublisher(request.ctx().user);
    return reply.render(
      <OfferFormPage
        ctx={reply.view()}
        action="/participatie/aanbod/nieuw"
        values={{ audience: 'everyone', availability: 'open', contactLanguages: ['nl'] }}
        municipalities={await municipalityOptions(app.db)}
      />,
    );
  });

  app.post('/participatie/aanbod/nieuw', async (request, reply) => {
    const form = body(request);
    const ctx = request.ctx();
    try {
      const offer = await createOffer(ctx, offerFormToInput(form), form.intent !== 'draft');
      const url = `/participatie/aanbod/${offer.id}`;
      if (typeof form._once === 'string') await recordOnceResult(app.db, form._once, url);
      reply.flash(
        'success',
        offer.status === 'draft'
          ? 'De activiteit is bewaard als ontwerp.'
          : 'De activiteit is bewaard. Een moderator van uw regio kijkt ze na.',
      );
      return reply.seeOther(url);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <OfferFormPage
          ctx={reply.view()}
          action="/participatie/aanbod/nieuw"
          values={form}
          errors={error.fieldErrors}
          municipalities={await municipalityOptions(app.db)}
        />,
        422,
      );
    }
  });

  const staffOfferPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: Record<string, string>,
  ) => {
    const ctx = request.ctx();
    const offer = await getOfferForStaff(ctx, id);
    const page = readPage(request.query, 10);
    const audit = await auditTrail(ctx, 'participation_offer', id, page);
    return reply.render(
      <StaffOfferPage
        ctx={reply.view()}
        offer={offer}
        audit={{ ...audit, page: page.page, pageSize: page.pageSize }}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  };

  app.get('/participatie/aanbod/:id', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    return staffOfferPage(request, reply, id);
  });

  app.get('/participatie/aanbod/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const offer = await getOfferForStaff(request.ctx(), id);
    if (!offer.isOwner) return reply.callNotFound();
    return reply.render(
      <OfferFormPage
        ctx={reply.view()}
        action={`/participatie/aanbod/${id}/bewerken`}
        values={offerToFormValues(offer)}
        municipalities={await municipalityOptions(app.db)}
        editing={offer}
      />,
    );
  });

  app.post('/participatie/aanbod/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const form = body(request);
    try {
      const after = await updateOffer(request.ctx(), id, offerFormToInput(form));
      reply.flash(
        'success',
        after.status === 'awaiting_validation'
          ? 'De wijzigingen zijn bewaard. Een moderator kijkt de activiteit opnieuw na.'
          : 'De wijzigingen zijn bewaard.',
      );
      return reply.seeOther(`/participatie/aanbod/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const offer = await getOfferForStaff(request.ctx(), id);
      return reply.render(
        <OfferFormPage
          ctx={reply.view()}
          action={`/participatie/aanbod/${id}/bewerken`}
          values={form}
          errors={error.fieldErrors}
          municipalities={await municipalityOptions(app.db)}
          editing={offer}
        />,
        422,
      );
    }
  });

  app.post('/participatie/aanbod/:id/status', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    try {
      const after = await changeOfferStatus(request.ctx(), id, body(request));
      const messages: Record<string, string> = {
        awaiting_validation: 'De activiteit is ingediend. Een moderator van uw regio kijkt ze na.',
        published: 'De activiteit is goedgekeurd en staat op het aanbodplatform.',
        sent_back: 'De activiteit is teruggestuurd naar de organisatie.',
        archived: 'De activiteit is gearchiveerd.',
      };
      reply.flash('success', messages[after.status] ?? 'De status is aangepast.');
      return reply.seeOther(`/participatie/aanbod/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return staffOfferPage(request, reply, id, {
        ...error.fieldErrors,
        ...(error.fieldErrors.note ? {} : { _form: error.message }),
      });
    }
  });

  app.get('/participatie/bevestigingen', async (request, reply) => {
    const page = readPage(request.query, 20);
    const { items, total } = await listOwnerConfirmations(request.ctx(), page);
    return reply.render(
      <OwnerConfirmationsPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
      />,
    );
  });

  app.post('/participatie/bevestigingen/:activityId', async (request, reply) => {
    const { activityId } = parseInput(z.object({ activityId: z.string().max(40) }), request.params);
    try {
      const result = await confirmAsOwner(request.ctx(), activityId, body(request));
      reply.flash(
        'success',
        result.decision === 'confirm'
          ? `U bevestigde ${result.entries === 1 ? '1 registratie' : `${result.entries} registraties`}. Dank u wel.`
          : 'U liet weten dat de uren niet kloppen. De trajectbegeleider neemt contact op.',
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      reply.flash('warning', Object.values(error.fieldErrors).join(' '));
    }
    return reply.seeOther('/participatie/bevestigingen');
  });

  // ------------------------------------------------------------------------ trajectories (counsellors)

  app.get('/participatie/trajecten', async (request, reply) => {
    const query = trajectoryListQuery.parse(request.query ?? {});
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
      />,
    );
  });

  app.get('/participatie/trajecten/nieuw', async (request, reply) => {
    requireCounsellor(request.ctx().user);
    return reply.render(
      <TrajectoryNewPage ctx={reply.view()} values={{}} municipalities={await municipalityOptions(app.db)} />,
    );
  });

  app.post('/participatie/trajecten/nieuw', async (request, reply) => {
    const form = body(request);
    try {
      const row = await createTrajectory(request.ctx(), form);
      const url = `/participatie/trajecten/${row.id}`;
      if (typeof form._once === 'string') await recordOnceResult(app.db, form._once, url);
      reply.flash('success', `Het traject ${row.code} is gestart. Voeg nu activiteiten toe.`);
      return reply.seeOther(url);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <TrajectoryNewPage
          ctx={reply.view()}
          values={form}
          errors={error.fieldErrors}
          municipalities={await municipalityOptions(app.db)}
        />,
        422,
      );
    }
  });

  const trajectoryPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: Record<string, string>,
    values?: Record<string, unknown>,
  ) => {
    const tr = await getTrajectory(request.ctx(), id);
    const offers = tr.status === 'active' ? await offerOptions(app.db, tr.municipalityNis) : [];
    return reply.render(
      <TrajectoryPage ctx={reply.view()} tr={tr} offers={offers} errors={errors} values={values} />,
      errors ? 422 : 200,
    );
  };

  app.get('/participatie/trajecten/:id', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    noStore(reply);
    return trajectoryPage(request, reply, id);
  });

  /** Runs a trajectory step; on bad input the record page comes back with the messages, nothing lost. */
  const trajectoryPost =
    (work: (request: FastifyRequest, id: string) => Promise<string>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { id } = parseInput(idParam, request.params);
      try {
        const message = await work(request, id);
        reply.flash('success', message);
        return reply.seeOther(`/participatie/trajecten/${id}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return trajectoryPage(request, reply, id, { ...error.fieldErrors }, body(request));
      }
    };

  app.post(
    '/participatie/trajecten/:id/activiteiten',
    trajectoryPost(async (request, id) => {
      const row = await addActivity(request.ctx(), id, body(request));
      return `De activiteit "${row.title}" is toegevoegd.`;
    }),
  );

  app.post(
    '/participatie/trajecten/:id/uren',
    trajectoryPost(async (request, id) => {
      const entry = await registerHours(request.ctx(), id, body(request));
      return `De uren zijn geregistreerd (${(entry.minutes / 60).toLocaleString('nl-BE')} uur). Vraag nu de bevestiging aan de contactpersoon.`;
    }),
  );

  app.post(
    '/participatie/trajecten/:id/uren/valideren',
    trajectoryPost(async (request, id) => {
      const n = await validateAllConfirmed(request.ctx(), id);
      return n === 1 ? '1 registratie is gevalideerd.' : `${n} registraties zijn gevalideerd.`;
    }),
  );

  app.post(
    '/participatie/trajecten/:id/uren/:entryId',
    trajectoryPost(async (request, id) => {
      const { entryId } = request.params as { entryId: string };
      const after = await decideHours(request.ctx(), id, entryId, body(request));
      return after.status === 'validated'
        ? 'De uren zijn gevalideerd.'
        : 'De uren zijn afgewezen. Ze tellen niet mee.';
    }),
  );

  app.post(
    '/participatie/trajecten/:id/activiteiten/:activityId/bevestiging',
    trajectoryPost(async (request, id) => {
      const { activityId } = request.params as { activityId: string };
      const sent = await requestConfirmation(request.ctx(), id, activityId);
      const demo = app.config.demo ? ` In de demo kunt u de link zelf openen: ${sent.url}` : '';
      return `We stuurden een link naar ${sent.sentTo} om ${sent.entries === 1 ? '1 registratie' : `${sent.entries} registraties`} te bevestigen.${demo}`;
    }),
  );

  app.post(
    '/participatie/trajecten/:id/status',
    trajectoryPost(async (request, id) => {
      const { trajectory, certificate } = await changeTrajectoryStatus(request.ctx(), id, body(request));
      if (certificate)
        return `Het traject is afgesloten. Het attest heeft controlecode ${certificate.verificationCode}.`;
      return trajectory.status === 'stopped' ? 'Het traject is stopgezet.' : 'Het traject loopt weer.';
    }),
  );

  app.get('/participatie/trajecten/:id/attest', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const certificate = await getCertificateForPrint(request.ctx(), id);
    noStore(reply);
    return reply.render(
      <CertificatePage
        certificate={certificate}
        verifyUrl={`${app.config.baseUrl}/attest/controle?code=${certificate.verificationCode}`}
      />,
    );
  });

  // ---------------------------------------------------------------- local government and network view

  app.get('/participatie/overzicht', async (request, reply) => {
    const data = await getLocalOverview(request.ctx());
    return reply.render(<LocalOverviewPage ctx={reply.view()} data={data} />);
  });

  await participationApiRoutes(app);
}
