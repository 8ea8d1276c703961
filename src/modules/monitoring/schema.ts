import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../core/access/schema';

/**
 * An indicator with the full metadata fiche of the Flemish government (seed 001, section X):
 * benaming, definitie, soort, berekeningswijze, bron, meetfrequentie, kwaliteitsbeoordeling,
 * beleids- en budgetrelevantie; plus what the platform needs to compute and show it.
 */
export const indicators = pgTable(
  'monitoring_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable code used in imports, exports and the API, e.g. nt2-eerste-inschrijvingen. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    definition: text('definition').notNull(),
    /** context | input | output | outcome */
    type: text('type').notNull(),
    /** Berekeningswijze in words. */
    calculation: text('calculation').notNull(),
    /** count (summed) | rate (numerator/denominator × multiplier) | level (not aggregated). */
    measure: text('measure').notNull(),
    numeratorLabel: text('numerator_label'),
    denominatorLabel: text('denominator_label'),
    multiplier: integer('multiplier').notNull().default(100),
    unit: text('unit').notNull(),
    decimals: integer('decimals').notNull().default(0),
    source: text('source').notNull(),
    /** year | quarter */
    frequency: text('frequency').notNull(),
    quality: text('quality'),
    policyRelevance: text('policy_relevance'),
    budgetRelevance: text('budget_relevance'),
    /** One of the themes (the 8 goals of the Barometer Samenleven, plus context themes). */
    theme: text('theme').notNull(),
    /** Breakdown dimensions: sex, origin. */
    breakdowns: text('breakdowns').array().notNull().default(sql`'{}'::text[]`),
    /** higher | lower | neutral: which way is better. */
    direction: text('direction').notNull().default('neutral'),
    /** municipality | region: the level values are delivered at. */
    areaLevel: text('area_level').notNull().default('municipality'),
    /** Used to propose similar municipalities. */
    similarityContext: boolean('similarity_context').notNull().default(false),
    /** Derived from personal data: cells below 5 are suppressed everywhere. */
    personalData: boolean('personal_data').notNull().default(false),
    /** Open data under /api/v1 (false for indicators that are not yet fit to publish). */
    published: boolean('published').notNull().default(true),
    baselineValue: doublePrecision('baseline_value'),
    baselinePeriod: text('baseline_period'),
    targetValue: doublePrecision('target_value'),
    targetPeriod: text('target_period'),
    /** Platform-computed indicators: the key of the computation that fills them (null: imported). */
    computedBy: text('computed_by'),
    /** Shown on the fiche when values are synthetic demo data. */
    demo: boolean('demo').notNull().default(false),
    ownerOrganisationId: uuid('owner_organisation_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('monitoring_indicators_code_uq').on(t.code),
    index('monitoring_indicators_theme_idx').on(t.theme),
  ],
);

/** Baselines and targets that differ per area (e.g. a municipality's own streefwaarde). */
export const indicatorAreaTargets = pgTable(
  'monitoring_indicator_area_targets',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    areaCode: text('area_code').notNull(),
    baselineValue: doublePrecision('baseline_value'),
    baselinePeriod: text('baseline_period'),
    targetValue: doublePrecision('target_value'),
    targetPeriod: text('target_period'),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.areaCode] })],
);

/** An upload of values: dry run first, imported once clean. */
export const importBatches = pgTable(
  'monitoring_import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    /** create | update | upsert */
    strategy: text('strategy').notNull(),
    /** checked | imported | discarded */
    status: text('status').notNull(),
    rowCount: integer('row_count').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    /** The uploaded text, kept between the dry run and the import; cleared afterwards. */
    content: text('content'),
    /** Errors (first ones) and summary of the last check. */
    report: jsonb('report'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    importedAt: timestamp('imported_at', { withTimezone: true }),
  },
  (t) => [index('monitoring_import_batches_org_idx').on(t.organisationId, t.createdAt)],
);

/**
 * The fact table (as DHIS2 does): one value per indicator × area × period × breakdown. Areas are
 * 2025 NIS codes (municipalities) or region codes; regions and provinces are computed, not stored.
 */
export const indicatorValues = pgTable(
  'monitoring_values',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    areaCode: text('area_code').notNull(),
    /** 2024 or 2024-Q3 */
    period: text('period').notNull(),
    /** totaal, geslacht:vrouw, herkomst:niet-eu … */
    breakdown: text('breakdown').notNull().default('totaal'),
    value: doublePrecision('value'),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    /** provisional | final */
    status: text('status').notNull().default('final'),
    source: text('source'),
    batchId: uuid('batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.areaCode, t.period, t.breakdown] }),
    // Maps and comparisons read one indicator, period and breakdown; everything else starts from the
    // primary key (indicator first). Few indexes keep bulk imports fast.
    index('monitoring_values_map_idx').on(t.indicatorId, t.period, t.breakdown),
  ],
);

/**
 * Precomputed values of the computed areas (reference regions "RR:<code>", provinces "PR:<nis>",
 * "VLG", "BRU") per indicator, period and breakdown, aggregated from the municipal values by the rules
 * of rules.ts (counts summed, rates from summed numerators and denominators). Refreshed after every
 * write of an indicator's values (aggregates.ts); only aggregates with a value are stored. A page
 * reads them only for an indicator whose row in monitoring_aggregate_state says they are current.
 */
export const areaAggregates = pgTable(
  'monitoring_aggregates',
  {
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    breakdown: text('breakdown').notNull(),
    areaCode: text('area_code').notNull(),
    period: text('period').notNull(),
    value: doublePrecision('value'),
    numerator: doublePrecision('numerator'),
    denominator: doublePrecision('denominator'),
    /** Member areas with a value, and member areas in all (coverage). */
    areas: integer('areas').notNull(),
    members: integer('members').notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.breakdown, t.areaCode, t.period] })],
);

/**
 * One row per indicator whose aggregates are current: written by the refresh, deleted (in the same
 * transaction) by every write of the indicator's values. No row: pages compute the regional values
 * from the municipal values themselves, and a refresh is started.
 */
export const aggregateState = pgTable('monitoring_aggregate_state', {
  indicatorId: uuid('indicator_id')
    .primaryKey()
    .references(() => indicators.id, { onDelete: 'cascade' }),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }).notNull().defaultNow(),
  /** Number of values and their latest change when refreshed: a start-up check finds values written behind the platform's back. */
  valueCount: integer('value_count').notNull(),
  valuesChangedAt: timestamp('values_changed_at', { withTimezone: true }),
  /** Periods with values (any breakdown), and periods with a total value; oldest first. */
  periods: text('periods').array().notNull(),
  totalPeriods: text('total_periods').array().notNull(),
});

/** A coordination table (regietafel) at Flemish, regional or local level. */
export const regietafels = pgTable(
  'monitoring_regietafels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** flemish | regional | local */
    level: text('level').notNull(),
    description: text('description'),
    /** The organisation that runs the secretariat; its members edit the table. */
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_regietafels_owner_idx').on(t.ownerOrganisationId)],
);

export const regietafelMembers = pgTable(
  'monitoring_regietafel_members',
  {
    regietafelId: uuid('regietafel_id')
      .notNull()
      .references(() => regietafels.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** chair | member | secretariat */
    role: text('role').notNull().default('member'),
  },
  (t) => [
    primaryKey({ columns: [t.regietafelId, t.organisationId] }),
    index('monitoring_regietafel_members_org_idx').on(t.organisationId),
  ],
);

export const meetings = pgTable(
  'monitoring_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    regietafelId: uuid('regietafel_id')
      .notNull()
      .references(() => regietafels.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    agenda: text('agenda').notNull(),
    decisions: text('decisions'),
    followUp: text('follow_up'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('monitoring_meetings_table_idx').on(t.regietafelId, t.date)],
);

/** An action plan owned by an organisation: a local plan, a regietafel's plan, the Flemish plan. */
export const actionPlans = pgTable(
  'monitoring_action_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    description: text('description'),
    /** local | regietafel | flemish */
    kind: text('kind').notNull(),
    regietafelId: uuid('regietafel_id').references(() => regietafels.id, { onDelete: 'set null' }),
    /** The area the plan is about (a municipality NIS code), for linked indicators. */
    areaCode: text('area_code'),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('monitoring_action_plans_owner_idx').on(t.ownerOrganisationId),
    index('monitoring_action_plans_table_idx').on(t.regietafelId),
  ],
);

/** A result in the plan's tree; progress rolls up to the parent by weight. */
export const planResults = pgTable(
  'monitoring_plan_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => planResults.id, { onDelete: 'cascade' }),
    /** Short reference shown and used in the bulk CSV, e.g. 1.2 */
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    weight: doublePrecision('weight').notNull().default(1),
    /** planned | in_progress | done | delayed | cancelled */
    status: text('status').notNull().default('planned'),
    /** Own progress 0–100 (leaves); parents are computed. */
    progress: doublePrecision('progress'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('monitoring_plan_results_plan_idx').on(t.planId, t.position),
    uniqueIndex('monitoring_plan_results_code_uq').on(t.planId, t.code),
  ],
);

/** A result measured by an indicator, with its own baseline and target. */
export const resultIndicators = pgTable(
  'monitoring_result_indicators',
  {
    resultId: uuid('result_id')
      .notNull()
      .references(() => planResults.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    areaCode: text('area_code'),
    baselineValue: doublePrecision('baseline_value'),
    baselinePeriod: text('baseline_period'),
    targetValue: doublePrecision('target_value'),
    targetPeriod: text('target_period'),
  },
  (t) => [
    primaryKey({ columns: [t.resultId, t.indicatorId] }),
    index('monitoring_result_indicators_ind_idx').on(t.indicatorId),
  ],
);

export const milestones = pgTable(
  'monitoring_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => planResults.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
  },
  (t) => [index('monitoring_milestones_result_idx').on(t.resultId, t.dueDate)],
);

/** The timeline of a result: each update records progress, status and a note. */
export const progressUpdates = pgTable(
  'monitoring_progress_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => planResults.id, { onDelete: 'cascade' }),
    progress: doublePrecision('progress').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('monitoring_progress_updates_result_idx').on(t.resultId, t.createdAt)],
);
