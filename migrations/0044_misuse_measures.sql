CREATE TABLE "misuse_marks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"item_id" uuid NOT NULL,
	"party" text NOT NULL,
	"party_key" text NOT NULL,
	"reason" text NOT NULL,
	"marked_by" text NOT NULL,
	"marked_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "misuse_measures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"party" text NOT NULL,
	"party_key" text NOT NULL,
	"party_label" text NOT NULL,
	"platform" text,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"mark_id" uuid NOT NULL,
	"marks" integer NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone,
	"restriction_id" uuid,
	"appeal_statement" text,
	"appealed_at" timestamp (3) with time zone,
	"review_result" text,
	"review_reason" text,
	"reviewed_by" text,
	"reviewed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "misuse_rules" (
	"party" text PRIMARY KEY NOT NULL,
	"warn_after" integer NOT NULL,
	"suspend_after" integer NOT NULL,
	"window_days" integer NOT NULL,
	"suspension_days" integer NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "misuse_marks_item_idx" ON "misuse_marks" USING btree ("kind","item_id");--> statement-breakpoint
CREATE INDEX "misuse_marks_party_idx" ON "misuse_marks" USING btree ("party","party_key","marked_at");--> statement-breakpoint
CREATE INDEX "misuse_measures_party_idx" ON "misuse_measures" USING btree ("party","party_key","starts_at");--> statement-breakpoint
CREATE INDEX "misuse_measures_started_idx" ON "misuse_measures" USING btree ("starts_at");