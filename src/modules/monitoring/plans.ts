import { stringify } from 'csv-stringify/sync';
import { and, asc, count, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can, definePolicy } from '../../core/access/policy';
import type { Principal } from '../../core/access/principal';
import { organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor, Tx } from '../../core/db/client';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { PROGRESS_COLUMNS, planKinds } from './catalogue';
import { type LineUnit, parseCsv, safeCell } from './importer';
import {
  parseNumber,
  parseTypedNumber,
  planProgress,
  type ResultStatus,
  resultStatuses,
  resultStatusLabels,
  rollUpProgress,
  wouldCycle,
} from './rules';
import {
  actionPlans,
  indicators,
  milestones,
  planResults,
  progressUpdates,
  regietafels,
  resultIndicators,
} from './schema';
import { writeXlsx } from './spreadsheet';

export type Plan = typeof actionPlans.$inferSelect;
export type Result = typeof planResults.$inferSelect;

/** A plan is edited by members of the organisation that owns it, and by platform administrators. */
definePolicy<{ type: 'action_plan'; ownerOrganisationId: string }>(
  'action_plan',
  'update',
  (p: Principal, plan) =>
    p.active.role === 'platform_admin' || p.active.organisationId === plan.ownerOrganisationId,
);

/** Who may start a plan for their organisation. */
const PLAN_ROLES = ['platform_admin', 'agency_staff', 'local_officer', 'network_coordinator'];
export const canCreatePlan = (p: Principal | null | undefined) => !!p && PLAN_ROLES.includes(p.active.role);
export const canEditPlan = (p: Principal | null | undefined, plan: Pick<Plan, 'ownerOrganisationId'>) =>
  can(p, 'update', { type: 'action_plan', ownerOrganisationId: plan.ownerOrganisationId });

// ---------------------------------------------------------------------------------------------
// Reading

export type PlanFilter = { q?: string | undefined; kind?: string | undefined; owner?: string | undefined };

/** Plans are public (as in Decidim's accountability): anyone follows their progress. */
export async function listPlans(db: Executor, filter: PlanFilter, page: Page) {
  const conditions: SQL[] = [];
  if (filter.q)
    conditions.push(ilike(actionPlans.title, `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  if (filter.kind) conditions.push(eq(actionPlans.kind, filter.kind));
  if (filter.owner) conditions.push(eq(actionPlans.ownerOrganisationId, filter.owner));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: actionPlans.id,
        title: actionPlans.title,
        kind: actionPlans.kind,
        startYear: actionPlans.startYear,
        endYear: actionPlans.endYear,
        ownerOrganisationId: actionPlans.ownerOrganisationId,
        ownerName: organisations.name,
      })
      .from(actionPlans)
      .innerJoin(organisations, eq(organisations.id, actionPlans.ownerOrganisationId))
      .where(where)
      .orderBy(asc(actionPlans.title), asc(actionPlans.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(actionPlans).where(where),
  ]);
  // Progress of the listed plans in one query.
  const ids = items.map((i) => i.id);
  const results = ids.length
    ? await db
        .select({
          planId: planResults.planId,
          id: planResults.id,
          parentId: planResults.parentId,
          weight: planResults.weight,
          progress: planResults.progress,
          status: planResults.status,
        })
        .from(planResults)
        .where(inArray(planResults.planId, ids))
    : [];
  return {
    items: items.map((i) => {
      const nodes = results.filter((r) => r.planId === i.id);
      return { ...i, progress: nodes.length ? planProgress(nodes) : null, resultCount: nodes.length };
    }),
    total: total?.n ?? 0,
  };
}

export type ResultView = Result & {
  depth: number;
  rolled: number;
  hasChildren: boolean;
  indicators: Array<
    typeof resultIndicators.$inferSelect & { code: string; name: string; unit: string; decimals: number }
  >;
  milestones: Array<typeof milestones.$inferSelect>;
};

export type PlanView = Plan & {
  ownerName: string;
  regietafelName: string | null;
  progress: number;
  results: ResultView[];
};

async function findPlan(db: Executor, id: string): Promise<Plan> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Dit actieplan bestaat niet.');
  const [plan] = await db.select().from(actionPlans).where(eq(actionPlans.id, id));
  if (!plan) throw new NotFoundError('Dit actieplan bestaat niet.');
  return plan;
}

/** The plan with its result tree in display order (depth-first), progress rolled up by weight. */
export async function getPlan(db: Executor, id: string): Promise<PlanView> {
  const plan = await findPlan(db, id);
  const [[owner], table, results] = await Promise.all([
    db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, plan.ownerOrganisationId)),
    plan.regietafelId
      ? db.select({ name: regietafels.name }).from(regietafels).where(eq(regietafels.id, plan.regietafelId))
      : Promise.resolve([]),
    db
      .select()
      .from(planResults)
      .where(eq(planResults.planId, id))
      .orderBy(asc(planResults.position), asc(planResults.code)),
  ]);
  const ids = results.map((r) => r.id);
  const [links, stones] = ids.length
    ? await Promise.all([
        db
          .select({
            link: resultIndicators,
            code: indicators.code,
            name: indicators.name,
            unit: indicators.unit,
            decimals: indicators.decimals,
          })
          .from(resultIndicators)
          .innerJoin(indicators, eq(indicators.id, resultIndicators.indicatorId))
          .where(inArray(resultIndicators.resultId, ids)),
        db
          .select()
          .from(milestones)
          .where(inArray(milestones.resultId, ids))
          .orderBy(asc(milestones.dueDate)),
      ])
    : [[], []];
  const rolled = rollUpProgress(results);
  const children = new Map<string | null, Result[]>();
  for (const r of results) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const ordered: ResultView[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const r of children.get(parentId) ?? []) {
      ordered.push({
        ...r,
        depth,
        rolled: rolled.get(r.id) ?? 0,
        hasChildren: (children.get(r.id) ?? []).length > 0,
        indicators: links
          .filter((l) => l.link.resultId === r.id)
          .map((l) => ({ ...l.link, code: l.code, name: l.name, unit: l.unit, decimals: l.decimals })),
        milestones: stones.filter((m) => m.resultId === r.id),
      });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return {
    ...plan,
    ownerName: owner?.name ?? '',
    regietafelName: table[0]?.name ?? null,
    progress: planProgress(results, rolled),
    results: ordered,
  };
}

export async function getResultTimeline(db: Executor, resultId: string, page: Page) {
  const where = eq(progressUpdates.resultId, resultId);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: progressUpdates.id,
        progress: progressUpdates.progress,
        status: progressUpdates.status,
        note: progressUpdates.note,
        createdAt: progressUpdates.createdAt,
        userName: users.name,
        organisationName: organisations.name,
      })
      .from(progressUpdates)
      .leftJoin(users, eq(users.id, progressUpdates.userId))
      .leftJoin(organisations, eq(organisations.id, progressUpdates.organisationId))
      .where(where)
      .orderBy(desc(progressUpdates.createdAt))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(progressUpdates).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Writing: every write loads the plan scoped to the caller's active organisation.

/** The plan, if the caller may edit it; a 404 otherwise (another organisation's plan is not theirs to see in an edit form). */
export async function planForEdit(ctx: ServiceContext, id: string): Promise<Plan> {
  const plan = await findPlan(ctx.db, id);
  if (!canEditPlan(ctx.user, plan))
    throw new ForbiddenError('Alleen het bestuur dat eigenaar is van dit actieplan kan het aanpassen.');
  return plan;
}

const year = (label: string) =>
  z.coerce
    .number({ error: `${label} moet een jaartal zijn.` })
    .int({ error: `${label} moet een jaartal zijn.` })
    .min(2000, { error: `${label} ligt na 2000.` })
    .max(2100, { error: `${label} ligt voor 2100.` });

const optionalUuid = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .pipe(z.uuid({ error: 'Kies een bestaande waarde.' }).nullable());

export const planInputSchema = z
  .object({
    title: fields.requiredText('de titel', 200),
    description: fields.optionalText('de beschrijving', 4000),
    kind: z.enum(planKinds, { error: 'Kies de soort plan.' }),
    regietafelId: optionalUuid,
    areaCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .pipe(
        z
          .string()
          .regex(/^\d{5}$/, { error: 'Een NIS-code bestaat uit 5 cijfers.' })
          .nullable(),
      ),
    startYear: year('Het beginjaar'),
    endYear: year('Het eindjaar'),
  })
  .refine((v) => v.endYear >= v.startYear, {
    path: ['endYear'],
    message: 'Het eindjaar ligt niet voor het beginjaar.',
  });

export async function createPlan(ctx: ServiceContext, input: unknown): Promise<Plan> {
  if (!canCreatePlan(ctx.user)) throw new ForbiddenError('U kunt geen actieplan opstellen met deze rol.');
  const data = parseInput(planInputSchema, input);
  const owner = ctx.user.active.organisationId;
  return ctx.transaction(async (tx) => {
    if (data.regietafelId) await assertTable(tx, data.regietafelId);
    const [plan] = await tx
      .insert(actionPlans)
      .values({
        ...data,
        areaCode: data.areaCode ?? ctx.user.active.municipalityNis,
        ownerOrganisationId: owner,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'action_plan.created',
      entityType: 'action_plan',
      entityId: plan!.id,
      ownerOrganisationId: owner,
      after: plan,
    });
    return plan!;
  });
}

async function assertTable(tx: Executor, id: string) {
  const [t] = await tx.select({ id: regietafels.id }).from(regietafels).where(eq(regietafels.id, id));
  if (!t) throw new ValidationError({ regietafelId: 'Deze regietafel bestaat niet.' });
}

export async function updatePlan(ctx: ServiceContext, id: string, input: unknown): Promise<Plan> {
  const before = await planForEdit(ctx, id);
  const data = parseInput(planInputSchema, input);
  return ctx.transaction(async (tx) => {
    if (data.regietafelId) await assertTable(tx, data.regietafelId);
    const [after] = await tx
      .update(actionPlans)
      .set({ ...data, updatedAt: new Date() })
      .where(and(eq(actionPlans.id, id), eq(actionPlans.ownerOrganisationId, before.ownerOrganisationId)))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'action_plan.updated',
      entityType: 'action_plan',
      entityId: id,
      ownerOrganisationId: before.ownerOrganisationId,
      before,
      after,
    });
    return after!;
  });
}

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.iso.date({ error: `${label}: gebruik een geldige datum.` }).nullable());

export const resultInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .max(20, { error: 'De code mag hoogstens 20 tekens lang zijn.' })
      .regex(/^[0-9A-Za-z.-]*$/, {
        error: 'Een code bestaat uit cijfers, letters, punten en koppeltekens, bv. 2.1.',
      })
      .optional()
      .transform((v) => v || null),
    title: fields.requiredText('de titel', 250),
    description: fields.optionalText('de beschrijving', 4000),
    parentId: optionalUuid,
    weight: z
      .union([z.string(), z.number()])
      .optional()
      .transform((v, c) => {
        if (v === undefined || v === '') return 1;
        const n = typeof v === 'number' ? v : parseTypedNumber(v);
        if (n === null || Number.isNaN(n) || n < 0 || n > 1000) {
          c.addIssue({ code: 'custom', message: 'Het gewicht is een getal van 0 tot 1000.' });
          return z.NEVER;
        }
        return n;
      }),
    status: z.enum(resultStatuses, { error: 'Kies een status.' }).default('planned'),
    startDate: optionalDate('De begindatum'),
    endDate: optionalDate('De einddatum'),
  })
  .refine((v) => !v.startDate || !v.endDate || v.endDate >= v.startDate, {
    path: ['endDate'],
    message: 'De einddatum ligt niet voor de begindatum.',
  });

async function resultsOf(tx: Executor, planId: string) {
  return tx
    .select({
      id: planResults.id,
      parentId: planResults.parentId,
      code: planResults.code,
      position: planResults.position,
    })
    .from(planResults)
    .where(eq(planResults.planId, planId));
}

export async function addResult(ctx: ServiceContext, planId: string, input: unknown): Promise<Result> {
  const plan = await planForEdit(ctx, planId);
  const data = parseInput(resultInputSchema, input);
  return ctx.transaction(async (tx) => {
    const existing = await resultsOf(tx, planId);
    if (data.parentId && !existing.some((r) => r.id === data.parentId)) {
      throw new ValidationError({ parentId: 'Het bovenliggende resultaat hoort niet bij dit plan.' });
    }
    const siblings = existing.filter((r) => r.parentId === data.parentId);
    const parentCode = data.parentId ? existing.find((r) => r.id === data.parentId)!.code : null;
    let code = data.code;
    if (!code) {
      let n = siblings.length + 1;
      do code = parentCode ? `${parentCode}.${n++}` : String(n++);
      while (existing.some((r) => r.code === code));
    } else if (existing.some((r) => r.code === code)) {
      throw new ValidationError({ code: `De code ${code} bestaat al in dit plan.` });
    }
    const [row] = await tx
      .insert(planResults)
      .values({
        planId,
        parentId: data.parentId,
        code,
        title: data.title,
        description: data.description,
        weight: data.weight,
        status: data.status,
        progress: data.status === 'done' ? 100 : 0,
        startDate: data.startDate,
        endDate: data.endDate,
        position: Math.max(0, ...siblings.map((s) => s.position)) + 1,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'plan_result.created',
      entityType: 'action_plan',
      entityId: planId,
      ownerOrganisationId: plan.ownerOrganisationId,
      after: row,
    });
    return row!;
  });
}

async function resultOf(tx: Executor, planId: string, resultId: string): Promise<Result> {
  if (!z.uuid().safeParse(resultId).success) throw new NotFoundError('Dit resultaat bestaat niet.');
  const [row] = await tx
    .select()
    .from(planResults)
    .where(and(eq(planResults.id, resultId), eq(planResults.planId, planId)));
  if (!row) throw new NotFoundError('Dit resultaat bestaat niet.');
  return row;
}

export async function getResult(db: Executor, planId: string, resultId: string) {
  return resultOf(db, planId, resultId);
}

export async function updateResult(ctx: ServiceContext, planId: string, resultId: string, input: unknown) {
  const plan = await planForEdit(ctx, planId);
  const data = parseInput(resultInputSchema, input);
  return ctx.transaction(async (tx) => {
    const before = await resultOf(tx, planId, resultId);
    const existing = await resultsOf(tx, planId);
    if (data.parentId && !existing.some((r) => r.id === data.parentId)) {
      throw new ValidationError({ parentId: 'Het bovenliggende resultaat hoort niet bij dit plan.' });
    }
    if (wouldCycle(existing, resultId, data.parentId)) {
      throw new ValidationError({
        parentId: 'Een resultaat kan niet onder zichzelf of onder een van zijn deelresultaten vallen.',
      });
    }
    const code = data.code ?? before.code;
    if (code !== before.code && existing.some((r) => r.code === code)) {
      throw new ValidationError({ code: `De code ${code} bestaat al in dit plan.` });
    }
    const [after] = await tx
      .update(planResults)
      .set({
        code,
        title: data.title,
        description: data.description,
        parentId: data.parentId,
        weight: data.weight,
        status: data.status,
        startDate: data.startDate,
        endDate: data.endDate,
        ...(data.status === 'done' ? { progress: 100 } : {}),
        updatedAt: new Date(),
      })
      .where(eq(planResults.id, resultId))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'plan_result.updated',
      entityType: 'action_plan',
      entityId: planId,
      ownerOrganisationId: plan.ownerOrganisationId,
      before,
      after,
    });
    return after!;
  });
}

export const progressInputSchema = z.object({
  progress: z.union([z.string(), z.number()]).transform((v, c) => {
    const n = typeof v === 'number' ? v : parseNumber(v.replace('%', ''));
    if (n === null) {
      c.addIssue({ code: 'custom', message: 'Vul de voortgang in, een percentage van 0 tot 100.' });
      return z.NEVER;
    }
    if (Number.isNaN(n) || n < 0 || n > 100) {
      c.addIssue({ code: 'custom', message: 'De voortgang is een percentage van 0 tot 100.' });
      return z.NEVER;
    }
    return n;
  }),
  status: z.enum(resultStatuses, { error: 'Kies een status.' }),
  note: fields.optionalText('de toelichting', 2000),
});

async function recordProgress(
  tx: Tx,
  ctx: ServiceContext,
  plan: Plan,
  result: Result,
  update: { progress: number; status: ResultStatus; note: string | null },
  hasChildren: boolean,
) {
  const progress = update.status === 'done' ? 100 : update.progress;
  const [after] = await tx
    .update(planResults)
    .set({ progress: hasChildren ? result.progress : progress, status: update.status, updatedAt: new Date() })
    .where(eq(planResults.id, result.id))
    .returning();
  const [entry] = await tx
    .insert(progressUpdates)
    .values({
      resultId: result.id,
      progress,
      status: update.status,
      note: update.note,
      userId: ctx.user.userId,
      organisationId: ctx.user.active.organisationId,
    })
    .returning();
  await writeAudit(tx, ctx.actor, {
    action: 'plan_result.progress',
    entityType: 'action_plan',
    entityId: plan.id,
    ownerOrganisationId: plan.ownerOrganisationId,
    before: { result: result.id, progress: result.progress, status: result.status },
    after: { result: result.id, progress: after!.progress, status: after!.status, update: entry!.id },
  });
}

/** A progress update on one result: recorded in its timeline, the plan's progress rolls up. */
export async function addProgressUpdate(
  ctx: ServiceContext,
  planId: string,
  resultId: string,
  input: unknown,
) {
  const plan = await planForEdit(ctx, planId);
  const data = parseInput(progressInputSchema, input);
  await ctx.transaction(async (tx) => {
    const result = await resultOf(tx, planId, resultId);
    const [child] = await tx
      .select({ id: planResults.id })
      .from(planResults)
      .where(eq(planResults.parentId, resultId))
      .limit(1);
    await recordProgress(tx, ctx, plan, result, data, !!child);
  });
}

export const milestoneInputSchema = z.object({
  title: fields.requiredText('de mijlpaal', 250),
  dueDate: z.iso.date({ error: 'Vul een geldige datum in, bv. 2026-06-30.' }),
  doneOn: optionalDate('De datum van afronding'),
});

export async function addMilestone(ctx: ServiceContext, planId: string, resultId: string, input: unknown) {
  const plan = await planForEdit(ctx, planId);
  const data = parseInput(milestoneInputSchema, input);
  await ctx.transaction(async (tx) => {
    await resultOf(tx, planId, resultId);
    const [row] = await tx
      .insert(milestones)
      .values({ resultId, ...data })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'plan_result.milestone_added',
      entityType: 'action_plan',
      entityId: planId,
      ownerOrganisationId: plan.ownerOrganisationId,
      after: row,
    });
  });
}

const optionalValue = (label: string) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, c) => {
      if (v === undefined || v === '') return null;
      const n = typeof v === 'number' ? v : parseTypedNumber(v);
      if (n === null) return null;
      if (Number.isNaN(n)) {
        c.addIssue({ code: 'custom', message: `${label} moet een getal zijn.` });
        return z.NEVER;
      }
      return n;
    });

export const linkInputSchema = z.object({
  indicator: z
    .string({ error: 'Kies een indicator.' })
    .trim()
    .min(1, { error: 'Kies een indicator.' })
    .max(60),
  baselineValue: optionalValue('De basiswaarde'),
  baselinePeriod: z
    .string()
    .trim()
    .max(7)
    .optional()
    .transform((v) => v || null),
  targetValue: optionalValue('De streefwaarde'),
  targetPeriod: z
    .string()
    .trim()
    .max(7)
    .optional()
    .transform((v) => v || null),
});

/** Links a result to an indicator, with the result's own baseline and target. */
export async function linkIndicator(ctx: ServiceContext, planId: string, resultId: string, input: unknown) {
  const plan = await planForEdit(ctx, planId);
  const data = parseInput(linkInputSchema, input);
  await ctx.transaction(async (tx) => {
    await resultOf(tx, planId, resultId);
    const [ind] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(eq(indicators.code, data.indicator.toLowerCase()));
    if (!ind) throw new ValidationError({ indicator: 'Deze indicator bestaat niet.' });
    const values = {
      resultId,
      indicatorId: ind.id,
      areaCode: plan.areaCode,
      baselineValue: data.baselineValue,
      baselinePeriod: data.baselinePeriod,
      targetValue: data.targetValue,
      targetPeriod: data.targetPeriod,
    };
    await tx
      .insert(resultIndicators)
      .values(values)
      .onConflictDoUpdate({ target: [resultIndicators.resultId, resultIndicators.indicatorId], set: values });
    await writeAudit(tx, ctx.actor, {
      action: 'plan_result.indicator_linked',
      entityType: 'action_plan',
      entityId: planId,
      ownerOrganisationId: plan.ownerOrganisationId,
      after: { ...values, indicator: data.indicator },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Bulk progress by CSV (same format as the export)

const STATUS_BY_WORD = new Map<string, ResultStatus>([
  ...resultStatuses.map((s) => [s, s] as [string, ResultStatus]),
  ...resultStatuses.map((s) => [resultStatusLabels[s].toLowerCase(), s] as [string, ResultStatus]),
]);

/** The plan's results in the bulk format: code, title, progress (leaves only), status, note (empty). */
export function progressRows(plan: PlanView): Array<[string, string, number | null, string, string]> {
  return plan.results.map((r) => [
    r.code,
    r.title,
    r.hasChildren ? null : r.rolled,
    resultStatusLabels[r.status as ResultStatus] ?? r.status,
    '',
  ]);
}

/** The plan's results as CSV: code, title, progress, status, note (empty). */
export function progressCsv(plan: PlanView): string {
  return `\uFEFF${stringify(
    progressRows(plan).map(([code, title, progress, status, note]) => [
      code,
      safeCell(title),
      progress === null ? '' : String(progress),
      status,
      note,
    ]),
    { header: true, columns: [...PROGRESS_COLUMNS] },
  )}`;
}

/** The same as an Excel workbook; it imports again unchanged. */
export function progressXlsx(plan: PlanView): Promise<Buffer> {
  return writeXlsx(
    'voortgang',
    PROGRESS_COLUMNS.map((header) => ({
      header,
      text: header === 'code',
      width: header === 'resultaat' || header === 'toelichting' ? 40 : 12,
    })),
    progressRows(plan),
  );
}

export type BulkCheck = {
  errors: Array<{ line: number; message: string }>;
  updates: Array<{ line: number; code: string; progress: number; status: ResultStatus; note: string | null }>;
};

/** Checks a bulk progress file against the plan; nothing is applied when a line is wrong. */
export function checkProgressCsv(text: string, plan: PlanView, unit: LineUnit = 'regel'): BulkCheck {
  const parsed = parseCsv(text, 5000, unit);
  if ('error' in parsed) return { errors: [{ line: 1, message: parsed.error }], updates: [] };
  const idx = (name: string) => parsed.header.indexOf(name);
  const [iCode, iProgress, iStatus, iNote] = [
    idx('code'),
    idx('voortgang'),
    idx('status'),
    idx('toelichting'),
  ];
  if (iCode < 0 || (iProgress < 0 && iStatus < 0)) {
    return {
      errors: [
        {
          line: 1,
          message: `De kopregel moet de kolommen code en voortgang of status bevatten (${PROGRESS_COLUMNS.join(',')}).`,
        },
      ],
      updates: [],
    };
  }
  const byCode = new Map(plan.results.map((r) => [r.code, r]));
  const errors: BulkCheck['errors'] = [];
  const updates: BulkCheck['updates'] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of parsed.records) {
    const code = (cells[iCode] ?? '').trim();
    const result = byCode.get(code);
    if (!result) {
      errors.push({ line, message: `Er is geen resultaat met code "${code}" in dit plan.` });
      continue;
    }
    if (seen.has(code)) {
      errors.push({ line, message: `Resultaat ${code} staat al op ${unit} ${seen.get(code)}.` });
      continue;
    }
    seen.set(code, line);
    const statusRaw = iStatus >= 0 ? (cells[iStatus] ?? '').trim().toLowerCase() : '';
    const status = statusRaw ? STATUS_BY_WORD.get(statusRaw) : (result.status as ResultStatus);
    if (!status) {
      errors.push({
        line,
        message: `De status "${statusRaw}" is onbekend; gebruik ${resultStatuses.map((s) => resultStatusLabels[s].toLowerCase()).join(', ')}.`,
      });
      continue;
    }
    const progressRaw = iProgress >= 0 ? (cells[iProgress] ?? '').trim().replace('%', '') : '';
    let progress = result.hasChildren ? result.rolled : (result.progress ?? 0);
    if (progressRaw) {
      const n = parseNumber(progressRaw);
      if (n === null || Number.isNaN(n) || n < 0 || n > 100) {
        errors.push({ line, message: `De voortgang "${progressRaw}" is geen percentage van 0 tot 100.` });
        continue;
      }
      if (result.hasChildren && Math.abs(n - result.rolled) > 0.05) {
        errors.push({
          line,
          message: `Resultaat ${code} heeft deelresultaten; zijn voortgang wordt berekend. Laat de voortgang leeg.`,
        });
        continue;
      }
      progress = n;
    }
    const note = iNote >= 0 ? (cells[iNote] ?? '').trim().slice(0, 2000) || null : null;
    const changed =
      status !== result.status || (!result.hasChildren && progress !== (result.progress ?? 0)) || note;
    if (changed) updates.push({ line, code, progress, status, note });
  }
  return { errors, updates };
}

/** Applies a clean bulk file in one transaction; with errors, nothing changes and the errors come back. */
export async function bulkProgress(
  ctx: ServiceContext,
  planId: string,
  text: string,
  unit: LineUnit = 'regel',
): Promise<BulkCheck> {
  const plan = await planForEdit(ctx, planId);
  const view = await getPlan(ctx.db, planId);
  const check = checkProgressCsv(text, view, unit);
  if (check.errors.length) return check;
  await ctx.transaction(async (tx) => {
    for (const u of check.updates) {
      const r = view.results.find((x) => x.code === u.code)!;
      await recordProgress(
        tx,
        ctx,
        plan,
        r,
        {
          progress: u.progress,
          status: u.status,
          note: u.note ?? `Bijgewerkt via ${unit === 'rij' ? 'Excel' : 'CSV'}.`,
        },
        r.hasChildren,
      );
    }
  });
  return check;
}

/** Plans of the caller's organisation (home card). */
export async function ownPlans(ctx: ServiceContext) {
  if (!ctx.principal) return [];
  return listPlans(
    ctx.db,
    { owner: ctx.principal.active.organisationId },
    { page: 1, pageSize: 5, offset: 0 },
  );
}
