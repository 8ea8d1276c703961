import {
  bigint,
  boolean,
  date,
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
import { municipalities } from '../reference';
import type { EligibilityRules } from './rules';

const money = (name: string) => bigint(name, { mode: 'number' });
const isoDate = (name: string) => date(name, { mode: 'string' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export type Criterion = { code: string; label: string; max: number };

/** A call (oproep): its window, period, money and eligibility rules, all as data. */
export const calls = pgTable('calls', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The agency that runs the call (AgII). */
  ownerOrganisationId: uuid('owner_organisation_id')
    .notNull()
    .references(() => organisations.id),
  /** Short code used in references, e.g. TOK26. */
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  description: text('description').notNull(),
  applicationOpens: isoDate('application_opens').notNull(),
  applicationCloses: isoDate('application_closes').notNull(),
  implementationStart: isoDate('implementation_start').notNull(),
  implementationEnd: isoDate('implementation_end').notNull(),
  budgetCents: money('budget_cents').notNull(),
  rateCents: integer('rate_cents').notNull(),
  ownContributionPct: integer('own_contribution_pct').notNull(),
  maxUnitsPerApplicant: integer('max_units_per_applicant'),
  maxAmountPerApplicantCents: money('max_amount_per_applicant_cents'),
  advancePct: integer('advance_pct').notNull(),
  interimThresholdPct: integer('interim_threshold_pct').notNull(),
  interimCheckDate: isoDate('interim_check_date').notNull(),
  eligibilityRules: jsonb('eligibility_rules').$type<EligibilityRules>().notNull(),
  criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
  published: boolean('published').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** An application (aanvraag) of one organisation to one call. */
export const callApplications = pgTable(
  'call_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').generatedAlwaysAsIdentity(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    applicantOrganisationId: uuid('applicant_organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status').notNull().default('draft'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    accountHolder: text('account_holder'),
    iban: text('iban'),
    approach: text('approach'),
    targetGroups: text('target_groups'),
    womenAndGirls: text('women_and_girls'),
    /** Which task-list steps the applicant completed: applicant, municipalities, planning, approach. */
    stepsDone: jsonb('steps_done').$type<string[]>().notNull().default([]),
    plannedUnits: integer('planned_units').notNull().default(0),
    requestedAmountCents: money('requested_amount_cents').notNull().default(0),
    grantedUnits: integer('granted_units'),
    grantedAmountCents: money('granted_amount_cents'),
    decisionNote: text('decision_note'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    finalReportAt: timestamp('final_report_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('call_applications_call_applicant_uq').on(t.callId, t.applicantOrganisationId),
    uniqueIndex('call_applications_number_uq').on(t.number),
    index('call_applications_call_status_idx').on(t.callId, t.status),
    index('call_applications_applicant_idx').on(t.applicantOrganisationId),
  ],
);

/** The municipalities an application chooses to cover (draft and after). */
export const callApplicationMunicipalities = pgTable(
  'call_application_municipalities',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    municipalityNis: text('municipality_nis')
      .notNull()
      .references(() => municipalities.nis),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.municipalityNis] })],
);

/**
 * Municipalities claimed in a call by a submitted application: the primary key makes it impossible,
 * also under concurrent submissions, for two applications to cover the same municipality.
 */
export const callCoverage = pgTable(
  'call_coverage',
  {
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    municipalityNis: text('municipality_nis')
      .notNull()
      .references(() => municipalities.nis),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.callId, t.municipalityNis] }),
    index('call_coverage_application_idx').on(t.applicationId),
  ],
);

/** Planned oefenkansen by format and quarter. */
export const callPlanned = pgTable(
  'call_planned',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    quarter: text('quarter').notNull(),
    units: integer('units').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.format, t.quarter] })],
);

/** A reviewer's scores on the call's criteria, with a comment; one per reviewer and application. */
export const callReviews = pgTable(
  'call_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id, { onDelete: 'cascade' }),
    reviewerUserId: uuid('reviewer_user_id')
      .notNull()
      .references(() => users.id),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    totalScore: integer('total_score').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('call_reviews_application_reviewer_uq').on(t.applicationId, t.reviewerUserId)],
);

/**
 * The budget ledger of a call: commitments (+ at a grant, − when released), payments and recoveries.
 * Committed = sum of commitment entries; paid = payments − recoveries.
 */
export const callBudgetEntries = pgTable(
  'call_budget_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    applicationId: uuid('application_id').references(() => callApplications.id),
    claimId: uuid('claim_id'),
    kind: text('kind').notNull(),
    amountCents: money('amount_cents').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('call_budget_entries_call_idx').on(t.callId, t.kind),
    index('call_budget_entries_application_idx').on(t.applicationId),
  ],
);

/** Fixed financial impulses to Atlas, Amal and the Huis van het Nederlands (Antwerpen, Gent, Brussel). */
export const impulseGrants = pgTable(
  'impulse_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    recipientOrganisationId: uuid('recipient_organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    area: text('area').notNull(),
    /** The municipalities whose oefenkansen this impulse supports. */
    municipalityNis: jsonb('municipality_nis').$type<string[]>().notNull(),
    amountCents: money('amount_cents').notNull(),
    periodStart: isoDate('period_start').notNull(),
    periodEnd: isoDate('period_end').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('impulse_grants_recipient_idx').on(t.recipientOrganisationId)],
);

/** The register of realised oefenkansen, of a granted application or of an impulse grant. */
export const oefenkansen = pgTable(
  'oefenkansen',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').references(() => callApplications.id, { onDelete: 'cascade' }),
    impulseGrantId: uuid('impulse_grant_id').references(() => impulseGrants.id, { onDelete: 'cascade' }),
    date: isoDate('date').notNull(),
    title: text('title').notNull(),
    municipalityNis: text('municipality_nis')
      .notNull()
      .references(() => municipalities.nis),
    place: text('place').notNull(),
    partner: text('partner'),
    format: text('format').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    participants: integer('participants').notNull(),
    women: integer('women'),
    men: integer('men'),
    otherGender: integer('other_gender'),
    mainGoalDutch: boolean('main_goal_dutch').notNull(),
    outsideLesson: boolean('outside_lesson').notNull(),
    noCertification: boolean('no_certification').notNull(),
    /** Same date, place and title (normalised): probably the same activity. */
    duplicateKey: text('duplicate_key').notNull(),
    duplicate: boolean('duplicate').notNull().default(false),
    source: text('source').notNull(),
    importBatchId: uuid('import_batch_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('oefenkansen_application_idx').on(t.applicationId, t.date),
    index('oefenkansen_application_key_idx').on(t.applicationId, t.duplicateKey),
    index('oefenkansen_impulse_idx').on(t.impulseGrantId, t.date),
  ],
);

/**
 * Register totals per application or impulse grant (`target_id`), kept by triggers on `oefenkansen` (migration
 * 0009) within every statement that inserts, changes or deletes oefenkansen, so that overviews read one row
 * per applicant instead of counting a register of hundreds of thousands of rows. `eligible` follows
 * `eligibleEntry` in register.ts; calls.http.test.ts checks both agree.
 */
export const oefenkansTotals = pgTable('oefenkans_totals', {
  targetId: uuid('target_id').primaryKey(),
  entries: integer('entries').notNull(),
  eligible: integer('eligible').notNull(),
  duplicates: integer('duplicates').notNull(),
  notMeetingDefinition: integer('not_meeting_definition').notNull(),
  participants: bigint('participants', { mode: 'number' }).notNull(),
  women: bigint('women', { mode: 'number' }).notNull(),
});

/** Claims and payouts: the advance after the grant and the balance after the final report. */
export const callClaims = pgTable(
  'call_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: integer('number').generatedAlwaysAsIdentity(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => callApplications.id),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('requested'),
    /** To pay to the beneficiary. */
    amountCents: money('amount_cents').notNull(),
    /** To recover from the beneficiary (balance only, when more was paid than is due). */
    recoveryCents: money('recovery_cents').notNull().default(0),
    realisedUnits: integer('realised_units'),
    countedUnits: integer('counted_units'),
    beneficiaryName: text('beneficiary_name').notNull(),
    iban: text('iban').notNull(),
    structuredReference: text('structured_reference').notNull(),
    note: text('note'),
    programmeApprovedBy: uuid('programme_approved_by').references(() => users.id),
    programmeApprovedAt: timestamp('programme_approved_at', { withTimezone: true }),
    financeApprovedBy: uuid('finance_approved_by').references(() => users.id),
    financeApprovedAt: timestamp('finance_approved_at', { withTimezone: true }),
    /** When the claim was last put in a payment file for the bank. */
    paymentFileAt: timestamp('payment_file_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('call_claims_application_kind_uq').on(t.applicationId, t.kind),
    uniqueIndex('call_claims_number_uq').on(t.number),
    index('call_claims_status_idx').on(t.status),
  ],
);
