import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import { z } from 'zod';
import { auditTrail } from '../../core/audit/service';
import { AuditTable } from '../../core/audit/views';
import { ServiceContext } from '../../core/context';
import { ValidationError } from '../../core/http/errors';
import { pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import { parseInput } from '../../core/http/validation';
import { formatDate } from '../../core/i18n/format';
import { ConfirmPage } from '../../core/views/confirm';
import { isAnyStaff, isApplicant, isCallStaff } from './access';
import { applicantDashboard, callOverview } from './overview';
import {
  balancePreview,
  claimsOfApplication,
  decideClaim,
  getClaim,
  listClaims,
  paymentFile,
  requestBalance,
} from './payouts';
import {
  addRegisterEntry,
  allRegisterEntries,
  applicationRegister,
  createImpulseGrant,
  deleteRegisterEntry,
  getRegisterEntry,
  type ImportReport,
  importRegisterCsv,
  impulseRegister,
  listImpulseGrants,
  listRegister,
  MAX_CSV_BYTES,
  type RegisterTarget,
  settleDuplicate,
  totalsOf,
} from './register';
import { formatLabels, formats, interimCheck, quartersBetween, registerColumns, toCsv } from './rules';
import { callApplications } from './schema';
import {
  type ApplicationRow,
  applicationDetails,
  applicationReference,
  canManageCall,
  createCall,
  decideApplication,
  eligibilityOf,
  eligibilityText,
  getApplication,
  getCall,
  listApplications,
  listCalls,
  missingForSubmission,
  municipalityMap,
  myEligibility,
  planningFieldName,
  saveApplicantStep,
  saveApproachStep,
  saveMunicipalitiesStep,
  savePlanningStep,
  saveReview,
  startApplication,
  submitApplication,
  updateCall,
} from './service';
import {
  ApplicantStepPage,
  ApplicationHistoryPage,
  ApplicationListPage,
  ApplicationPage,
  ApproachStepPage,
  DecisionLetterPage,
  MunicipalitiesStepPage,
  PlanningStepPage,
  SubmitPage,
  stepBySlug,
} from './views/application';
import { CallFormPage, CallListPage, CallPage, callFormValues } from './views/calls';
import {
  CallOverviewPage,
  ClaimListPage,
  ClaimPage,
  DashboardPage,
  ImpulseFormPage,
  ImpulseListPage,
} from './views/overview';
import { ImportPage, RegisterEntryPage, RegisterPage } from './views/register';
import { applicationWorkflow } from './workflow';

const idParam = z.object({ id: z.string().min(1).max(100) });
const entryParam = z.object({ id: z.string().min(1).max(100), entryId: z.string().min(1).max(100) });
const stepParam = z.object({ id: z.string().min(1).max(100), step: z.string().max(40) });
const listQuery = z.object({
  status: z.string().max(40).optional().catch(undefined),
  callId: z.uuid().optional().catch(undefined),
});

function csvReply(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(csv);
}

/** Runs a form's use case; on bad input re-renders the page with the errors and 422. */
async function formPost(
  reply: FastifyReply,
  work: () => Promise<string>,
  rerender: (errors: Record<string, string>) => Promise<VNode>,
  flash?: string,
) {
  let target: string;
  try {
    target = await work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return reply.render(await rerender(error.fieldErrors), 422);
  }
  if (flash) reply.flash('success', flash);
  return reply.seeOther(target);
}

const registerCsvHeader = registerColumns.map((c) => c.header);
function registerCsv(target: RegisterTarget, rows: Awaited<ReturnType<typeof allRegisterEntries>>) {
  return toCsv(
    [...registerCsvHeader, 'mogelijk_dubbel'],
    rows.map((e) => [
      e.date.split('-').reverse().join('/'),
      e.title,
      target.context.municipalities.get(e.municipalityNis) ?? e.municipalityNis,
      e.place,
      e.partner ?? '',
      formatLabels[e.format as 'walk'] ?? e.format,
      e.durationMinutes,
      e.participants,
      e.women ?? '',
      e.men ?? '',
      e.otherGender ?? '',
      e.mainGoalDutch ? 'ja' : 'nee',
      e.outsideLesson ? 'ja' : 'nee',
      e.noCertification ? 'ja' : 'nee',
      e.duplicate ? 'ja' : 'nee',
    ]),
  );
}

/** Reads the uploaded CSV (UTF-8, or Windows-1252 as older spreadsheets save it), the button and the form token. */
async function readUpload(
  request: FastifyRequest,
): Promise<{ text: string; mode: string; once: string | undefined }> {
  if (!request.isMultipart()) throw new ValidationError({ file: 'Kies een CSV-bestand.' });
  let text = '';
  let mode = 'check';
  let once: string | undefined;
  let hasFile = false;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const buffer = await part.toBuffer();
      if (buffer.length > MAX_CSV_BYTES)
        throw new ValidationError({ file: 'Het bestand is groter dan 10 MB.' });
      if (part.filename && buffer.length > 0) hasFile = true;
      const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
      text = utf8.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(buffer) : utf8;
    } else if (part.fieldname === 'mode') {
      mode = String(part.value);
    } else if (part.fieldname === '_once' && typeof part.value === 'string' && part.value.length <= 100) {
      once = part.value;
    }
  }
  if (!hasFile || !text.trim()) throw new ValidationError({ file: 'Kies een CSV-bestand dat niet leeg is.' });
  return { text, mode, once };
}

export async function callsRoutes(app: FastifyInstance): Promise<void> {
  const publicRoute = { config: { public: true } } as const;

  // ------------------------------------------------------------------ calls
  app.get('/oproepen', publicRoute, async (_request, reply) => {
    return reply.render(<CallListPage ctx={reply.view()} calls={await listCalls(app.db)} />);
  });

  app.get('/oproepen/nieuw', async (request, reply) => {
    if (request.ctx().user.active.role !== 'agency_staff') return reply.callNotFound();
    return reply.render(<CallFormPage ctx={reply.view()} call={null} values={{}} />);
  });

  app.post('/oproepen', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    let created: { id: string };
    try {
      created = await createCall(request.ctx(), body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <CallFormPage ctx={reply.view()} call={null} values={body} errors={error.fieldErrors} />,
        422,
      );
    }
    reply.flash('success', 'De oproep is aangemaakt.');
    return reply.seeOther(`/oproepen/${created.id}`);
  });

  app.get('/oproepen/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    if (!z.uuid().safeParse(id).success) return reply.callNotFound();
    const call = await getCall(app.db, id);
    if (!canManageCall(request.principal, call)) return reply.callNotFound();
    return reply.render(<CallFormPage ctx={reply.view()} call={call} values={callFormValues(call)} />);
  });

  app.post('/oproepen/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    if (!z.uuid().safeParse(id).success) return reply.callNotFound();
    const call = await getCall(app.db, id);
    if (!canManageCall(request.principal, call)) return reply.callNotFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    return formPost(
      reply,
      async () => {
        await updateCall(request.ctx(), id, body);
        return `/oproepen/${id}`;
      },
      async (errors) => <CallFormPage ctx={reply.view()} call={call} values={body} errors={errors} />,
      'De oproep is bijgewerkt.',
    );
  });

  app.get('/oproepen/dashboard', async (request, reply) => {
    const rows = await applicantDashboard(request.ctx());
    return reply.render(<DashboardPage ctx={reply.view()} rows={rows} />);
  });

  app.get('/oproepen/:id', publicRoute, async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    if (!z.uuid().safeParse(id).success) return reply.callNotFound();
    const call = await getCall(app.db, id);
    const p = request.principal;
    let eligibility = null;
    let own: string | null = null;
    if (p && !isAnyStaff(p)) {
      const [existing] = await app.db
        .select({ id: callApplications.id })
        .from(callApplications)
        .where(
          and(
            eq(callApplications.callId, id),
            eq(callApplications.applicantOrganisationId, p.active.organisationId),
          ),
        );
      own = existing?.id ?? null;
      eligibility = await myEligibility(request.ctx(), call);
    }
    return reply.render(
      <CallPage
        ctx={reply.view()}
        call={call}
        eligibility={eligibility}
        ownApplicationId={own}
        isStaff={isCallStaff(p, call)}
        canManage={canManageCall(p, call)}
        rulesText={eligibilityText(call, await municipalityMap(app.db))}
      />,
    );
  });

  app.post('/oproepen/:id/starten', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    if (!z.uuid().safeParse(id).success) return reply.callNotFound();
    const result = await startApplication(request.ctx(), id).catch(async (error) => {
      if (!(error instanceof ValidationError)) throw error;
      const call = await getCall(app.db, id);
      const eligibility = await myEligibility(request.ctx(), call);
      const shown = eligibility.eligible
        ? { ...eligibility, eligible: false, reasons: Object.values(error.fieldErrors) }
        : eligibility;
      await reply.render(
        <CallPage
          ctx={reply.view()}
          call={call}
          eligibility={shown}
          ownApplicationId={null}
          isStaff={false}
          rulesText={eligibilityText(call, await municipalityMap(app.db))}
        />,
        422,
      );
      return null;
    });
    if (!result) return reply;
    if (result.created)
      reply.flash('success', 'Uw aanvraag is aangemaakt als ontwerp. Vul de onderdelen in.');
    return reply.seeOther(`/aanvragen/${result.id}`);
  });

  app.get('/oproepen/:id/overzicht', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    if (!z.uuid().safeParse(id).success) return reply.callNotFound();
    const o = await callOverview(request.ctx(), id);
    const page = readPage(request.query);
    return reply.render(
      <CallOverviewPage ctx={reply.view()} o={o} page={page.page} pageSize={page.pageSize} />,
    );
  });

  app.get('/oproepen/:id/voortgang.csv', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    if (!z.uuid().safeParse(id).success) return reply.callNotFound();
    const o = await callOverview(request.ctx(), id);
    return csvReply(
      reply,
      'voortgang-oefenkansen.csv',
      toCsv(
        [
          'aanvraag',
          'aanvrager',
          'toegekend',
          'toegekend_bedrag',
          'geregistreerd',
          'tellen_mee',
          'voortgang_pct',
          'deelnemers',
          'vrouwen',
          'tussentijds_onder_drempel',
        ],
        o.progress.map((r) => [
          r.reference,
          r.applicantName,
          r.committedUnits,
          (r.grantedAmountCents / 100).toFixed(2),
          r.entries,
          r.eligible,
          r.pct,
          r.participants,
          r.women,
          r.interimFlag ? 'ja' : 'nee',
        ]),
      ),
    );
  });

  app.get('/oproepen/:id/aanvragen.csv', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    if (!z.uuid().safeParse(id).success) return reply.callNotFound();
    const o = await callOverview(request.ctx(), id);
    const ctx = request.ctx();
    const rows: ApplicationRow[] = [];
    for (let page = 1; ; page++) {
      const { items } = await listApplications(
        ctx,
        { callId: o.call.id },
        { page, pageSize: 200, offset: (page - 1) * 200 },
      );
      rows.push(...items);
      if (items.length < 200) break;
    }
    return csvReply(
      reply,
      'aanvragen.csv',
      toCsv(
        [
          'aanvraag',
          'aanvrager',
          'status',
          'gepland',
          'gevraagd_bedrag',
          'toegekend',
          'toegekend_bedrag',
          'ingediend_op',
        ],
        rows.map((r) => [
          applicationReference(r.call, r.application),
          r.applicantName,
          applicationWorkflow.statuses[r.application.status as 'draft']?.label ?? r.application.status,
          r.application.plannedUnits,
          (r.application.requestedAmountCents / 100).toFixed(2),
          r.application.grantedUnits ?? '',
          r.application.grantedAmountCents !== null
            ? (r.application.grantedAmountCents / 100).toFixed(2)
            : '',
          r.application.submittedAt?.toISOString().slice(0, 10) ?? '',
        ]),
      ),
    );
  });

  // ------------------------------------------------------------------ applications
  app.get('/aanvragen', async (request, reply) => {
    const ctx = request.ctx();
    const query = listQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listApplications(ctx, query, page);
    return reply.render(
      <ApplicationListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        staff={isAnyStaff(ctx.user)}
      />,
    );
  });

  async function applicationPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: Record<string, string>,
    values?: Record<string, unknown>,
  ) {
    const ctx = request.ctx();
    const row = await getApplication(ctx, id);
    const details = await applicationDetails(ctx.db, id);
    const claims = row.application.status === 'granted' ? await claimsOfApplication(ctx.db, id) : [];
    let progress = null;
    if (row.application.status === 'granted') {
      const totals = await totalsOf(ctx.db, { kind: 'application', id });
      const interim = interimCheck(
        row.application.grantedUnits ?? 0,
        totals.eligible,
        row.call.interimThresholdPct,
      );
      progress = {
        entries: totals.entries,
        eligible: totals.eligible,
        interimRequired: interim.required,
        interimDue: new Date().toISOString().slice(0, 10) >= row.call.interimCheckDate,
      };
    }
    return (
      <ApplicationPage
        ctx={reply.view()}
        row={row}
        details={details}
        missing={missingForSubmission(row.application, details.covered, row.call)}
        applicant={isApplicant(ctx.user, row.application)}
        staff={isCallStaff(ctx.user, row.call)}
        claims={claims}
        progress={progress}
        errors={errors}
        values={values}
      />
    );
  }

  app.get('/aanvragen/:id', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    return reply.render(await applicationPage(request, reply, id));
  });

  async function stepPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    slug: string,
    values?: Record<string, unknown>,
    errors?: Record<string, string>,
  ): Promise<VNode> {
    const ctx = request.ctx();
    const row = await getApplication(ctx, id);
    if (!isApplicant(ctx.user, row.application))
      throw new ValidationError({}, 'Alleen de aanvrager vult de aanvraag in.');
    const step = stepBySlug[slug];
    const view = reply.view();
    const a = row.application;
    if (step === 'applicant') {
      return <ApplicantStepPage ctx={view} row={row} values={values ?? a} errors={errors} />;
    }
    if (step === 'municipalities') {
      const eligibility = await eligibilityOf(ctx.db, row.call, a.applicantOrganisationId, a.id);
      const details = await applicationDetails(ctx.db, id);
      const chosen = values
        ? ([values.municipalities ?? []].flat() as string[])
        : details.covered.map((c) => c.nis);
      return (
        <MunicipalitiesStepPage
          ctx={view}
          row={row}
          options={eligibility.options}
          selected={chosen}
          errors={errors}
        />
      );
    }
    if (step === 'planning') {
      const details = await applicationDetails(ctx.db, id);
      const current: Record<string, unknown> = {};
      for (const p of details.planned) current[planningFieldName(p.format as 'walk', p.quarter)] = p.units;
      return <PlanningStepPage ctx={view} row={row} values={values ?? current} errors={errors} />;
    }
    if (step === 'approach') {
      return <ApproachStepPage ctx={view} row={row} values={values ?? a} errors={errors} />;
    }
    throw new ValidationError({}, 'Dit onderdeel bestaat niet.');
  }

  app.get('/aanvragen/:id/stap/:step', async (request, reply) => {
    const { id, step } = parseInput(stepParam, request.params);
    if (!stepBySlug[step]) return reply.callNotFound();
    const row = await getApplication(request.ctx(), id);
    if (row.application.status !== 'draft' || !isApplicant(request.ctx().user, row.application)) {
      return reply.seeOther(`/aanvragen/${id}`);
    }
    return reply.render(await stepPage(request, reply, id, step));
  });

  app.post('/aanvragen/:id/stap/:step', async (request, reply) => {
    const { id, step } = parseInput(stepParam, request.params);
    const which = stepBySlug[step];
    if (!which) return reply.callNotFound();
    const ctx = request.ctx();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const save = {
      applicant: saveApplicantStep,
      municipalities: saveMunicipalitiesStep,
      planning: savePlanningStep,
      approach: saveApproachStep,
    }[which];
    return formPost(
      reply,
      async () => {
        await save(ctx, id, body);
        return `/aanvragen/${id}`;
      },
      (errors) => stepPage(request, reply, id, step, body, errors),
      'Bewaard als ontwerp.',
    );
  });

  app.get('/aanvragen/:id/indienen', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const ctx = request.ctx();
    const row = await getApplication(ctx, id);
    if (row.application.status !== 'draft' || !isApplicant(ctx.user, row.application)) {
      return reply.seeOther(`/aanvragen/${id}`);
    }
    const details = await applicationDetails(ctx.db, id);
    return reply.render(
      <SubmitPage
        ctx={reply.view()}
        row={row}
        details={details}
        missing={missingForSubmission(row.application, details.covered, row.call)}
      />,
    );
  });

  app.post('/aanvragen/:id/indienen', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const ctx = request.ctx();
    return formPost(
      reply,
      async () => {
        const result = await submitApplication(ctx, id);
        if (result.alreadySubmitted) reply.flash('info', 'Deze aanvraag was al ingediend.');
        else reply.flash('success', 'Uw aanvraag is ingediend. U krijgt een bevestiging per e-mail.');
        return `/aanvragen/${id}`;
      },
      async (errors) => {
        const row = await getApplication(ctx, id);
        const details = await applicationDetails(ctx.db, id);
        return (
          <SubmitPage
            ctx={reply.view()}
            row={row}
            details={details}
            missing={missingForSubmission(row.application, details.covered, row.call)}
            errors={errors}
          />
        );
      },
    );
  });

  app.post('/aanvragen/:id/beoordeling', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return formPost(
      reply,
      async () => {
        await saveReview(request.ctx(), id, body);
        return `/aanvragen/${id}`;
      },
      (errors) => applicationPage(request, reply, id, errors, body),
      'Uw beoordeling is bewaard.',
    );
  });

  app.post('/aanvragen/:id/beslissen', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const action = typeof body.action === 'string' ? body.action : '';
    return formPost(
      reply,
      async () => {
        const after = await decideApplication(request.ctx(), id, action, {
          note: body.note,
          grantedUnits: body.grantedUnits,
        });
        reply.flash(
          'success',
          `De aanvraag is nu: ${applicationWorkflow.statuses[after.status as 'draft'].label.toLowerCase()}.`,
        );
        return `/aanvragen/${id}`;
      },
      (errors) => applicationPage(request, reply, id, errors, body),
    );
  });

  app.get('/aanvragen/:id/beslissing', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const ctx = request.ctx();
    const row = await getApplication(ctx, id);
    const details = await applicationDetails(ctx.db, id);
    return reply.render(<DecisionLetterPage ctx={reply.view()} row={row} details={details} />);
  });

  app.post('/aanvragen/:id/eindrapport', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const claim = await requestBalance(request.ctx(), id);
    reply.flash(
      'success',
      claim.recoveryCents > 0
        ? 'Uw eindrapport is ingediend. Er werd meer voorgeschoten dan nodig: het verschil wordt teruggevorderd.'
        : 'Uw eindrapport is ingediend. Het saldo wordt nu goedgekeurd en betaald.',
    );
    return reply.seeOther(`/aanvragen/${id}`);
  });

  app.get('/aanvragen/:id/historiek', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const ctx = request.ctx();
    const row = await getApplication(ctx, id);
    const page = readPage(request.query);
    const { items, total } = await auditTrail(ctx, 'call_application', id, page);
    return reply.render(
      <ApplicationHistoryPage ctx={reply.view()} row={row}>
        <AuditTable
          rows={items}
          total={total}
          page={page.page}
          pageSize={page.pageSize}
          path={`/aanvragen/${id}/historiek`}
        />
      </ApplicationHistoryPage>,
    );
  });

  // ------------------------------------------------------------------ registers
  const registers: Array<{
    prefix: string;
    resolve: (request: FastifyRequest, id: string) => Promise<RegisterTarget>;
  }> = [
    { prefix: '/aanvragen/:id/register', resolve: (request, id) => applicationRegister(request.ctx(), id) },
    { prefix: '/impulsen/:id/register', resolve: (request, id) => impulseRegister(request.ctx(), id) },
  ];
  for (const { prefix, resolve } of registers) {
    app.get(prefix, async (request, reply) => {
      const { id } = parseInput(idParam, request.params);
      const target = await resolve(request, id);
      const page = readPage(request.query, 50);
      const { items, totals } = await listRegister(request.ctx(), target, page);
      return reply.render(
        <RegisterPage
          ctx={reply.view()}
          target={target}
          items={items}
          totals={totals}
          page={page.page}
          pageSize={page.pageSize}
        />,
      );
    });

    app.get(`${prefix}/nieuw`, async (request, reply) => {
      const { id } = parseInput(idParam, request.params);
      const target = await resolve(request, id);
      if (!target.canWrite) return reply.seeOther(target.basePath);
      return reply.render(<RegisterEntryPage ctx={reply.view()} target={target} values={{}} />);
    });

    app.post(prefix, async (request, reply) => {
      const { id } = parseInput(idParam, request.params);
      const target = await resolve(request, id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      return formPost(
        reply,
        async () => {
          const { duplicate } = await addRegisterEntry(request.ctx(), target, body);
          reply.flash(
            duplicate ? 'warning' : 'success',
            duplicate
              ? 'De oefenkans is bewaard, maar er staat al een oefenkans met dezelfde datum, plaats en titel in het register. Ze is gemarkeerd als mogelijk dubbel.'
              : 'De oefenkans is bewaard.',
          );
          return target.basePath;
        },
        async (errors) => (
          <RegisterEntryPage ctx={reply.view()} target={target} values={body} errors={errors} />
        ),
      );
    });

    app.get(`${prefix}/:entryId/verwijderen`, async (request, reply) => {
      const { id, entryId } = parseInput(entryParam, request.params);
      const target = await resolve(request, id);
      const entry = await getRegisterEntry(app.db, target, entryId);
      return reply.render(
        <ConfirmPage
          ctx={reply.view()}
          title="Oefenkans verwijderen"
          action={`${target.basePath}/${entry.id}/verwijderen`}
          confirmLabel="Oefenkans verwijderen"
          cancelHref={target.basePath}
          breadcrumbs={[{ href: target.basePath, label: 'Register' }, { label: 'Verwijderen' }]}
          errors={
            target.canWrite
              ? undefined
              : { confirm: target.writeBlocked ?? 'U kunt deze oefenkans niet verwijderen.' }
          }
        >
          <p>
            U verwijdert “{entry.title}” van {formatDate(entry.date)} in {entry.place} uit het register. Ze
            telt dan niet meer mee voor de uitbetaling. Dit kan niet ongedaan worden gemaakt; de verwijdering
            blijft zichtbaar in de historiek.
          </p>
        </ConfirmPage>,
      );
    });

    app.post(`${prefix}/:entryId/verwijderen`, async (request, reply) => {
      const { id, entryId } = parseInput(entryParam, request.params);
      const target = await resolve(request, id);
      await deleteRegisterEntry(request.ctx(), target, entryId);
      reply.flash('success', 'De oefenkans is verwijderd.');
      return reply.seeOther(target.basePath);
    });

    app.post(`${prefix}/:entryId/geen-dubbel`, async (request, reply) => {
      const { id, entryId } = parseInput(entryParam, request.params);
      const target = await resolve(request, id);
      await settleDuplicate(request.ctx(), target, entryId);
      reply.flash('success', 'De oefenkans is geen dubbel en telt weer mee.');
      return reply.seeOther(target.basePath);
    });

    app.get(`${prefix}/import`, async (request, reply) => {
      const { id } = parseInput(idParam, request.params);
      const target = await resolve(request, id);
      if (!target.canWrite) return reply.seeOther(target.basePath);
      return reply.render(<ImportPage ctx={reply.view()} target={target} report={null} />);
    });

    app.post(`${prefix}/import`, async (request, reply) => {
      const { id } = parseInput(idParam, request.params);
      const target = await resolve(request, id);
      let report: ImportReport;
      try {
        const { text, mode, once } = await readUpload(request);
        // Multipart bodies are not parsed up front, so the form's one-time token is passed on here.
        const ctx = new ServiceContext(
          app.db,
          app.config,
          request.principal,
          request.id,
          mode === 'import' ? once : undefined,
        );
        report = await importRegisterCsv(ctx, target, text, mode !== 'import');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return reply.render(
          <ImportPage ctx={reply.view()} target={target} report={null} errors={error.fieldErrors} />,
          422,
        );
      }
      const failed = report.fileError || report.errors.length > 0;
      return reply.render(
        <ImportPage ctx={reply.view()} target={target} report={report} />,
        failed ? 422 : 200,
      );
    });

    app.get(`${prefix}/export.csv`, async (request, reply) => {
      const { id } = parseInput(idParam, request.params);
      const target = await resolve(request, id);
      return csvReply(
        reply,
        'register-oefenkansen.csv',
        registerCsv(target, await allRegisterEntries(app.db, target)),
      );
    });
  }

  app.get('/impulsen/nieuw', async (request, reply) => {
    const p = request.ctx().user;
    if (p.active.role !== 'agency_staff' || p.active.agencyCode !== 'AGII') return reply.callNotFound();
    return reply.render(<ImpulseFormPage ctx={reply.view()} values={{}} />);
  });

  app.post('/impulsen', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return formPost(
      reply,
      async () => {
        const grant = await createImpulseGrant(request.ctx(), body);
        return `/impulsen/${grant.id}/register`;
      },
      async (errors) => <ImpulseFormPage ctx={reply.view()} values={body} errors={errors} />,
      'De impuls is toegekend.',
    );
  });

  app.get('/impulsen', async (request, reply) => {
    return reply.render(<ImpulseListPage ctx={reply.view()} rows={await listImpulseGrants(request.ctx())} />);
  });

  // ------------------------------------------------------------------ payouts
  app.get('/uitbetalingen', async (request, reply) => {
    const query = listQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listClaims(request.ctx(), query, page);
    return reply.render(
      <ClaimListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
      />,
    );
  });

  app.post('/uitbetalingen/betaalbestand', async (request, reply) => {
    const { csv } = await paymentFile(request.ctx());
    return csvReply(reply, `betaalbestand-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  });

  async function claimPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: Record<string, string>,
    values?: Record<string, unknown>,
  ) {
    const ctx = request.ctx();
    const row = await getClaim(ctx, id);
    if (!isCallStaff(ctx.user, row.call))
      throw new ValidationError({}, 'Deze pagina is voor het agentschap.');
    const applicationRow = await getApplication(ctx, row.application.id);
    const preview = await balancePreview(ctx.db, applicationRow);
    const maximum = Math.max(
      0,
      (row.application.grantedAmountCents ?? 0) -
        (preview.alreadyPaid - row.claim.amountCents + row.claim.recoveryCents),
    );
    return <ClaimPage ctx={reply.view()} row={row} maximum={maximum} errors={errors} values={values} />;
  }

  app.get('/uitbetalingen/:id', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    return reply.render(await claimPage(request, reply, id));
  });

  app.post('/uitbetalingen/:id', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return formPost(
      reply,
      async () => {
        await decideClaim(request.ctx(), id, typeof body.action === 'string' ? body.action : '', {
          note: body.note,
          amount: body.amount,
        });
        reply.flash('success', 'De uitbetaling is bijgewerkt.');
        return `/uitbetalingen/${id}`;
      },
      (errors) => claimPage(request, reply, id, errors, body),
    );
  });

  apiRoutes(app);
}

// ---------------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------------

const callApi = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    summary: z.string(),
    applicationOpens: z.string(),
    applicationCloses: z.string(),
    implementationStart: z.string(),
    implementationEnd: z.string(),
    budgetCents: z.number().int(),
    rateCents: z.number().int(),
    ownContributionPct: z.number().int(),
    maxUnitsPerApplicant: z.number().int().nullable(),
    maxAmountPerApplicantCents: z.number().int().nullable(),
    advancePct: z.number().int(),
    interimThresholdPct: z.number().int(),
    interimCheckDate: z.string(),
  })
  .meta({ id: 'Call' });

const toCallApi = (c: Awaited<ReturnType<typeof getCall>>) => ({
  id: c.id,
  code: c.code,
  title: c.title,
  summary: c.summary,
  applicationOpens: c.applicationOpens,
  applicationCloses: c.applicationCloses,
  implementationStart: c.implementationStart,
  implementationEnd: c.implementationEnd,
  budgetCents: c.budgetCents,
  rateCents: c.rateCents,
  ownContributionPct: c.ownContributionPct,
  maxUnitsPerApplicant: c.maxUnitsPerApplicant,
  maxAmountPerApplicantCents: c.maxAmountPerApplicantCents,
  advancePct: c.advancePct,
  interimThresholdPct: c.interimThresholdPct,
  interimCheckDate: c.interimCheckDate,
});

const plannedApi = z.object({ format: z.enum(formats), quarter: z.string(), units: z.number().int() });

const applicationApi = z
  .object({
    id: z.string(),
    reference: z.string(),
    callId: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    applicantOrganisationId: z.string(),
    applicantName: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    accountHolder: z.string().nullable(),
    iban: z.string().nullable(),
    municipalities: z.array(z.string()),
    planned: z.array(plannedApi),
    plannedUnits: z.number().int(),
    requestedAmountCents: z.number().int(),
    grantedUnits: z.number().int().nullable(),
    grantedAmountCents: z.number().int().nullable(),
    approach: z.string().nullable(),
    targetGroups: z.string().nullable(),
    womenAndGirls: z.string().nullable(),
    stepsDone: z.array(z.string()),
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'CallApplication' });

const applicationSummaryApi = applicationApi
  .pick({
    id: true,
    reference: true,
    callId: true,
    status: true,
    statusLabel: true,
    applicantOrganisationId: true,
    applicantName: true,
    plannedUnits: true,
    requestedAmountCents: true,
    grantedUnits: true,
    grantedAmountCents: true,
  })
  .meta({ id: 'CallApplicationSummary' });

const summaryOf = (r: ApplicationRow) => ({
  id: r.application.id,
  reference: applicationReference(r.call, r.application),
  callId: r.call.id,
  status: r.application.status,
  statusLabel:
    applicationWorkflow.statuses[r.application.status as 'draft']?.publicLabel ?? r.application.status,
  applicantOrganisationId: r.application.applicantOrganisationId,
  applicantName: r.applicantName,
  plannedUnits: r.application.plannedUnits,
  requestedAmountCents: r.application.requestedAmountCents,
  grantedUnits: r.application.grantedUnits,
  grantedAmountCents: r.application.grantedAmountCents,
});

async function fullApplication(request: FastifyRequest, id: string) {
  const row = await getApplication(request.ctx(), id);
  const details = await applicationDetails(request.server.db, id);
  const a = row.application;
  return {
    ...summaryOf(row),
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    contactPhone: a.contactPhone,
    accountHolder: a.accountHolder,
    iban: a.iban,
    municipalities: details.covered.map((c) => c.nis),
    planned: details.planned.map((p) => ({ format: p.format as 'walk', quarter: p.quarter, units: p.units })),
    approach: a.approach,
    targetGroups: a.targetGroups,
    womenAndGirls: a.womenAndGirls,
    stepsDone: a.stepsDone,
    submittedAt: a.submittedAt?.toISOString() ?? null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionNote: a.decisionNote,
  };
}

const draftPatch = z.object({
  applicant: z
    .object({
      contactName: z.string(),
      contactEmail: z.string(),
      contactPhone: z.string().optional(),
      accountHolder: z.string(),
      iban: z.string(),
    })
    .optional(),
  municipalities: z.array(z.string()).optional(),
  planned: z.array(z.object({ format: z.string(), quarter: z.string(), units: z.number() })).optional(),
  approach: z
    .object({ approach: z.string(), targetGroups: z.string(), womenAndGirls: z.string() })
    .optional(),
});

const entryApi = z
  .object({
    id: z.string(),
    date: z.string(),
    title: z.string(),
    municipalityNis: z.string(),
    place: z.string(),
    partner: z.string().nullable(),
    format: z.string(),
    durationMinutes: z.number().int(),
    participants: z.number().int(),
    women: z.number().int().nullable(),
    men: z.number().int().nullable(),
    otherGender: z.number().int().nullable(),
    mainGoalDutch: z.boolean(),
    outsideLesson: z.boolean(),
    noCertification: z.boolean(),
    duplicate: z.boolean(),
  })
  .meta({ id: 'Oefenkans' });

const entryInput = z.object({
  date: z.string(),
  title: z.string(),
  municipalityNis: z.string(),
  place: z.string(),
  partner: z.string().nullish(),
  format: z.string(),
  durationMinutes: z.union([z.number(), z.string()]),
  participants: z.union([z.number(), z.string()]),
  women: z.union([z.number(), z.string()]).nullish(),
  men: z.union([z.number(), z.string()]).nullish(),
  otherGender: z.union([z.number(), z.string()]).nullish(),
  mainGoalDutch: z.union([z.boolean(), z.string()]),
  outsideLesson: z.union([z.boolean(), z.string()]),
  noCertification: z.union([z.boolean(), z.string()]),
});

const importReportApi = z
  .object({
    dryRun: z.boolean(),
    fileError: z.string().nullable(),
    errors: z.array(z.object({ line: z.number().int(), messages: z.array(z.string()) })),
    lines: z.number().int(),
    valid: z.number().int(),
    duplicatesInFile: z.number().int(),
    duplicatesExisting: z.number().int(),
    notMeetingDefinition: z.number().int(),
    imported: z.number().int(),
    batchId: z.string().nullable(),
    milliseconds: z.number().int(),
  })
  .meta({ id: 'RegisterImportReport' });

function apiRoutes(app: FastifyInstance) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Oproepen'];
  const uuidParam = z.object({ id: z.uuid({ error: 'Onbekende aanvraag.' }) });

  api.get(
    '/api/v1/calls',
    {
      config: { public: true },
      schema: { summary: 'Published calls', tags, response: { 200: z.array(callApi) } },
    },
    async () => (await listCalls(app.db)).map(toCallApi),
  );

  api.get(
    '/api/v1/calls/:id',
    {
      config: { public: true },
      schema: {
        summary: 'One call',
        tags,
        params: z.object({ id: z.uuid({ error: 'Onbekende oproep.' }) }),
        response: { 200: callApi, 404: problemSchema },
      },
    },
    async (request) => toCallApi(await getCall(app.db, request.params.id)),
  );

  api.get(
    '/api/v1/applications',
    {
      schema: {
        summary: 'Applications you may see: your organisation’s, or those of the calls your agency runs',
        tags,
        querystring: pageQuerySchema.extend({
          status: z.string().max(40).optional(),
          callId: z.uuid().optional(),
        }),
        response: { 200: pageSchema(applicationSummaryApi), 401: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listApplications(
        request.ctx(),
        { status: request.query.status, callId: request.query.callId },
        page,
      );
      return { items: items.map(summaryOf), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.post(
    '/api/v1/applications',
    {
      schema: {
        summary:
          'Start the draft application of your organisation for a call (returns the existing one if any)',
        tags,
        body: z.object({ callId: z.uuid({ error: 'Onbekende oproep.' }) }),
        response: { 201: applicationApi, 200: applicationApi, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const result = await startApplication(request.ctx(), request.body.callId);
      return reply.code(result.created ? 201 : 200).send(await fullApplication(request, result.id));
    },
  );

  api.get(
    '/api/v1/applications/:id',
    {
      schema: {
        summary: 'One application',
        tags,
        params: uuidParam,
        response: { 200: applicationApi, 404: problemSchema },
      },
    },
    async (request) => fullApplication(request, request.params.id),
  );

  api.patch(
    '/api/v1/applications/:id',
    {
      schema: {
        summary: 'Save parts of a draft application (each part as one step of the form)',
        tags,
        params: uuidParam,
        body: draftPatch,
        response: { 200: applicationApi, 404: problemSchema, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const id = request.params.id;
      const body = request.body;
      if (body.applicant) await saveApplicantStep(ctx, id, body.applicant);
      if (body.municipalities) await saveMunicipalitiesStep(ctx, id, { municipalities: body.municipalities });
      if (body.planned) {
        const form: Record<string, string> = {};
        const errors: Record<string, string> = {};
        body.planned.forEach((p, i) => {
          if (!(formats as readonly string[]).includes(p.format))
            errors[`planned.${i}.format`] = `Onbekende vorm "${p.format}".`;
          else if (!/^\d{4}-Q[1-4]$/.test(p.quarter))
            errors[`planned.${i}.quarter`] = `Onbekend kwartaal "${p.quarter}" (bv. 2026-Q3).`;
          else form[planningFieldName(p.format as 'walk', p.quarter)] = String(p.units);
        });
        if (Object.keys(errors).length) throw new ValidationError(errors);
        const row = await getApplication(ctx, id);
        const allowed = new Set(quartersBetween(row.call.implementationStart, row.call.implementationEnd));
        const outside = body.planned.find((p) => !allowed.has(p.quarter));
        if (outside) {
          throw new ValidationError({
            planned: `Het kwartaal ${outside.quarter} valt buiten de uitvoeringsperiode.`,
          });
        }
        await savePlanningStep(ctx, id, form);
      }
      if (body.approach) await saveApproachStep(ctx, id, body.approach);
      return fullApplication(request, id);
    },
  );

  api.post(
    '/api/v1/applications/:id/submit',
    {
      schema: {
        summary: 'Submit a draft application; repeating it changes nothing',
        tags,
        params: uuidParam,
        response: { 200: applicationApi, 404: problemSchema, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      await submitApplication(request.ctx(), request.params.id);
      return fullApplication(request, request.params.id);
    },
  );

  api.get(
    '/api/v1/applications/:id/register',
    {
      schema: {
        summary: 'The register of oefenkansen of an application',
        tags,
        params: uuidParam,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(entryApi), 404: problemSchema },
      },
    },
    async (request) => {
      const target = await applicationRegister(request.ctx(), request.params.id);
      const page = readPage(request.query);
      const { items, total } = await listRegister(request.ctx(), target, page);
      return { items, total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.post(
    '/api/v1/applications/:id/register',
    {
      schema: {
        summary: 'Register one oefenkans (a probable duplicate is flagged, not refused)',
        tags,
        params: uuidParam,
        body: entryInput,
        response: { 201: entryApi, 403: problemSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const target = await applicationRegister(request.ctx(), request.params.id);
      const { entry } = await addRegisterEntry(request.ctx(), target, request.body, 'api');
      return reply.code(201).send(entry);
    },
  );

  api.post(
    '/api/v1/applications/:id/register/import',
    {
      bodyLimit: MAX_CSV_BYTES + 1024 * 1024,
      schema: {
        summary: 'Import a CSV register (dry run first: nothing is imported until every line is clean)',
        tags,
        params: uuidParam,
        body: z.object({
          csv: z
            .string()
            .describe(`CSV text with the columns ${registerColumns.map((c) => c.header).join(';')}`),
          dryRun: z.boolean().default(true),
        }),
        response: { 200: importReportApi, 403: problemSchema, 404: problemSchema, 422: importReportApi },
      },
    },
    async (request, reply) => {
      const target = await applicationRegister(request.ctx(), request.params.id);
      const report = await importRegisterCsv(request.ctx(), target, request.body.csv, request.body.dryRun);
      return reply.code(report.fileError || report.errors.length ? 422 : 200).send(report);
    },
  );
}
