CREATE TABLE "service_catalogue_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"description" text NOT NULL,
	"category" text NOT NULL,
	"form" text NOT NULL,
	"agencies" text[] NOT NULL,
	"in_basic_package" boolean DEFAULT true NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"norm_working_days" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_contact_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"contact_user_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"since" date NOT NULL,
	"until" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_contact_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"author_user_id" uuid,
	"occurred_on" date NOT NULL,
	"kind" text NOT NULL,
	"topic" text NOT NULL,
	"notes" text,
	"follow_up" text,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_package_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"chosen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"chosen_by_user_id" uuid,
	"removed_at" timestamp with time zone,
	"removed_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "service_package_years" (
	"agency_code" text NOT NULL,
	"year" integer NOT NULL,
	"max_items" integer,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_package_years_agency_code_year_pk" PRIMARY KEY("agency_code","year")
);
--> statement-breakpoint
CREATE TABLE "service_request_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_user_id" uuid,
	"side" text NOT NULL,
	"body" text,
	"status_from" text,
	"status_to" text,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"organisation_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"item_id" uuid,
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_on" date NOT NULL,
	"due_date" date NOT NULL,
	"closed_on" date,
	"created_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_contact_assignments" ADD CONSTRAINT "service_contact_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contact_assignments" ADD CONSTRAINT "service_contact_assignments_contact_user_id_users_id_fk" FOREIGN KEY ("contact_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contact_assignments" ADD CONSTRAINT "service_contact_assignments_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contact_log" ADD CONSTRAINT "service_contact_log_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_contact_log" ADD CONSTRAINT "service_contact_log_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_package_choices" ADD CONSTRAINT "service_package_choices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_package_choices" ADD CONSTRAINT "service_package_choices_item_id_service_catalogue_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_catalogue_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_package_choices" ADD CONSTRAINT "service_package_choices_chosen_by_user_id_users_id_fk" FOREIGN KEY ("chosen_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_package_choices" ADD CONSTRAINT "service_package_choices_removed_by_user_id_users_id_fk" FOREIGN KEY ("removed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_messages" ADD CONSTRAINT "service_request_messages_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_messages" ADD CONSTRAINT "service_request_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_item_id_service_catalogue_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."service_catalogue_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_catalogue_items_code_uq" ON "service_catalogue_items" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "service_contact_assignments_current_uq" ON "service_contact_assignments" USING btree ("organisation_id") WHERE "service_contact_assignments"."until" is null;--> statement-breakpoint
CREATE INDEX "service_contact_assignments_contact_idx" ON "service_contact_assignments" USING btree ("contact_user_id");--> statement-breakpoint
CREATE INDEX "service_contact_log_org_idx" ON "service_contact_log" USING btree ("organisation_id","occurred_on");--> statement-breakpoint
CREATE INDEX "service_contact_log_agency_idx" ON "service_contact_log" USING btree ("agency_code","occurred_on");--> statement-breakpoint
CREATE INDEX "service_package_choices_org_year_idx" ON "service_package_choices" USING btree ("organisation_id","year");--> statement-breakpoint
CREATE INDEX "service_package_choices_item_year_idx" ON "service_package_choices" USING btree ("item_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "service_package_choices_current_uq" ON "service_package_choices" USING btree ("organisation_id","year","item_id") WHERE "service_package_choices"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "service_request_messages_request_idx" ON "service_request_messages" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_requests_number_uq" ON "service_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "service_requests_org_idx" ON "service_requests" USING btree ("organisation_id","submitted_on");--> statement-breakpoint
CREATE INDEX "service_requests_agency_idx" ON "service_requests" USING btree ("agency_code","submitted_on");--> statement-breakpoint
CREATE INDEX "service_requests_status_due_idx" ON "service_requests" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "service_requests_item_idx" ON "service_requests" USING btree ("item_id");