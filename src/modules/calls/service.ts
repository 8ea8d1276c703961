import { and, asc, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Principal } from '../../core/access/principal';
import { organisations, users } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor, Tx } from '../../core/db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { formatDate, formatEuro, formatNumber, parseEuroToCents, todayIso } from '../../core/i18n/format';
import { enqueueMail } from '../../core/mail/mail';
import { transitionFor } from '../../core/workflow/workflow';
import { municipalities, organisationMunicipalities } from '../reference';
import { applicantRoles, applicationScope, isApplicant, isCallStaff } from './access';
import { defaultCallCriteria } from './criteria';
import {
  type Applicant,
  advanceAmount,
  checkCoverage,
  checkEligibility,
  defaultEligibilityRules,
  type Eligibility,
  eligibilityRulesSchema,
  type Format,
  fitsBudget,
  formatLabels,
  formats,
  grantAmount,
  type MunicipalityInfo,
  parseDate,
  plannedUnitsError,
  quarterLabel,
  quartersBetween,
  readIban,
  requestedAmount,
  structuredReference,
  windowState,
} from './rules';
import {
  callApplicationMunicipalities,
  callApplications,
  callBudgetEntries,
  callClaims,
  callCoverage,
  callPlanned,
  callReviews,
  calls,
} from './schema';
import { type ApplicationStatus, applicationWorkflow, coverageHoldingStatuses } from './workflow';

export type Call = typeof calls.$inferSelect;
export type Application = typeof callApplications.$inferSelect;

export const applicationSteps = ['applicant', 'municipalities', 'planning', 'approach'] as const;
export type ApplicationStep = (typeof applicationSteps)[number];
export const stepLabels: Record<ApplicationStep, string> = {
  applicant: 'Aanvrager, contactpersoon en rekeningnummer',
  municipalities: 'Gemeenten',
  planning: 'Geplande oefenkansen',
  approach: 'Aanpak en doelgroepen',
};

export const applicationReference = (call: { code: string }, a: { number: number }) =>
  `${call.code}-${String(a.number).padStart(4, '0')}`;

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

/** Calls are public information: no scoping. */
export async function listCalls(db: Executor) {
  return db
    .select()
    .from(calls)
    .where(eq(calls.published, true))
    .orderBy(desc(calls.applicationOpens), asc(calls.title));
}

export async function getCall(db: Executor, id: string): Promise<Call> {
  const [row] = await db.select().from(calls).where(eq(calls.id, id));
  if (!row?.published) throw new NotFoundError('Deze oproep bestaat niet.');
  return row;
}

/** The committed, paid and remaining budget of a call, from its ledger. */
export async function budgetOf(db: Executor, call: Pick<Call, 'id' | 'budgetCents'>) {
  const [row] = await db
    .select({
      committed:
        sql<number>`coalesce(sum(${callBudgetEntries.amountCents}) filter (where ${callBudgetEntries.kind} in ('commitment', 'release')), 0)`.mapWith(
          Number,
        ),
      paid: sql<number>`coalesce(sum(${callBudgetEntries.amountCents}) filter (where ${callBudgetEntries.kind} = 'payment'), 0)`.mapWith(
        Number,
      ),
      recovered:
        sql<number>`coalesce(sum(${callBudgetEntries.amountCents}) filter (where ${callBudgetEntries.kind} = 'recovery'), 0)`.mapWith(
          Number,
        ),
    })
    .from(callBudgetEntries)
    .where(eq(callBudgetEntries.callId, call.id));
  const committed = row?.committed ?? 0;
  const paid = (row?.paid ?? 0) - (row?.recovered ?? 0);
  return {
    budget: call.budgetCents,
    committed,
    paid,
    recovered: row?.recovered ?? 0,
    remaining: call.budgetCents - committed,
  };
}

// ---------------------------------------------------------------------------------------------
// Eligibility
// ---------------------------------------------------------------------------------------------

let municipalityCache: Map<string, MunicipalityInfo> | undefined;

export async function municipalityMap(db: Executor): Promise<Map<string, MunicipalityInfo>> {
  if (!municipalityCache || municipalityCache.size === 0) {
    const rows = await db
      .select({ nis: municipalities.nis, name: municipalities.name, region: municipalities.region })
      .from(municipalities);
    municipalityCache = new Map(rows.map((r) => [r.nis, r]));
  }
  return municipalityCache;
}

async function applicantOf(db: Executor, organisationId: string): Promise<Applicant> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!org) throw new NotFoundError('Deze organisatie bestaat niet.');
  const members = await db
    .select({ nis: organisationMunicipalities.municipalityNis })
    .from(organisationMunicipalities)
    .where(eq(organisationMunicipalities.organisationId, organisationId));
  return {
    type: org.type,
    name: org.name,
    municipalityNis: org.municipalityNis,
    memberNis: members.map((m) => m.nis),
  };
}

/** Municipalities covered by other applications of the call, with the applicant's name. */
async function takenIn(db: Executor, callId: string, exceptApplicationId?: string) {
  const rows = await db
    .select({ nis: callCoverage.municipalityNis, name: organisations.name })
    .from(callCoverage)
    .innerJoin(callApplications, eq(callApplications.id, callCoverage.applicationId))
    .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
    .where(
      and(
        eq(callCoverage.callId, callId),
        exceptApplicationId ? ne(callCoverage.applicationId, exceptApplicationId) : undefined,
      ),
    );
  return new Map(rows.map((r) => [r.nis, r.name]));
}

export async function eligibilityOf(
  db: Executor,
  call: Call,
  organisationId: string,
  exceptApplicationId?: string,
): Promise<Eligibility> {
  const rules = eligibilityRulesSchema.parse(call.eligibilityRules);
  const [applicant, map, taken] = await Promise.all([
    applicantOf(db, organisationId),
    municipalityMap(db),
    takenIn(db, call.id, exceptApplicationId),
  ]);
  return checkEligibility(rules, applicant, map, taken);
}

/** Whether the signed-in user may apply for their active organisation, and why not. */
export async function myEligibility(ctx: ServiceContext, call: Call) {
  const p = ctx.user;
  if (!applicantRoles.includes(p.active.role)) {
    return {
      eligible: false,
      reasons: [
        'Alleen een medewerker van een lokaal bestuur, een intergemeentelijk samenwerkingsverband of vzw De Rand kan een aanvraag indienen.',
      ],
      options: [],
      choosesMunicipalities: false,
    } satisfies Eligibility;
  }
  return eligibilityOf(ctx.db, call, p.active.organisationId);
}

// ---------------------------------------------------------------------------------------------
// Applications: reading
// ---------------------------------------------------------------------------------------------

const applicationColumns = {
  application: callApplications,
  call: calls,
  applicantName: organisations.name,
  applicantType: organisations.type,
};

export type ApplicationRow = {
  application: Application;
  call: Call;
  applicantName: string;
  applicantType: string;
};

/** One application the user may see; a 404 otherwise (another applicant's file does not exist for you). */
export async function getApplication(ctx: ServiceContext, id: string): Promise<ApplicationRow> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze aanvraag bestaat niet.');
  const [row] = await ctx.db
    .select(applicationColumns)
    .from(callApplications)
    .innerJoin(calls, eq(calls.id, callApplications.callId))
    .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
    .where(and(eq(callApplications.id, id), applicationScope(ctx.user)));
  if (!row) throw new NotFoundError('Deze aanvraag bestaat niet, of u hebt er geen toegang toe.');
  return row;
}

export async function applicationDetails(db: Executor, applicationId: string) {
  const [covered, planned, reviews] = await Promise.all([
    db
      .select({ nis: municipalities.nis, name: municipalities.name })
      .from(callApplicationMunicipalities)
      .innerJoin(municipalities, eq(municipalities.nis, callApplicationMunicipalities.municipalityNis))
      .where(eq(callApplicationMunicipalities.applicationId, applicationId))
      .orderBy(asc(municipalities.name)),
    db.select().from(callPlanned).where(eq(callPlanned.applicationId, applicationId)),
    db
      .select({
        id: callReviews.id,
        reviewerUserId: callReviews.reviewerUserId,
        reviewerName: users.name,
        scores: callReviews.scores,
        totalScore: callReviews.totalScore,
        comment: callReviews.comment,
        updatedAt: callReviews.updatedAt,
      })
      .from(callReviews)
      .innerJoin(users, eq(users.id, callReviews.reviewerUserId))
      .where(eq(callReviews.applicationId, applicationId))
      .orderBy(asc(callReviews.createdAt)),
  ]);
  return { covered, planned, reviews };
}

export type ApplicationFilter = { status?: string | undefined; callId?: string | undefined };

/** Applications the user may see, newest first, paginated. */
export async function listApplications(ctx: ServiceContext, filter: ApplicationFilter, page: Page) {
  const conditions: SQL[] = [applicationScope(ctx.user)];
  if (filter.status) conditions.push(eq(callApplications.status, filter.status));
  if (filter.callId) conditions.push(eq(callApplications.callId, filter.callId));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    ctx.db
      .select(applicationColumns)
      .from(callApplications)
      .innerJoin(calls, eq(calls.id, callApplications.callId))
      .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
      .where(where)
      .orderBy(desc(callApplications.updatedAt), asc(callApplications.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db
      .select({ n: count() })
      .from(callApplications)
      .innerJoin(calls, eq(calls.id, callApplications.callId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Applications: the applicant's task list
// ---------------------------------------------------------------------------------------------

function assertWindowOpen(call: Call, today = todayIso()) {
  const state = windowState(call, today);
  if (state === 'not_yet') {
    throw new ValidationError(
      { _form: `U kunt pas intekenen vanaf ${formatDate(call.applicationOpens)}.` },
      `U kunt pas intekenen vanaf ${formatDate(call.applicationOpens)}.`,
    );
  }
  if (state === 'closed') {
    const message = `De indiendatum van deze oproep is voorbij: aanvragen konden tot en met ${formatDate(
      call.applicationCloses,
    )} worden ingediend.`;
    throw new ValidationError({ _form: message }, message);
  }
}

/** Loads an application for a change by the applicant: own organisation, still a draft. */
async function draftForApplicant(ctx: ServiceContext, id: string): Promise<ApplicationRow> {
  const row = await getApplication(ctx, id);
  if (!isApplicant(ctx.user, row.application)) {
    throw new ForbiddenError('Alleen de aanvrager kan deze aanvraag aanpassen.');
  }
  if (row.application.status !== 'draft') {
    throw new ConflictError('Deze aanvraag is al ingediend en kan niet meer worden aangepast.');
  }
  return row;
}

/** Starts (or reopens) the application of the user's organisation for a call. */
export async function startApplication(ctx: ServiceContext, callId: string) {
  const p = ctx.user;
  const call = await getCall(ctx.db, callId);
  const existing = await ctx.db
    .select({ id: callApplications.id })
    .from(callApplications)
    .where(
      and(
        eq(callApplications.callId, call.id),
        eq(callApplications.applicantOrganisationId, p.active.organisationId),
      ),
    );
  if (existing[0] && applicantRoles.includes(p.active.role)) return { id: existing[0].id, created: false };
  const eligibility = await myEligibility(ctx, call);
  if (!eligibility.eligible) {
    throw new ValidationError({ _form: eligibility.reasons.join(' ') }, eligibility.reasons.join(' '));
  }
  assertWindowOpen(call);
  const [org] = await ctx.db
    .select()
    .from(organisations)
    .where(eq(organisations.id, p.active.organisationId));
  const [user] = await ctx.db.select().from(users).where(eq(users.id, p.userId));
  return ctx.transaction(async (tx) => {
    const [created] = await tx
      .insert(callApplications)
      .values({
        callId: call.id,
        applicantOrganisationId: p.active.organisationId,
        contactName: user?.name ?? p.name,
        contactEmail: user?.email ?? p.email,
        contactPhone: user?.phone ?? null,
        accountHolder: org?.name ?? null,
        createdBy: p.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      const [again] = await tx
        .select({ id: callApplications.id })
        .from(callApplications)
        .where(
          and(
            eq(callApplications.callId, call.id),
            eq(callApplications.applicantOrganisationId, p.active.organisationId),
          ),
        );
      return { id: again!.id, created: false };
    }
    if (!eligibility.choosesMunicipalities) {
      const only = eligibility.options.filter((o) => o.allowed).map((o) => o.nis);
      await tx
        .insert(callApplicationMunicipalities)
        .values(only.map((nis) => ({ applicationId: created.id, municipalityNis: nis })));
      await tx
        .update(callApplications)
        .set({ stepsDone: ['municipalities'] })
        .where(eq(callApplications.id, created.id));
    }
    await writeAudit(tx, ctx.actor, {
      action: 'call_application.created',
      entityType: 'call_application',
      entityId: created.id,
      ownerOrganisationId: p.active.organisationId,
      after: created,
    });
    return { id: created.id, created: true };
  });
}

const ibanField = z.string({ error: 'Vul het rekeningnummer (IBAN) in.' }).transform((v, c) => {
  const r = readIban(v);
  if (!r.ok) {
    c.addIssue({ code: 'custom', message: r.error });
    return z.NEVER;
  }
  return r.iban;
});

export const applicantStepSchema = z.object({
  contactName: fields.requiredText('de naam van de contactpersoon', 200),
  contactEmail: fields.email(),
  contactPhone: fields.optionalText('het telefoonnummer', 40),
  accountHolder: fields.requiredText('de naam van de rekeninghouder', 200),
  iban: ibanField,
});

export const municipalitiesStepSchema = z.object({
  municipalities: fields.many(z.string().regex(/^\d{5}$/, { error: 'Kies een gemeente uit de lijst.' })),
});

export const approachStepSchema = z.object({
  approach: fields.requiredText('uw aanpak', 5000),
  targetGroups: fields.requiredText('de doelgroepen', 3000),
  womenAndGirls: fields.requiredText('hoe u vrouwen en meisjes bereikt', 3000),
});

/** Planning fields are named `p_<format>_<quarter>`, e.g. p_walk_2026-Q3. */
export const planningFieldName = (format: Format, quarter: string) => `p_${format}_${quarter}`;

export function parsePlanning(call: Call, input: unknown) {
  const body = (input ?? {}) as Record<string, unknown>;
  const quarters = quartersBetween(call.implementationStart, call.implementationEnd);
  const errors: Record<string, string> = {};
  const rows: Array<{ format: Format; quarter: string; units: number }> = [];
  for (const format of formats) {
    for (const quarter of quarters) {
      const name = planningFieldName(format, quarter);
      const raw = body[name];
      const text = raw === undefined || raw === null ? '' : String(raw).trim();
      if (text === '' || text === '0') continue;
      if (!/^\d{1,6}$/.test(text)) {
        errors[name] =
          `${formatLabels[format]}, ${quarterLabel(quarter)}: vul een positief geheel getal in (of laat leeg).`;
        continue;
      }
      rows.push({ format, quarter, units: Number(text) });
    }
  }
  const total = rows.reduce((sum, r) => sum + r.units, 0);
  if (Object.keys(errors).length === 0) {
    if (total === 0) errors._form = 'Plan minstens één oefenkans.';
    const tooMany = plannedUnitsError(total, call);
    if (tooMany) errors._form = tooMany;
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { rows, total, quarters };
}

async function markStep(tx: Tx, row: ApplicationRow, step: ApplicationStep, set: Partial<Application>) {
  const steps = [...new Set([...row.application.stepsDone, step])];
  const [after] = await tx
    .update(callApplications)
    .set({ ...set, stepsDone: steps, updatedAt: new Date() })
    .where(and(eq(callApplications.id, row.application.id), eq(callApplications.status, 'draft')))
    .returning();
  if (!after)
    throw new ConflictError('Deze aanvraag is intussen ingediend en kan niet meer worden aangepast.');
  return after;
}

async function auditStep(ctx: ServiceContext, tx: Tx, row: ApplicationRow, step: string, after: unknown) {
  await writeAudit(tx, ctx.actor, {
    action: `call_application.${step}_saved`,
    entityType: 'call_application',
    entityId: row.application.id,
    ownerOrganisationId: row.application.applicantOrganisationId,
    before: row.application,
    after,
  });
}

export async function saveApplicantStep(ctx: ServiceContext, id: string, input: unknown) {
  const row = await draftForApplicant(ctx, id);
  const data = parseInput(applicantStepSchema, input);
  return ctx.transaction(async (tx) => {
    const after = await markStep(tx, row, 'applicant', data);
    await auditStep(ctx, tx, row, 'applicant', after);
    return after;
  });
}

export async function saveMunicipalitiesStep(ctx: ServiceContext, id: string, input: unknown) {
  const row = await draftForApplicant(ctx, id);
  const data = parseInput(municipalitiesStepSchema, input);
  const eligibility = await eligibilityOf(ctx.db, row.call, row.application.applicantOrganisationId, id);
  const { covered, errors } = checkCoverage(eligibility, data.municipalities);
  if (errors.length) throw new ValidationError({ municipalities: errors.join(' ') });
  return ctx.transaction(async (tx) => {
    await tx.delete(callApplicationMunicipalities).where(eq(callApplicationMunicipalities.applicationId, id));
    await tx
      .insert(callApplicationMunicipalities)
      .values(covered.map((nis) => ({ applicationId: id, municipalityNis: nis })));
    const after = await markStep(tx, row, 'municipalities', {});
    await auditStep(ctx, tx, row, 'municipalities', { ...after, municipalities: covered });
    return after;
  });
}

export async function savePlanningStep(ctx: ServiceContext, id: string, input: unknown) {
  const row = await draftForApplicant(ctx, id);
  const { rows, total } = parsePlanning(row.call, input);
  const amount = requestedAmount(total, row.call);
  return ctx.transaction(async (tx) => {
    await tx.delete(callPlanned).where(eq(callPlanned.applicationId, id));
    if (rows.length) await tx.insert(callPlanned).values(rows.map((r) => ({ ...r, applicationId: id })));
    const after = await markStep(tx, row, 'planning', {
      plannedUnits: total,
      requestedAmountCents: amount.amountCents,
    });
    await auditStep(ctx, tx, row, 'planning', { ...after, planned: rows });
    return { after, amount };
  });
}

export async function saveApproachStep(ctx: ServiceContext, id: string, input: unknown) {
  const row = await draftForApplicant(ctx, id);
  const data = parseInput(approachStepSchema, input);
  return ctx.transaction(async (tx) => {
    const after = await markStep(tx, row, 'approach', data);
    await auditStep(ctx, tx, row, 'approach', after);
    return after;
  });
}

/** What is still missing before the application can be submitted, in Dutch; empty when complete. */
export function missingForSubmission(
  a: Application,
  covered: readonly { nis: string }[],
  call: Call,
): Record<string, string> {
  const missing: Record<string, string> = {};
  for (const step of applicationSteps) {
    if (!a.stepsDone.includes(step)) missing[step] = `Vul het onderdeel "${stepLabels[step]}" in.`;
  }
  if (!missing.applicant && (!a.iban || !readIban(a.iban).ok)) {
    missing.applicant = 'Het rekeningnummer (IBAN) is niet geldig.';
  }
  if (!missing.municipalities && covered.length === 0) missing.municipalities = 'Kies minstens één gemeente.';
  if (!missing.planning) {
    const error =
      a.plannedUnits === 0 ? 'Plan minstens één oefenkans.' : plannedUnitsError(a.plannedUnits, call);
    if (error) missing.planning = error;
  }
  return missing;
}

/**
 * Submits a draft. Idempotent: a second submission (double click, retry, API repeat) of an application
 * that is already submitted changes nothing and answers the same.
 */
export async function submitApplication(ctx: ServiceContext, id: string, today = todayIso()) {
  const row = await getApplication(ctx, id);
  if (!isApplicant(ctx.user, row.application)) {
    throw new ForbiddenError('Alleen de aanvrager kan deze aanvraag indienen.');
  }
  if (row.application.status !== 'draft') return { application: row.application, alreadySubmitted: true };
  transitionFor(applicationWorkflow, 'draft', 'submit', ctx.user);
  assertWindowOpen(row.call, today);
  const details = await applicationDetails(ctx.db, id);
  const missing = missingForSubmission(row.application, details.covered, row.call);
  if (Object.keys(missing).length) {
    throw new ValidationError(missing, 'Uw aanvraag is nog niet volledig.');
  }
  const eligibility = await eligibilityOf(ctx.db, row.call, row.application.applicantOrganisationId, id);
  if (!eligibility.eligible) throw new ValidationError({ _form: eligibility.reasons.join(' ') });
  const coverage = checkCoverage(
    eligibility,
    details.covered.map((c) => c.nis),
  );
  if (coverage.errors.length) throw new ValidationError({ municipalities: coverage.errors.join(' ') });
  const amount = requestedAmount(row.application.plannedUnits, row.call);

  return ctx.transaction(async (tx) => {
    const [after] = await tx
      .update(callApplications)
      .set({
        status: 'submitted',
        submittedAt: new Date(),
        requestedAmountCents: amount.amountCents,
        updatedAt: new Date(),
      })
      .where(and(eq(callApplications.id, id), eq(callApplications.status, 'draft')))
      .returning();
    if (!after) {
      const [current] = await tx.select().from(callApplications).where(eq(callApplications.id, id));
      return { application: current!, alreadySubmitted: true };
    }
    // The primary key on (call, municipality) decides races between two submissions.
    const claimed = await tx
      .insert(callCoverage)
      .values(
        coverage.covered.map((nis) => ({ callId: row.call.id, municipalityNis: nis, applicationId: id })),
      )
      .onConflictDoNothing()
      .returning({ nis: callCoverage.municipalityNis });
    if (claimed.length !== coverage.covered.length) {
      throw new ValidationError({
        municipalities:
          'Een van uw gemeenten werd intussen door een andere aanvraag in deze oproep gedekt. Controleer uw gemeenten.',
      });
    }
    await writeAudit(tx, ctx.actor, {
      action: 'call_application.submitted',
      entityType: 'call_application',
      entityId: id,
      ownerOrganisationId: after.applicantOrganisationId,
      before: { status: 'draft' },
      after: { status: 'submitted', requestedAmountCents: amount.amountCents, covered: coverage.covered },
    });
    if (after.contactEmail) {
      await enqueueMail(tx, {
        to: after.contactEmail,
        subject: `Uw aanvraag ${applicationReference(row.call, after)} is ingediend`,
        text: [
          `Beste ${after.contactName ?? ''},`,
          '',
          `We ontvingen de aanvraag van ${row.applicantName} voor de oproep "${row.call.title}".`,
          `U plant ${formatNumber(after.plannedUnits)} oefenkansen en vraagt ${formatEuro(amount.amountCents)} cofinanciering.`,
          '',
          'We controleren eerst of de aanvraag ontvankelijk is en beoordelen ze daarna. U krijgt bericht zodra er een beslissing is.',
          '',
          'Met vriendelijke groeten,',
          'Agentschap Integratie en Inburgering',
        ].join('\n'),
      });
    }
    return { application: after, alreadySubmitted: false };
  });
}

// ---------------------------------------------------------------------------------------------
// Review and decision (agency staff)
// ---------------------------------------------------------------------------------------------

async function forStaff(ctx: ServiceContext, id: string): Promise<ApplicationRow> {
  const row = await getApplication(ctx, id);
  if (!isCallStaff(ctx.user, row.call))
    throw new ForbiddenError('Alleen medewerkers van het agentschap doen dit.');
  return row;
}

export function reviewSchema(criteria: Call['criteria']) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of criteria) {
    shape[`score_${c.code}`] = z.preprocess(
      (v) =>
        v === undefined || v === null || String(v).trim() === '' ? undefined : Number(String(v).trim()),
      z
        .number({ error: `Geef een score voor "${c.label}".` })
        .int({ error: `De score voor "${c.label}" is een geheel getal.` })
        .min(0, { error: `De score voor "${c.label}" ligt tussen 0 en ${c.max}.` })
        .max(c.max, { error: `De score voor "${c.label}" ligt tussen 0 en ${c.max}.` }),
    );
  }
  shape.comment = fields.optionalText('de toelichting', 5000);
  return z.object(shape);
}

export async function saveReview(ctx: ServiceContext, id: string, input: unknown) {
  const row = await forStaff(ctx, id);
  if (!['agency_staff', 'contact_person'].includes(ctx.user.active.role)) {
    throw new ForbiddenError('Alleen medewerkers van het programma beoordelen aanvragen.');
  }
  if (!['admissible', 'assessed'].includes(row.application.status)) {
    throw new ConflictError(
      'U kunt een aanvraag pas beoordelen als ze ontvankelijk is, en tot er een beslissing is.',
    );
  }
  const data = parseInput(reviewSchema(row.call.criteria), input) as Record<string, unknown>;
  const scores = Object.fromEntries(
    row.call.criteria.map((c) => [c.code, data[`score_${c.code}`] as number]),
  );
  const total = Object.values(scores).reduce((s, v) => s + v, 0);
  const comment = (data.comment as string | null) ?? null;
  return ctx.transaction(async (tx) => {
    const [saved] = await tx
      .insert(callReviews)
      .values({ applicationId: id, reviewerUserId: ctx.user.userId, scores, totalScore: total, comment })
      .onConflictDoUpdate({
        target: [callReviews.applicationId, callReviews.reviewerUserId],
        set: { scores, totalScore: total, comment, updatedAt: new Date() },
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'call_application.reviewed',
      entityType: 'call_application',
      entityId: id,
      ownerOrganisationId: row.application.applicantOrganisationId,
      after: saved,
    });
    return saved!;
  });
}

export const decisionSchema = z.object({
  note: fields.optionalText('de motivering', 5000),
  grantedUnits: z
    .string()
    .trim()
    .optional()
    .transform((v, c) => {
      if (v === undefined || v === '') return null;
      if (!/^\d{1,7}$/.test(v)) {
        c.addIssue({ code: 'custom', message: 'Vul het toegekende aantal oefenkansen in als geheel getal.' });
        return z.NEVER;
      }
      return Number(v);
    }),
});

function decisionMail(row: ApplicationRow, after: Application, status: ApplicationStatus, baseUrl: string) {
  const ref = applicationReference(row.call, after);
  const lines = [`Beste ${after.contactName ?? ''},`, ''];
  if (status === 'granted') {
    lines.push(
      `Goed nieuws: de aanvraag ${ref} van ${row.applicantName} voor de oproep "${row.call.title}" is toegekend.`,
      `U krijgt cofinanciering voor ${formatNumber(after.grantedUnits ?? 0)} oefenkansen, samen ${formatEuro(
        after.grantedAmountCents ?? 0,
      )}. Een voorschot van ${row.call.advancePct}% wordt uitbetaald na goedkeuring.`,
      'Registreer elke oefenkans die plaatsvindt in het register op Regiekamer.',
    );
  } else if (status === 'rejected') {
    lines.push(
      `De aanvraag ${ref} van ${row.applicantName} voor de oproep "${row.call.title}" is afgewezen.`,
    );
  } else if (status === 'not_admissible') {
    lines.push(
      `De aanvraag ${ref} van ${row.applicantName} voor de oproep "${row.call.title}" is niet ontvankelijk.`,
    );
  }
  if (after.decisionNote) lines.push('', `Motivering: ${after.decisionNote}`);
  lines.push(
    '',
    `U vindt de beslissingsbrief op ${baseUrl}/aanvragen/${after.id}/beslissing`,
    '',
    'Met vriendelijke groeten,',
    'Agentschap Integratie en Inburgering',
  );
  return {
    to: after.contactEmail ?? '',
    subject: `Beslissing over uw aanvraag ${ref}: ${applicationWorkflow.statuses[status].publicLabel.toLowerCase()}`,
    text: lines.join('\n'),
  };
}

/**
 * Moves an application one step: admit, refuse, assess, grant or reject. A grant commits budget under
 * a lock on the call row, so parallel grants can never commit more than the budget.
 */
export async function decideApplication(ctx: ServiceContext, id: string, action: string, input: unknown) {
  const row = await forStaff(ctx, id);
  const from = row.application.status as ApplicationStatus;
  const to = transitionFor(applicationWorkflow, from, action, ctx.user);
  const data = parseInput(decisionSchema, input ?? {});
  if ((to === 'rejected' || to === 'not_admissible') && !data.note) {
    throw new ValidationError({ note: 'Geef een motivering: de aanvrager leest ze in de beslissingsbrief.' });
  }
  if (to === 'assessed') {
    const [reviews] = await ctx.db
      .select({ n: count() })
      .from(callReviews)
      .where(eq(callReviews.applicationId, id));
    if (!reviews?.n) throw new ValidationError({ _form: 'Geef eerst minstens één beoordeling met scores.' });
  }
  let grantedUnits: number | null = null;
  let grantedAmount: number | null = null;
  if (to === 'granted') {
    grantedUnits = data.grantedUnits ?? row.application.plannedUnits;
    if (grantedUnits < 1) throw new ValidationError({ grantedUnits: 'Ken minstens één oefenkans toe.' });
    if (grantedUnits > row.application.plannedUnits) {
      throw new ValidationError({
        grantedUnits: `U kunt hoogstens het geplande aantal toekennen (${formatNumber(row.application.plannedUnits)}).`,
      });
    }
    const tooMany = plannedUnitsError(grantedUnits, row.call);
    if (tooMany) throw new ValidationError({ grantedUnits: tooMany });
    grantedAmount = grantAmount(grantedUnits, row.call);
  }

  return ctx.transaction(async (tx) => {
    if (to === 'granted') {
      // Serialises every grant of this call: the budget check and the commitment happen under the lock.
      const [locked] = await tx.select().from(calls).where(eq(calls.id, row.call.id)).for('update');
      const budget = await budgetOf(tx, locked!);
      if (!fitsBudget(locked!.budgetCents, budget.committed, grantedAmount!)) {
        throw new ValidationError({
          grantedUnits: `Het budget van de oproep is niet toereikend: er blijft ${formatEuro(
            budget.remaining,
          )} over, deze toekenning vraagt ${formatEuro(grantedAmount!)}.`,
        });
      }
    }
    const [after] = await tx
      .update(callApplications)
      .set({
        status: to,
        updatedAt: new Date(),
        ...(['granted', 'rejected', 'not_admissible'].includes(to)
          ? { decidedAt: new Date(), decidedBy: ctx.user.userId, decisionNote: data.note }
          : {}),
        ...(to === 'granted' ? { grantedUnits, grantedAmountCents: grantedAmount } : {}),
      })
      .where(and(eq(callApplications.id, id), eq(callApplications.status, from)))
      .returning();
    if (!after)
      throw new ConflictError(
        'Iemand anders heeft deze aanvraag intussen behandeld. Laad de pagina opnieuw.',
      );
    if (!coverageHoldingStatuses.includes(to)) {
      await tx.delete(callCoverage).where(eq(callCoverage.applicationId, id));
    }
    if (to === 'granted') {
      await tx.insert(callBudgetEntries).values({
        callId: row.call.id,
        applicationId: id,
        kind: 'commitment',
        amountCents: grantedAmount!,
        note: `Toekenning ${applicationReference(row.call, after)}`,
        createdBy: ctx.user.userId,
      });
      const advance = advanceAmount(grantedAmount!, row.call.advancePct);
      if (advance > 0) await createClaim(tx, ctx, row, after, 'advance', advance, 0, null, null);
    }
    await writeAudit(tx, ctx.actor, {
      action: `call_application.${action}`,
      entityType: 'call_application',
      entityId: id,
      ownerOrganisationId: after.applicantOrganisationId,
      before: { status: from },
      after: {
        status: to,
        decisionNote: after.decisionNote,
        grantedUnits: after.grantedUnits,
        grantedAmountCents: after.grantedAmountCents,
      },
    });
    if (['granted', 'rejected', 'not_admissible'].includes(to) && after.contactEmail) {
      await enqueueMail(tx, decisionMail(row, after, to, ctx.config.baseUrl));
    }
    return after;
  });
}

/** Creates a claim with a fresh structured reference; used for the advance and the balance. */
export async function createClaim(
  tx: Tx,
  ctx: ServiceContext,
  row: ApplicationRow,
  application: Application,
  kind: 'advance' | 'balance',
  amountCents: number,
  recoveryCents: number,
  realisedUnits: number | null,
  countedUnits: number | null,
) {
  const [inserted] = await tx
    .insert(callClaims)
    .values({
      applicationId: application.id,
      kind,
      amountCents,
      recoveryCents,
      realisedUnits,
      countedUnits,
      beneficiaryName: application.accountHolder ?? row.applicantName,
      iban: application.iban ?? '',
      structuredReference: '',
      createdBy: ctx.principal?.userId ?? null,
    })
    .returning();
  // Two digits of the year and the claim's number: unique, and readable by the bank's mod-97 check.
  const base = (new Date().getFullYear() % 100) * 100_000_000 + (inserted!.number % 100_000_000);
  const [claim] = await tx
    .update(callClaims)
    .set({ structuredReference: structuredReference(base) })
    .where(eq(callClaims.id, inserted!.id))
    .returning();
  await writeAudit(tx, ctx.actor, {
    action: `call_claim.created`,
    entityType: 'call_claim',
    entityId: claim!.id,
    ownerOrganisationId: application.applicantOrganisationId,
    after: claim,
  });
  return claim!;
}

/** Municipalities covered in a call, with the status of the covering application (for the map). */
export async function coverageOf(db: Executor, callId: string) {
  return db
    .select({
      nis: callCoverage.municipalityNis,
      name: municipalities.name,
      applicationId: callCoverage.applicationId,
      status: callApplications.status,
      applicantName: organisations.name,
    })
    .from(callCoverage)
    .innerJoin(callApplications, eq(callApplications.id, callCoverage.applicationId))
    .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
    .innerJoin(municipalities, eq(municipalities.nis, callCoverage.municipalityNis))
    .where(eq(callCoverage.callId, callId))
    .orderBy(asc(municipalities.name));
}

export async function countByStatus(db: Executor, callId: string) {
  const rows = await db
    .select({ status: callApplications.status, n: count() })
    .from(callApplications)
    .where(eq(callApplications.callId, callId))
    .groupBy(callApplications.status);
  return new Map(rows.map((r) => [r.status, r.n]));
}

// ---------------------------------------------------------------------------------------------
// Managing calls (agency staff)
// ---------------------------------------------------------------------------------------------

const isoDateField = (label: string) =>
  z
    .string({ error: `Vul ${label} in.` })
    .trim()
    .min(1, { error: `Vul ${label} in.` })
    .transform((v, c) => {
      const iso = parseDate(v);
      if (!iso) {
        c.addIssue({
          code: 'custom',
          message: `${label.charAt(0).toUpperCase()}${label.slice(1)} is geen geldige datum.`,
        });
        return z.NEVER;
      }
      return iso;
    });

const euroField = (label: string, optional: boolean) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, c) => {
      if (!v) {
        if (!optional) c.addIssue({ code: 'custom', message: `Vul ${label} in.` });
        return null;
      }
      const cents = parseEuroToCents(v);
      if (cents === null || cents <= 0) {
        c.addIssue({ code: 'custom', message: `Vul ${label} in als bedrag in euro, bv. 48,50.` });
        return z.NEVER;
      }
      return cents;
    });

const wholeField = (label: string, min: number, max: number, optional = false) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, c) => {
      if (!v) {
        if (!optional) c.addIssue({ code: 'custom', message: `Vul ${label} in.` });
        return null;
      }
      if (!/^\d{1,9}$/.test(v) || Number(v) < min || Number(v) > max) {
        c.addIssue({
          code: 'custom',
          message: `${label.charAt(0).toUpperCase()}${label.slice(1)} is een geheel getal van ${min} tot ${max}.`,
        });
        return z.NEVER;
      }
      return Number(v);
    });

export const callSchema = z
  .object({
    title: fields.requiredText('de titel', 200),
    summary: fields.requiredText('de korte omschrijving', 500),
    description: fields.requiredText('de beschrijving', 10_000),
    applicationOpens: isoDateField('de startdatum van het intekenen'),
    applicationCloses: isoDateField('de einddatum van het intekenen'),
    implementationStart: isoDateField('het begin van de uitvoering'),
    implementationEnd: isoDateField('het einde van de uitvoering'),
    interimCheckDate: isoDateField('de datum van de tussentijdse controle'),
    budget: euroField('het budget', false),
    rate: euroField('het bedrag per oefenkans', false),
    maxAmount: euroField('het maximumbedrag per aanvrager', true),
    maxUnitsPerApplicant: wholeField('het maximum aantal oefenkansen per aanvrager', 1, 1_000_000, true),
    ownContributionPct: wholeField('de eigen inbreng', 0, 100),
    advancePct: wholeField('het voorschot', 0, 100),
    interimThresholdPct: wholeField('de drempel van de tussentijdse controle', 0, 100),
  })
  .superRefine((v, c) => {
    if (v.applicationOpens > v.applicationCloses) {
      c.addIssue({
        code: 'custom',
        path: ['applicationCloses'],
        message: 'Het intekenen sluit na de start.',
      });
    }
    if (v.implementationStart > v.implementationEnd) {
      c.addIssue({
        code: 'custom',
        path: ['implementationEnd'],
        message: 'De uitvoering eindigt na het begin.',
      });
    }
    if (v.interimCheckDate < v.implementationStart || v.interimCheckDate > v.implementationEnd) {
      c.addIssue({
        code: 'custom',
        path: ['interimCheckDate'],
        message: 'De tussentijdse controle valt binnen de uitvoeringsperiode.',
      });
    }
  });

function callValues(data: z.output<typeof callSchema>) {
  return {
    title: data.title,
    summary: data.summary,
    description: data.description,
    applicationOpens: data.applicationOpens,
    applicationCloses: data.applicationCloses,
    implementationStart: data.implementationStart,
    implementationEnd: data.implementationEnd,
    interimCheckDate: data.interimCheckDate,
    budgetCents: data.budget!,
    rateCents: data.rate!,
    maxAmountPerApplicantCents: data.maxAmount,
    maxUnitsPerApplicant: data.maxUnitsPerApplicant,
    ownContributionPct: data.ownContributionPct!,
    advancePct: data.advancePct!,
    interimThresholdPct: data.interimThresholdPct!,
  };
}

function requireCallManager(ctx: ServiceContext, call?: Call) {
  const p = ctx.user;
  const ok =
    p.active.role === 'platform_admin' ||
    (p.active.role === 'agency_staff' && (!call || call.ownerOrganisationId === p.active.organisationId));
  if (!ok)
    throw new ForbiddenError('Alleen medewerkers van het agentschap dat de oproep beheert, passen ze aan.');
}

/** A new call with the default eligibility rules and review criteria, owned by the user's agency. */
export async function createCall(ctx: ServiceContext, input: unknown) {
  requireCallManager(ctx);
  if (ctx.user.active.role !== 'agency_staff')
    throw new ForbiddenError('Een oproep hoort bij een agentschap.');
  const data = callValues(parseInput(callSchema, input));
  return ctx.transaction(async (tx) => {
    const [{ n }] = (await tx.select({ n: count() }).from(calls)) as [{ n: number }];
    const [created] = await tx
      .insert(calls)
      .values({
        ...data,
        ownerOrganisationId: ctx.user.active.organisationId,
        code: `OPR${n + 1}`,
        eligibilityRules: defaultEligibilityRules,
        criteria: defaultCallCriteria,
      })
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'call.created',
      entityType: 'call',
      entityId: created!.id,
      ownerOrganisationId: created!.ownerOrganisationId,
      after: created,
    });
    return created!;
  });
}

/** Changes a call; the budget can never drop below what is already committed. */
export async function updateCall(ctx: ServiceContext, id: string, input: unknown) {
  const call = await getCall(ctx.db, id);
  requireCallManager(ctx, call);
  const data = callValues(parseInput(callSchema, input));
  return ctx.transaction(async (tx) => {
    const [locked] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
    const budget = await budgetOf(tx, locked!);
    if (data.budgetCents < budget.committed) {
      throw new ValidationError({
        budget: `Er is al ${formatEuro(budget.committed)} vastgelegd; het budget kan niet lager zijn.`,
      });
    }
    const [after] = await tx
      .update(calls)
      .set({ ...data, updatedAt: new Date() })
      .where(eq(calls.id, id))
      .returning();
    await writeAudit(tx, ctx.actor, {
      action: 'call.updated',
      entityType: 'call',
      entityId: id,
      ownerOrganisationId: call.ownerOrganisationId,
      before: call,
      after,
    });
    return after!;
  });
}

export function canManageCall(p: Principal | null, call: Call): boolean {
  return (
    !!p &&
    (p.active.role === 'platform_admin' ||
      (p.active.role === 'agency_staff' && call.ownerOrganisationId === p.active.organisationId))
  );
}

/** The eligibility rules of a call in plain Dutch, from the data. */
export function eligibilityText(call: Call, names: ReadonlyMap<string, MunicipalityInfo>): string[] {
  const rules = eligibilityRulesSchema.parse(call.eligibilityRules);
  const typeNames: Record<string, string> = {
    local_government: 'lokale besturen',
    intermunicipal_partnership: 'intergemeentelijke samenwerkingsverbanden (voor hun deelnemende gemeenten)',
    de_rand: `vzw De Rand (namens de faciliteitengemeenten ${rules.deRandMunicipalities
      .map((n) => names.get(n)?.name ?? n)
      .join(', ')})`,
  };
  const lines = [
    `Wie kan intekenen: ${rules.allowedApplicantTypes.map((t) => typeNames[t] ?? t).join('; ')}.`,
  ];
  const excluded = [
    ...rules.excludedMunicipalities.map((e) => names.get(e.nis)?.name ?? e.nis),
    ...rules.excludedRegions.map((r) => (r.region === 'BRU' ? 'de Brusselse gemeenten (VGC)' : r.region)),
  ];
  if (excluded.length) lines.push(`Niet voor: ${excluded.join(', ')}.`);
  if (rules.exclusiveCoverage) lines.push('Elke gemeente kan maar in één aanvraag van deze oproep zitten.');
  return lines;
}
