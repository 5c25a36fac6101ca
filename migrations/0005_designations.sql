CREATE TABLE "designations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"iso3" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"reasons" text NOT NULL,
	"evidence" jsonb,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp (3) with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text,
	"starts_at" timestamp (3) with time zone,
	"review_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "designations_iso3_idx" ON "designations" USING btree ("iso3","status");--> statement-breakpoint
CREATE UNIQUE INDEX "designations_one_live_per_kind" ON "designations" USING btree ("iso3","kind") WHERE "designations"."status" in ('proposed', 'active');