CREATE TABLE "public_log_tree_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"note" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_log_tree_hashes" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"hash" "bytea" NOT NULL
);
