CREATE TABLE "oefenkans_totals" (
	"target_id" uuid PRIMARY KEY NOT NULL,
	"entries" integer NOT NULL,
	"eligible" integer NOT NULL,
	"duplicates" integer NOT NULL,
	"not_meeting_definition" integer NOT NULL,
	"participants" bigint NOT NULL,
	"women" bigint NOT NULL
);
--> statement-breakpoint
DROP INDEX "service_contact_log_agency_idx";--> statement-breakpoint
DROP INDEX "service_requests_agency_idx";--> statement-breakpoint
CREATE INDEX "service_requests_agency_recent_idx" ON "service_requests" USING btree ("agency_code","submitted_at" DESC NULLS FIRST,"number" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "service_requests_org_recent_idx" ON "service_requests" USING btree ("organisation_id","submitted_at" DESC NULLS FIRST,"number" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "service_contact_log_agency_idx" ON "service_contact_log" USING btree ("agency_code","occurred_on","organisation_id");--> statement-breakpoint
CREATE INDEX "service_requests_agency_idx" ON "service_requests" USING btree ("agency_code","submitted_on","status","organisation_id","item_id","closed_on");
--> statement-breakpoint
-- Register totals per application or impulse grant, kept within every statement that changes oefenkansen.
-- "eligible" is register.ts's eligibleEntry: meets the definition and is not a duplicate. Rows are upserted in
-- target order, so that two statements touching the same targets lock them in the same order (no deadlock).
CREATE FUNCTION "oefenkans_totals_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO "oefenkans_totals" AS t
      ("target_id", "entries", "eligible", "duplicates", "not_meeting_definition", "participants", "women")
    SELECT coalesce(o."application_id", o."impulse_grant_id"), -count(*),
      -count(*) FILTER (WHERE o."main_goal_dutch" AND o."outside_lesson" AND o."no_certification" AND NOT o."duplicate"),
      -count(*) FILTER (WHERE o."duplicate"),
      -count(*) FILTER (WHERE NOT (o."main_goal_dutch" AND o."outside_lesson" AND o."no_certification")),
      -coalesce(sum(o."participants"), 0), -coalesce(sum(o."women"), 0)
    FROM old_rows AS o
    WHERE coalesce(o."application_id", o."impulse_grant_id") IS NOT NULL
    GROUP BY 1 ORDER BY 1
    ON CONFLICT ("target_id") DO UPDATE SET
      "entries" = t."entries" + excluded."entries",
      "eligible" = t."eligible" + excluded."eligible",
      "duplicates" = t."duplicates" + excluded."duplicates",
      "not_meeting_definition" = t."not_meeting_definition" + excluded."not_meeting_definition",
      "participants" = t."participants" + excluded."participants",
      "women" = t."women" + excluded."women";
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "oefenkans_totals" AS t
      ("target_id", "entries", "eligible", "duplicates", "not_meeting_definition", "participants", "women")
    SELECT coalesce(n."application_id", n."impulse_grant_id"), count(*),
      count(*) FILTER (WHERE n."main_goal_dutch" AND n."outside_lesson" AND n."no_certification" AND NOT n."duplicate"),
      count(*) FILTER (WHERE n."duplicate"),
      count(*) FILTER (WHERE NOT (n."main_goal_dutch" AND n."outside_lesson" AND n."no_certification")),
      coalesce(sum(n."participants"), 0), coalesce(sum(n."women"), 0)
    FROM new_rows AS n
    WHERE coalesce(n."application_id", n."impulse_grant_id") IS NOT NULL
    GROUP BY 1 ORDER BY 1
    ON CONFLICT ("target_id") DO UPDATE SET
      "entries" = t."entries" + excluded."entries",
      "eligible" = t."eligible" + excluded."eligible",
      "duplicates" = t."duplicates" + excluded."duplicates",
      "not_meeting_definition" = t."not_meeting_definition" + excluded."not_meeting_definition",
      "participants" = t."participants" + excluded."participants",
      "women" = t."women" + excluded."women";
  END IF;
  IF TG_OP = 'DELETE' THEN
    DELETE FROM "oefenkans_totals" WHERE "entries" = 0
      AND "target_id" IN (SELECT coalesce("application_id", "impulse_grant_id") FROM old_rows);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "oefenkans_totals_insert" AFTER INSERT ON "oefenkansen"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "oefenkans_totals_apply"();
--> statement-breakpoint
CREATE TRIGGER "oefenkans_totals_update" AFTER UPDATE ON "oefenkansen"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "oefenkans_totals_apply"();
--> statement-breakpoint
CREATE TRIGGER "oefenkans_totals_delete" AFTER DELETE ON "oefenkansen"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "oefenkans_totals_apply"();
--> statement-breakpoint
INSERT INTO "oefenkans_totals"
  ("target_id", "entries", "eligible", "duplicates", "not_meeting_definition", "participants", "women")
SELECT coalesce("application_id", "impulse_grant_id"), count(*),
  count(*) FILTER (WHERE "main_goal_dutch" AND "outside_lesson" AND "no_certification" AND NOT "duplicate"),
  count(*) FILTER (WHERE "duplicate"),
  count(*) FILTER (WHERE NOT ("main_goal_dutch" AND "outside_lesson" AND "no_certification")),
  coalesce(sum("participants"), 0), coalesce(sum("women"), 0)
FROM "oefenkansen"
WHERE coalesce("application_id", "impulse_grant_id") IS NOT NULL
GROUP BY 1;
