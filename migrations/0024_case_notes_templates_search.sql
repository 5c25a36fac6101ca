CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notice_templates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"policy_id" text NOT NULL,
	"section_id" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"retired_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notice_templates_in_use" ON "notice_templates" USING btree ("policy_id","section_id","title") WHERE "notice_templates"."retired_at" is null;--> statement-breakpoint
CREATE INDEX "cases_subject_idx" ON "cases" USING btree ("subject_id","opened_at");--> statement-breakpoint
CREATE INDEX "decisions_subject_idx" ON "decisions" USING btree ("subject_id","decided_at");--> statement-breakpoint
CREATE INDEX "subjects_external_id_prefix_idx" ON "subjects" USING btree ("external_id" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "subjects_author_idx" ON "subjects" USING btree ("author_external_id" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "subjects_text_search_idx" ON "subjects" USING gin (to_tsvector('simple', coalesce("title", '') || ' ' || coalesce("body", '')));