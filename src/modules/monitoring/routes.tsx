import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../core/http/errors';
import { sharedPublicRoute } from '../../core/http/page-cache';
import { pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import { parseInput } from '../../core/http/validation';
import { formatFixed } from '../../core/views/chart';
import { municipalityAreas } from '../reference';
import {
  IMPORT_MAX_BYTES,
  indicatorTypes,
  planKinds,
  regionAreas,
  themeCodes,
  valueStatuses,
} from './catalogue';
import { canRecompute, lastComputedAt, recomputeNow } from './computed';
import { geography } from './geo';
import { safeCell, valuesToCsv, valuesToXlsx } from './importer';
import { checkImport, discardImport, getBatch, listBatches, runImport, uploadedText } from './imports';
import {
  addMilestone,
  addProgressUpdate,
  addResult,
  bulkProgress,
  canCreatePlan,
  canEditPlan,
  createPlan,
  getPlan,
  getResultTimeline,
  linkIndicator,
  listPlans,
  planForEdit,
  progressCsv,
  progressXlsx,
  updatePlan,
  updateResult,
} from './plans';
import {
  addMeeting,
  addMember,
  canCreateRegietafel,
  canEditRegietafel,
  createRegietafel,
  getRegietafel,
  listRegietafels,
  searchOrganisations,
  tableForEdit,
} from './regietafels';
import { breakdownKeys, frequencies, measures } from './rules';
import {
  allIndicators,
  canManageMonitoring,
  comparison,
  createIndicator,
  exportRows,
  getIndicator,
  type Indicator,
  indicatorOverview,
  listIndicators,
  listValues,
  mapData,
  municipalProfile,
  similarMunicipalities,
  updateIndicator,
} from './service';
import { XLSX_TYPE } from './spreadsheet';
import { IndicatorFormPage, IndicatorListPage, IndicatorPage } from './views/catalogue';
import { ComparePage, type CompareQuery } from './views/compare';
import { BatchPage, ImportPage } from './views/imports';
import { MapPage } from './views/map';
import { OverviewPage } from './views/overview';
import {
  BulkProgressPage,
  PlanFormPage,
  PlanListPage,
  PlanPage,
  ResultFormPage,
  ResultPage,
} from './views/plans';
import { ProfileIndexPage, ProfilePage } from './views/profile';
import {
  MeetingFormPage,
  MemberFormPage,
  RegietafelFormPage,
  RegietafelListPage,
  RegietafelPage,
} from './views/regietafels';
import { MONITORING_CSS, STYLESHEET_PATH } from './views/shared';

const publicRoute = { config: { public: true } } as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);
const list = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined)
    .transform((v) =>
      v === undefined
        ? []
        : (Array.isArray(v) ? v : [v])
            .map((s) => s.trim())
            .filter(Boolean)
            .slice(0, max),
    );

const nisParam = z.object({
  nis: z.string().regex(/^\d{5}$/, { error: 'Een NIS-code bestaat uit 5 cijfers.' }),
});
const codeParam = z.object({ code: z.string().min(1).max(60) });
const idParam = z.object({ id: z.string().max(60) });
const resultParams = z.object({ id: z.string().max(60), rid: z.string().max(60) });

/**
 * Reads a multipart upload with a size limit; a file that is too large is reported, not thrown, and
 * the rest of the request is read and dropped, so the browser receives the answer (not a broken
 * connection) however large the file was.
 */
async function readUpload(request: FastifyRequest, maxBytes: number) {
  const fields: Record<string, string> = {};
  let file: { fileName: string; bytes: Buffer } | null = null;
  let tooLarge = false;
  if (!request.isMultipart())
    return { fields: (request.body ?? {}) as Record<string, string>, file, tooLarge };
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'file') {
        if (tooLarge) {
          part.file.resume();
          continue;
        }
        try {
          const bytes = await part.toBuffer();
          if (bytes.length > 0) file = { fileName: part.filename || 'bestand.csv', bytes };
        } catch (error) {
          if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
          tooLarge = true;
          part.file.resume();
        }
      } else {
        fields[part.fieldname] = String((part as { value: unknown }).value ?? '');
      }
    }
  } catch (error) {
    // The limit can also be reported by the iterator itself, before the file part is handed over.
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') tooLarge = true;
    if (!tooLarge) throw error;
  }
  if (tooLarge) {
    file = null;
    // Whatever the browser still sends is read and dropped, so that it receives the answer.
    request.raw.resume();
  }
  return { fields, file, tooLarge };
}

const tooLargeMessage = (max: number) =>
  `Het bestand is groter dan ${Math.round(max / 1024 / 1024)} MB. Splits het op in kleinere bestanden (bv. per indicator of per jaar) en laad ze één voor één op.`;

function indicatorFormInput(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  const flags = b.flags === undefined ? [] : Array.isArray(b.flags) ? b.flags.map(String) : [String(b.flags)];
  return {
    ...b,
    similarityContext: flags.includes('similarityContext'),
    personalData: flags.includes('personalData'),
    published: flags.includes('published'),
  };
}

// --- API shapes --------------------------------------------------------------------------------

const indicatorApi = z
  .object({
    code: z.string(),
    name: z.string().describe('Benaming'),
    definition: z.string(),
    type: z.enum(indicatorTypes).describe('Soort indicator'),
    calculation: z.string().describe('Berekeningswijze'),
    measure: z
      .enum(measures)
      .describe('count: opgeteld; rate: teller/noemer × multiplier; level: niet op te tellen'),
    numeratorLabel: z.string().nullable(),
    denominatorLabel: z.string().nullable(),
    multiplier: z.number().int(),
    unit: z.string(),
    decimals: z.number().int(),
    source: z.string(),
    frequency: z.enum(frequencies),
    quality: z.string().nullable().describe('Kwaliteitsbeoordeling'),
    policyRelevance: z.string().nullable(),
    budgetRelevance: z.string().nullable(),
    theme: z.string(),
    breakdowns: z.array(z.string()),
    direction: z.string(),
    areaLevel: z.string(),
    personalData: z.boolean().describe('Cellen onder 5 personen worden onderdrukt'),
    baseline: z.object({ value: z.number(), period: z.string().nullable() }).nullable(),
    target: z.object({ value: z.number(), period: z.string().nullable() }).nullable(),
    demo: z.boolean().describe('Synthetische demowaarden'),
    links: z.object({ values: z.string(), csv: z.string(), html: z.string() }),
  })
  .meta({ id: 'Indicator' });

const toIndicatorApi = (i: Indicator): z.infer<typeof indicatorApi> => ({
  code: i.code,
  name: i.name,
  definition: i.definition,
  type: i.type as z.infer<typeof indicatorApi>['type'],
  calculation: i.calculation,
  measure: i.measure as z.infer<typeof indicatorApi>['measure'],
  numeratorLabel: i.numeratorLabel,
  denominatorLabel: i.denominatorLabel,
  multiplier: i.multiplier,
  unit: i.unit,
  decimals: i.decimals,
  source: i.source,
  frequency: i.frequency as 'year',
  quality: i.quality,
  policyRelevance: i.policyRelevance,
  budgetRelevance: i.budgetRelevance,
  theme: i.theme,
  breakdowns: i.breakdowns,
  direction: i.direction,
  areaLevel: i.areaLevel,
  personalData: i.personalData,
  baseline: i.baselineValue === null ? null : { value: i.baselineValue, period: i.baselinePeriod },
  target: i.targetValue === null ? null : { value: i.targetValue, period: i.targetPeriod },
  demo: i.demo,
  links: {
    values: `/api/v1/indicators/${i.code}/values`,
    csv: `/api/v1/indicators/${i.code}/values.csv`,
    html: `/monitoring/indicatoren/${i.code}`,
  },
});

const valueApi = z
  .object({
    area: z.string().describe('NIS-code (gemeente, 2025) of gewestcode'),
    areaName: z.string(),
    period: z.string(),
    breakdown: z.string(),
    value: z.number().nullable(),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    status: z.enum(valueStatuses),
    suppressed: z.boolean().describe('Minder dan 5 personen: niet getoond'),
    source: z.string().nullable(),
  })
  .meta({ id: 'IndicatorValue' });

const valuesQuery = pageQuerySchema.extend({
  period: z
    .string()
    .regex(/^\d{4}(-Q[1-4])?$/)
    .optional(),
  area: z.string().max(10).optional(),
  breakdown: z.string().max(40).optional(),
});

const planApi = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(planKinds),
    ownerName: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    progress: z.number().nullable(),
  })
  .meta({ id: 'ActionPlanSummary' });

const planDetailApi = planApi
  .extend({
    description: z.string().nullable(),
    results: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        title: z.string(),
        parentId: z.string().nullable(),
        weight: z.number(),
        status: z.string(),
        progress: z.number(),
        indicators: z.array(
          z.object({
            code: z.string(),
            baselineValue: z.number().nullable(),
            baselinePeriod: z.string().nullable(),
            targetValue: z.number().nullable(),
            targetPeriod: z.string().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ActionPlan' });

export async function monitoringRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const rerender = (
    reply: FastifyReply,
    error: unknown,
    render: (errors: Record<string, string>) => unknown,
  ) => {
    if (error instanceof ValidationError) return reply.render(render(error.fieldErrors) as never, 422);
    throw error;
  };

  app.get(STYLESHEET_PATH, publicRoute, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(MONITORING_CSS),
  );

  app.get('/monitoring', publicRoute, async (request, reply) => {
    const geo = await geography(app.db);
    return reply.render(
      <OverviewPage
        ctx={reply.view()}
        municipalities={geo.municipalities}
        canManage={canManageMonitoring(request.principal)}
      />,
    );
  });

  // --- Catalogue ------------------------------------------------------------------------------

  const catalogueQuery = z.object({
    q: text(100),
    theme: z.enum(themeCodes).optional().catch(undefined),
    type: z.enum(indicatorTypes).optional().catch(undefined),
  });

  app.get('/monitoring/indicatoren', publicRoute, async (request, reply) => {
    const query = catalogueQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const manage = canManageMonitoring(request.principal);
    const { items, total } = await listIndicators(app.db, query, page, manage);
    return reply.render(
      <IndicatorListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        canManage={manage}
      />,
    );
  });

  app.get('/monitoring/indicatoren/nieuw', async (request, reply) => {
    if (!canManageMonitoring(request.principal)) return reply.callNotFound();
    return reply.render(
      <IndicatorFormPage ctx={reply.view()} values={{ published: true, multiplier: 100, decimals: 0 }} />,
    );
  });

  app.post('/monitoring/indicatoren/nieuw', async (request, reply) => {
    const input = indicatorFormInput(request.body);
    try {
      const ind = await createIndicator(request.ctx(), input);
      reply.flash('success', 'De indicator is toegevoegd.');
      return reply.seeOther(`/monitoring/indicatoren/${ind.code}`);
    } catch (error) {
      return rerender(reply, error, (errors) => (
        <IndicatorFormPage ctx={reply.view()} values={input} errors={errors} />
      ));
    }
  });

  app.get('/monitoring/indicatoren/:code', publicRoute, async (request, reply) => {
    const { code } = parseInput(codeParam, request.params);
    const manage = canManageMonitoring(request.principal);
    const ind = await getIndicator(app.db, code, manage);
    const overview = await indicatorOverview(app.db, ind);
    const computed = ind.computedBy
      ? { at: await lastComputedAt(app.db), canRecompute: canRecompute(request) }
      : undefined;
    return reply.render(
      <IndicatorPage
        ctx={reply.view()}
        ind={ind}
        overview={overview}
        canManage={manage}
        computed={computed}
      />,
    );
  });

  app.post('/monitoring/indicatoren/herberekenen', async (request, reply) => {
    const { code } = z
      .object({
        code: z
          .string()
          .regex(/^[a-z0-9-]{1,60}$/)
          .optional()
          .catch(undefined),
      })
      .parse(request.body ?? {});
    const result = await recomputeNow(request.ctx(), app.manifests);
    if (result) {
      const values = result.indicators.reduce((n, i) => n + i.values, 0);
      reply.flash(
        'success',
        `De berekende indicatoren zijn herberekend: ${result.indicators.length} indicatoren, ${values.toLocaleString('nl-BE')} waarden.`,
      );
    } else {
      reply.flash('info', 'Er loopt al een herberekening. Laad de pagina zo dadelijk opnieuw.');
    }
    return reply.seeOther(code ? `/monitoring/indicatoren/${code}` : '/monitoring/indicatoren');
  });

  app.get('/monitoring/indicatoren/:code/bewerken', async (request, reply) => {
    const { code } = parseInput(codeParam, request.params);
    if (!canManageMonitoring(request.principal)) return reply.callNotFound();
    const ind = await getIndicator(app.db, code, true);
    const values = {
      ...ind,
      baselineValue: ind.baselineValue === null ? '' : formatFixed(ind.baselineValue, ind.decimals),
      targetValue: ind.targetValue === null ? '' : formatFixed(ind.targetValue, ind.decimals),
    };
    return reply.render(<IndicatorFormPage ctx={reply.view()} values={values} code={ind.code} />);
  });

  app.post('/monitoring/indicatoren/:code/bewerken', async (request, reply) => {
    const { code } = parseInput(codeParam, request.params);
    const input = indicatorFormInput(request.body);
    try {
      const ind = await updateIndicator(request.ctx(), code, input);
      reply.flash('success', 'De fiche is bewaard.');
      return reply.seeOther(`/monitoring/indicatoren/${ind.code}`);
    } catch (error) {
      return rerender(reply, error, (errors) => (
        <IndicatorFormPage ctx={reply.view()} values={input} errors={errors} code={code} />
      ));
    }
  });

  // --- Profiles, map, comparison ---------------------------------------------------------------

  app.get('/monitoring/gemeenten', publicRoute, async (request, reply) => {
    const nis = z
      .object({
        nis: z
          .string()
          .regex(/^\d{5}$/)
          .optional()
          .catch(undefined),
      })
      .parse(request.query ?? {}).nis;
    if (nis) return reply.seeOther(`/monitoring/gemeenten/${nis}`);
    const geo = await geography(app.db);
    return reply.render(<ProfileIndexPage ctx={reply.view()} municipalities={geo.municipalities} />);
  });

  app.get('/monitoring/gemeenten/:nis', sharedPublicRoute, async (request, reply) => {
    const { nis } = parseInput(nisParam, request.params);
    const { thema } = z.object({ thema: z.enum(themeCodes).catch('context') }).parse(request.query ?? {});
    const profile = await municipalProfile(app.db, nis, thema);
    return reply.render(<ProfilePage ctx={reply.view()} profile={profile} />);
  });

  const mapQuery = z.object({
    indicator: text(60),
    periode: text(7),
    uitsplitsing: text(40),
    gemeente: z
      .string()
      .regex(/^\d{5}$/)
      .optional()
      .catch(undefined),
  });

  app.get('/monitoring/kaart', sharedPublicRoute, async (request, reply) => {
    const q = mapQuery.parse(request.query ?? {});
    const list = (await allIndicators(app.db)).filter((i) => i.areaLevel === 'municipality');
    if (list.length === 0) {
      reply.flash('info', 'Er zijn nog geen indicatoren om op de kaart te tonen.');
      return reply.seeOther('/monitoring');
    }
    const ind =
      list.find((i) => i.code === q.indicator) ??
      list.find((i) => i.code === 'aandeel-buitenlandse-herkomst') ??
      list[0]!;
    const data = await mapData(app.db, ind, q.periode, q.uitsplitsing);
    return reply.render(
      <MapPage
        ctx={reply.view()}
        data={data}
        areas={municipalityAreas()}
        indicators={list}
        selected={q.gemeente}
      />,
    );
  });

  const compareQuery = z.object({
    gemeente: z
      .string()
      .regex(/^\d{5}$/)
      .optional()
      .catch(undefined),
    gemeenten: list(15),
    indicatoren: list(6),
    voorstel: z
      .string()
      .optional()
      .catch(undefined)
      .transform((v) => v === '1' || v === 'ja' || v === 'on'),
    periode: text(7),
  });

  async function runComparison(query: CompareQuery) {
    const all = (await allIndicators(app.db)).filter((i) => i.areaLevel === 'municipality');
    const defaults = ['aandeel-buitenlandse-herkomst', 'werkzaamheidsgraad', 'schoolse-vertraging'];
    const chosenCodes = query.indicatoren.length ? query.indicatoren : defaults;
    const chosen = all.filter((i) => chosenCodes.includes(i.code)).slice(0, 6);
    const similar =
      query.gemeente && query.voorstel ? await similarMunicipalities(app.db, query.gemeente, 10) : null;
    const nisList = [
      ...new Set([
        ...(query.gemeente ? [query.gemeente] : []),
        ...(similar?.items.map((s) => s.nis) ?? []),
        ...query.gemeenten.filter((n) => /^\d{5}$/.test(n)),
      ]),
    ].slice(0, 26);
    const result =
      nisList.length || query.gemeente ? await comparison(app.db, chosen, nisList, query.periode) : null;
    return { all, chosen, similar, result };
  }

  app.get('/monitoring/vergelijken', publicRoute, async (request, reply) => {
    const query = compareQuery.parse(request.query ?? {});
    const geo = await geography(app.db);
    const { all, chosen, similar, result } = await runComparison(query);
    return reply.render(
      <ComparePage
        ctx={reply.view()}
        query={query}
        municipalities={geo.municipalities}
        allIndicators={all}
        chosen={chosen}
        result={result}
        similar={similar}
      />,
    );
  });

  app.get('/monitoring/vergelijken.csv', publicRoute, async (request, reply) => {
    const query = compareQuery.parse(request.query ?? {});
    const { chosen, result } = await runComparison(query);
    const header = [
      'nis',
      'gemeente',
      ...chosen.map((c, i) => `${c.code}${result?.periods[i] ? ` ${result.periods[i]}` : ''}`),
    ];
    const rows = (result?.rows ?? []).map((r) => [
      r.nis,
      safeCell(r.name),
      ...r.cells.map((c) => (c.suppressed ? 'minder dan 5' : (c.value ?? ''))),
    ]);
    if (result)
      rows.push([
        'VLG',
        'Vlaanderen',
        ...result.flanders.map((c) => (c.suppressed ? 'minder dan 5' : (c.value ?? ''))),
      ]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="vergelijking.csv"')
      .send(`\uFEFF${stringify([header, ...rows])}`);
  });

  // --- Imports ---------------------------------------------------------------------------------

  async function importPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
    status = 200,
  ) {
    const page = readPage(request.query, 10);
    const batches = await listBatches(request.ctx(), page);
    return reply.render(
      <ImportPage
        ctx={reply.view()}
        values={values}
        errors={errors}
        batches={{ ...batches, page: page.page, pageSize: page.pageSize }}
      />,
      status,
    );
  }

  app.get('/monitoring/import', async (request, reply) => {
    if (!canManageMonitoring(request.principal)) return reply.callNotFound();
    return importPage(request, reply, {});
  });

  app.post('/monitoring/import', async (request, reply) => {
    if (!canManageMonitoring(request.principal)) return reply.callNotFound();
    const upload = await readUpload(request, IMPORT_MAX_BYTES);
    if (upload.tooLarge)
      return importPage(request, reply, upload.fields, { file: tooLargeMessage(IMPORT_MAX_BYTES) }, 413);
    if (!upload.file)
      return importPage(
        request,
        reply,
        upload.fields,
        { file: 'Kies een CSV-bestand of een Excel-werkmap (.xlsx).' },
        422,
      );
    try {
      const batch = await checkImport(request.ctx(), upload.file, upload.fields);
      return reply.seeOther(`/monitoring/import/${batch.id}`);
    } catch (error) {
      if (error instanceof ValidationError)
        return importPage(request, reply, upload.fields, error.fieldErrors, 422);
      throw error;
    }
  });

  app.get('/monitoring/import/:id', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const batch = await getBatch(request.ctx(), id);
    return reply.render(<BatchPage ctx={reply.view()} batch={batch} />);
  });

  app.post('/monitoring/import/:id/inlezen', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    try {
      const batch = await runImport(request.ctx(), id);
      reply.flash('success', `Ingelezen: ${batch.created} nieuwe en ${batch.updated} bijgewerkte waarden.`);
      return reply.seeOther(`/monitoring/import/${id}`);
    } catch (error) {
      if (error instanceof ValidationError) {
        const batch = await getBatch(request.ctx(), id);
        return reply.render(<BatchPage ctx={reply.view()} batch={batch} errors={error.fieldErrors} />, 422);
      }
      throw error;
    }
  });

  app.post('/monitoring/import/:id/verwerpen', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    await discardImport(request.ctx(), id);
    reply.flash('info', 'De import is verworpen; er werd niets ingelezen.');
    return reply.seeOther('/monitoring/import');
  });

  // --- Action plans ----------------------------------------------------------------------------

  const planQuery = z.object({ q: text(100), kind: z.enum(planKinds).optional().catch(undefined) });

  app.get('/monitoring/plannen', publicRoute, async (request, reply) => {
    const query = planQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listPlans(app.db, query, page);
    return reply.render(
      <PlanListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        canCreate={canCreatePlan(request.principal)}
      />,
    );
  });

  const tablesForForm = async () =>
    (await listRegietafels(app.db, {}, { page: 1, pageSize: 200, offset: 0 })).items;

  app.get('/monitoring/plannen/nieuw', async (request, reply) => {
    if (!canCreatePlan(request.principal)) return reply.callNotFound();
    const { regietafel } = z
      .object({ regietafel: z.uuid().optional().catch(undefined) })
      .parse(request.query ?? {});
    const values = {
      kind: regietafel ? 'regietafel' : 'local',
      regietafelId: regietafel,
      areaCode: request.principal?.active.municipalityNis ?? '',
    };
    return reply.render(<PlanFormPage ctx={reply.view()} values={values} tables={await tablesForForm()} />);
  });

  app.post('/monitoring/plannen/nieuw', async (request, reply) => {
    try {
      const plan = await createPlan(request.ctx(), request.body);
      reply.flash('success', 'Het actieplan is opgesteld. Voeg nu resultaten toe.');
      return reply.seeOther(`/monitoring/plannen/${plan.id}`);
    } catch (error) {
      const tables = await tablesForForm();
      return rerender(reply, error, (errors) => (
        <PlanFormPage
          ctx={reply.view()}
          values={request.body as Record<string, unknown>}
          errors={errors}
          tables={tables}
        />
      ));
    }
  });

  app.get('/monitoring/plannen/:id', publicRoute, async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const plan = await getPlan(app.db, id);
    return reply.render(
      <PlanPage ctx={reply.view()} plan={plan} canEdit={canEditPlan(request.principal, plan)} />,
    );
  });

  app.get('/monitoring/plannen/:id/voortgang.csv', publicRoute, async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const plan = await getPlan(app.db, id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="voortgang.csv"')
      .send(progressCsv(plan));
  });

  app.get('/monitoring/plannen/:id/voortgang.xlsx', publicRoute, async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const plan = await getPlan(app.db, id);
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', 'attachment; filename="voortgang.xlsx"')
      .send(await progressXlsx(plan));
  });

  app.get('/monitoring/plannen/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const plan = await planForEdit(request.ctx(), id);
    return reply.render(
      <PlanFormPage ctx={reply.view()} values={plan} planId={plan.id} tables={await tablesForForm()} />,
    );
  });

  app.post('/monitoring/plannen/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    try {
      await updatePlan(request.ctx(), id, request.body);
      reply.flash('success', 'Het actieplan is bewaard.');
      return reply.seeOther(`/monitoring/plannen/${id}`);
    } catch (error) {
      const tables = await tablesForForm();
      return rerender(reply, error, (errors) => (
        <PlanFormPage
          ctx={reply.view()}
          values={request.body as Record<string, unknown>}
          errors={errors}
          planId={id}
          tables={tables}
        />
      ));
    }
  });

  app.get('/monitoring/plannen/:id/resultaten/nieuw', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    await planForEdit(request.ctx(), id);
    const plan = await getPlan(app.db, id);
    return reply.render(<ResultFormPage ctx={reply.view()} plan={plan} values={{}} />);
  });

  app.post('/monitoring/plannen/:id/resultaten/nieuw', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    try {
      const result = await addResult(request.ctx(), id, request.body);
      reply.flash('success', `Resultaat ${result.code} is toegevoegd.`);
      return reply.seeOther(`/monitoring/plannen/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const plan = await getPlan(app.db, id);
      return reply.render(
        <ResultFormPage
          ctx={reply.view()}
          plan={plan}
          values={request.body as Record<string, unknown>}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  async function resultPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors?: Record<string, string>,
    values?: Record<string, unknown>,
  ) {
    const { id, rid } = parseInput(resultParams, request.params);
    const plan = await getPlan(app.db, id);
    const result = plan.results.find((r) => r.id === rid);
    if (!result) return reply.callNotFound();
    const page = readPage(request.query, 20);
    const timeline = await getResultTimeline(app.db, rid, page);
    const canEdit = canEditPlan(request.principal, plan);
    const indicators = canEdit
      ? (await allIndicators(app.db)).map((i) => ({ code: i.code, name: i.name }))
      : [];
    return reply.render(
      <ResultPage
        ctx={reply.view()}
        plan={plan}
        result={result}
        timeline={{ ...timeline, page: page.page, pageSize: page.pageSize }}
        canEdit={canEdit}
        errors={errors}
        values={values}
        indicators={indicators}
      />,
      errors ? 422 : 200,
    );
  }

  app.get('/monitoring/plannen/:id/resultaten/:rid', publicRoute, async (request, reply) =>
    resultPage(request, reply),
  );

  app.post('/monitoring/plannen/:id/resultaten/:rid/voortgang', async (request, reply) => {
    const { id, rid } = parseInput(resultParams, request.params);
    try {
      await addProgressUpdate(request.ctx(), id, rid, request.body);
      reply.flash('success', 'De voortgang is bewaard.');
      return reply.seeOther(`/monitoring/plannen/${id}/resultaten/${rid}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return resultPage(request, reply, error.fieldErrors, request.body as Record<string, unknown>);
    }
  });

  app.post('/monitoring/plannen/:id/resultaten/:rid/mijlpalen', async (request, reply) => {
    const { id, rid } = parseInput(resultParams, request.params);
    try {
      await addMilestone(request.ctx(), id, rid, request.body);
      reply.flash('success', 'De mijlpaal is toegevoegd.');
      return reply.seeOther(`/monitoring/plannen/${id}/resultaten/${rid}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return resultPage(request, reply, error.fieldErrors, request.body as Record<string, unknown>);
    }
  });

  app.post('/monitoring/plannen/:id/resultaten/:rid/indicatoren', async (request, reply) => {
    const { id, rid } = parseInput(resultParams, request.params);
    try {
      await linkIndicator(request.ctx(), id, rid, request.body);
      reply.flash('success', 'De indicator is gekoppeld.');
      return reply.seeOther(`/monitoring/plannen/${id}/resultaten/${rid}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return resultPage(request, reply, error.fieldErrors, request.body as Record<string, unknown>);
    }
  });

  app.get('/monitoring/plannen/:id/resultaten/:rid/bewerken', async (request, reply) => {
    const { id, rid } = parseInput(resultParams, request.params);
    await planForEdit(request.ctx(), id);
    const plan = await getPlan(app.db, id);
    const result = plan.results.find((r) => r.id === rid);
    if (!result) return reply.callNotFound();
    return reply.render(<ResultFormPage ctx={reply.view()} plan={plan} values={result} resultId={rid} />);
  });

  app.post('/monitoring/plannen/:id/resultaten/:rid/bewerken', async (request, reply) => {
    const { id, rid } = parseInput(resultParams, request.params);
    try {
      await updateResult(request.ctx(), id, rid, request.body);
      reply.flash('success', 'Het resultaat is bewaard.');
      return reply.seeOther(`/monitoring/plannen/${id}/resultaten/${rid}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const plan = await getPlan(app.db, id);
      return reply.render(
        <ResultFormPage
          ctx={reply.view()}
          plan={plan}
          values={request.body as Record<string, unknown>}
          errors={error.fieldErrors}
          resultId={rid}
        />,
        422,
      );
    }
  });

  app.get('/monitoring/plannen/:id/voortgang-bijwerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    await planForEdit(request.ctx(), id);
    return reply.render(<BulkProgressPage ctx={reply.view()} plan={await getPlan(app.db, id)} />);
  });

  app.post('/monitoring/plannen/:id/voortgang-bijwerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    await planForEdit(request.ctx(), id);
    const upload = await readUpload(request, 1024 * 1024);
    const plan = await getPlan(app.db, id);
    if (upload.tooLarge)
      return reply.render(
        <BulkProgressPage ctx={reply.view()} plan={plan} errors={{ file: tooLargeMessage(1024 * 1024) }} />,
        413,
      );
    if (!upload.file)
      return reply.render(
        <BulkProgressPage
          ctx={reply.view()}
          plan={plan}
          errors={{ file: 'Kies een CSV-bestand of een Excel-werkmap (.xlsx).' }}
        />,
        422,
      );
    const text = await uploadedText(upload.file.fileName, upload.file.bytes, 5000);
    if ('error' in text)
      return reply.render(
        <BulkProgressPage ctx={reply.view()} plan={plan} errors={{ file: text.error }} />,
        422,
      );
    const unit = text.xlsx ? 'rij' : 'regel';
    const result = await bulkProgress(request.ctx(), id, text.text, unit);
    if (result.errors.length) {
      return reply.render(
        <BulkProgressPage
          ctx={reply.view()}
          plan={plan}
          lineErrors={result.errors}
          unit={unit === 'rij' ? 'Rij' : 'Regel'}
        />,
        422,
      );
    }
    reply.flash(
      'success',
      result.updates.length
        ? `${result.updates.length} resultaat/resultaten bijgewerkt.`
        : 'Er was niets te wijzigen.',
    );
    return reply.seeOther(`/monitoring/plannen/${id}`);
  });

  // --- Regietafels -----------------------------------------------------------------------------

  app.get('/monitoring/regietafels', publicRoute, async (request, reply) => {
    const page = readPage(request.query);
    const { items, total } = await listRegietafels(app.db, {}, page);
    return reply.render(
      <RegietafelListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        canCreate={canCreateRegietafel(request.principal)}
      />,
    );
  });

  app.get('/monitoring/regietafels/nieuw', async (request, reply) => {
    if (!canCreateRegietafel(request.principal)) return reply.callNotFound();
    return reply.render(<RegietafelFormPage ctx={reply.view()} values={{}} />);
  });

  app.post('/monitoring/regietafels/nieuw', async (request, reply) => {
    try {
      const t = await createRegietafel(request.ctx(), request.body);
      reply.flash('success', 'De regietafel is opgericht.');
      return reply.seeOther(`/monitoring/regietafels/${t.id}`);
    } catch (error) {
      return rerender(reply, error, (errors) => (
        <RegietafelFormPage
          ctx={reply.view()}
          values={request.body as Record<string, unknown>}
          errors={errors}
        />
      ));
    }
  });

  app.get('/monitoring/regietafels/:id', publicRoute, async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const page = readPage(request.query, 10);
    const table = await getRegietafel(app.db, id, page);
    return reply.render(
      <RegietafelPage
        ctx={reply.view()}
        table={table}
        page={page.page}
        pageSize={page.pageSize}
        canEdit={canEditRegietafel(request.principal, table)}
      />,
    );
  });

  app.get('/monitoring/regietafels/:id/leden', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const table = await tableForEdit(request.ctx(), id);
    const { q } = z.object({ q: text(100) }).parse(request.query ?? {});
    const orgs = await searchOrganisations(app.db, q);
    return reply.render(
      <MemberFormPage ctx={reply.view()} table={table} organisations={orgs} q={q} values={{}} />,
    );
  });

  app.post('/monitoring/regietafels/:id/leden', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    try {
      await addMember(request.ctx(), id, request.body);
      reply.flash('success', 'Het lid is toegevoegd.');
      return reply.seeOther(`/monitoring/regietafels/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const table = await tableForEdit(request.ctx(), id);
      const orgs = await searchOrganisations(app.db, undefined);
      return reply.render(
        <MemberFormPage
          ctx={reply.view()}
          table={table}
          organisations={orgs}
          q={undefined}
          values={request.body as Record<string, unknown>}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  app.get('/monitoring/regietafels/:id/vergaderingen/nieuw', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const table = await tableForEdit(request.ctx(), id);
    return reply.render(<MeetingFormPage ctx={reply.view()} table={table} values={{}} />);
  });

  app.post('/monitoring/regietafels/:id/vergaderingen/nieuw', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    try {
      await addMeeting(request.ctx(), id, request.body);
      reply.flash('success', 'De vergadering is bewaard.');
      return reply.seeOther(`/monitoring/regietafels/${id}`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const table = await tableForEdit(request.ctx(), id);
      return reply.render(
        <MeetingFormPage
          ctx={reply.view()}
          table={table}
          values={request.body as Record<string, unknown>}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  // --- Open data API ---------------------------------------------------------------------------

  api.get(
    '/api/v1/indicators',
    {
      ...publicRoute,
      schema: {
        summary: 'Published indicators with their metadata fiche, paginated',
        tags: ['Monitoring (open data)'],
        querystring: pageQuerySchema.extend({
          q: z.string().max(100).optional(),
          theme: z.enum(themeCodes).optional(),
          type: z.enum(indicatorTypes).optional(),
        }),
        response: { 200: pageSchema(indicatorApi), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listIndicators(app.db, request.query, page);
      return { items: items.map(toIndicatorApi), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.get(
    '/api/v1/indicators/:code',
    {
      ...publicRoute,
      schema: {
        summary: 'One indicator with its metadata fiche and available periods and breakdowns',
        tags: ['Monitoring (open data)'],
        params: codeParam,
        response: {
          200: indicatorApi.extend({
            breakdownKeys: z.array(z.string()),
            regionAreas: z.record(z.string(), z.string()),
          }),
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const ind = await getIndicator(app.db, request.params.code);
      return { ...toIndicatorApi(ind), breakdownKeys: breakdownKeys(ind.breakdowns), regionAreas };
    },
  );

  api.get(
    '/api/v1/indicators/:code/values',
    {
      ...publicRoute,
      schema: {
        summary:
          'Values of an indicator (municipalities by 2025 NIS code), paginated; cells under 5 people suppressed',
        tags: ['Monitoring (open data)'],
        params: codeParam,
        querystring: valuesQuery,
        response: { 200: pageSchema(valueApi), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const ind = await getIndicator(app.db, request.params.code);
      const page = readPage(request.query, 100);
      const { items, total } = await listValues(app.db, ind, request.query, page);
      return { items, total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.get(
    '/api/v1/indicators/:code/values.csv',
    {
      ...publicRoute,
      schema: {
        summary:
          'Values of an indicator as CSV, in the import format (indicator,nis,gemeente,periode,uitsplitsing,waarde,teller,noemer,status,bron)',
        tags: ['Monitoring (open data)'],
        params: codeParam,
        querystring: valuesQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.string().describe('text/csv'), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const ind = await getIndicator(app.db, request.params.code);
      const rows = await exportRows(app.db, [ind], request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${ind.code}.csv"`)
        .send(valuesToCsv(rows));
    },
  );

  api.get(
    '/api/v1/indicators/:code/values.xlsx',
    {
      ...publicRoute,
      schema: {
        summary:
          'Values of an indicator as an Excel workbook (.xlsx), in the import format (the same columns as the CSV)',
        tags: ['Monitoring (open data)'],
        params: codeParam,
        querystring: valuesQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.string().describe(XLSX_TYPE), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const ind = await getIndicator(app.db, request.params.code);
      const rows = await exportRows(app.db, [ind], request.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${ind.code}.xlsx"`)
        .send((await valuesToXlsx(rows)) as unknown as string);
    },
  );

  api.get(
    '/api/v1/action-plans',
    {
      ...publicRoute,
      schema: {
        summary: 'Action plans with their overall progress, paginated',
        tags: ['Monitoring (open data)'],
        querystring: pageQuerySchema.extend({
          q: z.string().max(100).optional(),
          kind: z.enum(planKinds).optional(),
        }),
        response: { 200: pageSchema(planApi), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listPlans(app.db, request.query, page);
      return {
        items: items.map((p) => ({ ...p, kind: p.kind as (typeof planKinds)[number] })),
        total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },
  );

  api.get(
    '/api/v1/action-plans/:id',
    {
      ...publicRoute,
      schema: {
        summary: 'One action plan with its result tree and rolled-up progress',
        tags: ['Monitoring (open data)'],
        params: z.object({ id: z.uuid({ error: 'Onbekend actieplan.' }) }),
        response: { 200: planDetailApi, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const plan = await getPlan(app.db, request.params.id);
      return {
        id: plan.id,
        title: plan.title,
        kind: plan.kind as (typeof planKinds)[number],
        ownerName: plan.ownerName,
        startYear: plan.startYear,
        endYear: plan.endYear,
        progress: plan.progress,
        description: plan.description,
        results: plan.results.map((r) => ({
          id: r.id,
          code: r.code,
          title: r.title,
          parentId: r.parentId,
          weight: r.weight,
          status: r.status,
          progress: r.rolled,
          indicators: r.indicators.map((i) => ({
            code: i.code,
            baselineValue: i.baselineValue,
            baselinePeriod: i.baselinePeriod,
            targetValue: i.targetValue,
            targetPeriod: i.targetPeriod,
          })),
        })),
      };
    },
  );

  api.post(
    '/api/v1/action-plans/:id/results/:rid/progress',
    {
      schema: {
        summary: 'Record progress on a result of an action plan of your organisation',
        tags: ['Monitoring'],
        params: z.object({ id: z.uuid(), rid: z.uuid() }),
        body: z.object({
          progress: z.number().min(0).max(100),
          status: z.enum(['planned', 'in_progress', 'done', 'delayed', 'cancelled']),
          note: z.string().max(2000).optional(),
        }),
        response: {
          204: z.null(),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      await addProgressUpdate(request.ctx(), request.params.id, request.params.rid, request.body);
      return reply.code(204).send(null);
    },
  );
}
