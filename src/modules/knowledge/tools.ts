import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import type { Role } from '../../core/access/roles';
import { organisations } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { themes, toolKinds } from './rules';
import { tools } from './schema';
import { editorRoles } from './workflow';

type ToolResource = { type: 'knowledge_tool'; organisationId: string };
const isEditor = (p: Principal) => (editorRoles as readonly Role[]).includes(p.active.role);

/** The agencies' editors add tools. */
definePolicy('knowledge_tool', 'create', (p: Principal) => isEditor(p));
/** A tool is changed by the organisation that added it (or an administrator). */
definePolicy<ToolResource>(
  'knowledge_tool',
  'update',
  (p, t) =>
    p.active.role === 'platform_admin' || (isEditor(p) && p.active.organisationId === t.organisationId),
);

export const canCreateTool = (p: Principal | null | undefined) =>
  can(p, 'create', { type: 'knowledge_tool' });
export const canUpdateTool = (p: Principal | null | undefined, t: { organisationId: string }) =>
  can(p, 'update', { type: 'knowledge_tool', organisationId: t.organisationId });

export const toolFilterSchema = z.object({
  kind: z.enum(toolKinds).optional().catch(undefined),
  theme: z.enum(themes).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
});
export type ToolFilter = z.infer<typeof toolFilterSchema>;

/** The public collection of practical tools. */
export async function listTools(db: Executor, filter: ToolFilter, page: Page) {
  const conditions: SQL[] = [];
  if (filter.kind) conditions.push(eq(tools.kind, filter.kind));
  if (filter.theme) conditions.push(eq(tools.theme, filter.theme));
  if (filter.q) {
    const term = `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${tools.title} ilike ${term} or ${tools.description} ilike ${term})`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: tools.id,
        title: tools.title,
        description: tools.description,
        kind: tools.kind,
        theme: tools.theme,
        url: tools.url,
        organisationId: tools.organisationId,
        organisationName: organisations.name,
        updatedAt: tools.updatedAt,
      })
      .from(tools)
      .innerJoin(organisations, eq(organisations.id, tools.organisationId))
      .where(where)
      .orderBy(asc(tools.title), asc(tools.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(tools).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
export type ToolRow = Awaited<ReturnType<typeof listTools>>['items'][number];

export const toolInputSchema = z.object({
  title: fields.requiredText('een titel', 200),
  description: fields.requiredText('een beschrijving', 3000),
  kind: z.enum(toolKinds, { error: 'Kies een soort tool.' }),
  theme: z.enum(themes, { error: 'Kies een thema.' }),
  url: z
    .string({ error: 'Vul een webadres in.' })
    .trim()
    .min(1, { error: 'Vul de link naar het bestand of de online tool in.' })
    .max(1000)
    .pipe(z.url({ protocol: /^https?$/, error: 'Vul een volledig webadres in, bv. https://…' })),
});

export async function createTool(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  if (!canCreateTool(user))
    throw new ForbiddenError('Alleen de redactie van de agentschappen voegt tools toe.');
  const data = parseInput(toolInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(tools)
      .values({ ...data, organisationId: user.active.organisationId, createdByUserId: user.userId })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'tool.created',
      entityType: 'knowledge_tool',
      entityId: row!.id,
      ownerOrganisationId: row!.organisationId,
      after: row,
    });
    return row!;
  });
}

export async function getToolForEdit(ctx: ServiceContext, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze tool bestaat niet.');
  const [row] = await ctx.db.select().from(tools).where(eq(tools.id, id));
  if (!row || !canUpdateTool(ctx.user, row)) throw new NotFoundError('Deze tool bestaat niet.');
  return row;
}

export async function updateTool(ctx: ServiceContext, id: string, input: unknown) {
  const before = await getToolForEdit(ctx, id);
  const data = parseInput(toolInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .update(tools)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(tools.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'tool.updated',
      entityType: 'knowledge_tool',
      entityId: id,
      ownerOrganisationId: before.organisationId,
      before,
      after: row,
    });
    return row!;
  });
}
