import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../core/access/policy';
import { auditTrail } from '../../core/audit/service';
import { ValidationError } from '../../core/http/errors';
import { sharedPublicRoute } from '../../core/http/page-cache';
import { pageQuerySchema, pageSchema, readPage } from '../../core/http/pagination';
import { problemSchema } from '../../core/http/problem';
import { parseInput } from '../../core/http/validation';
import {
  agencyFor,
  getMunicipality,
  getOrganisation,
  listMunicipalities,
  listNetworks,
  listOrganisations,
  listReferenceRegions,
  organisationTypeSchema,
  updateOrganisationContact,
} from './service';
import { MunicipalityListPage, MunicipalityPage } from './views/municipalities';
import {
  OrganisationAuditPage,
  OrganisationEditPage,
  OrganisationListPage,
  OrganisationPage,
} from './views/organisations';

const nisParam = z.object({
  nis: z.string().regex(/^\d{5}$/, { error: 'Een NIS-code bestaat uit 5 cijfers.' }),
});
const idParam = z.object({ id: z.uuid({ error: 'Onbekende organisatie.' }) });
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined);

const municipalitySorts = ['name', 'nis', 'province', 'network', 'agency'] as const;
const municipalityQuery = z.object({
  q: text(100),
  region: z.enum(['VLG', 'BRU']).optional().catch(undefined),
  network: text(20),
  sort: z.enum(municipalitySorts).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
});

type MunicipalitySort = (typeof municipalitySorts)[number];
const sortKey: Record<
  MunicipalitySort,
  (m: Awaited<ReturnType<typeof listMunicipalities>>[number]) => string
> = {
  name: (m) => m.name,
  nis: (m) => m.nis,
  province: (m) => m.provinceName ?? 'Brussel',
  network: (m) => m.networkName,
  agency: (m) => m.supportAgency,
};
const organisationQuery = z.object({
  q: text(100),
  type: organisationTypeSchema.optional().catch(undefined),
});

const municipalityApi = z
  .object({
    nis: z.string(),
    name: z.string(),
    region: z.enum(['VLG', 'BRU']),
    provinceNis: z.string().nullable(),
    referenceRegionCode: z.string().nullable(),
    networkCode: z.string(),
    supportAgency: z.string(),
    deRand: z.boolean(),
    regisseurOrganisationId: z.string().nullable(),
  })
  .meta({ id: 'Municipality' });

const toMunicipalityApi = (m: Awaited<ReturnType<typeof getMunicipality>>) => ({
  nis: m.nis,
  name: m.name,
  region: m.region as 'VLG' | 'BRU',
  provinceNis: m.provinceNis,
  referenceRegionCode: m.referenceRegionCode,
  networkCode: m.networkCode,
  supportAgency: m.supportAgency,
  deRand: m.deRand,
  regisseurOrganisationId: m.regisseurOrganisationId,
});

const organisationApi = z
  .object({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    agencyCode: z.string().nullable(),
    municipalityNis: z.string().nullable(),
    networkCode: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
  })
  .meta({ id: 'Organisation' });

export async function referenceRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const publicRoute = { config: { public: true } } as const;

  app.get('/gemeenten', publicRoute, async (request, reply) => {
    const query = municipalityQuery.parse(request.query ?? {});
    const page = readPage(request.query, 50);
    const [all, networks] = await Promise.all([listMunicipalities(app.db, query), listNetworks(app.db)]);
    // 304 rows at most: sorting in memory keeps the query simple; ties keep the order by name.
    const sort = { sort: query.sort ?? 'name', dir: query.dir ?? 'asc' } as const;
    const key = sortKey[sort.sort];
    all.sort((a, b) => (sort.dir === 'asc' ? 1 : -1) * key(a).localeCompare(key(b), 'nl-BE'));
    return reply.render(
      <MunicipalityListPage
        ctx={reply.view()}
        rows={all.slice(page.offset, page.offset + page.pageSize)}
        total={all.length}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
        sort={sort}
        networks={networks}
      />,
    );
  });

  app.get('/gemeenten/:nis', sharedPublicRoute, async (request, reply) => {
    const { nis } = parseInput(nisParam, request.params);
    const m = await getMunicipality(app.db, nis);
    const agency = await agencyFor(app.db, m.supportAgency);
    return reply.render(<MunicipalityPage ctx={reply.view()} m={m} agency={agency} />);
  });

  app.get('/organisaties', publicRoute, async (request, reply) => {
    const query = organisationQuery.parse(request.query ?? {});
    const page = readPage(request.query);
    const { items, total } = await listOrganisations(app.db, query, page);
    return reply.render(
      <OrganisationListPage
        ctx={reply.view()}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
        query={query}
      />,
    );
  });

  app.get('/organisaties/:id', publicRoute, async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const org = await getOrganisation(app.db, id);
    const principal = request.principal;
    return reply.render(
      <OrganisationPage
        ctx={reply.view()}
        org={org}
        canEdit={can(principal, 'update', { type: 'organisation', id })}
        canAudit={can(principal, 'audit', { type: 'organisation', id })}
      />,
    );
  });

  app.get('/organisaties/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const org = await getOrganisation(app.db, id);
    if (!can(request.principal, 'update', { type: 'organisation', id })) {
      return reply.callNotFound();
    }
    return reply.render(<OrganisationEditPage ctx={reply.view()} org={org} values={org} />);
  });

  app.post('/organisaties/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    try {
      await updateOrganisationContact(request.ctx(), id, request.body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const org = await getOrganisation(app.db, id);
      return reply.render(
        <OrganisationEditPage
          ctx={reply.view()}
          org={org}
          values={request.body as Record<string, unknown>}
          errors={error.fieldErrors}
        />,
        422,
      );
    }
    reply.flash('success', 'De contactgegevens zijn bewaard.');
    return reply.seeOther(`/organisaties/${id}`);
  });

  app.get('/organisaties/:id/historiek', async (request, reply) => {
    const { id } = parseInput(idParam, request.params);
    const org = await getOrganisation(app.db, id);
    if (!can(request.principal, 'audit', { type: 'organisation', id })) return reply.callNotFound();
    const page = readPage(request.query);
    const { items, total } = await auditTrail(request.ctx(), 'organisation', id, page);
    return reply.render(
      <OrganisationAuditPage
        ctx={reply.view()}
        org={org}
        rows={items}
        total={total}
        page={page.page}
        pageSize={page.pageSize}
      />,
    );
  });

  api.get(
    '/api/v1/municipalities',
    {
      ...publicRoute,
      schema: {
        summary: 'All 304 municipalities (2025)',
        tags: ['Referentiegegevens'],
        response: { 200: z.array(municipalityApi) },
      },
    },
    async () => (await listMunicipalities(app.db)).map(toMunicipalityApi),
  );

  api.get(
    '/api/v1/municipalities/:nis',
    {
      ...publicRoute,
      schema: {
        summary: 'One municipality by NIS code',
        tags: ['Referentiegegevens'],
        params: nisParam,
        response: { 200: municipalityApi, 404: problemSchema },
      },
    },
    async (request) => toMunicipalityApi(await getMunicipality(app.db, request.params.nis)),
  );

  api.get(
    '/api/v1/reference-regions',
    {
      ...publicRoute,
      schema: {
        summary: 'The 15 reference regions with their municipalities',
        tags: ['Referentiegegevens'],
        response: {
          200: z.array(z.object({ code: z.string(), name: z.string(), municipalities: z.array(z.string()) })),
        },
      },
    },
    async () => listReferenceRegions(app.db),
  );

  api.get(
    '/api/v1/networks',
    {
      ...publicRoute,
      schema: {
        summary: 'The 18 regional networks with their municipalities',
        tags: ['Referentiegegevens'],
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              referenceRegionCode: z.string().nullable(),
              organisationId: z.string().nullable(),
              municipalities: z.array(z.string()),
            }),
          ),
        },
      },
    },
    async () => listNetworks(app.db),
  );

  api.get(
    '/api/v1/organisations',
    {
      ...publicRoute,
      schema: {
        summary: 'Organisations, paginated',
        tags: ['Referentiegegevens'],
        querystring: pageQuerySchema.extend({
          q: z.string().max(100).optional(),
          type: organisationTypeSchema.optional(),
        }),
        response: { 200: pageSchema(organisationApi), 400: problemSchema },
      },
    },
    async (request) => {
      const page = readPage(request.query);
      const { items, total } = await listOrganisations(
        app.db,
        { q: request.query.q, type: request.query.type },
        page,
      );
      return { items, total, page: page.page, pageSize: page.pageSize };
    },
  );
}
