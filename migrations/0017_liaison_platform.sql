ALTER TABLE "users" ADD COLUMN "platform" text;--> statement-breakpoint
-- A liaison acts for one platform. Where the installation knows exactly one platform (one name among its
-- integration tokens), its existing liaisons act for that one; otherwise an administrator ties them.
UPDATE "users" SET "platform" = (SELECT min("platform") FROM "api_tokens" WHERE "kind" = 'integration')
WHERE 'platform_liaison' = ANY("roles") AND "platform" IS NULL
  AND (SELECT count(DISTINCT "platform") FROM "api_tokens" WHERE "kind" = 'integration') = 1;
