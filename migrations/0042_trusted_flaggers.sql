CREATE TABLE "trusted_flaggers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"member_state" text NOT NULL,
	"areas" text[] NOT NULL,
	"contact_email" text NOT NULL,
	"website" text,
	"awarded_on" date NOT NULL,
	"status" text NOT NULL,
	"status_since" date NOT NULL,
	"status_reason" text,
	"key_hash" text,
	"key_prefix" text,
	"key_issued_at" timestamp (3) with time zone,
	"registered_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "trusted_flaggers_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE INDEX "trusted_flaggers_name_idx" ON "trusted_flaggers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "content_notices_flagger_idx" ON "content_notices" USING btree ("trusted_flagger_id","received_at") WHERE "content_notices"."trusted_flagger_id" is not null;