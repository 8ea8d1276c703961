CREATE TABLE "participation_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"user_id" uuid,
	"organisation_id" uuid,
	"action" text NOT NULL,
	"request_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"offer_id" uuid,
	"title" text NOT NULL,
	"organisation_name" text,
	"category" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"planned_minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"verification_code" text NOT NULL,
	"trajectory_code" text NOT NULL,
	"issuer_organisation_id" uuid NOT NULL,
	"issuer_name" text NOT NULL,
	"validated_minutes" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"activities" jsonb NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "participation_confirmation_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"entry_ids" uuid[] NOT NULL,
	"sent_to" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"decision" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_hour_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"date" date NOT NULL,
	"minutes" integer NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"confirmation_id" uuid,
	"confirmed_at" timestamp with time zone,
	"confirmed_by_name" text,
	"confirmed_by_user_id" uuid,
	"validated_at" timestamp with time zone,
	"validated_by_user_id" uuid,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_offer_places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"municipality_nis" text NOT NULL,
	"network_code" text NOT NULL,
	"location_name" text,
	"address" text
);
--> statement-breakpoint
CREATE TABLE "participation_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"organiser_name" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"sector" text NOT NULL,
	"calendar_type" text NOT NULL,
	"dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"start_date" date,
	"end_date" date,
	"weekdays" text[] DEFAULT '{}'::text[] NOT NULL,
	"time_note" text,
	"session_minutes" integer NOT NULL,
	"dutch_level" text NOT NULL,
	"audience" text DEFAULT 'everyone' NOT NULL,
	"women_only" boolean DEFAULT false NOT NULL,
	"childcare" boolean DEFAULT false NOT NULL,
	"wheelchair_accessible" boolean DEFAULT false NOT NULL,
	"accessibility_note" text,
	"capacity" integer,
	"availability" text DEFAULT 'open' NOT NULL,
	"cost_note" text,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"contact_languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"moderation_note" text,
	"moderated_by_user_id" uuid,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"valid_until" date,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce("organiser_name", '')), 'B') || setweight(to_tsvector('dutch'::regconfig, coalesce("description", '')), 'C')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participation_trajectories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"counsellor_organisation_id" uuid NOT NULL,
	"counsellor_user_id" uuid,
	"municipality_nis" text NOT NULL,
	"start_date" date NOT NULL,
	"obliged" boolean NOT NULL,
	"dutch_level" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"closed_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "participation_access_log" ADD CONSTRAINT "participation_access_log_trajectory_id_participation_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."participation_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_access_log" ADD CONSTRAINT "participation_access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_access_log" ADD CONSTRAINT "participation_access_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_activities" ADD CONSTRAINT "participation_activities_trajectory_id_participation_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."participation_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_activities" ADD CONSTRAINT "participation_activities_offer_id_participation_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."participation_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_certificates" ADD CONSTRAINT "participation_certificates_trajectory_id_participation_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."participation_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_certificates" ADD CONSTRAINT "participation_certificates_issuer_organisation_id_organisations_id_fk" FOREIGN KEY ("issuer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_confirmation_links" ADD CONSTRAINT "participation_confirmation_links_trajectory_id_participation_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."participation_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_confirmation_links" ADD CONSTRAINT "participation_confirmation_links_activity_id_participation_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."participation_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_confirmation_links" ADD CONSTRAINT "participation_confirmation_links_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_hour_entries" ADD CONSTRAINT "participation_hour_entries_trajectory_id_participation_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."participation_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_hour_entries" ADD CONSTRAINT "participation_hour_entries_activity_id_participation_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."participation_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_hour_entries" ADD CONSTRAINT "participation_hour_entries_confirmed_by_user_id_users_id_fk" FOREIGN KEY ("confirmed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_hour_entries" ADD CONSTRAINT "participation_hour_entries_validated_by_user_id_users_id_fk" FOREIGN KEY ("validated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_hour_entries" ADD CONSTRAINT "participation_hour_entries_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_offer_places" ADD CONSTRAINT "participation_offer_places_offer_id_participation_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."participation_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_offer_places" ADD CONSTRAINT "participation_offer_places_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_offers" ADD CONSTRAINT "participation_offers_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_offers" ADD CONSTRAINT "participation_offers_moderated_by_user_id_users_id_fk" FOREIGN KEY ("moderated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_trajectories" ADD CONSTRAINT "participation_trajectories_counsellor_organisation_id_organisations_id_fk" FOREIGN KEY ("counsellor_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_trajectories" ADD CONSTRAINT "participation_trajectories_counsellor_user_id_users_id_fk" FOREIGN KEY ("counsellor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_trajectories" ADD CONSTRAINT "participation_trajectories_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "participation_access_log_trajectory_idx" ON "participation_access_log" USING btree ("trajectory_id","at");--> statement-breakpoint
CREATE INDEX "participation_activities_trajectory_idx" ON "participation_activities" USING btree ("trajectory_id");--> statement-breakpoint
CREATE INDEX "participation_activities_offer_idx" ON "participation_activities" USING btree ("offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_certificates_code_uq" ON "participation_certificates" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_certificates_trajectory_uq" ON "participation_certificates" USING btree ("trajectory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_links_token_uq" ON "participation_confirmation_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "participation_links_trajectory_idx" ON "participation_confirmation_links" USING btree ("trajectory_id");--> statement-breakpoint
CREATE INDEX "participation_hours_trajectory_idx" ON "participation_hour_entries" USING btree ("trajectory_id","date");--> statement-breakpoint
CREATE INDEX "participation_hours_activity_idx" ON "participation_hour_entries" USING btree ("activity_id","status");--> statement-breakpoint
CREATE INDEX "participation_offer_places_offer_idx" ON "participation_offer_places" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "participation_offer_places_nis_idx" ON "participation_offer_places" USING btree ("municipality_nis","offer_id");--> statement-breakpoint
CREATE INDEX "participation_offer_places_network_idx" ON "participation_offer_places" USING btree ("network_code","offer_id");--> statement-breakpoint
CREATE INDEX "participation_offers_search_idx" ON "participation_offers" USING gin ("search");--> statement-breakpoint
CREATE INDEX "participation_offers_status_idx" ON "participation_offers" USING btree ("status","valid_until");--> statement-breakpoint
CREATE INDEX "participation_offers_owner_idx" ON "participation_offers" USING btree ("owner_organisation_id","status");--> statement-breakpoint
CREATE INDEX "participation_offers_category_idx" ON "participation_offers" USING btree ("category");--> statement-breakpoint
CREATE INDEX "participation_offers_weekdays_idx" ON "participation_offers" USING gin ("weekdays");--> statement-breakpoint
CREATE UNIQUE INDEX "participation_trajectories_code_uq" ON "participation_trajectories" USING btree ("code");--> statement-breakpoint
CREATE INDEX "participation_trajectories_org_idx" ON "participation_trajectories" USING btree ("counsellor_organisation_id","status");--> statement-breakpoint
CREATE INDEX "participation_trajectories_nis_idx" ON "participation_trajectories" USING btree ("municipality_nis","status");