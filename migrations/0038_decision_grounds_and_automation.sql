ALTER TABLE "decisions" ADD COLUMN "illegal_content" jsonb;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "automation" jsonb;