CREATE TABLE "country_names" (
	"iso3" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
