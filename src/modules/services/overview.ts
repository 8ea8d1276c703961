import { type AnyColumn, and, asc, count, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { memberships, organisations, users } from '../../core/access/schema';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { NotFoundError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { todayIso } from '../../core/i18n/format';
import { assertAgencyReader, type LocalGovernment, localGovernmentsQuery, portfolioOf } from './access';
import {
  FREE_QUESTION_NORM_DAYS,
  leadTimeSummary,
  median,
  overdueStatuses,
  requestStatuses,
  workingDaysBetween,
} from './rules';
import { serviceCatalogueItems, serviceContactLog, servicePackageChoices, serviceRequests } from './schema';
import { catalogueForAgency, withActivity } from './service';

const inYear = (column: AnyColumn, year: number) =>
  sql`${column} between ${`${year}-01-01`} and ${`${year}-12-31`}`;

/** Every figure of an agency's year, computed in a handful of grouped queries. */
export async function agencyOverview(ctx: ServiceContext, agencyCode: string, year: number) {
  assertAgencyReader(ctx.user, agencyCode);
  const db = ctx.db;
  const today = todayIso();
  const governments = await localGovernmentsQuery(db, { kind: 'agency', agencyCode });
  const governmentIds = new Set(governments.map((g) => g.id));
  const requestScope = and(
    eq(serviceRequests.agencyCode, agencyCode),
    inYear(serviceRequests.submittedOn, year),
  );

  const [items, choices, requestCounts, contactsByOrg, doneRows, overdue] = await Promise.all([
    catalogueForAgency(db, agencyCode, year),
    db
      .select({
        organisationId: servicePackageChoices.organisationId,
        itemId: servicePackageChoices.itemId,
      })
      .from(servicePackageChoices)
      .where(
        and(
          eq(servicePackageChoices.year, year),
          isNull(servicePackageChoices.removedAt),
          governmentIds.size ? inArray(servicePackageChoices.organisationId, [...governmentIds]) : sql`false`,
        ),
      ),
    // Requests per local government, per item and per status in one pass over the year's requests.
    db
      .select({
        by: sql<
          'organisation' | 'item' | 'status'
        >`case when grouping(${serviceRequests.organisationId}) = 0 then 'organisation' when grouping(${serviceRequests.itemId}) = 0 then 'item' else 'status' end`,
        organisationId: serviceRequests.organisationId,
        itemId: serviceRequests.itemId,
        status: serviceRequests.status,
        n: count(),
      })
      .from(serviceRequests)
      .where(requestScope)
      .groupBy(
        sql`grouping sets ((${serviceRequests.organisationId}), (${serviceRequests.itemId}), (${serviceRequests.status}))`,
      ),
    db
      .select({ organisationId: serviceContactLog.organisationId, n: count() })
      .from(serviceContactLog)
      .where(and(eq(serviceContactLog.agencyCode, agencyCode), inYear(serviceContactLog.occurredOn, year)))
      .groupBy(serviceContactLog.organisationId),
    db
      .select({
        itemId: serviceRequests.itemId,
        submittedOn: serviceRequests.submittedOn,
        closedOn: serviceRequests.closedOn,
      })
      .from(serviceRequests)
      .where(and(requestScope, eq(serviceRequests.status, 'done'))),
    db
      .select({
        id: serviceRequests.id,
        number: serviceRequests.number,
        organisationId: serviceRequests.organisationId,
        organisationName: organisations.name,
        subject: serviceRequests.subject,
        status: serviceRequests.status,
        submittedOn: serviceRequests.submittedOn,
        dueDate: serviceRequests.dueDate,
      })
      .from(serviceRequests)
      .innerJoin(organisations, eq(organisations.id, serviceRequests.organisationId))
      .where(
        and(
          requestScope,
          inArray(serviceRequests.status, overdueStatuses),
          lt(serviceRequests.dueDate, today),
        ),
      )
      .orderBy(asc(serviceRequests.dueDate), asc(serviceRequests.number)),
  ]);

  const agencyChoices = choices.filter((c) => governmentIds.has(c.organisationId));
  const choicesByOrg = new Map<string, number>();
  const choosersByItem = new Map<string, number>();
  for (const c of agencyChoices) {
    choicesByOrg.set(c.organisationId, (choicesByOrg.get(c.organisationId) ?? 0) + 1);
    choosersByItem.set(c.itemId, (choosersByItem.get(c.itemId) ?? 0) + 1);
  }
  const countsBy = (by: 'organisation' | 'item' | 'status') => requestCounts.filter((r) => r.by === by);
  const requestsBy = new Map(countsBy('organisation').map((r) => [r.organisationId, r.n]));
  const contactsBy = new Map(contactsByOrg.map((r) => [r.organisationId, r.n]));
  const requestsByItemId = new Map(countsBy('item').map((r) => [r.itemId ?? 'free', r.n]));

  const served = governments
    .map((g) => ({
      ...g,
      packageItems: choicesByOrg.get(g.id) ?? 0,
      requests: requestsBy.get(g.id) ?? 0,
      contactMoments: contactsBy.get(g.id) ?? 0,
    }))
    .filter((g) => g.packageItems + g.requests + g.contactMoments > 0);

  const uptake = items
    .map((item) => ({
      itemId: item.id,
      code: item.code,
      title: item.title,
      inBasicPackage: item.inBasicPackage,
      localGovernments: choosersByItem.get(item.id) ?? 0,
      requests: requestsByItemId.get(item.id) ?? 0,
    }))
    // Most chosen first, so the chart reads from the top.
    .sort(
      (a, b) =>
        b.localGovernments - a.localGovernments ||
        b.requests - a.requests ||
        a.title.localeCompare(b.title, 'nl'),
    );
  const freeQuestions = requestsByItemId.get('free') ?? 0;

  const statusCount = new Map(countsBy('status').map((s) => [s.status, s.n]));
  const byStatus = requestStatuses.map((status) => ({ status, count: statusCount.get(status) ?? 0 }));

  const itemById = new Map(items.map((i) => [i.id, i]));
  const leadInputs = doneRows
    .filter((r) => r.closedOn)
    .map((r) => {
      const item = r.itemId ? itemById.get(r.itemId) : undefined;
      return {
        key: item?.code ?? (r.itemId ? 'other' : 'free'),
        normDays: item?.normWorkingDays ?? FREE_QUESTION_NORM_DAYS,
        submittedOn: r.submittedOn,
        closedOn: r.closedOn!,
      };
    });
  const titleByKey = new Map<string, string>([
    ['free', 'Vrije vragen'],
    ['other', 'Andere diensten'],
  ]);
  for (const i of items) titleByKey.set(i.code, i.title);
  const leadTimes = leadTimeSummary(leadInputs)
    .map((l) => ({ ...l, title: titleByKey.get(l.key) ?? l.key }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const overallMedian = median(leadInputs.map((l) => workingDaysBetween(l.submittedOn, l.closedOn)));

  return {
    agencyCode,
    year,
    totals: {
      localGovernments: governments.length,
      served: served.length,
      withPackage: new Set(agencyChoices.map((c) => c.organisationId)).size,
      requests: byStatus.reduce((sum, s) => sum + s.count, 0),
      overdue: overdue.length,
      medianLeadDays: overallMedian,
      withinNorm: leadTimes.reduce((sum, l) => sum + l.withinNorm, 0),
      done: leadInputs.length,
    },
    served,
    uptake,
    freeQuestions,
    byStatus,
    leadTimes,
    overdue,
  };
}

export type AgencyOverview = Awaited<ReturnType<typeof agencyOverview>>;

/** A contact person with the agency they work for; null when the user is no contact person. */
export async function contactPerson(db: Executor, userId: string) {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      agencyCode: organisations.agencyCode,
      agencyName: organisations.name,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'contact_person')))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row?.agencyCode ? { ...row, agencyCode: row.agencyCode } : null;
}

/**
 * A contact person's portfolio: their local governments with open requests, overdue requests, last
 * contact and this year's package. The person sees their own; agency staff and administrators see any.
 */
export async function portfolio(ctx: ServiceContext, userId: string, page: Page | null) {
  const p = ctx.user;
  const person = await contactPerson(ctx.db, userId);
  const allowed =
    !!person &&
    (p.active.role === 'platform_admin' ||
      (p.active.role === 'contact_person' &&
        p.userId === userId &&
        p.active.agencyCode === person.agencyCode) ||
      (p.active.role === 'agency_staff' && p.active.agencyCode === person.agencyCode));
  if (!person || !allowed)
    throw new NotFoundError('Deze portefeuille bestaat niet, of u hebt er geen toegang toe.');
  const ids = await portfolioOf(ctx.db, userId);
  const all: LocalGovernment[] = ids.size
    ? await localGovernmentsQuery(ctx.db, { kind: 'all' }, inArray(organisations.id, [...ids]))
    : [];
  const slice = page ? all.slice(page.offset, page.offset + page.pageSize) : all;
  const year = Number(todayIso().slice(0, 4));
  const rows = await withActivity(ctx.db, slice);
  const packageCounts = rows.length
    ? await ctx.db
        .select({ organisationId: servicePackageChoices.organisationId, n: count() })
        .from(servicePackageChoices)
        .where(
          and(
            inArray(
              servicePackageChoices.organisationId,
              rows.map((r) => r.id),
            ),
            eq(servicePackageChoices.year, year),
            isNull(servicePackageChoices.removedAt),
          ),
        )
        .groupBy(servicePackageChoices.organisationId)
    : [];
  const packageBy = new Map(packageCounts.map((r) => [r.organisationId, r.n]));
  return {
    person,
    year,
    total: all.length,
    items: rows.map((r) => ({ ...r, packageItems: packageBy.get(r.id) ?? 0 })),
  };
}

export type Portfolio = Awaited<ReturnType<typeof portfolio>>;

/** For home cards: how many items a list of catalogue items holds (cheap count). */
export async function catalogueSize(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(serviceCatalogueItems);
  return row?.n ?? 0;
}
