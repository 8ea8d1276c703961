import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Principal } from '../../core/access/principal';
import { organisations } from '../../core/access/schema';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError } from '../../core/http/errors';
import { municipalities } from '../reference';
import { serviceContactAssignments } from './schema';

/**
 * What a principal may see of the standard service, decided once per request and applied in every
 * query (never by hiding links):
 * - platform administrators: everything (read only for requests);
 * - agency staff: the local governments their agency serves;
 * - contact persons: the local governments in their own portfolio (and their agency's overview);
 * - local government officers: their own local government;
 * - everyone else: nothing.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'agency'; agencyCode: string }
  | { kind: 'portfolio'; agencyCode: string; userId: string }
  | { kind: 'own'; organisationId: string }
  | { kind: 'none' };

export function scopeOf(p: Principal | null): Scope {
  if (!p) return { kind: 'none' };
  const m = p.active;
  switch (m.role) {
    case 'platform_admin':
      return { kind: 'all' };
    case 'agency_staff':
      return m.agencyCode ? { kind: 'agency', agencyCode: m.agencyCode } : { kind: 'none' };
    case 'contact_person':
      return m.agencyCode
        ? { kind: 'portfolio', agencyCode: m.agencyCode, userId: p.userId }
        : { kind: 'none' };
    case 'local_officer':
      return { kind: 'own', organisationId: m.organisationId };
    default:
      return { kind: 'none' };
  }
}

/** The organisations currently in a contact person's portfolio, as a subquery. */
export function portfolioIds(db: Executor, userId: string) {
  return db
    .select({ id: serviceContactAssignments.organisationId })
    .from(serviceContactAssignments)
    .where(and(eq(serviceContactAssignments.contactUserId, userId), isNull(serviceContactAssignments.until)));
}

/** The SQL condition that limits rows with (organisation, agency) columns to the scope. */
export function scopeWhere(
  db: Executor,
  scope: Scope,
  organisationColumn: PgColumn,
  agencyColumn: PgColumn,
): SQL | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'agency':
      return eq(agencyColumn, scope.agencyCode);
    case 'portfolio':
      return and(
        eq(agencyColumn, scope.agencyCode),
        inArray(organisationColumn, portfolioIds(db, scope.userId)),
      );
    case 'own':
      return eq(organisationColumn, scope.organisationId);
    case 'none':
      return sql`false`;
  }
}

/**
 * The local governments the standard service serves: every regisseur of a municipality (the Flemish
 * local governments, and the VGC for Brussels), with the agency that supports it.
 */
export function servedOrganisations(db: Executor) {
  return db
    .selectDistinct({
      organisationId: municipalities.regisseurOrganisationId,
      agencyCode: municipalities.supportAgency,
    })
    .from(municipalities)
    .as('served');
}

export type LocalGovernment = {
  id: string;
  name: string;
  shortName: string | null;
  email: string | null;
  phone: string | null;
  municipalityNis: string | null;
  agencyCode: string;
};

const localGovernmentColumns = (served: ReturnType<typeof servedOrganisations>) => ({
  id: organisations.id,
  name: organisations.name,
  shortName: organisations.shortName,
  email: organisations.email,
  phone: organisations.phone,
  municipalityNis: organisations.municipalityNis,
  agencyCode: served.agencyCode,
});

export async function findLocalGovernment(db: Executor, id: string): Promise<LocalGovernment | null> {
  const served = servedOrganisations(db);
  const [row] = await db
    .select(localGovernmentColumns(served))
    .from(organisations)
    .innerJoin(served, eq(served.organisationId, organisations.id))
    .where(eq(organisations.id, id))
    .limit(1);
  return row ?? null;
}

/** Local governments in a scope (optionally one agency), by name; for lists and pickers. */
export function localGovernmentsQuery(db: Executor, scope: Scope, where?: SQL) {
  const served = servedOrganisations(db);
  return db
    .select(localGovernmentColumns(served))
    .from(organisations)
    .innerJoin(served, eq(served.organisationId, organisations.id))
    .where(and(scopeWhere(db, scope, organisations.id, served.agencyCode), where))
    .orderBy(asc(organisations.name));
}

export function inScope(scope: Scope, lg: LocalGovernment, portfolio: ReadonlySet<string> | null): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'agency':
      return lg.agencyCode === scope.agencyCode;
    case 'portfolio':
      return lg.agencyCode === scope.agencyCode && !!portfolio?.has(lg.id);
    case 'own':
      return lg.id === scope.organisationId;
    case 'none':
      return false;
  }
}

export async function portfolioOf(db: Executor, userId: string): Promise<Set<string>> {
  const rows = await portfolioIds(db, userId);
  return new Set(rows.map((r) => r.id));
}

/**
 * The local government `id` if the caller may see it; a 404 otherwise (another organisation's data
 * does not exist for them).
 */
export async function visibleLocalGovernment(ctx: ServiceContext, id: string): Promise<LocalGovernment> {
  const lg = await findLocalGovernment(ctx.db, id);
  const scope = scopeOf(ctx.user);
  const portfolio = scope.kind === 'portfolio' ? await portfolioOf(ctx.db, scope.userId) : null;
  if (!lg || !inScope(scope, lg, portfolio)) {
    throw new NotFoundError('Dit lokaal bestuur bestaat niet, of u hebt er geen toegang toe.');
  }
  return { ...lg };
}

/** Which side of the conversation the caller is on, or null when they may only read. */
export function sideOf(p: Principal): 'local_government' | 'agency' | null {
  if (p.active.role === 'local_officer') return 'local_government';
  if (p.active.role === 'contact_person' || p.active.role === 'agency_staff') return 'agency';
  return null;
}

/** Agency-level pages (overview, settings): the agency's staff and contact persons, and administrators. */
export function assertAgencyReader(p: Principal, agencyCode: string): void {
  if (p.active.role === 'platform_admin') return;
  if (
    (p.active.role === 'agency_staff' || p.active.role === 'contact_person') &&
    p.active.agencyCode === agencyCode
  ) {
    return;
  }
  throw new NotFoundError('Dit overzicht bestaat niet, of u hebt er geen toegang toe.');
}

export function assertAgencyManager(p: Principal, agencyCode: string): void {
  assertAgencyReader(p, agencyCode);
  if (p.active.role === 'platform_admin') return;
  if (p.active.role !== 'agency_staff') {
    throw new ForbiddenError('Alleen medewerkers van het agentschap kunnen dit aanpassen.');
  }
}
