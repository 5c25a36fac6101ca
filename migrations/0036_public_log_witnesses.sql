CREATE TABLE "public_log_cosignatures" (
	"witness" text NOT NULL,
	"size" bigint NOT NULL,
	"timestamp" bigint NOT NULL,
	"line" text NOT NULL,
	"collected_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "public_log_cosignatures_witness_size_pk" PRIMARY KEY("witness","size")
);
--> statement-breakpoint
CREATE TABLE "public_log_witnesses" (
	"witness" text PRIMARY KEY NOT NULL,
	"vkey" text NOT NULL,
	"cosigned_size" bigint,
	"last_attempt_at" timestamp (3) with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE INDEX "public_log_cosignatures_size_idx" ON "public_log_cosignatures" USING btree ("size");