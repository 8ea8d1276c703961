import type { Executor } from '../db/client';
import { auditLog } from './schema';

export type AuditActor = {
  userId: string | null;
  organisationId: string | null;
  requestId?: string | undefined;
};

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string;
  ownerOrganisationId?: string | null;
  before?: unknown;
  after?: unknown;
};

const SECRET_FIELDS = new Set(['passwordHash', 'tokenHash', 'password']);

/** Drops secrets and turns values into plain JSON, so an audit record never holds a hash. */
function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (key, v) => (SECRET_FIELDS.has(key) ? '[verborgen]' : v)));
}

/** Records a change; call it with the transaction that makes the change. */
export async function writeAudit(tx: Executor, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await writeAudits(tx, actor, [entry]);
}

/** Records many changes by one actor in one multi-row insert (batch jobs); same transaction rule. */
export async function writeAudits(tx: Executor, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditLog).values(
    entries.map((entry) => ({
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      requestId: actor.requestId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      ownerOrganisationId: entry.ownerOrganisationId ?? null,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
    })),
  );
}

export const systemActor: AuditActor = { userId: null, organisationId: null };
