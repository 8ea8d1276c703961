import type { ServiceContext } from '../../core/context';
import { formatEuro } from '../../core/i18n/format';
import { isAnyStaff } from './access';
import { applicantDashboard } from './overview';
import { budgetOf, listCalls } from './service';
import { applicationWorkflow } from './workflow';

/** Home card: the applicant's progress, or the agency's budget of its calls. */
export async function callsHomeCard(ctx: ServiceContext) {
  const p = ctx.principal;
  if (!p) return null;
  if (p.active.role === 'local_officer') {
    const rows = await applicantDashboard(ctx);
    return (
      <section class="card" aria-labelledby="card-calls">
        <h2 id="card-calls">Taaloefenkansen Nederlands</h2>
        {rows.length === 0 ? (
          <p>
            U hebt nog geen aanvraag. <a href="/oproepen">Bekijk de oproepen</a>.
          </p>
        ) : (
          <ul class="link-list">
            {rows.map((r) => (
              <li>
                <a href={`/aanvragen/${r.application.id}`}>{r.reference}</a>:{' '}
                {applicationWorkflow.statuses[r.application.status as 'draft']?.publicLabel}
                {r.application.status === 'granted' &&
                  `, ${r.totals.eligible} van ${r.application.grantedUnits ?? 0} oefenkansen gerealiseerd`}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/oproepen/dashboard">Mijn dashboard oefenkansen</a>
        </p>
      </section>
    );
  }
  if (isAnyStaff(p)) {
    const calls = (await listCalls(ctx.db)).filter(
      (c) => p.active.role === 'platform_admin' || c.ownerOrganisationId === p.active.organisationId,
    );
    if (calls.length === 0) return null;
    const budgets = await Promise.all(calls.map((c) => budgetOf(ctx.db, c)));
    return (
      <section class="card" aria-labelledby="card-calls">
        <h2 id="card-calls">Oproepen</h2>
        <ul class="link-list">
          {calls.map((c, i) => (
            <li>
              <a href={`/oproepen/${c.id}/overzicht`}>{c.title}</a>: {formatEuro(budgets[i]!.committed)}{' '}
              vastgelegd, {formatEuro(budgets[i]!.remaining)} beschikbaar
            </li>
          ))}
        </ul>
        <p>
          <a href="/uitbetalingen">Uitbetalingen</a> · <a href="/impulsen">Impulsen</a>
        </p>
      </section>
    );
  }
  return null;
}
