CREATE TABLE "account_owner_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"account_ref" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"note" text,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"recorded_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_figure_roles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"account_ref" text NOT NULL,
	"kind" text NOT NULL,
	"since" timestamp (3) with time zone NOT NULL,
	"until" timestamp (3) with time zone,
	"note" text NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeals" DROP CONSTRAINT "appeals_one_per_party";--> statement-breakpoint
ALTER TABLE "board_cases" ADD COLUMN "vote_split_published" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "recommendation_group" text;--> statement-breakpoint
ALTER TABLE "account_owner_events" ADD CONSTRAINT "account_owner_events_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_owner_events_subject_idx" ON "account_owner_events" USING btree ("subject_id","occurred_at");--> statement-breakpoint
CREATE INDEX "public_figure_roles_account_idx" ON "public_figure_roles" USING btree ("platform","account_ref","since");--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_one_per_party" ON "appeals" USING btree ("decision_id","appellant",coalesce("appellant_ref", ''));