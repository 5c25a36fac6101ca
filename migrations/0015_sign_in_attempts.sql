CREATE TABLE "sign_in_attempts" (
	"username" text NOT NULL,
	"source" text NOT NULL,
	"attempts" integer NOT NULL,
	"locks" integer NOT NULL,
	"locked_until" timestamp (3) with time zone,
	"signed_in_at" timestamp (3) with time zone,
	CONSTRAINT "sign_in_attempts_username_source_pk" PRIMARY KEY("username","source")
);
--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";