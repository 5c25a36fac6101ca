CREATE TABLE "content_notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"location" text NOT NULL,
	"explanation" text NOT NULL,
	"policy_id" text NOT NULL,
	"legal_reference" text,
	"child_sexual_abuse" boolean NOT NULL,
	"notifier_name" text,
	"notifier_email" text,
	"good_faith" boolean NOT NULL,
	"language" text,
	"trusted_flagger_id" uuid,
	"subject_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"confirmation_requested" boolean NOT NULL,
	"sender_hash" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"decision_id" uuid,
	"outcome" text,
	"notified_at" timestamp (3) with time zone,
	CONSTRAINT "content_notices_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "notice_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"notice_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone,
	CONSTRAINT "notice_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "notice_links" ADD CONSTRAINT "notice_links_notice_id_content_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."content_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_notices_case_idx" ON "content_notices" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "content_notices_sender_idx" ON "content_notices" USING btree ("sender_hash","received_at");--> statement-breakpoint
CREATE INDEX "subjects_url_idx" ON "subjects" USING btree ("url" text_pattern_ops);