CREATE TABLE "public_figures" (
	"platform" text NOT NULL,
	"account_ref" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"country" text,
	"note" text NOT NULL,
	"verified_by" text NOT NULL,
	"verified_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "public_figures_platform_account_ref_pk" PRIMARY KEY("platform","account_ref")
);
