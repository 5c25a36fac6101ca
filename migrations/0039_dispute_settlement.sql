CREATE TABLE "dispute_bodies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"member_state" text NOT NULL,
	"coordinator" text NOT NULL,
	"website" text NOT NULL,
	"areas" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"status" text NOT NULL,
	"certified_on" date NOT NULL,
	"certified_until" date,
	"registered_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"decision_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"decision_outcome" text NOT NULL,
	"body_id" uuid NOT NULL,
	"complainant" text NOT NULL,
	"body_reference" text,
	"filed_at" timestamp (3) with time zone NOT NULL,
	"recorded_at" timestamp (3) with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"status" text NOT NULL,
	"outcome" text,
	"summary" text,
	"concluded_at" timestamp (3) with time zone,
	"fee_cents" integer,
	"fee_currency" text,
	"fees_borne_by" text,
	"bad_faith" boolean,
	"required_outcome" text,
	"implementation" text NOT NULL,
	"implementation_due_at" timestamp (3) with time zone,
	"action_decision_id" uuid,
	"implementation_note" text,
	"implemented_at" timestamp (3) with time zone,
	"implemented_by" text
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_body_id_dispute_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."dispute_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_decision_idx" ON "disputes" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "disputes_open_implementation_idx" ON "disputes" USING btree ("implementation_due_at") WHERE "disputes"."implementation" = 'open';