DROP INDEX "cases_queue_idx";--> statement-breakpoint
CREATE INDEX "cases_queue_base_idx" ON "cases" USING btree ("level","priority_base" DESC NULLS LAST,"opened_at") WHERE "cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX "cases_queue_opened_idx" ON "cases" USING btree ("level","opened_at") WHERE "cases"."status" = 'open';