CREATE TABLE "board_cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"kind" text NOT NULL,
	"track" text NOT NULL,
	"status" text NOT NULL,
	"platform" text NOT NULL,
	"title" text NOT NULL,
	"statement" text NOT NULL,
	"decision_id" uuid,
	"subject_id" uuid,
	"case_id" uuid,
	"country" text,
	"region" text,
	"priorities" text[] NOT NULL,
	"significance" integer NOT NULL,
	"difficulty" integer NOT NULL,
	"demand" integer NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"submitted_by" text NOT NULL,
	"selected_at" timestamp (3) with time zone,
	"selection_note" text,
	"decision_due_at" timestamp (3) with time zone,
	"comments_close_at" timestamp (3) with time zone,
	"platform_reversal" text,
	"outcome" text,
	"summary" boolean,
	"decision_text" text,
	"vote_counts" jsonb,
	"published_at" timestamp (3) with time zone,
	CONSTRAINT "board_cases_ref" UNIQUE("ref")
);
--> statement-breakpoint
CREATE TABLE "board_drafts" (
	"board_case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"text" text NOT NULL,
	"recommendations" jsonb NOT NULL,
	"saved_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "board_drafts_board_case_id_version_pk" PRIMARY KEY("board_case_id","version")
);
--> statement-breakpoint
CREATE TABLE "board_members" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL,
	"conflicts" text[] NOT NULL,
	"active" boolean NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_votes" (
	"board_case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"draft_version" integer NOT NULL,
	"vote" text NOT NULL,
	"opinion" text,
	"cast_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "board_votes_board_case_id_user_id_pk" PRIMARY KEY("board_case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "implementation_obligations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"board_case_id" uuid NOT NULL,
	"required_outcome" text NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL,
	"flagged_overdue_at" timestamp (3) with time zone,
	"action_decision_id" uuid,
	"note" text,
	"sweep_matched" integer,
	"sweep_actioned" integer,
	"implemented_at" timestamp (3) with time zone,
	"implemented_by" uuid
);
--> statement-breakpoint
CREATE TABLE "panel_seats" (
	"board_case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"assigned_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "panel_seats_board_case_id_user_id_pk" PRIMARY KEY("board_case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "public_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"board_case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"organisation" text,
	"email" text,
	"anonymous" boolean NOT NULL,
	"body" text NOT NULL,
	"sender_hash" text NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp (3) with time zone NOT NULL,
	"moderated_by" uuid,
	"moderated_at" timestamp (3) with time zone,
	"moderation_note" text
);
--> statement-breakpoint
CREATE TABLE "recommendation_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"assessment" text NOT NULL,
	"note" text NOT NULL,
	"assessed_at" timestamp (3) with time zone NOT NULL,
	"assessed_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_responses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"category" text NOT NULL,
	"reasons" text NOT NULL,
	"timeline" text,
	"responded_at" timestamp (3) with time zone NOT NULL,
	"responded_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"board_case_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"ref" text NOT NULL,
	"text" text NOT NULL,
	"measure" text NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"response_due_at" timestamp (3) with time zone NOT NULL,
	"first_responded_at" timestamp (3) with time zone,
	"latest_response" text,
	"latest_assessment" text,
	"closed_at" timestamp (3) with time zone,
	"flagged_overdue_at" timestamp (3) with time zone,
	CONSTRAINT "recommendations_ref" UNIQUE("ref")
);
--> statement-breakpoint
ALTER TABLE "board_drafts" ADD CONSTRAINT "board_drafts_board_case_id_board_cases_id_fk" FOREIGN KEY ("board_case_id") REFERENCES "public"."board_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_votes" ADD CONSTRAINT "board_votes_board_case_id_board_cases_id_fk" FOREIGN KEY ("board_case_id") REFERENCES "public"."board_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_obligations" ADD CONSTRAINT "implementation_obligations_board_case_id_board_cases_id_fk" FOREIGN KEY ("board_case_id") REFERENCES "public"."board_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "panel_seats" ADD CONSTRAINT "panel_seats_board_case_id_board_cases_id_fk" FOREIGN KEY ("board_case_id") REFERENCES "public"."board_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_comments" ADD CONSTRAINT "public_comments_board_case_id_board_cases_id_fk" FOREIGN KEY ("board_case_id") REFERENCES "public"."board_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_assessments" ADD CONSTRAINT "recommendation_assessments_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_responses" ADD CONSTRAINT "recommendation_responses_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_board_case_id_board_cases_id_fk" FOREIGN KEY ("board_case_id") REFERENCES "public"."board_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_cases_status_idx" ON "board_cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "board_cases_decision_idx" ON "board_cases" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "implementation_obligations_open_idx" ON "implementation_obligations" USING btree ("due_at") WHERE "implementation_obligations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "panel_seats_user_idx" ON "panel_seats" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "public_comments_case_idx" ON "public_comments" USING btree ("board_case_id");--> statement-breakpoint
CREATE INDEX "public_comments_sender_idx" ON "public_comments" USING btree ("sender_hash","submitted_at");--> statement-breakpoint
CREATE INDEX "recommendation_assessments_rec_idx" ON "recommendation_assessments" USING btree ("recommendation_id","assessed_at");--> statement-breakpoint
CREATE INDEX "recommendation_responses_rec_idx" ON "recommendation_responses" USING btree ("recommendation_id","responded_at");--> statement-breakpoint
CREATE INDEX "recommendations_case_idx" ON "recommendations" USING btree ("board_case_id");