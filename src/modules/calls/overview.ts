import { and, asc, eq } from 'drizzle-orm';
import { organisations } from '../../core/access/schema';
import type { ServiceContext } from '../../core/context';
import { ForbiddenError } from '../../core/http/errors';
import { todayIso } from '../../core/i18n/format';
import { applicationScope, isCallStaff } from './access';
import { emptyTotals, registerTotals } from './register';
import { interimCheck, percentage } from './rules';
import { callApplications, calls } from './schema';
import { applicationReference, budgetOf, type Call, countByStatus, coverageOf, getCall } from './service';
import { applicationStatuses } from './workflow';

export type ProgressRow = {
  applicationId: string;
  reference: string;
  applicantName: string;
  status: string;
  committedUnits: number;
  grantedAmountCents: number;
  entries: number;
  eligible: number;
  women: number;
  participants: number;
  pct: number;
  interimRequired: number;
  /** Below the interim threshold on or after the interim check date. */
  interimFlag: boolean;
};

async function progressRows(
  ctx: ServiceContext,
  call: Call,
  organisationId?: string,
): Promise<ProgressRow[]> {
  const apps = await ctx.db
    .select({ application: callApplications, applicantName: organisations.name })
    .from(callApplications)
    .innerJoin(organisations, eq(organisations.id, callApplications.applicantOrganisationId))
    .where(
      and(
        eq(callApplications.callId, call.id),
        eq(callApplications.status, 'granted'),
        organisationId ? eq(callApplications.applicantOrganisationId, organisationId) : undefined,
      ),
    )
    .orderBy(asc(organisations.name));
  const totals = await registerTotals(
    ctx.db,
    apps.map((a) => a.application.id),
  );
  const checkDue = todayIso() >= call.interimCheckDate;
  return apps.map(({ application: a, applicantName }) => {
    const t = totals.get(a.id) ?? emptyTotals;
    const committed = a.grantedUnits ?? 0;
    const interim = interimCheck(committed, t.eligible, call.interimThresholdPct);
    return {
      applicationId: a.id,
      reference: applicationReference(call, a),
      applicantName,
      status: a.status,
      committedUnits: committed,
      grantedAmountCents: a.grantedAmountCents ?? 0,
      entries: t.entries,
      eligible: t.eligible,
      women: t.women,
      participants: t.participants,
      pct: percentage(t.eligible, committed),
      interimRequired: interim.required,
      interimFlag: checkDue && interim.below,
    };
  });
}

/** The agency's overview of a call: statuses, budget, realised against committed, coverage. */
export async function callOverview(ctx: ServiceContext, callId: string) {
  const call = await getCall(ctx.db, callId);
  if (!isCallStaff(ctx.user, call))
    throw new ForbiddenError('Dit overzicht is voor het agentschap dat de oproep beheert.');
  const [statusCounts, budget, coverage, progress] = await Promise.all([
    countByStatus(ctx.db, call.id),
    budgetOf(ctx.db, call),
    coverageOf(ctx.db, call.id),
    progressRows(ctx, call),
  ]);
  const byStatus = applicationStatuses.map((s) => ({ status: s, count: statusCounts.get(s) ?? 0 }));
  const committedUnits = progress.reduce((s, r) => s + r.committedUnits, 0);
  const realisedUnits = progress.reduce((s, r) => s + r.eligible, 0);
  return {
    call,
    byStatus,
    budget,
    coverage,
    progress,
    committedUnits,
    realisedUnits,
    interimDue: todayIso() >= call.interimCheckDate,
  };
}

/** The applicant's dashboard: their applications and progress toward the committed number. */
export async function applicantDashboard(ctx: ServiceContext) {
  const rows = await ctx.db
    .select({ application: callApplications, call: calls })
    .from(callApplications)
    .innerJoin(calls, eq(calls.id, callApplications.callId))
    .where(applicationScope(ctx.user))
    .orderBy(asc(calls.title))
    .limit(50);
  const totals = await registerTotals(
    ctx.db,
    rows.map((r) => r.application.id),
  );
  return rows.map((r) => {
    const t = totals.get(r.application.id) ?? emptyTotals;
    const committed = r.application.grantedUnits ?? 0;
    return {
      ...r,
      reference: applicationReference(r.call, r.application),
      totals: t,
      pct: percentage(t.eligible, committed),
      interim: interimCheck(committed, t.eligible, r.call.interimThresholdPct),
      interimDue: todayIso() >= r.call.interimCheckDate,
    };
  });
}
