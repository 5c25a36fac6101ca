CREATE TABLE "statistics_monthly" (
	"metric" text NOT NULL,
	"month" date NOT NULL,
	"country" text NOT NULL,
	"key" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "statistics_monthly_metric_month_country_key_pk" PRIMARY KEY("metric","month","country","key")
);
--> statement-breakpoint
CREATE INDEX "statistics_monthly_month_idx" ON "statistics_monthly" USING btree ("month");