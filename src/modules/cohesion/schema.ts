import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../core/access/schema';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

// ---------------------------------------------------------------------------------------------
// Learning offer: individual and collective trajectories of the agencies
// ---------------------------------------------------------------------------------------------

export const learningTrajectories = pgTable(
  'cohesion_learning_trajectories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** nederlands | werk | onderwijs */
    theme: text('theme').notNull(),
    /** individual | collective */
    format: text('format').notNull(),
    /** Most local governments that can take part; null: no limit. */
    capacity: integer('capacity'),
    enrolmentOpen: boolean('enrolment_open').notNull().default(true),
    /** The agency (AgII, Atlas, Amal) that runs it. */
    agencyOrganisationId: uuid('agency_organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('cohesion_trajectories_agency_idx').on(t.agencyOrganisationId, t.createdAt)],
);

export const trajectoryEnrolments = pgTable(
  'cohesion_trajectory_enrolments',
  {
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => learningTrajectories.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    enrolledByUserId: uuid('enrolled_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.trajectoryId, t.organisationId] }),
    index('cohesion_enrolments_org_idx').on(t.organisationId),
  ],
);

/** A session of a trajectory is an event of the knowledge module (registration, agenda, ics). */
export const trajectorySessions = pgTable(
  'cohesion_trajectory_sessions',
  {
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => learningTrajectories.id, { onDelete: 'cascade' }),
    /** knowledge_events.id */
    eventId: uuid('event_id').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.trajectoryId, t.eventId] })],
);

/** The exchange board of a trajectory: enrolled local governments and the agency. */
export const trajectoryMessages = pgTable(
  'cohesion_trajectory_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => learningTrajectories.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    userId: uuid('user_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('cohesion_messages_trajectory_idx').on(t.trajectoryId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// One-to-one coaching
// ---------------------------------------------------------------------------------------------

export const coachings = pgTable(
  'cohesion_coachings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The local government asking. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The agency that supports it. */
    agencyOrganisationId: uuid('agency_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** policy | action */
    subject: text('subject').notNull(),
    theme: text('theme').notNull(),
    title: text('title').notNull(),
    question: text('question').notNull(),
    status: text('status').notNull(),
    requestedByUserId: uuid('requested_by_user_id').references(() => users.id),
    coachUserId: uuid('coach_user_id').references(() => users.id),
    startDate: date('start_date'),
    goals: text('goals').array().notNull().default(sql`'{}'::text[]`),
    declineReason: text('decline_reason'),
    evaluation: text('evaluation'),
    /** How many goals were reached, at the end. */
    goalsReached: integer('goals_reached'),
    closedAt: timestamptz('closed_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('cohesion_coachings_org_idx').on(t.organisationId, t.createdAt),
    index('cohesion_coachings_agency_idx').on(t.agencyOrganisationId, t.status),
  ],
);

export const coachingSessions = pgTable(
  'cohesion_coaching_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachingId: uuid('coaching_id')
      .notNull()
      .references(() => coachings.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    summary: text('summary').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('cohesion_coaching_sessions_idx').on(t.coachingId, t.date)],
);

export const coachingNotes = pgTable(
  'cohesion_coaching_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    coachingId: uuid('coaching_id')
      .notNull()
      .references(() => coachings.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id),
    authorOrganisationId: uuid('author_organisation_id').references(() => organisations.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('cohesion_coaching_notes_idx').on(t.coachingId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------
// Expert offers: programmes, bookings and reach
// ---------------------------------------------------------------------------------------------

export const programmes = pgTable(
  'cohesion_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    expertOrganisationId: uuid('expert_organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** werk | onderwijs | nederlands */
    theme: text('theme').notNull(),
    /** Target share of women and girls among participants, in percent (richtcijfer). */
    targetWomenPct: integer('target_women_pct').notNull(),
    /** Target participants per booking and year; null: none. */
    targetParticipants: integer('target_participants'),
    /** flanders | provinces | municipalities */
    areaKind: text('area_kind').notNull(),
    /** Province or municipality NIS codes for those kinds. */
    areaCodes: text('area_codes').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('cohesion_programmes_expert_idx').on(t.expertOrganisationId)],
);

export const bookings = pgTable(
  'cohesion_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    /** The local government that booked. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    municipalityNis: text('municipality_nis').notNull(),
    year: integer('year').notNull(),
    note: text('note'),
    /** booked | cancelled */
    status: text('status').notNull(),
    bookedByUserId: uuid('booked_by_user_id').references(() => users.id),
    reachReportedAt: timestamptz('reach_reported_at'),
    reachReportedByUserId: uuid('reach_reported_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cohesion_bookings_active_uq')
      .on(t.programmeId, t.municipalityNis, t.year)
      .where(sql`${t.status} <> 'cancelled'`),
    index('cohesion_bookings_org_idx').on(t.organisationId, t.year),
    index('cohesion_bookings_programme_idx').on(t.programmeId, t.year),
  ],
);

/** Reach of a booking, per age band: participants and, of them, women and girls. */
export const reachFigures = pgTable(
  'cohesion_reach_figures',
  {
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    ageBand: text('age_band').notNull(),
    participants: integer('participants').notNull(),
    women: integer('women').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.ageBand] })],
);

// ---------------------------------------------------------------------------------------------
// Plan Samenleven: closing, evaluating and anchoring actions
// ---------------------------------------------------------------------------------------------

/** Local governments that took part in Plan Samenleven. */
export const planParticipants = pgTable('cohesion_plan_participants', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  addedAt: timestamptz('added_at').notNull().defaultNow(),
});

export const closingActions = pgTable(
  'cohesion_closing_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    theme: text('theme').notNull(),
    endResult: text('end_result').notNull(),
    evaluation: text('evaluation').notNull(),
    /** yes | partly | no */
    anchored: text('anchored').notNull(),
    anchoringNote: text('anchoring_note'),
    /** A good practice of the knowledge module (knowledge_practices.id). */
    practiceId: uuid('practice_id'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce("end_result", '') || ' ' || coalesce("evaluation", '') || ' ' || coalesce("anchoring_note", '')), 'B')`,
    ),
  },
  (t) => [
    index('cohesion_closing_search_idx').using('gin', t.search),
    index('cohesion_closing_org_idx').on(t.organisationId),
  ],
);
