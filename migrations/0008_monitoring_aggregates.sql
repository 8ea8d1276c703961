CREATE TABLE "monitoring_aggregate_state" (
	"indicator_id" uuid PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"value_count" integer NOT NULL,
	"values_changed_at" timestamp with time zone,
	"periods" text[] NOT NULL,
	"total_periods" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_aggregates" (
	"indicator_id" uuid NOT NULL,
	"breakdown" text NOT NULL,
	"area_code" text NOT NULL,
	"period" text NOT NULL,
	"value" double precision,
	"numerator" double precision,
	"denominator" double precision,
	"areas" integer NOT NULL,
	"members" integer NOT NULL,
	CONSTRAINT "monitoring_aggregates_indicator_id_breakdown_area_code_period_pk" PRIMARY KEY("indicator_id","breakdown","area_code","period")
);
--> statement-breakpoint
ALTER TABLE "monitoring_aggregate_state" ADD CONSTRAINT "monitoring_aggregate_state_indicator_id_monitoring_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_aggregates" ADD CONSTRAINT "monitoring_aggregates_indicator_id_monitoring_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."monitoring_indicators"("id") ON DELETE cascade ON UPDATE no action;