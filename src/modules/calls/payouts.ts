import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { organisations } from '../../core/access/schema';
import { writeAudit } from '../../core/audit/audit';
import type { ServiceContext } from '../../core/context';
import type { Executor } from '../../core/db/client';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/http/errors';
import type { Page } from '../../core/http/pagination';
import { fields, parseInput } from '../../core/http/validation';
import { formatEuro, parseEuroToCents } from '../../core/i18n/format';
import { transitionFor } from '../../core/workflow/workflow';
import { applicationScope, isApplicant, isCallStaff } from './access';
import { totalsOf } from './register';
import { settlement, toCsv } from './rules';
import { callApplications, callBudgetEntries, callClaims, calls } from './schema';
import { type ApplicationRow, applicationReference, createClaim, getApplication } from './service';
import { type ClaimStatus, claimKindLabels, claimWorkflow } from './workflow';

export type Claim = typeof callClaims.$inferSelect;

const claimColumns = {
  claim: callClaims,
  application: callApplications,
  call: calls,
  applicantName: organisations.name,
};

function claimQuery(db: Executor) {
  return db
    .select(claimColumns)
    .from(callClaims)
    .innerJoin(callApplications, eq(callApplications.id, callClaims.applicationId))
    .innerJoin(calls, eq(calls.id, callApplications.callId))
    .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId));
}

export type ClaimFilter = { status?: string | undefined; callId?: string | undefined };

export async function listClaims(ctx: ServiceContext, filter: ClaimFilter, page: Page) {
  const conditions: SQL[] = [applicationScope(ctx.user)];
  if (filter.status) conditions.push(eq(callClaims.status, filter.status));
  if (filter.callId) conditions.push(eq(callApplications.callId, filter.callId));
  const where = and(...conditions);
  const [items, [total]] = await Promise.all([
    claimQuery(ctx.db)
      .where(where)
      .orderBy(desc(callClaims.createdAt), asc(callClaims.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.db
      .select({ n: count() })
      .from(callClaims)
      .innerJoin(callApplications, eq(callApplications.id, callClaims.applicationId))
      .innerJoin(calls, eq(calls.id, callApplications.callId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function claimsOfApplication(db: Executor, applicationId: string) {
  return db
    .select()
    .from(callClaims)
    .where(eq(callClaims.applicationId, applicationId))
    .orderBy(asc(callClaims.createdAt));
}

export async function getClaim(ctx: ServiceContext, id: string) {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('Deze uitbetaling bestaat niet.');
  const [row] = await claimQuery(ctx.db).where(and(eq(callClaims.id, id), applicationScope(ctx.user)));
  if (!row) throw new NotFoundError('Deze uitbetaling bestaat niet, of u hebt er geen toegang toe.');
  return row;
}

/** What was or will be paid for an application by its other live claims (not rejected). */
async function otherClaimsTotal(db: Executor, applicationId: string, exceptClaimId?: string) {
  const [row] = await db
    .select({
      paid: sql<number>`coalesce(sum(${callClaims.amountCents}), 0)`.mapWith(Number),
      recovered: sql<number>`coalesce(sum(${callClaims.recoveryCents}), 0)`.mapWith(Number),
    })
    .from(callClaims)
    .where(
      and(
        eq(callClaims.applicationId, applicationId),
        ne(callClaims.status, 'rejected'),
        exceptClaimId ? ne(callClaims.id, exceptClaimId) : undefined,
      ),
    );
  return (row?.paid ?? 0) - (row?.recovered ?? 0);
}

/** The balance the final report would give now: realised (eligible) oefenkansen against the grant. */
export async function balancePreview(db: Executor, row: ApplicationRow) {
  const a = row.application;
  const totals = await totalsOf(db, { kind: 'application', id: a.id });
  const alreadyPaid = await otherClaimsTotal(db, a.id);
  return {
    totals,
    alreadyPaid,
    ...settlement({
      grantedUnits: a.grantedUnits ?? 0,
      grantedAmountCents: a.grantedAmountCents ?? 0,
      rateCents: row.call.rateCents,
      eligibleRealised: totals.eligible,
      alreadyPaidCents: alreadyPaid,
    }),
  };
}

/** The applicant submits the final report: the balance (or a recovery) is computed and requested. */
export async function requestBalance(ctx: ServiceContext, applicationId: string) {
  const row = await getApplication(ctx, applicationId);
  if (!isApplicant(ctx.user, row.application) && !isCallStaff(ctx.user, row.call)) {
    throw new ForbiddenError();
  }
  if (row.application.status !== 'granted') {
    throw new ConflictError('Een eindrapport kan pas na de toekenning.');
  }
  const existing = await claimsOfApplication(ctx.db, applicationId);
  if (existing.some((c) => c.kind === 'balance' && c.status !== 'rejected')) {
    throw new ConflictError('Het saldo voor deze aanvraag werd al aangevraagd.');
  }
  const preview = await balancePreview(ctx.db, row);
  return ctx.transaction(async (tx) => {
    // Two submissions at once: the second waits here and then finds the first one's claim.
    await tx
      .select({ id: callApplications.id })
      .from(callApplications)
      .where(eq(callApplications.id, applicationId))
      .for('update');
    const current = await claimsOfApplication(tx, applicationId);
    if (current.some((c) => c.kind === 'balance' && c.status !== 'rejected')) {
      throw new ConflictError('Het saldo voor deze aanvraag werd al aangevraagd.');
    }
    await tx
      .delete(callClaims)
      .where(
        and(
          eq(callClaims.applicationId, applicationId),
          eq(callClaims.kind, 'balance'),
          eq(callClaims.status, 'rejected'),
        ),
      );
    const [after] = await tx
      .update(callApplications)
      .set({ finalReportAt: new Date(), updatedAt: new Date() })
      .where(eq(callApplications.id, applicationId))
      .returning();
    const claim = await createClaim(
      tx,
      ctx,
      row,
      after!,
      'balance',
      preview.balanceCents,
      preview.recoveryCents,
      preview.totals.entries,
      preview.countedUnits,
    );
    await writeAudit(tx, ctx.actor, {
      action: 'call_application.final_report',
      entityType: 'call_application',
      entityId: applicationId,
      ownerOrganisationId: row.application.applicantOrganisationId,
      after: { claimId: claim.id, ...preview },
    });
    return claim;
  });
}

export const claimDecisionSchema = z.object({
  note: fields.optionalText('de opmerking', 2000),
  amount: z
    .string()
    .trim()
    .optional()
    .transform((v, c) => {
      if (!v) return null;
      const cents = parseEuroToCents(v);
      if (cents === null || cents < 0) {
        c.addIssue({ code: 'custom', message: 'Vul een bedrag in euro in, bv. 1.234,50.' });
        return z.NEVER;
      }
      return cents;
    }),
});

/**
 * Moves a claim along the two-step approval: programme staff, then finance (another person), then paid.
 * Paying writes the payment (and any recovery) to the budget ledger.
 */
export async function decideClaim(ctx: ServiceContext, id: string, action: string, input: unknown) {
  const row = await getClaim(ctx, id);
  if (!isCallStaff(ctx.user, row.call))
    throw new ForbiddenError('Alleen het agentschap keurt uitbetalingen goed.');
  const from = row.claim.status as ClaimStatus;
  const to = transitionFor(claimWorkflow, from, action, ctx.user);
  const data = parseInput(claimDecisionSchema, input ?? {});
  if (to === 'rejected' && !data.note) throw new ValidationError({ note: 'Geef aan waarom u afkeurt.' });
  if (to === 'finance_approved' && row.claim.programmeApprovedBy === ctx.user.userId) {
    throw new ForbiddenError(
      'Een tweede persoon keurt goed: u keurde deze uitbetaling al goed voor het programma.',
    );
  }
  let amount = row.claim.amountCents;
  if (data.amount !== null) {
    if (to !== 'programme_approved') {
      throw new ValidationError({
        amount: 'Het bedrag kan alleen bij de goedkeuring door het programma worden aangepast.',
      });
    }
    amount = data.amount;
  }
  const grantedAmount = row.application.grantedAmountCents ?? 0;
  const overGrant = (others: number) => {
    const maximum = Math.max(0, grantedAmount - others);
    if (to === 'rejected' || amount <= maximum) return null;
    return new ValidationError({
      amount: `Deze uitbetaling (${formatEuro(amount)}) zou de toekenning overschrijden: er kan nog hoogstens ${formatEuro(
        maximum,
      )} worden uitbetaald (toegekend ${formatEuro(grantedAmount)}).`,
    });
  };
  const early = overGrant(await otherClaimsTotal(ctx.db, row.application.id, row.claim.id));
  if (early) throw early;
  const now = new Date();
  return ctx.transaction(async (tx) => {
    // One claim decision per application at a time, so two claims together never exceed the grant.
    await tx
      .select({ id: callApplications.id })
      .from(callApplications)
      .where(eq(callApplications.id, row.application.id))
      .for('update');
    const others = await otherClaimsTotal(tx, row.application.id, row.claim.id);
    const late = overGrant(others);
    if (late) throw late;
    const [after] = await tx
      .update(callClaims)
      .set({
        status: to,
        amountCents: amount,
        note: data.note ?? row.claim.note,
        updatedAt: now,
        ...(to === 'programme_approved'
          ? { programmeApprovedBy: ctx.user.userId, programmeApprovedAt: now }
          : {}),
        ...(to === 'finance_approved' ? { financeApprovedBy: ctx.user.userId, financeApprovedAt: now } : {}),
        ...(to === 'paid' ? { paidAt: now } : {}),
      })
      .where(and(eq(callClaims.id, id), eq(callClaims.status, from)))
      .returning();
    if (!after)
      throw new ConflictError(
        'Iemand anders heeft deze uitbetaling intussen behandeld. Laad de pagina opnieuw.',
      );
    if (to === 'paid') {
      const ref = applicationReference(row.call, row.application);
      const entries: Array<typeof callBudgetEntries.$inferInsert> = [];
      if (after.amountCents > 0) {
        entries.push({
          callId: row.call.id,
          applicationId: row.application.id,
          claimId: id,
          kind: 'payment',
          amountCents: after.amountCents,
          note: `${claimKindLabels[after.kind as 'advance']} ${ref}`,
          createdBy: ctx.user.userId,
        });
      }
      if (after.recoveryCents > 0) {
        entries.push({
          callId: row.call.id,
          applicationId: row.application.id,
          claimId: id,
          kind: 'recovery',
          amountCents: after.recoveryCents,
          note: `Terugvordering ${ref}`,
          createdBy: ctx.user.userId,
        });
      }
      if (after.kind === 'balance') {
        // The settlement is final: what was committed but not due goes back to the call's budget.
        const due = others + after.amountCents - after.recoveryCents;
        const unused = grantedAmount - due;
        if (unused > 0) {
          entries.push({
            callId: row.call.id,
            applicationId: row.application.id,
            claimId: id,
            kind: 'release',
            amountCents: -unused,
            note: `Vrijgegeven na saldo ${ref}`,
            createdBy: ctx.user.userId,
          });
        }
      }
      if (entries.length) await tx.insert(callBudgetEntries).values(entries);
    }
    await writeAudit(tx, ctx.actor, {
      action: `call_claim.${action}`,
      entityType: 'call_claim',
      entityId: id,
      ownerOrganisationId: row.application.applicantOrganisationId,
      before: { status: from, amountCents: row.claim.amountCents },
      after: { status: to, amountCents: after.amountCents, recoveryCents: after.recoveryCents },
    });
    return after;
  });
}

/**
 * The payment file for the bank: every claim approved by finance, of the calls of this agency. Making
 * it records the moment on each claim (audited), so finance sees what was already sent.
 */
export async function paymentFile(ctx: ServiceContext) {
  if (!['finance_officer', 'platform_admin'].includes(ctx.user.active.role)) {
    throw new ForbiddenError('Alleen de financiële dienst maakt betaalbestanden.');
  }
  const rows = await claimQuery(ctx.db)
    .where(
      and(
        applicationScope(ctx.user),
        eq(callClaims.status, 'finance_approved'),
        sql`${callClaims.amountCents} > 0`,
      ),
    )
    .orderBy(asc(callClaims.number));
  const csv = toCsv(
    ['begunstigde', 'iban', 'bedrag', 'gestructureerde_mededeling', 'omschrijving'],
    rows.map((r) => [
      r.claim.beneficiaryName,
      r.claim.iban,
      (r.claim.amountCents / 100).toFixed(2),
      r.claim.structuredReference,
      `${claimKindLabels[r.claim.kind as 'advance']} ${applicationReference(r.call, r.application)} ${r.call.title}`.slice(
        0,
        140,
      ),
    ]),
  );
  const total = rows.reduce((s, r) => s + r.claim.amountCents, 0);
  if (rows.length > 0) {
    await ctx.transaction(async (tx) => {
      const now = new Date();
      await tx
        .update(callClaims)
        .set({ paymentFileAt: now })
        .where(
          inArray(
            callClaims.id,
            rows.map((r) => r.claim.id),
          ),
        );
      await writeAudit(tx, ctx.actor, {
        action: 'call_claim.payment_file',
        entityType: 'payment_file',
        entityId: now.toISOString(),
        ownerOrganisationId: ctx.user.active.organisationId,
        after: { claims: rows.map((r) => r.claim.id), total },
      });
    });
  }
  return { csv, count: rows.length, total };
}
