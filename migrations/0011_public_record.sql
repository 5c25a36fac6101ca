CREATE TABLE "projection_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_log_checkpoints" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_log_entries" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"type" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"prev" text NOT NULL,
	"hash" text NOT NULL,
	"event_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_log_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "public_log_head_single_row" CHECK ("public_log_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"purpose" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_counts" (
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"country" text NOT NULL,
	"key" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "statistics_counts_metric_day_country_key_pk" PRIMARY KEY("metric","day","country","key")
);
--> statement-breakpoint
CREATE INDEX "public_log_entries_stream_idx" ON "public_log_entries" USING btree ("stream","seq");--> statement-breakpoint
CREATE INDEX "statistics_counts_day_idx" ON "statistics_counts" USING btree ("day");--> statement-breakpoint
INSERT INTO "public_log_head" ("id", "seq", "hash") VALUES (1, 0, repeat('0', 64));
--> statement-breakpoint
CREATE FUNCTION docket_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
-- Published entries and their signed checkpoints are append-only too; only a database owner who drops these
-- triggers can rewrite them, and verification against a checkpoint taken earlier then shows it.
CREATE TRIGGER public_log_entries_append_only BEFORE UPDATE OR DELETE ON "public_log_entries"
  FOR EACH ROW EXECUTE FUNCTION docket_append_only();
--> statement-breakpoint
CREATE TRIGGER public_log_entries_no_truncate BEFORE TRUNCATE ON "public_log_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION docket_append_only();
--> statement-breakpoint
CREATE TRIGGER public_log_checkpoints_append_only BEFORE UPDATE OR DELETE ON "public_log_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION docket_append_only();
