DROP INDEX "cases_queue_opened_idx";--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "rank_key" DROP NOT NULL;--> statement-breakpoint
-- Rank keys were log2(base) - opened at / 24 hours; now / 72 hours (the default doubling period), and none once a
-- case has waited the 144 hours that bring its age factor to the x4 ceiling.
UPDATE "cases" SET "rank_key" = CASE
  WHEN "opened_at" > now() - interval '144 hours' AND "priority_base" > 0
  THEN log(2, "priority_base"::numeric)::double precision - extract(epoch from "opened_at")::double precision / 259200
  END
WHERE "status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_queue_young_idx" ON "cases" USING btree ("level","rank_key" DESC NULLS LAST) WHERE "cases"."status" = 'open' and "cases"."rank_key" is not null;--> statement-breakpoint
CREATE INDEX "cases_aging_idx" ON "cases" USING btree ("opened_at") WHERE "cases"."status" = 'open' and "cases"."rank_key" is not null;