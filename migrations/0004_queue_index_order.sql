DROP INDEX "cases_queue_idx";--> statement-breakpoint
CREATE INDEX "cases_queue_idx" ON "cases" USING btree ("level","rank_key" DESC NULLS FIRST) WHERE "cases"."status" = 'open';