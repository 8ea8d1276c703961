import { and, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { Membership, Principal } from '../access/principal';
import type { OrganisationType, Role } from '../access/roles';
import { memberships, organisations, users } from '../access/schema';
import type { Executor } from '../db/client';
import { sessions } from './schema';
import { hashToken } from './tokens';

const principalColumns = {
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
};

type PrincipalRow = {
  userId: string;
  name: string;
  email: string;
  membershipId: string;
  role: string;
  joinOrder: number;
  organisationId: string;
  organisationName: string;
  organisationType: string;
  agencyCode: string | null;
  municipalityNis: string | null;
  networkCode: string | null;
};

/** Loads a user with all their memberships; null when the user is unknown or disabled. */
export async function loadPrincipal(
  db: Executor,
  userId: string,
  activeMembershipId: string | null,
): Promise<Principal | null> {
  const rows = await db
    .select(principalColumns)
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt)))
    .orderBy(organisations.name, memberships.role);
  return toPrincipal(rows, activeMembershipId);
}

/**
 * The session of a cookie token and its user with all their memberships, in one query (it runs on every
 * signed-in request); null when the session is unknown or expired, or the user disabled.
 */
export async function loadSessionPrincipal(
  db: Executor,
  token: string,
): Promise<{ sessionId: string; principal: Principal } | null> {
  const rows = await db
    .select({
      ...principalColumns,
      sessionId: sessions.id,
      activeMembershipId: sessions.activeMembershipId,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(activeSession(token))
    .orderBy(organisations.name, memberships.role);
  const first = rows[0];
  const principal = first ? toPrincipal(rows, first.activeMembershipId) : null;
  if (!first || !principal) return null;
  // Touch at most every five minutes: a read page should not write on every request.
  if (Date.now() - first.lastSeenAt.getTime() > 5 * 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, first.sessionId));
  }
  return { sessionId: first.sessionId, principal };
}

function activeSession(token: string): SQL | undefined {
  return and(
    eq(sessions.tokenHash, hashToken(token)),
    gt(sessions.expiresAt, new Date()),
    isNull(users.disabledAt),
  );
}

function toPrincipal(rows: PrincipalRow[], activeMembershipId: string | null): Principal | null {
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
