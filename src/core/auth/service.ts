import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Principal } from '../access/principal';
import { type OrganisationType, type Role, rolesByOrganisationType } from '../access/roles';
import { memberships, organisations, users } from '../access/schema';
import { writeAudit } from '../audit/audit';
import type { ServiceContext } from '../context';
import type { Db, Executor } from '../db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../http/errors';
import { enqueueMail } from '../mail/mail';
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords';
import { apiTokens, sessions, userTokens } from './schema';
import {
  clearFailures,
  isThrottled,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  recordFailure,
} from './throttle';
import { hashToken, newToken } from './tokens';

export const SESSION_DAYS = 14;
const RESET_HOURS = 2;
const INVITATION_DAYS = 14;

export type LoginResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; reason: 'invalid' | 'throttled' };

export async function createSession(
  db: Executor,
  userId: string,
  userAgent: string | undefined,
): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    userAgent: userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  });
  return token;
}

/** E-mail and password login, throttled per account and per IP; never tells whether the account exists. */
export async function login(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent: string | undefined },
): Promise<LoginResult> {
  const accountKey = `account:${input.email.trim().toLowerCase()}`;
  const ipKey = `ip:${input.ip}`;
  if (
    (await isThrottled(db, accountKey, MAX_FAILURES_PER_ACCOUNT)) ||
    (await isThrottled(db, ipKey, MAX_FAILURES_PER_IP))
  ) {
    return { ok: false, reason: 'throttled' };
  }
  const [user] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${input.email.trim().toLowerCase()}`, isNull(users.disabledAt)));
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid) {
    await recordFailure(db, accountKey);
    await recordFailure(db, ipKey);
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(db, accountKey);
  const token = await createSession(db, user.id, input.userAgent);
  return { ok: true, token, userId: user.id };
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function listSessions(ctx: ServiceContext) {
  return ctx.db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, ctx.user.userId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function endAllSessions(ctx: ServiceContext): Promise<number> {
  return ctx.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, ctx.user.userId))
      .returning({ id: sessions.id });
    await writeAudit(tx, ctx.actor, {
      action: 'sessions.end_all',
      entityType: 'user',
      entityId: ctx.user.userId,
      after: { ended: ended.length },
    });
    return ended.length;
  });
}

export async function switchMembership(
  ctx: ServiceContext,
  sessionId: string,
  membershipId: string,
): Promise<void> {
  if (!ctx.user.memberships.some((m) => m.id === membershipId)) throw new ForbiddenError();
  await ctx.db.update(sessions).set({ activeMembershipId: membershipId }).where(eq(sessions.id, sessionId));
}

function passwordErrors(password: string, confirm: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (password.length < PASSWORD_MIN_LENGTH) {
    errors.password = `Kies een wachtwoord van minstens ${PASSWORD_MIN_LENGTH} tekens.`;
  } else if (password.length > 200) {
    errors.password = 'Kies een wachtwoord van hoogstens 200 tekens.';
  }
  if (password !== confirm) errors.confirm = 'De twee wachtwoorden zijn niet gelijk.';
  return errors;
}

/** Mails a reset link when the account exists; answers the same either way. */
export async function requestPasswordReset(ctx: ServiceContext, email: string): Promise<void> {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, isNull(users.disabledAt)));
  if (!user) return;
  const token = newToken();
  await ctx.transaction(async (tx) => {
    await tx.insert(userTokens).values({
      tokenHash: hashToken(token),
      purpose: 'password_reset',
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_HOURS * 3_600_000),
    });
    await enqueueMail(tx, {
      to: user.email,
      subject: 'Nieuw wachtwoord voor Regiekamer',
      text: `Beste ${user.name},\n\nU vroeg een nieuw wachtwoord aan voor Regiekamer. Kies een nieuw wachtwoord via deze link (${RESET_HOURS} uur geldig):\n\n${ctx.config.baseUrl}/wachtwoord/nieuw?token=${token}\n\nVroeg u niets aan? Dan mag u deze e-mail negeren.\n\nRegiekamer`,
    });
    await writeAudit(
      tx,
      { userId: user.id, organisationId: null, requestId: ctx.requestId },
      {
        action: 'password.reset_requested',
        entityType: 'user',
        entityId: user.id,
      },
    );
  });
}

async function validToken(db: Executor, token: string, purpose: string) {
  const [row] = await db
    .select()
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}

export async function isTokenValid(db: Executor, token: string, purpose: 'password_reset' | 'invitation') {
  return (await validToken(db, token, purpose)) !== null;
}

const expiredLink = 'Deze link is verlopen of werd al gebruikt. Vraag een nieuwe aan.';

/** Sets a new password with a reset or invitation token; ends the user's other sessions. */
export async function setPasswordWithToken(
  ctx: ServiceContext,
  input: { token: string; password: string; confirm: string; purpose: 'password_reset' | 'invitation' },
): Promise<string> {
  const errors = passwordErrors(input.password, input.confirm);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const passwordHash = await hashPassword(input.password);
  return ctx.transaction(async (tx) => {
    const row = await validToken(tx, input.token, input.purpose);
    if (!row) throw new ValidationError({ password: expiredLink }, expiredLink);
    const used = await tx
      .update(userTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(userTokens.id, row.id), isNull(userTokens.usedAt)))
      .returning({ id: userTokens.id });
    if (used.length === 0) throw new ValidationError({ password: expiredLink }, expiredLink);
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, row.userId));
    if (input.purpose === 'invitation' && row.organisationId && row.role) {
      await tx
        .insert(memberships)
        .values({ userId: row.userId, organisationId: row.organisationId, role: row.role })
        .onConflictDoNothing();
    }
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    await writeAudit(
      tx,
      { userId: row.userId, organisationId: row.organisationId, requestId: ctx.requestId },
      {
        action: input.purpose === 'invitation' ? 'invitation.accepted' : 'password.reset',
        entityType: 'user',
        entityId: row.userId,
      },
    );
    return row.userId;
  });
}

/** Who may invite into an organisation: administrators anywhere; agency staff into their agency. */
export function mayInvite(principal: Principal, organisation: { id: string; type: string }): boolean {
  if (principal.active.role === 'platform_admin') return true;
  return principal.active.role === 'agency_staff' && principal.active.organisationId === organisation.id;
}

export async function invite(
  ctx: ServiceContext,
  input: { email: string; name: string; organisationId: string; role: Role },
): Promise<void> {
  const [organisation] = await ctx.db
    .select()
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!organisation) throw new ValidationError({ organisationId: 'Kies een bestaande organisatie.' });
  if (!mayInvite(ctx.user, organisation)) throw new ForbiddenError();
  // Only an administrator can make another administrator.
  if (input.role === 'platform_admin' && ctx.user.active.role !== 'platform_admin')
    throw new ForbiddenError();
  const allowed = rolesByOrganisationType[organisation.type as OrganisationType] ?? [];
  if (!allowed.includes(input.role)) {
    throw new ValidationError({ role: 'Deze rol past niet bij dit soort organisatie.' });
  }
  const token = newToken();
  await ctx.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
    const user =
      existing ?? (await tx.insert(users).values({ email: input.email, name: input.name }).returning())[0]!;
    if (!existing) {
      await writeAudit(tx, ctx.actor, {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: user,
      });
    }
    await tx.insert(userTokens).values({
      tokenHash: hashToken(token),
      purpose: 'invitation',
      userId: user.id,
      organisationId: organisation.id,
      role: input.role,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    });
    await enqueueMail(tx, {
      to: input.email,
      subject: `Uitnodiging voor Regiekamer (${organisation.name})`,
      text: `Beste ${input.name},\n\n${ctx.user.name} nodigt u uit om in Regiekamer mee te werken voor ${organisation.name}.\n\nKies een wachtwoord via deze link (${INVITATION_DAYS} dagen geldig):\n\n${ctx.config.baseUrl}/uitnodiging?token=${token}\n\nRegiekamer`,
    });
    await writeAudit(tx, ctx.actor, {
      action: 'invitation.sent',
      entityType: 'organisation',
      entityId: organisation.id,
      ownerOrganisationId: organisation.id,
      after: { email: input.email, role: input.role },
    });
  });
}

export async function listApiTokens(ctx: ServiceContext) {
  return ctx.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      organisationName: organisations.name,
    })
    .from(apiTokens)
    .innerJoin(memberships, eq(memberships.id, apiTokens.membershipId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(apiTokens.userId, ctx.user.userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Creates a personal API token for the active membership; the token is returned once, stored hashed. */
export async function createApiToken(ctx: ServiceContext, name: string): Promise<string> {
  const token = `rk_${newToken()}`;
  await ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        name,
        userId: ctx.user.userId,
        membershipId: ctx.user.active.id,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row!.id,
      after: row,
    });
  });
  return token;
}

export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, ctx.user.userId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw new NotFoundError();
    await writeAudit(tx, ctx.actor, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
      after: row,
    });
  });
}

export async function apiTokenSession(
  db: Executor,
  token: string,
): Promise<{ userId: string; membershipId: string } | null> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      userId: apiTokens.userId,
      membershipId: apiTokens.membershipId,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 5 * 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  }
  return { userId: row.userId, membershipId: row.membershipId };
}
