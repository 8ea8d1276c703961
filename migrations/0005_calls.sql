CREATE TABLE "call_application_municipalities" (
	"application_id" uuid NOT NULL,
	"municipality_nis" text NOT NULL,
	CONSTRAINT "call_application_municipalities_application_id_municipality_nis_pk" PRIMARY KEY("application_id","municipality_nis")
);
--> statement-breakpoint
CREATE TABLE "call_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "call_applications_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"call_id" uuid NOT NULL,
	"applicant_organisation_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"contact_name" text,
	"contact_email" text,
	"contact_phone" text,
	"account_holder" text,
	"iban" text,
	"approach" text,
	"target_groups" text,
	"women_and_girls" text,
	"steps_done" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"planned_units" integer DEFAULT 0 NOT NULL,
	"requested_amount_cents" bigint DEFAULT 0 NOT NULL,
	"granted_units" integer,
	"granted_amount_cents" bigint,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"submitted_at" timestamp with time zone,
	"final_report_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_budget_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"application_id" uuid,
	"claim_id" uuid,
	"kind" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "call_claims_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"amount_cents" bigint NOT NULL,
	"recovery_cents" bigint DEFAULT 0 NOT NULL,
	"realised_units" integer,
	"counted_units" integer,
	"beneficiary_name" text NOT NULL,
	"iban" text NOT NULL,
	"structured_reference" text NOT NULL,
	"note" text,
	"programme_approved_by" uuid,
	"programme_approved_at" timestamp with time zone,
	"finance_approved_by" uuid,
	"finance_approved_at" timestamp with time zone,
	"payment_file_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_coverage" (
	"call_id" uuid NOT NULL,
	"municipality_nis" text NOT NULL,
	"application_id" uuid NOT NULL,
	CONSTRAINT "call_coverage_call_id_municipality_nis_pk" PRIMARY KEY("call_id","municipality_nis")
);
--> statement-breakpoint
CREATE TABLE "call_planned" (
	"application_id" uuid NOT NULL,
	"format" text NOT NULL,
	"quarter" text NOT NULL,
	"units" integer NOT NULL,
	CONSTRAINT "call_planned_application_id_format_quarter_pk" PRIMARY KEY("application_id","format","quarter")
);
--> statement-breakpoint
CREATE TABLE "call_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_user_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"total_score" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text NOT NULL,
	"application_opens" date NOT NULL,
	"application_closes" date NOT NULL,
	"implementation_start" date NOT NULL,
	"implementation_end" date NOT NULL,
	"budget_cents" bigint NOT NULL,
	"rate_cents" integer NOT NULL,
	"own_contribution_pct" integer NOT NULL,
	"max_units_per_applicant" integer,
	"max_amount_per_applicant_cents" bigint,
	"advance_pct" integer NOT NULL,
	"interim_threshold_pct" integer NOT NULL,
	"interim_check_date" date NOT NULL,
	"eligibility_rules" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calls_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "impulse_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"area" text NOT NULL,
	"municipality_nis" jsonb NOT NULL,
	"amount_cents" bigint NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oefenkansen" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid,
	"impulse_grant_id" uuid,
	"date" date NOT NULL,
	"title" text NOT NULL,
	"municipality_nis" text NOT NULL,
	"place" text NOT NULL,
	"partner" text,
	"format" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"participants" integer NOT NULL,
	"women" integer,
	"men" integer,
	"other_gender" integer,
	"main_goal_dutch" boolean NOT NULL,
	"outside_lesson" boolean NOT NULL,
	"no_certification" boolean NOT NULL,
	"duplicate_key" text NOT NULL,
	"duplicate" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"import_batch_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_application_municipalities" ADD CONSTRAINT "call_application_municipalities_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_application_municipalities" ADD CONSTRAINT "call_application_municipalities_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_applications" ADD CONSTRAINT "call_applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_applications" ADD CONSTRAINT "call_applications_applicant_organisation_id_organisations_id_fk" FOREIGN KEY ("applicant_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_applications" ADD CONSTRAINT "call_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_applications" ADD CONSTRAINT "call_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_budget_entries" ADD CONSTRAINT "call_budget_entries_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_budget_entries" ADD CONSTRAINT "call_budget_entries_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_budget_entries" ADD CONSTRAINT "call_budget_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_claims" ADD CONSTRAINT "call_claims_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_claims" ADD CONSTRAINT "call_claims_programme_approved_by_users_id_fk" FOREIGN KEY ("programme_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_claims" ADD CONSTRAINT "call_claims_finance_approved_by_users_id_fk" FOREIGN KEY ("finance_approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_claims" ADD CONSTRAINT "call_claims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_coverage" ADD CONSTRAINT "call_coverage_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_coverage" ADD CONSTRAINT "call_coverage_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_coverage" ADD CONSTRAINT "call_coverage_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_planned" ADD CONSTRAINT "call_planned_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_reviews" ADD CONSTRAINT "call_reviews_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_reviews" ADD CONSTRAINT "call_reviews_reviewer_user_id_users_id_fk" FOREIGN KEY ("reviewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impulse_grants" ADD CONSTRAINT "impulse_grants_owner_organisation_id_organisations_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impulse_grants" ADD CONSTRAINT "impulse_grants_recipient_organisation_id_organisations_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oefenkansen" ADD CONSTRAINT "oefenkansen_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oefenkansen" ADD CONSTRAINT "oefenkansen_impulse_grant_id_impulse_grants_id_fk" FOREIGN KEY ("impulse_grant_id") REFERENCES "public"."impulse_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oefenkansen" ADD CONSTRAINT "oefenkansen_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oefenkansen" ADD CONSTRAINT "oefenkansen_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_applications_call_applicant_uq" ON "call_applications" USING btree ("call_id","applicant_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_applications_number_uq" ON "call_applications" USING btree ("number");--> statement-breakpoint
CREATE INDEX "call_applications_call_status_idx" ON "call_applications" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "call_applications_applicant_idx" ON "call_applications" USING btree ("applicant_organisation_id");--> statement-breakpoint
CREATE INDEX "call_budget_entries_call_idx" ON "call_budget_entries" USING btree ("call_id","kind");--> statement-breakpoint
CREATE INDEX "call_budget_entries_application_idx" ON "call_budget_entries" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_claims_application_kind_uq" ON "call_claims" USING btree ("application_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "call_claims_number_uq" ON "call_claims" USING btree ("number");--> statement-breakpoint
CREATE INDEX "call_claims_status_idx" ON "call_claims" USING btree ("status");--> statement-breakpoint
CREATE INDEX "call_coverage_application_idx" ON "call_coverage" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_reviews_application_reviewer_uq" ON "call_reviews" USING btree ("application_id","reviewer_user_id");--> statement-breakpoint
CREATE INDEX "impulse_grants_recipient_idx" ON "impulse_grants" USING btree ("recipient_organisation_id");--> statement-breakpoint
CREATE INDEX "oefenkansen_application_idx" ON "oefenkansen" USING btree ("application_id","date");--> statement-breakpoint
CREATE INDEX "oefenkansen_application_key_idx" ON "oefenkansen" USING btree ("application_id","duplicate_key");--> statement-breakpoint
CREATE INDEX "oefenkansen_impulse_idx" ON "oefenkansen" USING btree ("impulse_grant_id","date");