import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import type { ServiceContext } from '../../core/context';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import { type Page, pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import { formatDate, todayIso } from '../../core/i18n/format';
import {
  assertAgencyManager,
  findLocalGovernment,
  type LocalGovernment,
  sideOf,
  visibleLocalGovernment,
} from './access';
import { type CsvColumn, toCsv } from './csv';
import { agencyOverview, portfolio } from './overview';
import { paths } from './paths';
import {
  type ContactKind,
  contactKindLabels,
  isOverdue,
  type RequestStatus,
  requestStatuses,
  serviceAgencies,
  serviceCategories,
  serviceForms,
  statusLabel,
  validInYear,
  yearOpenError,
} from './rules';
import {
  addContactMoment,
  assignContact,
  type CatalogueItem,
  canAssignContact,
  canChoosePackage,
  canEditItem,
  canLogContact,
  canManageCatalogue,
  catalogueForAgency,
  contactCandidates,
  contactHistory,
  createCatalogueItem,
  createRequest,
  currentChoice,
  currentContact,
  getCatalogueItem,
  getRequest,
  listCatalogue,
  listContactLog,
  listLocalGovernments,
  listRequests,
  packageHistory,
  packageYear,
  type RequestFilter,
  type RequestRow,
  replyToRequest,
  savePackageChoice,
  savePackageSettings,
  updateCatalogueItem,
} from './service';
import { CatalogueItemFormPage, CatalogueItemPage, CatalogueListPage } from './views/catalogue';
import {
  ContactAssignPage,
  ContactLogPage,
  GovernmentListPage,
  GovernmentPage,
  PackagePage,
} from './views/governments';
import { AgencyOverviewPage, PackageSettingsPage, PortfolioPage } from './views/overview';
import { NewRequestPage, RequestListPage, RequestPage, type RequestQuery } from './views/requests';

/* ------------------------------------------------------------------------------------------------
 * Parameters: anything malformed is simply "not found"
 * ---------------------------------------------------------------------------------------------- */

const uuid = z.uuid();
function idParam(params: unknown, key = 'id'): string {
  const value = (params as Record<string, unknown>)[key];
  if (!uuid.safeParse(value).success) throw new NotFoundError();
  return value as string;
}
function yearParam(params: unknown): number {
  const value = String((params as Record<string, unknown>).year ?? '');
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < 2020 || year > 2100)
    throw new NotFoundError('Dit jaar bestaat hier niet.');
  return year;
}
function codeParam(params: unknown): string {
  const value = String((params as Record<string, unknown>).code ?? '');
  if (!/^[A-Za-z0-9-]{1,20}$/.test(value)) throw new NotFoundError('Deze dienst staat niet in de catalogus.');
  return value.toUpperCase();
}
function agencyParam(params: unknown): string {
  const value = String((params as Record<string, unknown>).agency ?? '').toUpperCase();
  if (!(serviceAgencies as readonly string[]).includes(value))
    throw new NotFoundError('Dit agentschap bestaat niet.');
  return value;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

const catalogueQuery = z.object({
  q: text(100),
  category: z.enum(serviceCategories).optional().catch(undefined),
  form: z.enum(serviceForms).optional().catch(undefined),
  agency: z.enum(serviceAgencies).optional().catch(undefined),
});

const requestQuery = z.object({
  q: text(100),
  status: z.enum(requestStatuses).optional().catch(undefined),
  jaar: z.coerce.number().int().min(2020).max(2100).optional().catch(undefined),
  bestuur: z.uuid().optional().catch(undefined),
  telaat: text(5),
  open: text(5),
});

const currentYear = () => Number(todayIso().slice(0, 4));
const body = (request: { body: unknown }) => (request.body ?? {}) as Record<string, unknown>;

function staffLinksFor(p: Principal | null) {
  if (!p) return null;
  const { role, agencyCode } = p.active;
  if (role === 'platform_admin') return { overview: paths.agency('AGII', currentYear()), portfolio: null };
  if ((role === 'agency_staff' || role === 'contact_person') && agencyCode) {
    return {
      overview: paths.agency(agencyCode, currentYear()),
      portfolio: role === 'contact_person' ? paths.portfolio(p.userId) : null,
    };
  }
  return null;
}

/** The local government a local officer works for, when it is one the service serves. */
async function ownGovernment(ctx: ServiceContext): Promise<LocalGovernment | null> {
  const p = ctx.principal;
  if (p?.active.role !== 'local_officer') return null;
  return findLocalGovernment(ctx.db, p.active.organisationId);
}

function sendCsv<Row>(
  reply: FastifyReply,
  filename: string,
  columns: CsvColumn<Row>[],
  rows: readonly Row[],
) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(toCsv(columns, rows));
}

const requestCsvColumns: CsvColumn<RequestRow>[] = [
  { header: 'Nummer', value: (r) => r.number },
  { header: 'Lokaal bestuur', value: (r) => r.organisationName },
  { header: 'Agentschap', value: (r) => r.agencyCode },
  { header: 'Dienst', value: (r) => r.itemTitle ?? 'Vrije vraag' },
  { header: 'Onderwerp', value: (r) => r.subject },
  { header: 'Status', value: (r) => statusLabel(r.status) },
  { header: 'Gesteld op', value: (r) => r.submittedOn },
  { header: 'Antwoord tegen', value: (r) => r.dueDate },
  { header: 'Afgesloten op', value: (r) => r.closedOn },
  { header: 'Te laat', value: (r) => (isOverdue(r, todayIso()) ? 'ja' : 'nee') },
];

function requestFilterOf(query: z.output<typeof requestQuery>): RequestFilter {
  return {
    q: query.q,
    status: query.status,
    year: query.jaar,
    organisationId: query.bestuur,
    overdue: !!query.telaat,
    open: !!query.open,
  };
}

/* ------------------------------------------------------------------------------------------------
 * API schemas
 * ---------------------------------------------------------------------------------------------- */

const catalogueItemApi = z
  .object({
    code: z.string(),
    title: z.string(),
    summary: z.string(),
    description: z.string().describe('Markdown'),
    category: z.enum(serviceCategories),
    form: z.enum(serviceForms),
    agencies: z.array(z.string()),
    inBasicPackage: z.boolean(),
    validFrom: z.string().describe('ISO date'),
    validUntil: z.string().nullable(),
    normWorkingDays: z
      .number()
      .int()
      .describe('Expected lead time in working days (Belgian holidays excluded)'),
  })
  .meta({ id: 'ServiceCatalogueItem' });

const toItemApi = (i: CatalogueItem): z.infer<typeof catalogueItemApi> => ({
  code: i.code,
  title: i.title,
  summary: i.summary,
  description: i.description,
  category: i.category as z.infer<typeof catalogueItemApi>['category'],
  form: i.form as z.infer<typeof catalogueItemApi>['form'],
  agencies: i.agencies,
  inBasicPackage: i.inBasicPackage,
  validFrom: i.validFrom,
  validUntil: i.validUntil,
  normWorkingDays: i.normWorkingDays,
});

const basicPackageApi = z
  .object({
    organisationId: z.string(),
    year: z.number().int(),
    open: z.boolean().describe('Whether the choice for this year can still change'),
    maxItems: z.number().int().nullable(),
    items: z.array(z.object({ code: z.string(), title: z.string(), chosenAt: z.string() })),
  })
  .meta({ id: 'BasicPackageChoice' });

const requestApi = z
  .object({
    id: z.string(),
    number: z.number().int(),
    organisationId: z.string(),
    organisationName: z.string(),
    item: z.string().nullable().describe('Catalogue code, or null for a free question'),
    subject: z.string(),
    status: z.enum(requestStatuses),
    statusLabel: z.string(),
    submittedOn: z.string(),
    dueDate: z.string(),
    closedOn: z.string().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'ServiceRequest' });

const messageApi = z.object({
  id: z.string(),
  side: z.enum(['local_government', 'agency']),
  author: z.string().nullable(),
  body: z.string().nullable(),
  statusFrom: z.string().nullable(),
  statusTo: z.string().nullable(),
  createdAt: z.string(),
});

const requestDetailApi = requestApi
  .extend({ messages: z.array(messageApi) })
  .meta({ id: 'ServiceRequestDetail' });

const toRequestApi = (r: RequestRow, forLocal: boolean): z.infer<typeof requestApi> => ({
  id: r.id,
  number: r.number,
  organisationId: r.organisationId,
  organisationName: r.organisationName,
  item: r.itemCode,
  subject: r.subject,
  status: r.status as RequestStatus,
  statusLabel: statusLabel(r.status, forLocal),
  submittedOn: r.submittedOn,
  dueDate: r.dueDate,
  closedOn: r.closedOn,
  overdue: isOverdue(r, todayIso()),
});

const errorResponses = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export async function servicesRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const publicRoute = { config: { public: true } } as const;

  /* ----------------------------------------------------------------------------------------------
   * Catalogue (public) and its management
   * -------------------------------------------------------------------------------------------- */

  app.get(paths.catalogue, publicRoute, async (request, reply) => {
    const query = catalogueQuery.parse(request.query ?? {});
    const page = readPage(request.query, 24);
    const { items, total } = await listCatalogue(app.db, query, page);
    const own = await ownGovernment(request.ctx());
    return reply.render(
      <CatalogueListPage
        ctx={reply.view()}
        items={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        canManage={canManageCatalogue(request.principal)}
        ownGovernmentId={own?.id ?? null}
        staffLinks={staffLinksFor(request.principal)}
      />,
    );
  });

  app.get('/dienstverlening/catalogus/:code', publicRoute, async (request, reply) => {
    const item = await getCatalogueItem(app.db, codeParam(request.params));
    const own = await ownGovernment(request.ctx());
    return reply.render(
      <CatalogueItemPage
        ctx={reply.view()}
        item={item}
        canEdit={canEditItem(request.principal, item)}
        ownGovernmentId={own && item.agencies.includes(own.agencyCode) ? own.id : null}
      />,
    );
  });

  const lockedAgency = (request: {
    principal: { active: { role: string; agencyCode: string | null } } | null;
  }) =>
    request.principal?.active.role === 'platform_admin'
      ? null
      : (request.principal?.active.agencyCode ?? null);

  app.get(paths.newItem, async (request, reply) => {
    if (!canManageCatalogue(request.principal))
      throw new ForbiddenError('Alleen beheerders en medewerkers van een agentschap beheren de catalogus.');
    return reply.render(
      <CatalogueItemFormPage
        ctx={reply.view()}
        item={null}
        values={{
          validFrom: `${currentYear()}-01-01`,
          inBasicPackage: true,
          normWorkingDays: 10,
          agencies: ['AGII'],
        }}
        agencyLocked={lockedAgency(request)}
      />,
    );
  });

  app.post(paths.newItem, async (request, reply) => {
    try {
      const item = await createCatalogueItem(request.ctx(), request.body);
      reply.flash('success', `"${item.title}" staat in de catalogus.`);
      return reply.seeOther(paths.item(item.code));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.render(
        <CatalogueItemFormPage
          ctx={reply.view()}
          item={null}
          values={body(request)}
          errors={error.fieldErrors}
          agencyLocked={lockedAgency(request)}
        />,
        422,
      );
    }
  });

  app.get('/dienstverlening/catalogus/:code/bewerken', async (request, reply) => {
    const item = await getCatalogueItem(app.db, codeParam(request.params));
    if (!canEditItem(request.principal, item))
      throw new ForbiddenError('U kunt alleen diensten van uw eigen agentschap aanpassen.');
    return reply.render(
      <CatalogueItemFormPage
        ctx={reply.view()}
        item={item}
        values={{ ...item, validUntil: item.validUntil ?? '' }}
        agencyLocked={lockedAgency(request)}
      />,
    );
  });

  app.post('/dienstverlening/catalogus/:code/bewerken', async (request, reply) => {
    const code = codeParam(request.params);
    try {
      const item = await updateCatalogueItem(request.ctx(), code, request.body);
      reply.flash('success', 'De wijzigingen zijn bewaard.');
      return reply.seeOther(paths.item(item.code));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const item = await getCatalogueItem(app.db, code);
      return reply.render(
        <CatalogueItemFormPage
          ctx={reply.view()}
          item={item}
          values={body(request)}
          errors={error.fieldErrors}
          agencyLocked={lockedAgency(request)}
        />,
        422,
      );
    }
  });

  /* ----------------------------------------------------------------------------------------------
   * Local governments: home of the service, package, contact person, contact log
   * -------------------------------------------------------------------------------------------- */

  app.get(paths.governments, async (request, reply) => {
    const query = z.object({ q: text(100) }).parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listLocalGovernments(request.ctx(), query, page);
    return reply.render(
      <GovernmentListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
      />,
    );
  });

  app.get('/dienstverlening/besturen/:id', async (request, reply) => {
    const ctx = request.ctx();
    const lg = await visibleLocalGovernment(ctx, idParam(request.params));
    const p = ctx.user;
    const year = currentYear();
    const recent: Page = { page: 1, pageSize: 5, offset: 0 };
    const [contact, choice, requests, contacts] = await Promise.all([
      currentContact(app.db, lg.id),
      currentChoice(app.db, lg.id, year),
      listRequests(ctx, { organisationId: lg.id }, recent),
      listContactLog(ctx, lg.id, recent),
    ]);
    return reply.render(
      <GovernmentPage
        ctx={reply.view()}
        lg={lg}
        contact={contact}
        year={year}
        choice={choice}
        requests={requests.items}
        requestTotal={requests.total}
        contacts={contacts.items}
        contactTotal={contacts.total}
        can={{
          choose: canChoosePackage(p, lg.id),
          assign: canAssignContact(p, lg),
          log: canLogContact(p, lg, true),
          ask: p.active.role === 'local_officer' && p.active.organisationId === lg.id,
          overview: p.active.agencyCode === lg.agencyCode,
        }}
      />,
    );
  });

  async function renderPackage(
    ctx: ServiceContext,
    reply: FastifyReply,
    lg: LocalGovernment,
    year: number,
    errors?: Record<string, string>,
    chosenOverride?: string[],
  ) {
    const [all, choice, settings, history] = await Promise.all([
      catalogueForAgency(app.db, lg.agencyCode, year),
      currentChoice(app.db, lg.id, year),
      packageYear(app.db, lg.agencyCode, year),
      packageHistory(app.db, lg.id, year),
    ]);
    const items = all.filter((i) => i.inBasicPackage);
    return reply.render(
      <PackagePage
        ctx={reply.view()}
        lg={lg}
        year={year}
        items={items}
        chosen={chosenOverride ?? choice.map((c) => c.code)}
        settings={settings}
        yearError={yearOpenError({ year, currentYear: currentYear(), closed: settings.closed })}
        history={history}
        canChoose={canChoosePackage(ctx.user, lg.id)}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  }

  app.get('/dienstverlening/besturen/:id/basispakket/:year', async (request, reply) => {
    const ctx = request.ctx();
    const lg = await visibleLocalGovernment(ctx, idParam(request.params));
    return renderPackage(ctx, reply, lg, yearParam(request.params));
  });

  app.post('/dienstverlening/besturen/:id/basispakket/:year', async (request, reply) => {
    const ctx = request.ctx();
    const id = idParam(request.params);
    const year = yearParam(request.params);
    try {
      const result = await savePackageChoice(ctx, id, year, request.body);
      reply.flash(
        'success',
        result.changed ? `Uw keuze voor ${year} is bewaard.` : 'Er was niets gewijzigd.',
      );
      return reply.seeOther(paths.package(id, year));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const lg = await visibleLocalGovernment(ctx, id);
      const raw = body(request).items;
      const chosen = raw === undefined ? [] : ([] as unknown[]).concat(raw).map(String);
      return renderPackage(ctx, reply, lg, year, error.fieldErrors, chosen);
    }
  });

  async function renderAssign(reply: FastifyReply, lg: LocalGovernment, errors?: Record<string, string>) {
    const [contact, history, candidates] = await Promise.all([
      currentContact(app.db, lg.id),
      contactHistory(app.db, lg.id),
      contactCandidates(app.db, lg.agencyCode),
    ]);
    return reply.render(
      <ContactAssignPage
        ctx={reply.view()}
        lg={lg}
        contact={contact}
        history={history}
        candidates={candidates}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  }

  app.get('/dienstverlening/besturen/:id/aanspreekpersoon', async (request, reply) => {
    const ctx = request.ctx();
    const lg = await visibleLocalGovernment(ctx, idParam(request.params));
    if (!canAssignContact(ctx.user, lg)) {
      throw new ForbiddenError('Alleen medewerkers van het agentschap wijzen een aanspreekpersoon toe.');
    }
    return renderAssign(reply, lg);
  });

  app.post('/dienstverlening/besturen/:id/aanspreekpersoon', async (request, reply) => {
    const ctx = request.ctx();
    const id = idParam(request.params);
    try {
      await assignContact(ctx, id, request.body);
      reply.flash(
        'success',
        'De aanspreekpersoon is toegewezen. We brachten hem of haar per e-mail op de hoogte.',
      );
      return reply.seeOther(paths.government(id));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderAssign(reply, await visibleLocalGovernment(ctx, id), error.fieldErrors);
    }
  });

  async function renderContactLog(
    ctx: ServiceContext,
    reply: FastifyReply,
    lg: LocalGovernment,
    query: unknown,
    values: Record<string, unknown> = {},
    errors?: Record<string, string>,
  ) {
    const page = readPage(query);
    const { items, total } = await listContactLog(ctx, lg.id, page);
    return reply.render(
      <ContactLogPage
        ctx={reply.view()}
        lg={lg}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        canLog={canLogContact(ctx.user, lg, true)}
        values={values}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  }

  app.get('/dienstverlening/besturen/:id/contacten', async (request, reply) => {
    const ctx = request.ctx();
    const lg = await visibleLocalGovernment(ctx, idParam(request.params));
    return renderContactLog(ctx, reply, lg, request.query);
  });

  app.post('/dienstverlening/besturen/:id/contacten', async (request, reply) => {
    const ctx = request.ctx();
    const id = idParam(request.params);
    try {
      await addContactMoment(ctx, id, request.body);
      reply.flash('success', 'Het contactmoment is genoteerd.');
      return reply.seeOther(paths.contactLog(id));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderContactLog(
        ctx,
        reply,
        await visibleLocalGovernment(ctx, id),
        {},
        body(request),
        error.fieldErrors,
      );
    }
  });

  app.get('/dienstverlening/besturen/:id/contacten/export', async (request, reply) => {
    const ctx = request.ctx();
    const lg = await visibleLocalGovernment(ctx, idParam(request.params));
    const { items } = await listContactLog(ctx, lg.id, { page: 1, pageSize: 10_000, offset: 0 });
    return sendCsv(
      reply,
      `contactmomenten-${lg.shortName ?? lg.id}.csv`.replace(/[^\w.-]+/g, '-'),
      [
        { header: 'Datum', value: (r) => r.occurredOn },
        { header: 'Soort', value: (r) => contactKindLabels[r.kind as ContactKind] ?? r.kind },
        { header: 'Onderwerp', value: (r) => r.topic },
        { header: 'Notities', value: (r) => r.notes },
        { header: 'Opvolging', value: (r) => r.followUp },
        { header: 'Genoteerd door', value: (r) => r.authorName },
      ],
      items,
    );
  });

  /* ----------------------------------------------------------------------------------------------
   * Requests
   * -------------------------------------------------------------------------------------------- */

  async function renderNewRequest(
    reply: FastifyReply,
    lg: LocalGovernment,
    values: Record<string, unknown>,
    errors?: Record<string, string>,
  ) {
    const items = (await catalogueForAgency(app.db, lg.agencyCode, currentYear())).filter((i) =>
      validInYear(i, currentYear()),
    );
    return reply.render(
      <NewRequestPage ctx={reply.view()} lg={lg} items={items} values={values} errors={errors} />,
      errors ? 422 : 200,
    );
  }

  function assertOwnGovernment(ctx: ServiceContext, id: string) {
    const p = ctx.user;
    if (p.active.role !== 'local_officer' || p.active.organisationId !== id) {
      throw new ForbiddenError('U kunt alleen een vraag stellen voor het lokaal bestuur waarvoor u werkt.');
    }
  }

  app.get('/dienstverlening/besturen/:id/vragen/nieuw', async (request, reply) => {
    const ctx = request.ctx();
    const lg = await visibleLocalGovernment(ctx, idParam(request.params));
    assertOwnGovernment(ctx, lg.id);
    const dienst = text(40).parse((request.query as Record<string, unknown> | undefined)?.dienst);
    return renderNewRequest(reply, lg, { item: dienst?.toUpperCase() ?? '' });
  });

  app.post('/dienstverlening/besturen/:id/vragen/nieuw', async (request, reply) => {
    const ctx = request.ctx();
    const id = idParam(request.params);
    try {
      const created = await createRequest(ctx, id, request.body);
      reply.flash(
        'success',
        `Uw vraag is verstuurd. U krijgt een antwoord tegen ${formatDate(created.dueDate)}.`,
      );
      return reply.seeOther(paths.request(created.id));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderNewRequest(reply, await visibleLocalGovernment(ctx, id), body(request), error.fieldErrors);
    }
  });

  app.get(paths.requests, async (request, reply) => {
    const ctx = request.ctx();
    const query = requestQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listRequests(ctx, requestFilterOf(query), page);
    const government = query.bestuur ? await findLocalGovernment(app.db, query.bestuur) : null;
    const viewQuery: RequestQuery = { ...query };
    return reply.render(
      <RequestListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={viewQuery}
        // Names of local governments are public; the list itself is scoped.
        governmentName={government?.name ?? null}
      />,
    );
  });

  app.get(paths.requestsCsv, async (request, reply) => {
    const ctx = request.ctx();
    const query = requestQuery.parse(request.query ?? {});
    const { items } = await listRequests(ctx, requestFilterOf(query), {
      page: 1,
      pageSize: 10_000,
      offset: 0,
    });
    return sendCsv(reply, 'vragen.csv', requestCsvColumns, items);
  });

  app.get('/dienstverlening/vragen/:id', async (request, reply) => {
    const ctx = request.ctx();
    const detail = await getRequest(ctx, idParam(request.params));
    return reply.render(
      <RequestPage ctx={reply.view()} detail={detail} canReply={!!sideOf(ctx.user)} values={{}} />,
    );
  });

  app.post('/dienstverlening/vragen/:id/antwoord', async (request, reply) => {
    const ctx = request.ctx();
    const id = idParam(request.params);
    try {
      const result = await replyToRequest(ctx, id, request.body);
      reply.flash(
        'success',
        result.status === 'done'
          ? 'De vraag is afgerond. Het lokaal bestuur kreeg een e-mail.'
          : 'Uw bericht is verstuurd.',
      );
      return reply.seeOther(paths.request(id));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const detail = await getRequest(ctx, id);
      return reply.render(
        <RequestPage
          ctx={reply.view()}
          detail={detail}
          canReply={!!sideOf(ctx.user)}
          values={body(request)}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
  });

  /* ----------------------------------------------------------------------------------------------
   * Overviews: agency and year, contact person's portfolio
   * -------------------------------------------------------------------------------------------- */

  app.get('/dienstverlening/overzicht', async (request, reply) => {
    const p = request.ctx().user;
    if (!p.active.agencyCode || !['agency_staff', 'contact_person'].includes(p.active.role)) {
      throw new NotFoundError('Dit overzicht is er voor de medewerkers van een agentschap.');
    }
    return reply.seeOther(paths.agency(p.active.agencyCode, currentYear()));
  });

  app.get('/dienstverlening/agentschappen/:agency/:year', async (request, reply) => {
    const ctx = request.ctx();
    const agency = agencyParam(request.params);
    const overview = await agencyOverview(ctx, agency, yearParam(request.params));
    const page = readPage(request.query);
    const p = ctx.user;
    return reply.render(
      <AgencyOverviewPage
        ctx={reply.view()}
        o={overview}
        servedPage={{ page: page.page, pageSize: page.pageSize }}
        canManage={
          p.active.role === 'platform_admin' ||
          (p.active.role === 'agency_staff' && p.active.agencyCode === agency)
        }
      />,
    );
  });

  app.get('/dienstverlening/agentschappen/:agency/:year/export/:table', async (request, reply) => {
    const ctx = request.ctx();
    const agency = agencyParam(request.params);
    const year = yearParam(request.params);
    const table = String((request.params as Record<string, unknown>).table);
    if (!['afname', 'statussen', 'doorlooptijd', 'te-laat', 'besturen'].includes(table))
      throw new NotFoundError();
    const o = await agencyOverview(ctx, agency, year);
    const name = `${table}-${agency.toLowerCase()}-${year}.csv`;
    switch (table) {
      case 'afname':
        return sendCsv(
          reply,
          name,
          [
            { header: 'Code', value: (u) => u.code },
            { header: 'Dienst', value: (u) => u.title },
            { header: 'Basispakket', value: (u) => (u.inBasicPackage ? 'ja' : 'nee') },
            { header: 'Lokale besturen', value: (u) => u.localGovernments },
            { header: 'Vragen', value: (u) => u.requests },
          ],
          o.uptake,
        );
      case 'statussen':
        return sendCsv(
          reply,
          name,
          [
            { header: 'Status', value: (s) => statusLabel(s.status) },
            { header: 'Aantal', value: (s) => s.count },
          ],
          o.byStatus,
        );
      case 'doorlooptijd':
        return sendCsv(
          reply,
          name,
          [
            { header: 'Dienst', value: (l) => l.title },
            { header: 'Afgerond', value: (l) => l.count },
            {
              header: 'Mediaan (werkdagen)',
              value: (l) => (l.medianDays === null ? null : String(l.medianDays).replace('.', ',')),
            },
            { header: 'Termijn (werkdagen)', value: (l) => l.normDays },
            { header: 'Binnen termijn', value: (l) => l.withinNorm },
          ],
          o.leadTimes,
        );
      case 'te-laat':
        return sendCsv(
          reply,
          name,
          [
            { header: 'Nummer', value: (r) => r.number },
            { header: 'Lokaal bestuur', value: (r) => r.organisationName },
            { header: 'Onderwerp', value: (r) => r.subject },
            { header: 'Status', value: (r) => statusLabel(r.status) },
            { header: 'Gesteld op', value: (r) => r.submittedOn },
            { header: 'Antwoord tegen', value: (r) => r.dueDate },
          ],
          o.overdue,
        );
      default:
        return sendCsv(
          reply,
          name,
          [
            { header: 'Lokaal bestuur', value: (g) => g.name },
            { header: 'NIS', value: (g) => g.municipalityNis },
            { header: 'Diensten in basispakket', value: (g) => g.packageItems },
            { header: 'Vragen', value: (g) => g.requests },
            { header: 'Contactmomenten', value: (g) => g.contactMoments },
          ],
          o.served,
        );
    }
  });

  app.get('/dienstverlening/agentschappen/:agency/:year/instellingen', async (request, reply) => {
    const p = request.ctx().user;
    const agency = agencyParam(request.params);
    const year = yearParam(request.params);
    assertAgencyManager(p, agency);
    const settings = await packageYear(app.db, agency, year);
    return reply.render(
      <PackageSettingsPage
        ctx={reply.view()}
        agencyCode={agency}
        year={year}
        values={{ maxItems: settings.maxItems ?? '', closed: settings.closed }}
      />,
    );
  });

  app.post('/dienstverlening/agentschappen/:agency/:year/instellingen', async (request, reply) => {
    const ctx = request.ctx();
    const agency = agencyParam(request.params);
    const year = yearParam(request.params);
    assertAgencyManager(ctx.user, agency);
    try {
      await savePackageSettings(ctx, agency, year, request.body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const values = body(request);
      return reply.render(
        <PackageSettingsPage
          ctx={reply.view()}
          agencyCode={agency}
          year={year}
          values={{ ...values, closed: values.closed === 'on' }}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
    reply.flash('success', `De instellingen voor ${year} zijn bewaard.`);
    return reply.seeOther(paths.agency(agency, year));
  });

  app.get(paths.myPortfolio, async (request, reply) => {
    const p = request.ctx().user;
    if (p.active.role !== 'contact_person') {
      throw new NotFoundError('Alleen aanspreekpersonen hebben een portefeuille.');
    }
    return reply.seeOther(paths.portfolio(p.userId));
  });

  app.get('/dienstverlening/aanspreekpersonen/:userId', async (request, reply) => {
    const page = readPage(request.query);
    const p = await portfolio(request.ctx(), idParam(request.params, 'userId'), page);
    return reply.render(<PortfolioPage ctx={reply.view()} p={p} page={page.page} pageSize={page.pageSize} />);
  });

  app.get('/dienstverlening/aanspreekpersonen/:userId/export', async (request, reply) => {
    const p = await portfolio(request.ctx(), idParam(request.params, 'userId'), null);
    return sendCsv(
      reply,
      'portefeuille.csv',
      [
        { header: 'Lokaal bestuur', value: (g) => g.name },
        { header: 'NIS', value: (g) => g.municipalityNis },
        { header: 'Open vragen', value: (g) => g.openRequests },
        { header: 'Te laat', value: (g) => g.overdueRequests },
        { header: `Diensten in basispakket ${p.year}`, value: (g) => g.packageItems },
        { header: 'Laatste contact', value: (g) => g.lastContact },
      ],
      p.items,
    );
  });

  /* ----------------------------------------------------------------------------------------------
   * JSON API
   * -------------------------------------------------------------------------------------------- */

  const tags = ['Standaarddienstverlening'];

  api.get(
    '/api/v1/service-catalogue',
    {
      ...publicRoute,
      schema: {
        summary: 'The service catalogue, paginated',
        tags,
        querystring: pageQuerySchema.extend({
          category: z.enum(serviceCategories).optional(),
          form: z.enum(serviceForms).optional(),
          agency: z.enum(serviceAgencies).optional(),
          basicPackage: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageSchema(catalogueItemApi), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const q = request.query;
      const { items, total } = await listCatalogue(
        app.db,
        {
          category: q.category,
          form: q.form,
          agency: q.agency,
          basic: q.basicPackage === undefined ? undefined : q.basicPackage === 'true',
        },
        page,
      );
      return { items: items.map(toItemApi), total, page: page.page, pageSize: page.pageSize };
    },
  );

  api.get(
    '/api/v1/service-catalogue/:code',
    {
      ...publicRoute,
      schema: {
        summary: 'One catalogue item by code',
        tags,
        params: z.object({ code: z.string().max(20) }),
        response: { 200: catalogueItemApi, 404: problemSchema },
      },
    },
    async (request) => toItemApi(await getCatalogueItem(app.db, codeParam(request.params))),
  );

  async function apiOwnGovernment(ctx: ServiceContext): Promise<LocalGovernment> {
    const lg = await ownGovernment(ctx);
    if (!lg) {
      throw new ForbiddenError(
        'Dit kan alleen een medewerker van een lokaal bestuur, voor het eigen bestuur.',
      );
    }
    return lg;
  }

  async function basicPackageOf(lg: LocalGovernment, year: number): Promise<z.infer<typeof basicPackageApi>> {
    const [choice, settings] = await Promise.all([
      currentChoice(app.db, lg.id, year),
      packageYear(app.db, lg.agencyCode, year),
    ]);
    return {
      organisationId: lg.id,
      year,
      open: yearOpenError({ year, currentYear: currentYear(), closed: settings.closed }) === null,
      maxItems: settings.maxItems,
      items: choice.map((c) => ({ code: c.code, title: c.title, chosenAt: c.chosenAt.toISOString() })),
    };
  }

  const yearParams = z.object({ year: z.coerce.number().int().min(2020).max(2100) });

  api.get(
    '/api/v1/basic-package/:year',
    {
      schema: {
        summary: "Your local government's basic-package choice for a year",
        tags,
        params: yearParams,
        response: { 200: basicPackageApi, ...errorResponses },
      },
    },
    async (request) => basicPackageOf(await apiOwnGovernment(request.ctx()), request.params.year),
  );

  api.put(
    '/api/v1/basic-package/:year',
    {
      schema: {
        summary: "Sets your local government's basic-package choice for a year (the whole list)",
        tags,
        params: yearParams,
        body: z.object({ items: z.array(z.string()).describe('Catalogue codes') }),
        response: { 200: basicPackageApi, 422: problemSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const lg = await apiOwnGovernment(ctx);
      await savePackageChoice(ctx, lg.id, request.params.year, request.body);
      return basicPackageOf(lg, request.params.year);
    },
  );

  api.get(
    '/api/v1/service-requests',
    {
      schema: {
        summary: 'Service requests you may see (your own local government, or your portfolio or agency)',
        tags,
        querystring: pageQuerySchema.extend({
          status: z.enum(requestStatuses).optional(),
          year: z.coerce.number().int().min(2020).max(2100).optional(),
          overdue: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageSchema(requestApi), ...errorResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const page = readPage(request.query);
      const { items, total } = await listRequests(
        ctx,
        { status: request.query.status, year: request.query.year, overdue: request.query.overdue === 'true' },
        page,
      );
      const forLocal = ctx.user.active.role === 'local_officer';
      return {
        items: items.map((r) => toRequestApi(r, forLocal)),
        total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },
  );

  async function requestDetail(ctx: ServiceContext, id: string): Promise<z.infer<typeof requestDetailApi>> {
    const detail = await getRequest(ctx, id);
    return {
      ...toRequestApi(detail.request, ctx.user.active.role === 'local_officer'),
      messages: detail.messages.map((m) => ({
        id: m.id,
        side: m.side as 'local_government' | 'agency',
        author: m.authorName,
        body: m.body,
        statusFrom: m.statusFrom,
        statusTo: m.statusTo,
        createdAt: m.createdAt.toISOString(),
      })),
    };
  }

  api.post(
    '/api/v1/service-requests',
    {
      schema: {
        summary: 'Files a request for your own local government',
        tags,
        body: z.object({
          organisationId: z.string().optional().describe('Your own local government; defaults to it'),
          item: z.string().optional().describe('Catalogue code; leave out for a free question'),
          subject: z.string().describe('At most 200 characters'),
          message: z.string().describe('At most 10,000 characters'),
        }),
        response: { 201: requestDetailApi, 422: problemSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const p = ctx.user;
      const organisationId = request.body.organisationId ?? p.active.organisationId;
      if (organisationId !== p.active.organisationId) {
        throw new ForbiddenError('U kunt alleen een vraag stellen voor het lokaal bestuur waarvoor u werkt.');
      }
      const created = await createRequest(ctx, organisationId, request.body);
      return reply.code(201).send(await requestDetail(ctx, created.id));
    },
  );

  const requestIdParams = z.object({ id: z.uuid({ error: 'Onbekende vraag.' }) });

  api.get(
    '/api/v1/service-requests/:id',
    {
      schema: {
        summary: 'One service request with its messages',
        tags,
        params: requestIdParams,
        response: { 200: requestDetailApi, ...errorResponses },
      },
    },
    async (request) => requestDetail(request.ctx(), request.params.id),
  );

  api.post(
    '/api/v1/service-requests/:id/messages',
    {
      schema: {
        summary: 'Adds a message and/or takes a workflow step (action) on a request',
        tags,
        params: requestIdParams,
        body: z.object({
          message: z.string().optional().describe('At most 10,000 characters'),
          action: z
            .string()
            .optional()
            .describe(
              'start, ask_local_government, answer, resume, complete, cancel or reopen, as your role allows',
            ),
        }),
        response: { 200: requestDetailApi, 409: problemSchema, 422: problemSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await replyToRequest(ctx, request.params.id, request.body);
      return requestDetail(ctx, request.params.id);
    },
  );
}
