CREATE TABLE "knowledge_calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_calendar_feeds_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "knowledge_event_invitations" (
	"event_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "knowledge_event_invitations_event_id_organisation_id_pk" PRIMARY KEY("event_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "knowledge_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"type" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"organiser_organisation_id" uuid NOT NULL,
	"audience_kind" text NOT NULL,
	"audience_code" text,
	"learning_network_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"location" text,
	"online_url" text,
	"capacity" integer,
	"registration_opens_at" timestamp with time zone,
	"registration_closes_at" timestamp with time zone NOT NULL,
	"waitlist_enabled" boolean DEFAULT true NOT NULL,
	"approval_required" boolean DEFAULT false NOT NULL,
	"organisation_limit" integer,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_learning_network_members" (
	"learning_network_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_learning_network_members_learning_network_id_organisation_id_pk" PRIMARY KEY("learning_network_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "knowledge_learning_network_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"learning_network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"added_by_user_id" uuid,
	"added_by_organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_learning_networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"theme" text NOT NULL,
	"description" text,
	"organiser_organisation_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"theme" text NOT NULL,
	"municipality_nis" text,
	"approach" text NOT NULL,
	"results" text,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"submitted_by_user_id" uuid,
	"status" text NOT NULL,
	"editor_note" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce("summary", '')), 'B') || setweight(to_tsvector('dutch'::regconfig, coalesce("approach", '') || ' ' || coalesce("results", '')), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "knowledge_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"arrival" bigserial NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"registered_by_user_id" uuid,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_tools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"kind" text NOT NULL,
	"theme" text NOT NULL,
	"url" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "knowledge_calendar_feeds" ADD CONSTRAINT "knowledge_calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_event_invitations" ADD CONSTRAINT "knowledge_event_invitations_event_id_knowledge_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."knowledge_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_event_invitations" ADD CONSTRAINT "knowledge_event_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_events" ADD CONSTRAINT "knowledge_events_organiser_organisation_id_organisations_id_fk" FOREIGN KEY ("organiser_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_events" ADD CONSTRAINT "knowledge_events_learning_network_id_knowledge_learning_networks_id_fk" FOREIGN KEY ("learning_network_id") REFERENCES "public"."knowledge_learning_networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_events" ADD CONSTRAINT "knowledge_events_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_learning_network_members" ADD CONSTRAINT "knowledge_learning_network_members_learning_network_id_knowledge_learning_networks_id_fk" FOREIGN KEY ("learning_network_id") REFERENCES "public"."knowledge_learning_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_learning_network_members" ADD CONSTRAINT "knowledge_learning_network_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_learning_network_resources" ADD CONSTRAINT "knowledge_learning_network_resources_learning_network_id_knowledge_learning_networks_id_fk" FOREIGN KEY ("learning_network_id") REFERENCES "public"."knowledge_learning_networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_learning_network_resources" ADD CONSTRAINT "knowledge_learning_network_resources_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_learning_network_resources" ADD CONSTRAINT "knowledge_learning_network_resources_added_by_organisation_id_organisations_id_fk" FOREIGN KEY ("added_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_learning_networks" ADD CONSTRAINT "knowledge_learning_networks_organiser_organisation_id_organisations_id_fk" FOREIGN KEY ("organiser_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_learning_networks" ADD CONSTRAINT "knowledge_learning_networks_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_practices" ADD CONSTRAINT "knowledge_practices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_practices" ADD CONSTRAINT "knowledge_practices_submitted_by_user_id_users_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_registrations" ADD CONSTRAINT "knowledge_registrations_event_id_knowledge_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."knowledge_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_registrations" ADD CONSTRAINT "knowledge_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_registrations" ADD CONSTRAINT "knowledge_registrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_registrations" ADD CONSTRAINT "knowledge_registrations_registered_by_user_id_users_id_fk" FOREIGN KEY ("registered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_tools" ADD CONSTRAINT "knowledge_tools_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_tools" ADD CONSTRAINT "knowledge_tools_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_invitations_org_idx" ON "knowledge_event_invitations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "knowledge_events_starts_idx" ON "knowledge_events" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "knowledge_events_organiser_idx" ON "knowledge_events" USING btree ("organiser_organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "knowledge_events_ln_idx" ON "knowledge_events" USING btree ("learning_network_id");--> statement-breakpoint
CREATE INDEX "knowledge_events_themes_idx" ON "knowledge_events" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "knowledge_ln_members_org_idx" ON "knowledge_learning_network_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "knowledge_ln_resources_ln_idx" ON "knowledge_learning_network_resources" USING btree ("learning_network_id","created_at");--> statement-breakpoint
CREATE INDEX "knowledge_practices_search_idx" ON "knowledge_practices" USING gin ("search");--> statement-breakpoint
CREATE INDEX "knowledge_practices_status_idx" ON "knowledge_practices" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "knowledge_practices_org_idx" ON "knowledge_practices" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_registrations_active_uq" ON "knowledge_registrations" USING btree ("event_id","user_id") WHERE "knowledge_registrations"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_registrations_arrival_uq" ON "knowledge_registrations" USING btree ("arrival");--> statement-breakpoint
CREATE INDEX "knowledge_registrations_event_idx" ON "knowledge_registrations" USING btree ("event_id","status","arrival");--> statement-breakpoint
CREATE INDEX "knowledge_registrations_user_idx" ON "knowledge_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "knowledge_registrations_org_idx" ON "knowledge_registrations" USING btree ("organisation_id","event_id");--> statement-breakpoint
CREATE INDEX "knowledge_tools_kind_idx" ON "knowledge_tools" USING btree ("kind","theme");