CREATE TABLE "policies" (
	"id" text PRIMARY KEY NOT NULL,
	"current_version" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"policy_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"sections" jsonb NOT NULL,
	"change_note" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "policy_versions_policy_id_version_pk" PRIMARY KEY("policy_id","version")
);
--> statement-breakpoint
CREATE TABLE "account_restrictions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"account_ref" text NOT NULL,
	"kind" text NOT NULL,
	"decision_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone,
	"lifted_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "appeals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"decision_id" uuid NOT NULL,
	"appellant" text NOT NULL,
	"appellant_ref" text,
	"statement" text NOT NULL,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"result" text,
	"reason" text,
	"review_decision_id" uuid,
	CONSTRAINT "appeals_one_per_party" UNIQUE("decision_id","appellant")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject_id" uuid NOT NULL,
	"status" text NOT NULL,
	"level" text NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"priority_base" double precision NOT NULL,
	"rank_key" double precision NOT NULL,
	"priority_factors" jsonb NOT NULL,
	"report_count" integer NOT NULL,
	"policies_alleged" text[] NOT NULL,
	"gravest_policy_id" text NOT NULL,
	"strongest_source" text NOT NULL,
	"country" text,
	"language" text,
	"claimed_by" uuid,
	"lease_expires_at" timestamp (3) with time zone,
	"escalation_note" text,
	"last_decision_id" uuid
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"decided_by" uuid NOT NULL,
	"decided_at" timestamp (3) with time zone NOT NULL,
	"policy_id" text NOT NULL,
	"section_id" text NOT NULL,
	"policy_version" integer NOT NULL,
	"outcome" text NOT NULL,
	"account_action" jsonb,
	"facts" text NOT NULL,
	"automated_detection" boolean NOT NULL,
	"automated_decision" boolean NOT NULL,
	"territorial_scope" text[] NOT NULL,
	"balancing" jsonb,
	"status" text NOT NULL,
	"review_of" uuid
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_principal_key_pk" PRIMARY KEY("principal","key")
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"decision_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"recipient_ref" text,
	"statement" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"policy_id" text NOT NULL,
	"section_id" text,
	"text" text,
	"reporter_ref" text,
	"source" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strikes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"account_ref" text NOT NULL,
	"decision_id" uuid NOT NULL,
	"policy_id" text NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"reversed_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "public_figure" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "subjects" ADD COLUMN "content_changed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_restrictions" ADD CONSTRAINT "account_restrictions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_subject_id_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strikes" ADD CONSTRAINT "strikes_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_restrictions_account_idx" ON "account_restrictions" USING btree ("platform","account_ref");--> statement-breakpoint
CREATE INDEX "appeals_pending_idx" ON "appeals" USING btree ("filed_at") WHERE "appeals"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_one_open_per_subject" ON "cases" USING btree ("subject_id") WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("level","rank_key" DESC NULLS LAST) WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "decisions_case_idx" ON "decisions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "decisions_decided_at_idx" ON "decisions" USING btree ("decided_at");--> statement-breakpoint
CREATE INDEX "notices_decision_idx" ON "notices" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "reports_case_idx" ON "reports" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "reports_subject_idx" ON "reports" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "strikes_account_idx" ON "strikes" USING btree ("platform","account_ref");--> statement-breakpoint
CREATE INDEX "subjects_content_hash_idx" ON "subjects" USING btree ("content_hash");