import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Membership } from '../../core/access/principal';
import { memberships, organisations, users } from '../../core/access/schema';
import type { Executor } from '../../core/db/client';
import { municipalities, organisationMunicipalities } from '../reference';
import { localGovernmentTypes, type OrganisationFacts } from './rules';
import { eventInvitations, events, learningNetworkMembers } from './schema';

/** What decides which audiences an organisation belongs to: its municipalities, networks, learning networks. */
export async function organisationFacts(db: Executor, m: Membership): Promise<OrganisationFacts> {
  const covered = db
    .select({ nis: organisationMunicipalities.municipalityNis })
    .from(organisationMunicipalities)
    .where(eq(organisationMunicipalities.organisationId, m.organisationId));
  const [areas, learning] = await Promise.all([
    db
      .selectDistinct({ region: municipalities.referenceRegionCode, network: municipalities.networkCode })
      .from(municipalities)
      .where(
        m.municipalityNis
          ? or(eq(municipalities.nis, m.municipalityNis), inArray(municipalities.nis, covered))
          : inArray(municipalities.nis, covered),
      ),
    db
      .select({ id: learningNetworkMembers.learningNetworkId })
      .from(learningNetworkMembers)
      .where(eq(learningNetworkMembers.organisationId, m.organisationId)),
  ]);
  const regionCodes = new Set(areas.map((a) => a.region).filter((r): r is string => !!r));
  const networkCodes = new Set(areas.map((a) => a.network));
  if (m.networkCode) networkCodes.add(m.networkCode);
  return {
    id: m.organisationId,
    type: m.organisationType,
    regionCodes: [...regionCodes],
    networkCodes: [...networkCodes],
    learningNetworkIds: learning.map((l) => l.id),
  };
}

/** The SQL twin of `isInAudience`: events whose audience includes this organisation. */
export function audienceCondition(f: OrganisationFacts): SQL {
  const isLocal = localGovernmentTypes.includes(f.type);
  const conditions: SQL[] = [
    sql`${events.audienceKind} = 'invited' and exists (select 1 from ${eventInvitations} where ${eventInvitations.eventId} = ${events.id} and ${eventInvitations.organisationId} = ${f.id})`,
  ];
  if (isLocal) conditions.push(eq(events.audienceKind, 'all_local_governments'));
  if (isLocal && f.regionCodes.length)
    conditions.push(
      and(eq(events.audienceKind, 'region'), inArray(events.audienceCode, [...f.regionCodes]))!,
    );
  if ((isLocal || f.type === 'network') && f.networkCodes.length)
    conditions.push(
      and(eq(events.audienceKind, 'network'), inArray(events.audienceCode, [...f.networkCodes]))!,
    );
  if (f.learningNetworkIds.length)
    conditions.push(
      and(
        eq(events.audienceKind, 'learning_network'),
        inArray(events.learningNetworkId, [...f.learningNetworkIds]),
      )!,
    );
  return or(...conditions)!;
}

/** Active colleagues in an organisation, optionally only the given users. */
export async function colleaguesOf(db: Executor, organisationId: string, onlyUserIds?: string[]) {
  if (onlyUserIds && onlyUserIds.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        isNull(users.disabledAt),
        onlyUserIds ? inArray(users.id, onlyUserIds) : undefined,
      ),
    )
    .orderBy(users.name);
}

/**
 * Reads organisations typed one per line: a NIS code (the municipality's regisseur: its local
 * government, or the VGC in Brussels), or an organisation's name or short name.
 */
export async function resolveOrganisations(
  db: Executor,
  text: string,
): Promise<{ ids: string[]; unknown: string[]; ambiguous: string[] }> {
  const lines = [
    ...new Set(
      text
        .split(/\r?\n|;/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  const ids = new Set<string>();
  const unknown: string[] = [];
  const ambiguous: string[] = [];
  const nisLines = lines.filter((l) => /^\d{5}$/.test(l));
  const nameLines = lines.filter((l) => !/^\d{5}$/.test(l));
  if (nisLines.length) {
    const rows = await db
      .select({ nis: municipalities.nis, org: municipalities.regisseurOrganisationId })
      .from(municipalities)
      .where(inArray(municipalities.nis, nisLines));
    const byNis = new Map(rows.map((r) => [r.nis, r.org]));
    for (const nis of nisLines) {
      const org = byNis.get(nis);
      if (org) ids.add(org);
      else unknown.push(nis);
    }
  }
  if (nameLines.length) {
    const lowered = nameLines.map((l) => l.toLowerCase());
    const rows = await db
      .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
      .from(organisations)
      .where(
        or(
          inArray(sql`lower(${organisations.name})`, lowered),
          inArray(sql`lower(${organisations.shortName})`, lowered),
        ),
      );
    for (const line of nameLines) {
      const l = line.toLowerCase();
      const exact = rows.filter((r) => r.name.toLowerCase() === l);
      const matches = exact.length ? exact : rows.filter((r) => r.shortName?.toLowerCase() === l);
      if (matches.length === 1) ids.add(matches[0]!.id);
      else if (matches.length === 0) unknown.push(line);
      else ambiguous.push(line);
    }
  }
  return { ids: [...ids], unknown, ambiguous };
}

/** One Dutch message for lines that matched no organisation or several, or null. */
export function organisationLinesMessage(r: { unknown: string[]; ambiguous: string[] }): string | null {
  if (r.unknown.length)
    return `Deze organisaties vinden we niet: ${r.unknown.join(', ')}. Gebruik de NIS-code of de volledige naam.`;
  if (r.ambiguous.length)
    return `Meerdere organisaties heten zo: ${r.ambiguous.join(', ')}. Gebruik de NIS-code of de volledige naam.`;
  return null;
}
