CREATE TABLE "mastodon_accounts" (
	"platform" text NOT NULL,
	"account_id" text NOT NULL,
	"acct" text NOT NULL,
	"local" boolean NOT NULL,
	CONSTRAINT "mastodon_accounts_platform_account_id_pk" PRIMARY KEY("platform","account_id")
);
--> statement-breakpoint
CREATE TABLE "mastodon_report_subjects" (
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"report_id" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "mastodon_report_subjects_platform_report_id_external_id_pk" PRIMARY KEY("platform","report_id","external_id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "outbox_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "transport" text DEFAULT 'webhook' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "ordering_key" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "group_ref" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "purpose" text;--> statement-breakpoint
CREATE INDEX "mastodon_report_subjects_newest_idx" ON "mastodon_report_subjects" USING btree ("platform","external_id","received_at");--> statement-breakpoint
CREATE INDEX "account_restrictions_decision_idx" ON "account_restrictions" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "strikes_decision_idx" ON "strikes" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "outbox_ordering_idx" ON "outbox" USING btree ("ordering_key","seq") WHERE "outbox"."delivered_at" is null and "outbox"."failed_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_group_idx" ON "outbox" USING btree ("group_ref") WHERE "outbox"."delivered_at" is null and "outbox"."failed_at" is null;