CREATE TABLE "crisis_assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"as_of" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
