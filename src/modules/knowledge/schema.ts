import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
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

/** A group of local governments learning together around a theme; its sessions are events. */
export const learningNetworks = pgTable('knowledge_learning_networks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  theme: text('theme').notNull(),
  description: text('description'),
  /** The agency or regional network that runs it. */
  organiserOrganisationId: uuid('organiser_organisation_id')
    .notNull()
    .references(() => organisations.id),
  createdByUserId: uuid('created_by_user_id').references(() => users.id),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

export const learningNetworkMembers = pgTable(
  'knowledge_learning_network_members',
  {
    learningNetworkId: uuid('learning_network_id')
      .notNull()
      .references(() => learningNetworks.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    addedAt: timestamptz('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.learningNetworkId, t.organisationId] }),
    index('knowledge_ln_members_org_idx').on(t.organisationId),
  ],
);

/** Documents and links shared in a learning network. */
export const learningNetworkResources = pgTable(
  'knowledge_learning_network_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    learningNetworkId: uuid('learning_network_id')
      .notNull()
      .references(() => learningNetworks.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    url: text('url').notNull(),
    description: text('description'),
    addedByUserId: uuid('added_by_user_id').references(() => users.id),
    addedByOrganisationId: uuid('added_by_organisation_id').references(() => organisations.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_ln_resources_ln_idx').on(t.learningNetworkId, t.createdAt)],
);

export const events = pgTable(
  'knowledge_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    type: text('type').notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    organiserOrganisationId: uuid('organiser_organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** all_local_governments | region | network | invited | learning_network */
    audienceKind: text('audience_kind').notNull(),
    /** Reference region code or network code, for those audiences. */
    audienceCode: text('audience_code'),
    /** A session of this learning network (and, with that audience, only for its members). */
    learningNetworkId: uuid('learning_network_id').references(() => learningNetworks.id),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    location: text('location'),
    onlineUrl: text('online_url'),
    /** null: no limit. */
    capacity: integer('capacity'),
    registrationOpensAt: timestamptz('registration_opens_at'),
    registrationClosesAt: timestamptz('registration_closes_at').notNull(),
    waitlistEnabled: boolean('waitlist_enabled').notNull().default(true),
    approvalRequired: boolean('approval_required').notNull().default(false),
    /** Most people one organisation may register; null: no limit. */
    organisationLimit: integer('organisation_limit'),
    cancelledAt: timestamptz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** Goes up with every change, so calendars replace their copy. */
    revision: integer('revision').notNull().default(0),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('knowledge_events_starts_idx').on(t.startsAt),
    index('knowledge_events_organiser_idx').on(t.organiserOrganisationId, t.startsAt),
    index('knowledge_events_ln_idx').on(t.learningNetworkId),
    index('knowledge_events_themes_idx').using('gin', t.themes),
  ],
);

/** Organisations invited to an event with the `invited` audience. */
export const eventInvitations = pgTable(
  'knowledge_event_invitations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.organisationId] }),
    index('knowledge_invitations_org_idx').on(t.organisationId),
  ],
);

export const registrations = pgTable(
  'knowledge_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Arrival order: taken inside the event lock, so it is the order places were given. */
    arrival: bigserial('arrival', { mode: 'number' }).notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The organisation the participant comes for. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    registeredByUserId: uuid('registered_by_user_id').references(() => users.id),
    status: text('status').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('knowledge_registrations_active_uq')
      .on(t.eventId, t.userId)
      .where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('knowledge_registrations_arrival_uq').on(t.arrival),
    index('knowledge_registrations_event_idx').on(t.eventId, t.status, t.arrival),
    index('knowledge_registrations_user_idx').on(t.userId),
    index('knowledge_registrations_org_idx').on(t.organisationId, t.eventId),
  ],
);

/** A personal agenda feed: the secret in its URL is derived from `id` and the server secret. */
export const calendarFeeds = pgTable('knowledge_calendar_feeds', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

export const practices = pgTable(
  'knowledge_practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    theme: text('theme').notNull(),
    municipalityNis: text('municipality_nis'),
    approach: text('approach').notNull(),
    results: text('results'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    submittedByUserId: uuid('submitted_by_user_id').references(() => users.id),
    status: text('status').notNull(),
    editorNote: text('editor_note'),
    publishedAt: timestamptz('published_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    /** Dutch full-text search (stemming: "vrijwilliger" finds "vrijwilligers"). */
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce("summary", '')), 'B') || setweight(to_tsvector('dutch'::regconfig, coalesce("approach", '') || ' ' || coalesce("results", '')), 'C')`,
    ),
  },
  (t) => [
    index('knowledge_practices_search_idx').using('gin', t.search),
    index('knowledge_practices_status_idx').on(t.status, t.publishedAt),
    index('knowledge_practices_org_idx').on(t.organisationId),
  ],
);

export const tools = pgTable(
  'knowledge_tools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** script | template | online_tool */
    kind: text('kind').notNull(),
    theme: text('theme').notNull(),
    /** A file to download or an online tool. */
    url: text('url').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_tools_kind_idx').on(t.kind, t.theme)],
);
