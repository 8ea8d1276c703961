import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { organisationLinesMessage, resolveOrganisations } from './organisations';
import { themes } from './rules';
import {
  events,
  learningNetworkMembers,
  learningNetworkResources,
  learningNetworks,
  registrations,
} from './schema';
import { canCreateEvent, canManageEvent } from './service';

type NetworkRow = typeof learningNetworks.$inferSelect;

/** Those who run a learning network are the staff of its organiser (as for events). */
export const canManageNetwork = (p: Principal | null | undefined, n: { organiserOrganisationId: string }) =>
  canManageEvent(p, n);

async function isMember(db: Executor, networkId: string, organisationId: string) {
  const [row] = await db
    .select({ id: learningNetworkMembers.organisationId })
    .from(learningNetworkMembers)
    .where(
      and(
        eq(learningNetworkMembers.learningNetworkId, networkId),
        eq(learningNetworkMembers.organisationId, organisationId),
      ),
    );
  return !!row;
}

/** The network, if the caller may see it (member organisation, organiser or administrator); else 404. */
async function visibleNetwork(
  ctx: ServiceContext,
  id: string,
): Promise<{ network: NetworkRow; manage: boolean }> {
  const user = ctx.user;
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Dit lerend netwerk bestaat niet.');
  const [network] = await ctx.db.select().from(learningNetworks).where(eq(learningNetworks.id, id));
  if (!network) throw new NotFoundError('Dit lerend netwerk bestaat niet.');
  const manage = canManageNetwork(user, network);
  if (!manage && !(await isMember(ctx.db, id, user.active.organisationId)))
    throw new NotFoundError('Dit lerend netwerk bestaat niet.');
  return { network, manage };
}

async function managedNetwork(ctx: ServiceContext, id: string): Promise<NetworkRow> {
  const { network, manage } = await visibleNetwork(ctx, id);
  if (!manage) throw new ForbiddenError('Alleen de organisator van het lerend netwerk kan dit doen.');
  return network;
}

/** Learning networks the caller's organisation belongs to or runs (all of them for administrators). */
export async function listLearningNetworks(ctx: ServiceContext, page: Page) {
  const user = ctx.user;
  const where: SQL | undefined =
    user.active.role === 'platform_admin'
      ? undefined
      : or(
          eq(learningNetworks.organiserOrganisationId, user.active.organisationId),
          sql`exists (select 1 from ${learningNetworkMembers} where ${learningNetworkMembers.learningNetworkId} = ${learningNetworks.id} and ${learningNetworkMembers.organisationId} = ${user.active.organisationId})`,
        );
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({
        id: learningNetworks.id,
        name: learningNetworks.name,
        theme: learningNetworks.theme,
        description: learningNetworks.description,
        organiserName: organisations.name,
        members: sql<number>`(select count(*)::int from ${learningNetworkMembers} where ${learningNetworkMembers.learningNetworkId} = ${learningNetworks.id})`,
        nextSession: sql<
          string | null
        >`(select min(${events.startsAt})::text from ${events} where ${events.learningNetworkId} = ${learningNetworks.id} and ${events.startsAt} > now() and ${events.cancelledAt} is null)`,
      })
      .from(learningNetworks)
      .innerJoin(organisations, eq(organisations.id, learningNetworks.organiserOrganisationId))
      .where(where)
      .orderBy(asc(learningNetworks.name), asc(learningNetworks.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db.select({ n: count() }).from(learningNetworks).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** A learning network's page: members, sessions (with the caller's registrations) and shared links. */
export async function getLearningNetwork(ctx: ServiceContext, id: string) {
  const user = ctx.user;
  const { network, manage } = await visibleNetwork(ctx, id);
  const [[organiser], members, sessions, resources] = await Promise.all([
    ctx.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, network.organiserOrganisationId)),
    ctx.db
      .select({ id: organisations.id, name: organisations.name, type: organisations.type })
      .from(learningNetworkMembers)
      .innerJoin(organisations, eq(organisations.id, learningNetworkMembers.organisationId))
      .where(eq(learningNetworkMembers.learningNetworkId, id))
      .orderBy(asc(organisations.name)),
    ctx.db
      .select({
        id: events.id,
        title: events.title,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        location: events.location,
        onlineUrl: events.onlineUrl,
        cancelledAt: events.cancelledAt,
        myStatus: sql<
          string | null
        >`(select ${registrations.status} from ${registrations} where ${registrations.eventId} = ${events.id} and ${registrations.userId} = ${user.userId} and ${registrations.status} <> 'cancelled' limit 1)`,
      })
      .from(events)
      .where(eq(events.learningNetworkId, id))
      .orderBy(asc(events.startsAt))
      .limit(200),
    ctx.db
      .select({
        id: learningNetworkResources.id,
        title: learningNetworkResources.title,
        url: learningNetworkResources.url,
        description: learningNetworkResources.description,
        createdAt: learningNetworkResources.createdAt,
        addedByName: users.name,
        addedByOrganisationId: learningNetworkResources.addedByOrganisationId,
        addedByOrganisation: organisations.name,
      })
      .from(learningNetworkResources)
      .leftJoin(users, eq(users.id, learningNetworkResources.addedByUserId))
      .leftJoin(organisations, eq(organisations.id, learningNetworkResources.addedByOrganisationId))
      .where(eq(learningNetworkResources.learningNetworkId, id))
      .orderBy(desc(learningNetworkResources.createdAt))
      .limit(200),
  ]);
  return {
    network,
    organiser: organiser!,
    members,
    sessions,
    resources,
    manage,
    canAddSession: manage && canCreateEvent(user),
  };
}
export type LearningNetworkDetail = Awaited<ReturnType<typeof getLearningNetwork>>;

export const networkInputSchema = z.object({
  name: fields.requiredText('een naam', 200),
  theme: z.enum(themes, { error: 'Kies een thema.' }),
  description: fields.optionalText('de beschrijving', 5000),
  members: z.string().max(20_000).optional().default(''),
});

export async function createLearningNetwork(ctx: ServiceContext, input: unknown) {
  const user = ctx.user;
  if (!canCreateEvent(user))
    throw new ForbiddenError('Alleen agentschappen en regionale netwerken starten een lerend netwerk.');
  const data = parseInput(networkInputSchema, input);
  const resolved = await resolveOrganisations(ctx.db, data.members);
  const message = organisationLinesMessage(resolved);
  if (message) throw new ValidationError({ members: message });
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(learningNetworks)
      .values({
        name: data.name,
        theme: data.theme,
        description: data.description,
        organiserOrganisationId: user.active.organisationId,
        createdByUserId: user.userId,
      })
      .returning();
    if (resolved.ids.length)
      await tx
        .insert(learningNetworkMembers)
        .values(resolved.ids.map((organisationId) => ({ learningNetworkId: row!.id, organisationId })));
    await writeAudit(tx, ctx.actor, {
      action: 'learning_network.created',
      entityType: 'knowledge_learning_network',
      entityId: row!.id,
      ownerOrganisationId: row!.organiserOrganisationId,
      after: { ...row, members: resolved.ids },
    });
    return row!;
  });
}

export const addMembersSchema = z.object({
  members: fields.requiredText('minstens één organisatie', 20_000),
});

export async function addMembers(ctx: ServiceContext, id: string, input: unknown) {
  const network = await managedNetwork(ctx, id);
  const { members } = parseInput(addMembersSchema, input);
  const resolved = await resolveOrganisations(ctx.db, members);
  const message = organisationLinesMessage(resolved);
  if (message) throw new ValidationError({ members: message });
  return ctx.transaction(async (tx) => {
    const added = await tx
      .insert(learningNetworkMembers)
      .values(resolved.ids.map((organisationId) => ({ learningNetworkId: id, organisationId })))
      .onConflictDoNothing()
      .returning({ organisationId: learningNetworkMembers.organisationId });
    if (added.length)
      await writeAudit(tx, ctx.actor, {
        action: 'learning_network.members_added',
        entityType: 'knowledge_learning_network',
        entityId: id,
        ownerOrganisationId: network.organiserOrganisationId,
        after: { added: added.map((a) => a.organisationId) },
      });
    return added.length;
  });
}

export async function removeMember(ctx: ServiceContext, id: string, organisationId: string) {
  const network = await managedNetwork(ctx, id);
  if (!z.uuid().safeParse(organisationId).success) throw new NotFoundError('Deze organisatie is geen lid.');
  return ctx.transaction(async (tx) => {
    const removed = await tx
      .delete(learningNetworkMembers)
      .where(
        and(
          eq(learningNetworkMembers.learningNetworkId, id),
          eq(learningNetworkMembers.organisationId, organisationId),
        ),
      )
      .returning();
    if (!removed.length) throw new NotFoundError('Deze organisatie is geen lid.');
    await writeAudit(tx, ctx.actor, {
      action: 'learning_network.member_removed',
      entityType: 'knowledge_learning_network',
      entityId: id,
      ownerOrganisationId: network.organiserOrganisationId,
      before: { organisationId },
    });
  });
}

export const resourceInputSchema = z.object({
  title: fields.requiredText('een titel', 200),
  url: z
    .string({ error: 'Vul een webadres in.' })
    .trim()
    .min(1, { error: 'Vul een webadres in, bv. https://…' })
    .max(1000)
    .pipe(z.url({ protocol: /^https?$/, error: 'Vul een volledig webadres in, bv. https://…' })),
  description: fields.optionalText('de beschrijving', 1000),
});

/** Members and organisers share a document or link with the network. */
export async function addResource(ctx: ServiceContext, id: string, input: unknown) {
  const user = ctx.user;
  const { network } = await visibleNetwork(ctx, id);
  const data = parseInput(resourceInputSchema, input);
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .insert(learningNetworkResources)
      .values({
        ...data,
        learningNetworkId: id,
        addedByUserId: user.userId,
        addedByOrganisationId: user.active.organisationId,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'learning_network.resource_added',
      entityType: 'knowledge_learning_network',
      entityId: id,
      ownerOrganisationId: network.organiserOrganisationId,
      after: row,
    });
    return row!;
  });
}

/** The organiser, or the organisation that shared it, removes a shared link. */
export async function removeResource(ctx: ServiceContext, id: string, resourceId: string) {
  const user = ctx.user;
  const { network, manage } = await visibleNetwork(ctx, id);
  if (!z.uuid().safeParse(resourceId).success) throw new NotFoundError('Dit document bestaat niet.');
  return ctx.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(learningNetworkResources)
      .where(
        and(eq(learningNetworkResources.id, resourceId), eq(learningNetworkResources.learningNetworkId, id)),
      );
    if (!row) throw new NotFoundError('Dit document bestaat niet.');
    if (!manage && row.addedByOrganisationId !== user.active.organisationId)
      throw new ForbiddenError('Alleen de organisator of wie het deelde, kan dit verwijderen.');
    await tx.delete(learningNetworkResources).where(eq(learningNetworkResources.id, resourceId));
    await writeAudit(tx, ctx.actor, {
      action: 'learning_network.resource_removed',
      entityType: 'knowledge_learning_network',
      entityId: id,
      ownerOrganisationId: network.organiserOrganisationId,
      before: row,
    });
  });
}

/** Learning networks the caller runs, for the session form. */
export async function managedNetworks(ctx: ServiceContext) {
  const user = ctx.user;
  return ctx.db
    .select({ id: learningNetworks.id, name: learningNetworks.name })
    .from(learningNetworks)
    .where(
      user.active.role === 'platform_admin'
        ? undefined
        : eq(learningNetworks.organiserOrganisationId, user.active.organisationId),
    )
    .orderBy(asc(learningNetworks.name));
}

export async function networkNames(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .select({ id: learningNetworks.id, name: learningNetworks.name })
    .from(learningNetworks)
    .where(inArray(learningNetworks.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
