CREATE TABLE "cohesion_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"municipality_nis" text NOT NULL,
	"year" integer NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"booked_by_user_id" uuid,
	"reach_reported_at" timestamp with time zone,
	"reach_reported_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_closing_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"theme" text NOT NULL,
	"end_result" text NOT NULL,
	"evaluation" text NOT NULL,
	"anchored" text NOT NULL,
	"anchoring_note" text,
	"practice_id" uuid,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('dutch'::regconfig, coalesce("title", '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce("end_result", '') || ' ' || coalesce("evaluation", '') || ' ' || coalesce("anchoring_note", '')), 'B')) STORED
);
--> statement-breakpoint
CREATE TABLE "cohesion_coaching_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coaching_id" uuid NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"author_organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_coaching_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"coaching_id" uuid NOT NULL,
	"date" date NOT NULL,
	"summary" text NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_coachings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agency_organisation_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"theme" text NOT NULL,
	"title" text NOT NULL,
	"question" text NOT NULL,
	"status" text NOT NULL,
	"requested_by_user_id" uuid,
	"coach_user_id" uuid,
	"start_date" date,
	"goals" text[] DEFAULT '{}'::text[] NOT NULL,
	"decline_reason" text,
	"evaluation" text,
	"goals_reached" integer,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_learning_trajectories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"theme" text NOT NULL,
	"format" text NOT NULL,
	"capacity" integer,
	"enrolment_open" boolean DEFAULT true NOT NULL,
	"agency_organisation_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_plan_participants" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"expert_organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"theme" text NOT NULL,
	"target_women_pct" integer NOT NULL,
	"target_participants" integer,
	"area_kind" text NOT NULL,
	"area_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_reach_figures" (
	"booking_id" uuid NOT NULL,
	"age_band" text NOT NULL,
	"participants" integer NOT NULL,
	"women" integer NOT NULL,
	CONSTRAINT "cohesion_reach_figures_booking_id_age_band_pk" PRIMARY KEY("booking_id","age_band")
);
--> statement-breakpoint
CREATE TABLE "cohesion_trajectory_enrolments" (
	"trajectory_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"enrolled_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohesion_trajectory_enrolments_trajectory_id_organisation_id_pk" PRIMARY KEY("trajectory_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "cohesion_trajectory_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trajectory_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohesion_trajectory_sessions" (
	"trajectory_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohesion_trajectory_sessions_trajectory_id_event_id_pk" PRIMARY KEY("trajectory_id","event_id")
);
--> statement-breakpoint
ALTER TABLE "cohesion_bookings" ADD CONSTRAINT "cohesion_bookings_programme_id_cohesion_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."cohesion_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_bookings" ADD CONSTRAINT "cohesion_bookings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_bookings" ADD CONSTRAINT "cohesion_bookings_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_bookings" ADD CONSTRAINT "cohesion_bookings_reach_reported_by_user_id_users_id_fk" FOREIGN KEY ("reach_reported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_closing_actions" ADD CONSTRAINT "cohesion_closing_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_closing_actions" ADD CONSTRAINT "cohesion_closing_actions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coaching_notes" ADD CONSTRAINT "cohesion_coaching_notes_coaching_id_cohesion_coachings_id_fk" FOREIGN KEY ("coaching_id") REFERENCES "public"."cohesion_coachings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coaching_notes" ADD CONSTRAINT "cohesion_coaching_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coaching_notes" ADD CONSTRAINT "cohesion_coaching_notes_author_organisation_id_organisations_id_fk" FOREIGN KEY ("author_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coaching_sessions" ADD CONSTRAINT "cohesion_coaching_sessions_coaching_id_cohesion_coachings_id_fk" FOREIGN KEY ("coaching_id") REFERENCES "public"."cohesion_coachings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coaching_sessions" ADD CONSTRAINT "cohesion_coaching_sessions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coachings" ADD CONSTRAINT "cohesion_coachings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coachings" ADD CONSTRAINT "cohesion_coachings_agency_organisation_id_organisations_id_fk" FOREIGN KEY ("agency_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coachings" ADD CONSTRAINT "cohesion_coachings_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_coachings" ADD CONSTRAINT "cohesion_coachings_coach_user_id_users_id_fk" FOREIGN KEY ("coach_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_learning_trajectories" ADD CONSTRAINT "cohesion_learning_trajectories_agency_organisation_id_organisations_id_fk" FOREIGN KEY ("agency_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_learning_trajectories" ADD CONSTRAINT "cohesion_learning_trajectories_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_plan_participants" ADD CONSTRAINT "cohesion_plan_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_programmes" ADD CONSTRAINT "cohesion_programmes_expert_organisation_id_organisations_id_fk" FOREIGN KEY ("expert_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_programmes" ADD CONSTRAINT "cohesion_programmes_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_reach_figures" ADD CONSTRAINT "cohesion_reach_figures_booking_id_cohesion_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."cohesion_bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_trajectory_enrolments" ADD CONSTRAINT "cohesion_trajectory_enrolments_trajectory_id_cohesion_learning_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."cohesion_learning_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_trajectory_enrolments" ADD CONSTRAINT "cohesion_trajectory_enrolments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_trajectory_enrolments" ADD CONSTRAINT "cohesion_trajectory_enrolments_enrolled_by_user_id_users_id_fk" FOREIGN KEY ("enrolled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_trajectory_messages" ADD CONSTRAINT "cohesion_trajectory_messages_trajectory_id_cohesion_learning_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."cohesion_learning_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_trajectory_messages" ADD CONSTRAINT "cohesion_trajectory_messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_trajectory_messages" ADD CONSTRAINT "cohesion_trajectory_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohesion_trajectory_sessions" ADD CONSTRAINT "cohesion_trajectory_sessions_trajectory_id_cohesion_learning_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."cohesion_learning_trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cohesion_bookings_active_uq" ON "cohesion_bookings" USING btree ("programme_id","municipality_nis","year") WHERE "cohesion_bookings"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "cohesion_bookings_org_idx" ON "cohesion_bookings" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "cohesion_bookings_programme_idx" ON "cohesion_bookings" USING btree ("programme_id","year");--> statement-breakpoint
CREATE INDEX "cohesion_closing_search_idx" ON "cohesion_closing_actions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "cohesion_closing_org_idx" ON "cohesion_closing_actions" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "cohesion_coaching_notes_idx" ON "cohesion_coaching_notes" USING btree ("coaching_id","created_at");--> statement-breakpoint
CREATE INDEX "cohesion_coaching_sessions_idx" ON "cohesion_coaching_sessions" USING btree ("coaching_id","date");--> statement-breakpoint
CREATE INDEX "cohesion_coachings_org_idx" ON "cohesion_coachings" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "cohesion_coachings_agency_idx" ON "cohesion_coachings" USING btree ("agency_organisation_id","status");--> statement-breakpoint
CREATE INDEX "cohesion_trajectories_agency_idx" ON "cohesion_learning_trajectories" USING btree ("agency_organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "cohesion_programmes_expert_idx" ON "cohesion_programmes" USING btree ("expert_organisation_id");--> statement-breakpoint
CREATE INDEX "cohesion_enrolments_org_idx" ON "cohesion_trajectory_enrolments" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "cohesion_messages_trajectory_idx" ON "cohesion_trajectory_messages" USING btree ("trajectory_id","created_at");