import { and, asc, eq } from 'drizzle-orm';
import type { IsolationRow, IsolationRows, SelfScopedRoute } from '../../core/access/isolation';
import { organisations } from '../../core/access/schema';
import { actionPlans, importBatches, planResults, regietafels } from './schema';

/**
 * Organisation A:
 * - Lokaal bestuur Mechelen owns the demo action plan: only Mechelen (and administrators) edit it.
 * - The Rivierenland network runs the regional regietafel: even Mechelen, a member, may not edit it.
 * - ABB uploaded an import batch: only ABB (and administrators) see, import or discard it.
 * - The catalogue and imports are for administrators and agency staff only.
 */
export const monitoringIsolation: IsolationRows = async ({ db }) => {
  const [mechelen] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.municipalityNis, '12025'), eq(organisations.type, 'local_government')));
  const [abb] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.type, 'flemish_administration'));
  if (!mechelen || !abb) throw new Error('monitoring isolation: reference organisations not found');
  const [plan] = await db
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(eq(actionPlans.ownerOrganisationId, mechelen.id))
    .orderBy(asc(actionPlans.createdAt));
  if (!plan) throw new Error('monitoring isolation: the demo plan of Mechelen is missing');
  const [result] = await db
    .select({ id: planResults.id })
    .from(planResults)
    .where(eq(planResults.planId, plan.id))
    .orderBy(asc(planResults.position), asc(planResults.code));
  const [table] = await db
    .select({ id: regietafels.id })
    .from(regietafels)
    .where(eq(regietafels.level, 'regional'));
  if (!result || !table) throw new Error('monitoring isolation: demo result or regietafel missing');
  const [batch] = await db
    .insert(importBatches)
    .values({
      organisationId: abb.id,
      fileName: 'isolatie.csv',
      strategy: 'upsert',
      status: 'checked',
      rowCount: 1,
      content: 'indicator,nis,periode,waarde\ninwoners,12025,2019,1\n',
      report: null,
    })
    .returning({ id: importBatches.id });

  const p = `/monitoring/plannen/${plan.id}`;
  const r = `${p}/resultaten/${result.id}`;
  const t = `/monitoring/regietafels/${table.id}`;
  const b = `/monitoring/import/${batch!.id}`;
  const resultForm = { title: 'Gekaapt resultaat', weight: '1', status: 'planned' };
  const planForm = { title: 'Gekaapt plan', kind: 'local', startYear: '2025', endYear: '2030' };
  const indicatorForm = {
    code: 'gekaapt',
    name: 'Gekaapte indicator',
    definition: 'x',
    type: 'output',
    calculation: 'x',
    measure: 'count',
    unit: 'personen',
    source: 'x',
    frequency: 'year',
    theme: 'context',
    direction: 'neutral',
  };

  const rows: IsolationRow[] = [];
  for (const as of ['gent', 'medewerker.agii', 'netwerk.regiogent']) {
    rows.push(
      { method: 'GET', route: '/monitoring/plannen/:id/bewerken', url: `${p}/bewerken`, as },
      { method: 'POST', route: '/monitoring/plannen/:id/bewerken', url: `${p}/bewerken`, form: planForm, as },
      { method: 'GET', route: '/monitoring/plannen/:id/resultaten/nieuw', url: `${p}/resultaten/nieuw`, as },
      {
        method: 'POST',
        route: '/monitoring/plannen/:id/resultaten/nieuw',
        url: `${p}/resultaten/nieuw`,
        form: resultForm,
        as,
      },
      { method: 'GET', route: '/monitoring/plannen/:id/resultaten/:rid/bewerken', url: `${r}/bewerken`, as },
      {
        method: 'POST',
        route: '/monitoring/plannen/:id/resultaten/:rid/bewerken',
        url: `${r}/bewerken`,
        form: resultForm,
        as,
      },
      {
        method: 'POST',
        route: '/monitoring/plannen/:id/resultaten/:rid/voortgang',
        url: `${r}/voortgang`,
        form: { progress: '99', status: 'in_progress', note: 'gekaapt' },
        as,
      },
      {
        method: 'POST',
        route: '/monitoring/plannen/:id/resultaten/:rid/mijlpalen',
        url: `${r}/mijlpalen`,
        form: { title: 'gekaapt', dueDate: '2026-01-01' },
        as,
      },
      {
        method: 'POST',
        route: '/monitoring/plannen/:id/resultaten/:rid/indicatoren',
        url: `${r}/indicatoren`,
        form: { indicator: 'inwoners' },
        as,
      },
      {
        method: 'GET',
        route: '/monitoring/plannen/:id/voortgang-bijwerken',
        url: `${p}/voortgang-bijwerken`,
        as,
      },
      {
        method: 'POST',
        route: '/monitoring/plannen/:id/voortgang-bijwerken',
        url: `${p}/voortgang-bijwerken`,
        form: {},
        as,
      },
      {
        method: 'POST',
        route: '/api/v1/action-plans/:id/results/:rid/progress',
        url: `/api/v1/action-plans/${plan.id}/results/${result.id}/progress`,
        json: { progress: 99, status: 'in_progress' },
        as,
      },
    );
  }
  for (const as of ['mechelen', 'netwerk.regiogent', 'medewerker.agii']) {
    rows.push(
      { method: 'GET', route: '/monitoring/regietafels/:id/leden', url: `${t}/leden`, as },
      {
        method: 'POST',
        route: '/monitoring/regietafels/:id/leden',
        url: `${t}/leden`,
        form: { organisationId: mechelen.id, role: 'chair' },
        as,
      },
      {
        method: 'GET',
        route: '/monitoring/regietafels/:id/vergaderingen/nieuw',
        url: `${t}/vergaderingen/nieuw`,
        as,
      },
      {
        method: 'POST',
        route: '/monitoring/regietafels/:id/vergaderingen/nieuw',
        url: `${t}/vergaderingen/nieuw`,
        form: { date: '2026-01-01', agenda: 'gekaapt' },
        as,
      },
    );
  }
  // Batches: agency staff of AgII may import, but not see ABB's batch; a local officer may not import at all.
  for (const as of ['medewerker.agii', 'mechelen']) {
    rows.push(
      { method: 'GET', route: '/monitoring/import/:id', url: b, as },
      { method: 'POST', route: '/monitoring/import/:id/inlezen', url: `${b}/inlezen`, form: {}, as },
      { method: 'POST', route: '/monitoring/import/:id/verwerpen', url: `${b}/verwerpen`, form: {}, as },
    );
  }
  // The catalogue and the import page belong to administrators and agency staff.
  for (const as of ['mechelen', 'partner.debrug', 'netwerk.regiogent']) {
    rows.push(
      { method: 'GET', route: '/monitoring/indicatoren/nieuw', url: '/monitoring/indicatoren/nieuw', as },
      {
        method: 'POST',
        route: '/monitoring/indicatoren/nieuw',
        url: '/monitoring/indicatoren/nieuw',
        form: indicatorForm,
        as,
      },
      {
        method: 'GET',
        route: '/monitoring/indicatoren/:code/bewerken',
        url: '/monitoring/indicatoren/inwoners/bewerken',
        as,
      },
      {
        method: 'POST',
        route: '/monitoring/indicatoren/:code/bewerken',
        url: '/monitoring/indicatoren/inwoners/bewerken',
        form: indicatorForm,
        as,
      },
      { method: 'GET', route: '/monitoring/import', url: '/monitoring/import', as },
      {
        method: 'POST',
        route: '/monitoring/import',
        url: '/monitoring/import',
        form: { strategy: 'upsert' },
        as,
      },
    );
  }
  // Recomputing the platform's own indicators is for platform administrators only.
  for (const as of ['mechelen', 'medewerker.agii']) {
    rows.push({
      method: 'POST',
      route: '/monitoring/indicatoren/herberekenen',
      url: '/monitoring/indicatoren/herberekenen',
      form: { code: 'oefenkansen-gerealiseerd' },
      as,
    });
  }
  return rows;
};

/** Creating a plan or a regietafel always makes the caller's own organisation the owner. */
export const monitoringSelfScoped: SelfScopedRoute[] = [
  {
    method: 'GET',
    route: '/monitoring/plannen/nieuw',
    reason: 'Form for a new plan of the caller’s own organisation.',
  },
  {
    method: 'POST',
    route: '/monitoring/plannen/nieuw',
    reason: 'Creates a plan owned by the caller’s active organisation.',
  },
  {
    method: 'GET',
    route: '/monitoring/regietafels/nieuw',
    reason: 'Form for a new regietafel run by the caller’s organisation.',
  },
  {
    method: 'POST',
    route: '/monitoring/regietafels/nieuw',
    reason: 'Creates a regietafel owned by the caller’s active organisation.',
  },
];
