import type { HomeCard } from '../../../core/module';
import { ownPlans } from '../plans';
import { canManageMonitoring } from '../service';

/** Home card for a local government: its profile and its own action plans. */
export const localCard: HomeCard = async (ctx) => {
  const p = ctx.principal;
  if (!p || (!p.active.municipalityNis && !canManageMonitoring(p))) return null;
  const plans = await ownPlans(ctx);
  return (
    <section class="card">
      <h2>Monitoring</h2>
      <ul class="link-list">
        {p.active.municipalityNis && (
          <li>
            <a href={`/monitoring/gemeenten/${p.active.municipalityNis}`}>Het profiel van uw gemeente</a>
          </li>
        )}
        {plans && 'items' in plans
          ? plans.items.map((plan) => (
              <li>
                <a href={`/monitoring/plannen/${plan.id}`}>{plan.title}</a>
              </li>
            ))
          : null}
        {canManageMonitoring(p) && (
          <li>
            <a href="/monitoring/import">Waarden importeren</a>
          </li>
        )}
      </ul>
    </section>
  );
};
