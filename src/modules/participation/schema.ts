import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../core/access/schema';
import { municipalities } from '../reference';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Activities for the participation and network trajectory, published by partner organisations, local
 * governments and networks; public once a moderator has approved them.
 */
export const participationOffers = pgTable(
  'participation_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganisationId: uuid('owner_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The club or service that runs the activity, when not the owner itself. */
    organiserName: text('organiser_name'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    category: text('category').notNull(),
    sector: text('sector').notNull(),
    /** UiTdatabank calendar type: single, multiple, periodic, permanent. */
    calendarType: text('calendar_type').notNull(),
    dates: date('dates', { mode: 'string' }).array().notNull().default(sql`'{}'::date[]`),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /** Days of the week (ma … zo); for dated offers derived from the dates. */
    weekdays: text('weekdays').array().notNull().default(sql`'{}'::text[]`),
    timeNote: text('time_note'),
    sessionMinutes: integer('session_minutes').notNull(),
    dutchLevel: text('dutch_level').notNull(),
    audience: text('audience').notNull().default('everyone'),
    womenOnly: boolean('women_only').notNull().default(false),
    childcare: boolean('childcare').notNull().default(false),
    wheelchairAccessible: boolean('wheelchair_accessible').notNull().default(false),
    accessibilityNote: text('accessibility_note'),
    capacity: integer('capacity'),
    availability: text('availability').notNull().default('open'),
    costNote: text('cost_note'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    contactLanguages: text('contact_languages').array().notNull().default(sql`'{}'::text[]`),
    status: text('status').notNull().default('draft'),
    moderationNote: text('moderation_note'),
    moderatedByUserId: uuid('moderated_by_user_id').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Last day the offer is shown; owners are reminded before, and must renew after. */
    validUntil: date('valid_until', { mode: 'string' }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Dutch full-text search with stemming: title first, then description and organiser. */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce("organiser_name", '')), 'B') || setweight(to_tsvector('dutch'::regconfig, coalesce("description", '')), 'C')`,
      ),
  },
  (t) => [
    index('participation_offers_search_idx').using('gin', t.search),
    index('participation_offers_status_idx').on(t.status, t.validUntil),
    index('participation_offers_owner_idx').on(t.ownerOrganisationId, t.status),
    index('participation_offers_category_idx').on(t.category),
    index('participation_offers_weekdays_idx').using('gin', t.weekdays),
    // The public list's default and title orders: a page of published offers without sorting them all.
    index('participation_offers_published_idx')
      .on(t.publishedAt.desc().nullsFirst(), t.id)
      .where(sql`${t.status} = 'published'`),
    index('participation_offers_title_idx').on(t.title, t.id).where(sql`${t.status} = 'published'`),
  ],
);

/** Where an offer takes place: one or more places, each in a municipality (and so in a network). */
export const participationOfferPlaces = pgTable(
  'participation_offer_places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => participationOffers.id, { onDelete: 'cascade' }),
    municipalityNis: text('municipality_nis')
      .notNull()
      .references(() => municipalities.nis),
    /** Copied from the municipality, so a network filter needs no join. */
    networkCode: text('network_code').notNull(),
    locationName: text('location_name'),
    address: text('address'),
  },
  (t) => [
    index('participation_offer_places_offer_idx').on(t.offerId),
    index('participation_offer_places_nis_idx').on(t.municipalityNis, t.offerId),
    index('participation_offer_places_network_idx').on(t.networkCode, t.offerId),
  ],
);

/**
 * A newcomer's trajectory, kept by the counsellor's organisation. Pseudonymous: a code, never a name
 * or national register number.
 */
export const participationTrajectories = pgTable(
  'participation_trajectories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    counsellorOrganisationId: uuid('counsellor_organisation_id')
      .notNull()
      .references(() => organisations.id),
    counsellorUserId: uuid('counsellor_user_id').references(() => users.id),
    municipalityNis: text('municipality_nis')
      .notNull()
      .references(() => municipalities.nis),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    obliged: boolean('obliged').notNull(),
    dutchLevel: text('dutch_level').notNull(),
    status: text('status').notNull().default('active'),
    note: text('note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('participation_trajectories_code_uq').on(t.code),
    index('participation_trajectories_org_idx').on(t.counsellorOrganisationId, t.status),
    index('participation_trajectories_nis_idx').on(t.municipalityNis, t.status),
    // The anonymisation job's look-up: closed, not yet anonymised.
    index('participation_trajectories_anonymise_idx')
      .on(t.closedAt)
      .where(sql`${t.anonymisedAt} is null and ${t.status} in ('completed', 'stopped')`),
  ],
);

/** A planned activity of a trajectory, usually an offer of the platform. */
export const participationActivities = pgTable(
  'participation_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => participationTrajectories.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id').references(() => participationOffers.id),
    title: text('title').notNull(),
    organisationName: text('organisation_name'),
    category: text('category').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    plannedMinutes: integer('planned_minutes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('participation_activities_trajectory_idx').on(t.trajectoryId),
    index('participation_activities_offer_idx').on(t.offerId),
  ],
);

/** Hours of one activity on one date; confirmed by the activity's contact, validated by the counsellor. */
export const participationHourEntries = pgTable(
  'participation_hour_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => participationTrajectories.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => participationActivities.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    status: text('status').notNull().default('registered'),
    /** The confirmation link that confirmed (or disputed) this entry; at most one. */
    confirmationId: uuid('confirmation_id'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedByName: text('confirmed_by_name'),
    confirmedByUserId: uuid('confirmed_by_user_id').references(() => users.id),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    validatedByUserId: uuid('validated_by_user_id').references(() => users.id),
    note: text('note'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('participation_hours_trajectory_idx').on(t.trajectoryId, t.date),
    index('participation_hours_activity_idx').on(t.activityId, t.status),
  ],
);

/**
 * A one-time link for the activity's contact person to confirm hours without an account. Only a
 * hash of the signed token is stored; the token travels in the e-mail.
 */
export const participationConfirmationLinks = pgTable(
  'participation_confirmation_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => participationTrajectories.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => participationActivities.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    entryIds: uuid('entry_ids').array().notNull(),
    sentTo: text('sent_to').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    decision: text('decision'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('participation_links_token_uq').on(t.tokenHash),
    index('participation_links_trajectory_idx').on(t.trajectoryId),
  ],
);

/** The digital proof of participation: issued at closing, checked with its verification code. */
export const participationCertificates = pgTable(
  'participation_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => participationTrajectories.id, { onDelete: 'cascade' }),
    verificationCode: text('verification_code').notNull(),
    /** What the certificate shows, frozen at issue. */
    trajectoryCode: text('trajectory_code').notNull(),
    issuerOrganisationId: uuid('issuer_organisation_id')
      .notNull()
      .references(() => organisations.id),
    issuerName: text('issuer_name').notNull(),
    validatedMinutes: integer('validated_minutes').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    activities: jsonb('activities')
      .notNull()
      .$type<Array<{ title: string; category: string; minutes: number }>>(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('participation_certificates_code_uq').on(t.verificationCode),
    uniqueIndex('participation_certificates_trajectory_uq').on(t.trajectoryId),
  ],
);

/** Every look at a newcomer's record: who, when, what (DOMAIN.md §8). */
export const participationAccessLog = pgTable(
  'participation_access_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trajectoryId: uuid('trajectory_id')
      .notNull()
      .references(() => participationTrajectories.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    action: text('action').notNull(),
    requestId: text('request_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('participation_access_log_trajectory_idx').on(t.trajectoryId, t.at)],
);
