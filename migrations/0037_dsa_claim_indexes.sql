DROP INDEX "dsa_submissions_due_idx";--> statement-breakpoint
CREATE INDEX "dsa_submissions_pending_idx" ON "dsa_submissions" USING btree ("next_attempt_at","decided_at") WHERE "dsa_submissions"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "dsa_submissions_sending_idx" ON "dsa_submissions" USING btree ("lease_until") WHERE "dsa_submissions"."state" = 'sending';