import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from '../../core/access/schema';

/** The service catalogue: what the agencies offer local governments; configurable data. */
export const serviceCatalogueItems = pgTable(
  'service_catalogue_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    /** One plain sentence for lists. */
    summary: text('summary').notNull(),
    /** Markdown; sanitised when rendered. */
    description: text('description').notNull(),
    category: text('category').notNull(),
    form: text('form').notNull(),
    /** Agency codes that offer this item (AGII, ATLAS, AMAL). */
    agencies: text('agencies').array().notNull(),
    inBasicPackage: boolean('in_basic_package').notNull().default(true),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    /** Expected lead time of a request for this item, in working days. */
    normWorkingDays: integer('norm_working_days').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('service_catalogue_items_code_uq').on(t.code)],
);

/** Per agency and year: an optional limit on the basic package, and whether the year is closed. */
export const servicePackageYears = pgTable(
  'service_package_years',
  {
    agencyCode: text('agency_code').notNull(),
    year: integer('year').notNull(),
    maxItems: integer('max_items'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.year] })],
);

/**
 * A local government's choice of basic-package items for a year. Rows are never deleted: removing an
 * item sets removedAt, so the history of the choice stays readable.
 */
export const servicePackageChoices = pgTable(
  'service_package_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    year: integer('year').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => serviceCatalogueItems.id),
    chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull().defaultNow(),
    chosenByUserId: uuid('chosen_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedByUserId: uuid('removed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('service_package_choices_org_year_idx').on(t.organisationId, t.year),
    index('service_package_choices_item_year_idx').on(t.itemId, t.year),
    uniqueIndex('service_package_choices_current_uq')
      .on(t.organisationId, t.year, t.itemId)
      .where(sql`${t.removedAt} is null`),
  ],
);

/** The fixed contact person of a local government at its agency, with history (since/until). */
export const serviceContactAssignments = pgTable(
  'service_contact_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    contactUserId: uuid('contact_user_id')
      .notNull()
      .references(() => users.id),
    agencyCode: text('agency_code').notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    uniqueIndex('service_contact_assignments_current_uq').on(t.organisationId).where(sql`${t.until} is null`),
    index('service_contact_assignments_contact_idx').on(t.contactUserId),
  ],
);

/** A question of a local government to its agency: for a catalogue item, or free. */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A short number people can quote on the phone. */
    number: serial('number').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The agency that serves the local government, fixed when the request is filed. */
    agencyCode: text('agency_code').notNull(),
    itemId: uuid('item_id').references(() => serviceCatalogueItems.id),
    subject: text('subject').notNull(),
    status: text('status').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_requests_number_uq').on(t.number),
    index('service_requests_org_idx').on(t.organisationId, t.submittedOn),
    // Covers the agency's year overview (every column it counts by), so it is read from the index alone.
    index('service_requests_agency_idx').on(
      t.agencyCode,
      t.submittedOn,
      t.status,
      t.organisationId,
      t.itemId,
      t.closedOn,
    ),
    // The request lists: newest first, per agency or per local government, without sorting them all.
    index('service_requests_agency_recent_idx').on(
      t.agencyCode,
      t.submittedAt.desc().nullsFirst(),
      t.number.desc().nullsFirst(),
    ),
    index('service_requests_org_recent_idx').on(
      t.organisationId,
      t.submittedAt.desc().nullsFirst(),
      t.number.desc().nullsFirst(),
    ),
    index('service_requests_status_due_idx').on(t.status, t.dueDate),
    index('service_requests_item_idx').on(t.itemId),
  ],
);

/** The thread of a request: messages, and status changes with an optional note. */
export const serviceRequestMessages = pgTable(
  'service_request_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** 'local_government' or 'agency': whose side wrote it. */
    side: text('side').notNull(),
    body: text('body'),
    statusFrom: text('status_from'),
    statusTo: text('status_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [index('service_request_messages_request_idx').on(t.requestId, t.createdAt)],
);

/** Contact moments the contact person records per local government. */
export const serviceContactLog = pgTable(
  'service_contact_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agencyCode: text('agency_code').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    topic: text('topic').notNull(),
    notes: text('notes'),
    followUp: text('follow_up'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    index('service_contact_log_org_idx').on(t.organisationId, t.occurredOn),
    index('service_contact_log_agency_idx').on(t.agencyCode, t.occurredOn, t.organisationId),
  ],
);
