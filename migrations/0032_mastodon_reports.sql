CREATE TABLE "mastodon_reports" (
	"platform" text NOT NULL,
	"report_id" text NOT NULL,
	"category" text NOT NULL,
	"rule_ids" jsonb NOT NULL,
	"resolved" boolean NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "mastodon_reports_platform_report_id_pk" PRIMARY KEY("platform","report_id")
);
