import { and, count, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { authorize, definePolicy } from '../access/policy';
import { users } from '../access/schema';
import type { ServiceContext } from '../context';
import type { Page } from '../http/pagination';
import { auditLog } from './schema';

definePolicy('audit', 'read_all', (p) => p.active.role === 'platform_admin');

export type AuditFilter = {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorUserId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

async function queryAudit(ctx: ServiceContext, where: SQL | undefined, page: Page) {
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        actorName: users.name,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type AuditRow = Awaited<ReturnType<typeof queryAudit>>['items'][number];

/** The trail of one record; the caller has already checked that the user may see that record. */
export function auditTrail(ctx: ServiceContext, entityType: string, entityId: string, page: Page) {
  return queryAudit(ctx, and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)), page);
}

/** The global audit log, for administrators only. */
export function searchAudit(ctx: ServiceContext, filter: AuditFilter, page: Page) {
  authorize(ctx.user, 'read_all', { type: 'audit' });
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.actorUserId) conditions.push(eq(auditLog.actorUserId, filter.actorUserId));
  // Days are Brussels days: the filter's bounds are midnight in Europe/Brussels.
  if (filter.from)
    conditions.push(gte(auditLog.at, sql`(${filter.from}::date)::timestamp at time zone 'Europe/Brussels'`));
  if (filter.to) {
    conditions.push(lt(auditLog.at, sql`(${filter.to}::date + 1)::timestamp at time zone 'Europe/Brussels'`));
  }
  return queryAudit(ctx, conditions.length ? and(...conditions) : undefined, page);
}
