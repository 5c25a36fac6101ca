CREATE TABLE "figure_restrictions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"account_ref" text NOT NULL,
	"tier" integer NOT NULL,
	"context" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"review_due_since" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "figure_restrictions_account_idx" ON "figure_restrictions" USING btree ("platform","account_ref");--> statement-breakpoint
CREATE INDEX "figure_restrictions_due_idx" ON "figure_restrictions" USING btree ("ends_at") WHERE "figure_restrictions"."status" in ('active', 'review_due');