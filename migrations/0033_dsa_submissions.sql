CREATE TABLE "dsa_submissions" (
	"decision_id" uuid PRIMARY KEY NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"batch_id" uuid,
	"lease_until" timestamp (3) with time zone,
	"uuid" text,
	"permalink" text,
	"submitted_at" timestamp (3) with time zone,
	"problems" jsonb,
	"last_error" text,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dsa_submitter" (
	"id" smallint PRIMARY KEY NOT NULL,
	"paused_until" timestamp (3) with time zone,
	"failures" integer DEFAULT 0 NOT NULL,
	"stopped_at" timestamp (3) with time zone,
	"stopped_reason" text,
	"stopped_token" text,
	"last_error" text
);
--> statement-breakpoint
CREATE INDEX "dsa_submissions_due_idx" ON "dsa_submissions" USING btree ("state","next_attempt_at") WHERE "dsa_submissions"."state" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "dsa_submissions_state_decided_idx" ON "dsa_submissions" USING btree ("state","decided_at","decision_id");--> statement-breakpoint
CREATE INDEX "dsa_submissions_decided_idx" ON "dsa_submissions" USING btree ("decided_at","decision_id");--> statement-breakpoint
INSERT INTO "dsa_submitter" ("id") VALUES (1);