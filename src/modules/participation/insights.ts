import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { memberships, organisations, users } from '../../core/access/schema';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ForbiddenError, NotFoundError } from '../../core/http/errors';
import { todayIso } from '../../core/i18n/format';
import { municipalities, networks } from '../reference';
import { isModerator, municipalitiesInScope } from './access';
import { placesOf, visibleOfferCondition } from './offers';
import { suppress, suppressBreakdown, suppressWithGroup } from './rules';
import {
  participationHourEntries,
  participationOfferPlaces,
  participationOffers,
  participationTrajectories,
} from './schema';
import { categories, dutchLevels } from './vocab';

const o = participationOffers;
const pl = participationOfferPlaces;
const t = participationTrajectories;
const h = participationHourEntries;

/** Published offers per municipality and category, for the given municipalities. */
async function offerMatrix(db: Executor, nisList: string[], today: string) {
  if (nisList.length === 0) return new Map<string, Record<string, number>>();
  const rows = await db
    .select({ nis: pl.municipalityNis, category: o.category, n: sql<number>`count(distinct ${o.id})::int` })
    .from(pl)
    .innerJoin(o, eq(o.id, pl.offerId))
    .where(and(visibleOfferCondition(today), inArray(pl.municipalityNis, nisList)))
    .groupBy(pl.municipalityNis, o.category);
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.nis) ?? {};
    m[r.category] = r.n;
    out.set(r.nis, m);
  }
  return out;
}

/** The 18 networks with their municipalities and the size of their offer. */
export async function listNetworkSummaries(db: Executor, today = todayIso()) {
  const [nets, muniCounts, offerCounts] = await Promise.all([
    db.select().from(networks).orderBy(asc(networks.name)),
    db
      .select({ code: municipalities.networkCode, n: count() })
      .from(municipalities)
      .groupBy(municipalities.networkCode),
    db
      .select({ code: pl.networkCode, n: sql<number>`count(distinct ${o.id})::int` })
      .from(pl)
      .innerJoin(o, eq(o.id, pl.offerId))
      .where(visibleOfferCondition(today))
      .groupBy(pl.networkCode),
  ]);
  const m = new Map(muniCounts.map((r) => [r.code, r.n]));
  const off = new Map(offerCounts.map((r) => [r.code, r.n]));
  return nets.map((n) => ({
    code: n.code,
    name: n.name,
    municipalities: m.get(n.code) ?? 0,
    offers: off.get(n.code) ?? 0,
  }));
}

/** A network's public page: members, coordinators, offer and the categories missing per municipality. */
export async function getNetworkPage(db: Executor, code: string, today = todayIso()) {
  if (!/^[A-Z0-9_]{2,20}$/.test(code)) throw new NotFoundError('Dit netwerk bestaat niet.');
  const [network] = await db.select().from(networks).where(eq(networks.code, code));
  if (!network) throw new NotFoundError('Dit netwerk bestaat niet.');
  const [members, [networkOrg], owners, [offerTotal], latestIds] = await Promise.all([
    db
      .select({
        nis: municipalities.nis,
        name: municipalities.name,
        regisseurId: municipalities.regisseurOrganisationId,
        regisseurName: organisations.name,
      })
      .from(municipalities)
      .leftJoin(organisations, eq(organisations.id, municipalities.regisseurOrganisationId))
      .where(eq(municipalities.networkCode, code))
      .orderBy(asc(municipalities.name)),
    db
      .select({ id: organisations.id, name: organisations.name, email: organisations.email })
      .from(organisations)
      .where(eq(organisations.networkCode, code)),
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        type: organisations.type,
        offers: sql<number>`count(distinct ${o.id})::int`,
      })
      .from(o)
      .innerJoin(pl, eq(pl.offerId, o.id))
      .innerJoin(organisations, eq(organisations.id, o.ownerOrganisationId))
      .where(and(visibleOfferCondition(today), eq(pl.networkCode, code)))
      .groupBy(organisations.id, organisations.name, organisations.type)
      .orderBy(desc(sql`count(distinct ${o.id})`), asc(organisations.name)),
    db
      .select({ n: sql<number>`count(distinct ${o.id})::int` })
      .from(o)
      .innerJoin(pl, eq(pl.offerId, o.id))
      .where(and(visibleOfferCondition(today), eq(pl.networkCode, code))),
    db
      .selectDistinct({ id: o.id, publishedAt: o.publishedAt })
      .from(o)
      .innerJoin(pl, eq(pl.offerId, o.id))
      .where(and(visibleOfferCondition(today), eq(pl.networkCode, code)))
      .orderBy(desc(o.publishedAt), asc(o.id))
      .limit(6),
  ]);
  const coordinators = networkOrg
    ? await db
        .select({ name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(
            eq(memberships.organisationId, networkOrg.id),
            eq(memberships.role, 'network_coordinator'),
            isNull(users.disabledAt),
          ),
        )
        .orderBy(asc(users.name))
    : [];
  const latest = latestIds.length
    ? await db
        .select({ id: o.id, title: o.title, category: o.category })
        .from(o)
        .where(
          inArray(
            o.id,
            latestIds.map((r) => r.id),
          ),
        )
    : [];
  const latestPlaces = await placesOf(
    db,
    latest.map((r) => r.id),
  );
  const matrix = await offerMatrix(
    db,
    members.map((m) => m.nis),
    today,
  );
  const networkTotals: Record<string, number> = {};
  for (const counts of matrix.values())
    for (const [cat, n] of Object.entries(counts)) networkTotals[cat] = (networkTotals[cat] ?? 0) + n;
  return {
    network,
    networkOrg: networkOrg ?? null,
    coordinators,
    members: members.map((m) => {
      const counts = matrix.get(m.nis) ?? {};
      return { ...m, counts, missing: categories.filter((c) => !counts[c]) };
    }),
    owners,
    offerTotal: offerTotal?.n ?? 0,
    latest: latestIds
      .map((r) => latest.find((x) => x.id === r.id)!)
      .filter(Boolean)
      .map((x) => ({ ...x, places: latestPlaces.get(x.id) ?? [] })),
    networkTotals,
  };
}

export type NetworkPageData = Awaited<ReturnType<typeof getNetworkPage>>;

/**
 * The local government's (or network's) view: offers in its municipalities, gaps by category, and
 * trajectories only as aggregates in which no group is smaller than 5.
 */
export async function getLocalOverview(ctx: ServiceContext, now = new Date()) {
  const p = ctx.user;
  if (!isModerator(p))
    throw new ForbiddenError('Dit overzicht is er voor lokale besturen en netwerkcoördinatoren.');
  const today = todayIso(now);
  const year = today.slice(0, 4);
  const scope = await municipalitiesInScope(ctx.db, p);
  const names = scope.length
    ? await ctx.db
        .select({
          nis: municipalities.nis,
          name: municipalities.name,
          networkCode: municipalities.networkCode,
        })
        .from(municipalities)
        .where(inArray(municipalities.nis, scope))
        .orderBy(asc(municipalities.name))
    : [];
  const networkCodes = [...new Set(names.map((n) => n.networkCode))];
  const [matrix, networkCounts, statusRows, levelRows, hoursRows] = await Promise.all([
    offerMatrix(ctx.db, scope, today),
    networkCodes.length
      ? ctx.db
          .select({ category: o.category, n: sql<number>`count(distinct ${o.id})::int` })
          .from(o)
          .innerJoin(pl, eq(pl.offerId, o.id))
          .where(and(visibleOfferCondition(today), inArray(pl.networkCode, networkCodes)))
          .groupBy(o.category)
      : Promise.resolve([]),
    scope.length
      ? ctx.db
          .select({ nis: t.municipalityNis, status: t.status, obliged: t.obliged, n: count() })
          .from(t)
          .where(inArray(t.municipalityNis, scope))
          .groupBy(t.municipalityNis, t.status, t.obliged)
      : Promise.resolve([]),
    scope.length
      ? ctx.db
          .select({ level: t.dutchLevel, n: count() })
          .from(t)
          .where(and(inArray(t.municipalityNis, scope), eq(t.status, 'active')))
          .groupBy(t.dutchLevel)
      : Promise.resolve([]),
    scope.length
      ? ctx.db
          .select({
            nis: t.municipalityNis,
            people: sql<number>`count(distinct ${t.id})::int`,
            minutes: sql<number>`coalesce(sum(${h.minutes}), 0)::int`,
          })
          .from(h)
          .innerJoin(t, eq(t.id, h.trajectoryId))
          .where(
            and(
              inArray(t.municipalityNis, scope),
              eq(h.status, 'validated'),
              sql`${h.confirmationId} is not null`,
              sql`${h.date} >= ${`${year}-01-01`}`,
              sql`${h.date} <= ${`${year}-12-31`}`,
            ),
          )
          .groupBy(t.municipalityNis)
      : Promise.resolve([]),
  ]);

  const byCategory: Record<string, number> = {};
  for (const counts of matrix.values())
    for (const [cat, n] of Object.entries(counts)) byCategory[cat] = (byCategory[cat] ?? 0) + n;
  const inNetwork = Object.fromEntries(networkCounts.map((r) => [r.category, r.n]));

  const sum = (rows: Array<{ n: number }>) => rows.reduce((s, r) => s + r.n, 0);
  const statusTotals = {
    active: sum(statusRows.filter((r) => r.status === 'active')),
    completed: sum(statusRows.filter((r) => r.status === 'completed')),
    stopped: sum(statusRows.filter((r) => r.status === 'stopped')),
  };
  const activeObliged = {
    obliged: sum(statusRows.filter((r) => r.status === 'active' && r.obliged)),
    optional: sum(statusRows.filter((r) => r.status === 'active' && !r.obliged)),
  };
  const levels = Object.fromEntries(
    dutchLevels.map((lv) => [lv, levelRows.find((r) => r.level === lv)?.n ?? 0]),
  ) as Record<(typeof dutchLevels)[number], number>;
  // Each column is suppressed as a breakdown of its (shown) total, so no hidden cell can be derived.
  const column = (pick: (nis: string) => number) =>
    suppressBreakdown(Object.fromEntries(names.map((m) => [m.nis, pick(m.nis)])) as Record<string, number>);
  const activeCol = column((nis) => sum(statusRows.filter((r) => r.nis === nis && r.status === 'active')));
  const completedCol = column((nis) =>
    sum(statusRows.filter((r) => r.nis === nis && r.status === 'completed')),
  );
  const peopleCol = column((nis) => hoursRows.find((r) => r.nis === nis)?.people ?? 0);
  const perMunicipality = names.map((m) => {
    const hours = hoursRows.find((r) => r.nis === m.nis);
    return {
      nis: m.nis,
      name: m.name,
      offers: Object.values(matrix.get(m.nis) ?? {}).reduce((s, n) => s + n, 0),
      missing: categories.filter((c) => !matrix.get(m.nis)?.[c]),
      active: activeCol[m.nis] ?? 0,
      completed: completedCol[m.nis] ?? 0,
      hoursThisYear: peopleCol[m.nis] === null ? null : (hours?.minutes ?? 0),
    };
  });
  const people = hoursRows.reduce((s, r) => s + r.people, 0);
  const minutes = hoursRows.reduce((s, r) => s + r.minutes, 0);
  const totalTrajectories = statusTotals.active + statusTotals.completed + statusTotals.stopped;
  return {
    scopeLabel: p.active.organisationName,
    municipalities: names,
    year,
    byCategory,
    inNetwork,
    gaps: categories.filter((c) => !byCategory[c]),
    perMunicipality,
    trajectories: {
      total: suppress(totalTrajectories),
      byStatus:
        totalTrajectories < 5
          ? { active: null, completed: null, stopped: null }
          : suppressBreakdown(statusTotals),
      activeObliged: suppressBreakdown(activeObliged),
      levels: suppressBreakdown(levels),
    },
    hoursThisYear: { people: suppress(people), minutes: suppressWithGroup(people, minutes) },
  };
}

export type LocalOverview = Awaited<ReturnType<typeof getLocalOverview>>;
