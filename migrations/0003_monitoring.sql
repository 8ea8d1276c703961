CREATE TABLE "monitoring_action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"kind" text NOT NULL,
	"regietafel_id" uuid,
	"area_code" text,
	"start_year" integer NOT NULL,
	"end_year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid,
	"file_name" text NOT NULL,
	"strategy" text NOT NULL,
	"status" text NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"error_count" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"content" text,
	"report" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitoring_indicator_area_targets" (
	"indicator_id" uuid NOT NULL,
	"area_code" text NOT NULL,
	"baseline_value" double precision,
	"baseline_period" text,
	"target_value" double precision,
	"target_period" text,
	CONSTRAINT "monitoring_indicator_area_targets_indicator_id_area_code_pk" PRIMARY KEY("indicator_id","area_code")
);
--> statement-breakpoint
CREATE TABLE "monitoring_values" (
	"indicator_id" uuid NOT NULL,
	"area_code" text NOT NULL,
	"period" text NOT NULL,
	"breakdown" text DEFAULT 'totaal' NOT NULL,
	"value" double precision,
	"numerator" double precision,
	"denominator" double precision,
	"status" text DEFAULT 'final' NOT NULL,
	"source" text,
	"batch_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_values_indicator_id_area_code_period_breakdown_pk" PRIMARY KEY("indicator_id","area_code","period","breakdown")
);
--> statement-breakpoint
CREATE TABLE "monitoring_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"definition" text NOT NULL,
	"type" text NOT NULL,
	"calculation" text NOT NULL,
	"measure" text NOT NULL,
	"numerator_label" text,
	"denominator_label" text,
	"multiplier" integer DEFAULT 100 NOT NULL,
	"unit" text NOT NULL,
	"decimals" integer DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"frequency" text NOT NULL,
	"quality" text,
	"policy_relevance" text,
	"budget_relevance" text,
	"theme" text NOT NULL,
	"breakdowns" text[] DEFAULT '{}'::text[] NOT NULL,
	"direction" text DEFAULT 'neutral' NOT NULL,
	"area_level" text DEFAULT 'municipality' NOT NULL,
	"similarity_context" boolean DEFAULT false NOT NULL,
	"personal_data" boolean DEFAULT false NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"baseline_value" double precision,
	"baseline_period" text,
	"target_value" double precision,
	"target_period" text,
	"computed_by" text,
	"demo" boolean DEFAULT false NOT NULL,
	"owner_organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"regietafel_id" uuid NOT NULL,
	"date" date NOT NULL,
	"agenda" text NOT NULL,
	"decisions" text,
	"follow_up" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "monitoring_plan_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"weight" double precision DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"progress" double precision,
	"start_date" date,
	"end_date" date,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_progress_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"progress" double precision NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"user_id" uuid,
	"organisation_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_regietafel_members" (
	"regietafel_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	CONSTRAINT "monitoring_regietafel_members_regietafel_id_organisation_id_pk" PRIMARY KEY("regietafel_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_regietafels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"description" text,
	"owner_organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_result_indicators" (
	"result_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"area_code" text,
	"baseline_value" double precision,
	"baseline_period" text,
	"target_value" double precision,
	"target_period" text,
	CONSTRAINT "monitoring_result_indicators_result_id_indicator_id_pk" PRIMARY KEY("result_id","indicator_id")
);
--> statement-breakpoint
ALTER TABLE "monitoring_action_plans" ADD CONSTRAINT "monitoring_action_plans_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_action_plans" ADD CONSTRAINT "monitoring_action_plans_regietafel_id_monitoring_regietafels_id_fk" FOREIGN KEY ("regietafel_id") REFERENCES "public"."monitoring_regietafels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_import_batches" ADD CONSTRAINT "monitoring_import_batches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_import_batches" ADD CONSTRAINT "monitoring_import_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicator_area_targets" ADD CONSTRAINT "monitoring_indicator_area_targets_indicator_id_monitoring_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_values" ADD CONSTRAINT "monitoring_values_indicator_id_monitoring_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_values" ADD CONSTRAINT "monitoring_values_batch_id_monitoring_import_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."monitoring_import_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_indicators" ADD CONSTRAINT "monitoring_indicators_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_meetings" ADD CONSTRAINT "monitoring_meetings_regietafel_id_monitoring_regietafels_id_fk" FOREIGN KEY ("regietafel_id") REFERENCES "public"."monitoring_regietafels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_milestones" ADD CONSTRAINT "monitoring_milestones_result_id_monitoring_plan_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."monitoring_plan_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_plan_results" ADD CONSTRAINT "monitoring_plan_results_plan_id_monitoring_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."monitoring_action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_plan_results" ADD CONSTRAINT "monitoring_plan_results_parent_id_monitoring_plan_results_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."monitoring_plan_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_progress_updates" ADD CONSTRAINT "monitoring_progress_updates_result_id_monitoring_plan_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."monitoring_plan_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_progress_updates" ADD CONSTRAINT "monitoring_progress_updates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_progress_updates" ADD CONSTRAINT "monitoring_progress_updates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_regietafel_members" ADD CONSTRAINT "monitoring_regietafel_members_regietafel_id_monitoring_regietafels_id_fk" FOREIGN KEY ("regietafel_id") REFERENCES "public"."monitoring_regietafels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_regietafel_members" ADD CONSTRAINT "monitoring_regietafel_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_regietafels" ADD CONSTRAINT "monitoring_regietafels_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_result_indicators" ADD CONSTRAINT "monitoring_result_indicators_result_id_monitoring_plan_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."monitoring_plan_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_result_indicators" ADD CONSTRAINT "monitoring_result_indicators_indicator_id_monitoring_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_action_plans_owner_idx" ON "monitoring_action_plans" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "monitoring_action_plans_table_idx" ON "monitoring_action_plans" USING btree ("regietafel_id");--> statement-breakpoint
CREATE INDEX "monitoring_import_batches_org_idx" ON "monitoring_import_batches" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "monitoring_values_map_idx" ON "monitoring_values" USING btree ("indicator_id","period","breakdown");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_indicators_code_uq" ON "monitoring_indicators" USING btree ("code");--> statement-breakpoint
CREATE INDEX "monitoring_indicators_theme_idx" ON "monitoring_indicators" USING btree ("theme");--> statement-breakpoint
CREATE INDEX "monitoring_meetings_table_idx" ON "monitoring_meetings" USING btree ("regietafel_id","date");--> statement-breakpoint
CREATE INDEX "monitoring_milestones_result_idx" ON "monitoring_milestones" USING btree ("result_id","due_date");--> statement-breakpoint
CREATE INDEX "monitoring_plan_results_plan_idx" ON "monitoring_plan_results" USING btree ("plan_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_plan_results_code_uq" ON "monitoring_plan_results" USING btree ("plan_id","code");--> statement-breakpoint
CREATE INDEX "monitoring_progress_updates_result_idx" ON "monitoring_progress_updates" USING btree ("result_id","created_at");--> statement-breakpoint
CREATE INDEX "monitoring_regietafel_members_org_idx" ON "monitoring_regietafel_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "monitoring_regietafels_owner_idx" ON "monitoring_regietafels" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "monitoring_result_indicators_ind_idx" ON "monitoring_result_indicators" USING btree ("indicator_id");