import { eq } from 'drizzle-orm';
import type { Principal } from '../../core/access/principal';
import type { Executor } from '../../core/db/client';
import { ForbiddenError } from '../../core/http/errors';
import { municipalities, organisationMunicipalities } from '../reference';
import { moderatorRoles, publisherRoles } from './workflow';

export const isPublisher = (p: Principal | null | undefined): p is Principal =>
  !!p && (publisherRoles as readonly string[]).includes(p.active.role);

export const isModerator = (p: Principal | null | undefined): p is Principal =>
  !!p && (moderatorRoles as readonly string[]).includes(p.active.role);

export const isCounsellor = (p: Principal | null | undefined): p is Principal =>
  !!p && p.active.role === 'counsellor';

/** Publishing needs a publishing role; the offer belongs to the organisation the user acts for. */
export function requirePublisher(p: Principal): Principal {
  if (!isPublisher(p))
    throw new ForbiddenError(
      'Alleen organisaties, lokale besturen en netwerkcoördinatoren kunnen aanbod publiceren.',
    );
  return p;
}

/** Trajectories are kept by counsellors, for their own organisation only. */
export function requireCounsellor(p: Principal): Principal {
  if (!isCounsellor(p)) throw new ForbiddenError('Alleen trajectbegeleiders werken met trajecten.');
  return p;
}

/**
 * The municipalities a user looks after: a local government its own municipality and those it covers
 * (VGC, De Rand, intermunicipal partnerships); a network coordinator every municipality of the network.
 */
export async function municipalitiesInScope(db: Executor, p: Principal): Promise<string[]> {
  const m = p.active;
  if (m.role === 'network_coordinator') {
    if (!m.networkCode) return [];
    const rows = await db
      .select({ nis: municipalities.nis })
      .from(municipalities)
      .where(eq(municipalities.networkCode, m.networkCode));
    return rows.map((r) => r.nis);
  }
  if (m.role === 'local_officer') {
    const rows = await db
      .select({ nis: organisationMunicipalities.municipalityNis })
      .from(organisationMunicipalities)
      .where(eq(organisationMunicipalities.organisationId, m.organisationId));
    const set = new Set(rows.map((r) => r.nis));
    if (m.municipalityNis) set.add(m.municipalityNis);
    return [...set].sort();
  }
  return [];
}
