CREATE TABLE "mastodon_connectors" (
	"platform" text PRIMARY KEY NOT NULL,
	"base_url" text NOT NULL,
	"access_token" text NOT NULL,
	"webhook_secret" text NOT NULL,
	"policy_map" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
