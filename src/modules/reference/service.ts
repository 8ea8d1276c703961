import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import { organisationTypes } from '../../core/access/roles';
import { organisations } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { NotFoundError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { municipalities, networks, organisationMunicipalities, provinces, referenceRegions } from './schema';

definePolicy<{ type: 'organisation'; id: string }>(
  'organisation',
  'update',
  (p: Principal, org) => p.active.role === 'platform_admin' || p.active.organisationId === org.id,
);
definePolicy<{ type: 'organisation'; id: string }>(
  'organisation',
  'audit',
  (p: Principal, org) => p.active.role === 'platform_admin' || p.active.organisationId === org.id,
);

const municipalityColumns = {
  nis: municipalities.nis,
  name: municipalities.name,
  region: municipalities.region,
  provinceNis: municipalities.provinceNis,
  provinceName: provinces.name,
  referenceRegionCode: municipalities.referenceRegionCode,
  referenceRegionName: referenceRegions.name,
  networkCode: municipalities.networkCode,
  networkName: networks.name,
  supportAgency: municipalities.supportAgency,
  deRand: municipalities.deRand,
  regisseurOrganisationId: municipalities.regisseurOrganisationId,
  regisseurName: organisations.name,
};

function municipalityQuery(db: Executor) {
  return db
    .select(municipalityColumns)
    .from(municipalities)
    .leftJoin(provinces, eq(provinces.nis, municipalities.provinceNis))
    .leftJoin(referenceRegions, eq(referenceRegions.code, municipalities.referenceRegionCode))
    .innerJoin(networks, eq(networks.code, municipalities.networkCode))
    .leftJoin(organisations, eq(organisations.id, municipalities.regisseurOrganisationId));
}

export type MunicipalityRow = Awaited<ReturnType<typeof listMunicipalities>>[number];

export type MunicipalityFilter = {
  q?: string | undefined;
  region?: string | undefined;
  network?: string | undefined;
};

/** Reference data is public: no scoping needed. */
export async function listMunicipalities(db: Executor, filter: MunicipalityFilter = {}) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const term = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(municipalities.name, term), ilike(municipalities.nis, term))!);
  }
  if (filter.region) conditions.push(eq(municipalities.region, filter.region));
  if (filter.network) conditions.push(eq(municipalities.networkCode, filter.network));
  return municipalityQuery(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(municipalities.name));
}

export async function getMunicipality(db: Executor, nis: string) {
  const [row] = await municipalityQuery(db).where(eq(municipalities.nis, nis));
  if (!row) throw new NotFoundError('Er is geen gemeente met deze NIS-code.');
  return row;
}

export async function agencyFor(db: Executor, agencyCode: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.agencyCode, agencyCode));
  return row ?? null;
}

export async function listReferenceRegions(db: Executor) {
  const rows = await db
    .select({ code: referenceRegions.code, name: referenceRegions.name, nis: municipalities.nis })
    .from(referenceRegions)
    .leftJoin(municipalities, eq(municipalities.referenceRegionCode, referenceRegions.code))
    .orderBy(asc(referenceRegions.code), asc(municipalities.nis));
  const byCode = new Map<string, { code: string; name: string; municipalities: string[] }>();
  for (const r of rows) {
    const entry = byCode.get(r.code) ?? { code: r.code, name: r.name, municipalities: [] };
    if (r.nis) entry.municipalities.push(r.nis);
    byCode.set(r.code, entry);
  }
  return [...byCode.values()];
}

export async function listNetworks(db: Executor) {
  const rows = await db
    .select({
      code: networks.code,
      name: networks.name,
      referenceRegionCode: networks.referenceRegionCode,
      organisationId: organisations.id,
      nis: municipalities.nis,
    })
    .from(networks)
    .leftJoin(organisations, eq(organisations.networkCode, networks.code))
    .leftJoin(municipalities, eq(municipalities.networkCode, networks.code))
    .orderBy(asc(networks.name), asc(municipalities.nis));
  const byCode = new Map<
    string,
    {
      code: string;
      name: string;
      referenceRegionCode: string | null;
      organisationId: string | null;
      municipalities: string[];
    }
  >();
  for (const r of rows) {
    const entry = byCode.get(r.code) ?? {
      code: r.code,
      name: r.name,
      referenceRegionCode: r.referenceRegionCode,
      organisationId: r.organisationId,
      municipalities: [],
    };
    if (r.nis) entry.municipalities.push(r.nis);
    byCode.set(r.code, entry);
  }
  return [...byCode.values()];
}

export type OrganisationFilter = { q?: string | undefined; type?: string | undefined };

export async function listOrganisations(db: Executor, filter: OrganisationFilter, page: Page) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const term = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(organisations.name, term), ilike(organisations.shortName, term))!);
  }
  if (filter.type) conditions.push(eq(organisations.type, filter.type));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        type: organisations.type,
        name: organisations.name,
        shortName: organisations.shortName,
        agencyCode: organisations.agencyCode,
        municipalityNis: organisations.municipalityNis,
        networkCode: organisations.networkCode,
        email: organisations.email,
        phone: organisations.phone,
        website: organisations.website,
      })
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.name), asc(organisations.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function getOrganisation(db: Executor, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw new NotFoundError('Deze organisatie bestaat niet.');
  const covered = await db
    .select({ nis: municipalities.nis, name: municipalities.name })
    .from(organisationMunicipalities)
    .innerJoin(municipalities, eq(municipalities.nis, organisationMunicipalities.municipalityNis))
    .where(eq(organisationMunicipalities.organisationId, id))
    .orderBy(asc(municipalities.name));
  return { ...row, covered };
}

export const organisationContactSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((v) => v || null)
    .pipe(z.email({ error: 'Vul een geldig e-mailadres in, bv. integratie@gemeente.be.' }).nullable()),
  phone: fields.optionalText('het telefoonnummer', 40),
  website: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .url({ protocol: /^https?$/, error: 'Vul een volledig webadres in, bv. https://www.gemeente.be.' })
        .nullable(),
    ),
  address: fields.optionalText('het adres', 300),
});

/** Members of an organisation (and administrators) keep its contact details up to date. */
export async function updateOrganisationContact(ctx: ServiceContext, id: string, input: unknown) {
  const before = await getOrganisation(ctx.db, id);
  authorize(ctx.user, 'update', { type: 'organisation', id });
  const data = parseInput(organisationContactSchema, input);
  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(organisations)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(organisations.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'organisation.contact_updated',
      entityType: 'organisation',
      entityId: id,
      ownerOrganisationId: id,
      before: { email: before.email, phone: before.phone, website: before.website, address: before.address },
      after: { email: after!.email, phone: after!.phone, website: after!.website, address: after!.address },
    });
    return after!;
  });
}

export const organisationTypeSchema = z.enum(organisationTypes);
