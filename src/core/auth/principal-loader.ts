import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Membership, Principal } from '../access/principal';
import type { OrganisationType, Role } from '../access/roles';
import { memberships, organisations, users } from '../access/schema';
import type { Executor } from '../db/client';

/** Loads a user with all their memberships; null when the user is unknown or disabled. */
export async function loadPrincipal(
  db: Executor,
  userId: string,
  activeMembershipId: string | null,
): Promise<Principal | null> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      membershipId: memberships.id,
      role: memberships.role,
      // Ranked in SQL: timestamps keep microseconds there, JavaScript dates would not.
      joinOrder: sql<number>`row_number() over (order by ${memberships.createdAt})`.mapWith(Number),
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
      agencyCode: organisations.agencyCode,
      municipalityNis: organisations.municipalityNis,
      networkCode: organisations.networkCode,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .orderBy(organisations.name, memberships.role);
  const first = rows[0];
  if (!first) return null;
  const list: Membership[] = rows.map((r) => ({
    id: r.membershipId,
    role: r.role as Role,
    organisationId: r.organisationId,
    organisationName: r.organisationName,
    organisationType: r.organisationType as OrganisationType,
    agencyCode: r.agencyCode,
    municipalityNis: r.municipalityNis,
    networkCode: r.networkCode,
  }));
  // Without a choice in this session, the user acts for the organisation they joined first.
  const firstJoined = [...rows].sort((a, b) => a.joinOrder - b.joinOrder)[0]!;
  const active = list.find((m) => m.id === (activeMembershipId ?? firstJoined.membershipId)) ?? list[0]!;
  return { userId: first.userId, name: first.name, email: first.email, memberships: list, active };
}
