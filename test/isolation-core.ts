import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { IsolationRow, IsolationRows, SelfScopedRoute } from '../src/core/access/isolation';
import { memberships, users } from '../src/core/access/schema';
import { apiTokens } from '../src/core/auth/schema';
import { hashToken } from '../src/core/auth/tokens';
import { demo } from './helpers';

/** Core routes (site, auth, account, API) that only ever touch the caller's own data. */
export const coreSelfScoped: SelfScopedRoute[] = [
  {
    method: 'GET',
    route: '/home',
    reason: "The caller's own start page; each card comes from its module's own scoped query.",
  },
  {
    method: 'GET',
    route: '/account',
    reason: "Lists the caller's own sessions and API tokens: both queries filter on the caller's user id.",
  },
  {
    method: 'POST',
    route: '/account/sessions/end-all',
    reason: "Ends the caller's own sessions (delete where user id = caller); takes no id.",
  },
  {
    method: 'POST',
    route: '/account/tokens',
    reason: "Creates a token for the caller's own active membership; takes no id.",
  },
  {
    method: 'GET',
    route: '/api/v1/me',
    reason: "Answers the caller's own user and memberships, read from the principal; takes no id.",
  },
];

/**
 * Organisation A is Mechelen (user mechelen@…): another user may neither act under one of its
 * memberships nor revoke its API token, not even an administrator.
 */
export const coreIsolation: IsolationRows = async ({ db }) => {
  const [owner] = await db
    .select({ userId: users.id, membershipId: memberships.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.email, demo('mechelen')))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!owner) throw new Error('core isolation: demo user mechelen not found');
  const token = `rk_${randomBytes(24).toString('base64url')}`;
  const [apiToken] = await db
    .insert(apiTokens)
    .values({
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      name: 'Koppeling met het dossierbeheer',
      userId: owner.userId,
      membershipId: owner.membershipId,
    })
    .returning({ id: apiTokens.id });
  const revoke = `/account/tokens/${apiToken!.id}/revoke`;
  const rows: IsolationRow[] = [
    {
      method: 'POST',
      route: '/account/switch',
      url: '/account/switch',
      form: { membershipId: owner.membershipId },
      as: 'gent',
      expect: [403],
    },
    {
      method: 'POST',
      route: '/account/switch',
      url: '/account/switch',
      form: { membershipId: owner.membershipId },
      as: 'beheerder',
      expect: [403],
    },
    { method: 'GET', route: '/account/tokens/:id/revoke', url: revoke, as: 'gent', expect: [404] },
    { method: 'GET', route: '/account/tokens/:id/revoke', url: revoke, as: 'beheerder', expect: [404] },
    { method: 'POST', route: '/account/tokens/:id/revoke', url: revoke, form: {}, as: 'gent', expect: [404] },
    {
      method: 'POST',
      route: '/account/tokens/:id/revoke',
      url: revoke,
      form: {},
      as: 'beheerder',
      expect: [404],
    },
  ];
  return rows;
};

/** After the matrix: Mechelen's token is still live (a refusal must also change nothing). */
export async function coreTokenUntouched(db: Parameters<IsolationRows>[0]['db']): Promise<boolean> {
  const rows = await db
    .select({ revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(users.email, demo('mechelen')), eq(apiTokens.name, 'Koppeling met het dossierbeheer')));
  return rows.length > 0 && rows.every((r) => r.revokedAt === null);
}
