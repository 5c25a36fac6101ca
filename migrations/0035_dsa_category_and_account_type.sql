-- Every policy version carries its EU DSA Transparency Database category (v2). Versions stored before get one by
-- meaning, as src/policy/rules.ts legacyDsaCategory says: the default library's policies the category the export
-- already sent for them, any other policy STATEMENT_CATEGORY_OTHER_VIOLATION_TC, the changelog's v2 successor of the
-- retired STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE the export used to send for it.
ALTER TABLE "policy_versions" ADD COLUMN "dsa_category" text;--> statement-breakpoint
UPDATE "policy_versions" SET "dsa_category" = CASE "policy_id"
	WHEN 'violence-incitement' THEN 'STATEMENT_CATEGORY_VIOLENCE'
	WHEN 'hate-speech' THEN 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'
	WHEN 'bullying-harassment' THEN 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH'
	WHEN 'dangerous-organizations' THEN 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY'
	WHEN 'misinformation' THEN 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS'
	WHEN 'spam' THEN 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD'
	WHEN 'child-safety' THEN 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS'
	ELSE 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC'
END;--> statement-breakpoint
ALTER TABLE "policy_versions" ALTER COLUMN "dsa_category" SET NOT NULL;--> statement-breakpoint
-- For accounts: business or private as the platform states it; null when it does not say.
ALTER TABLE "subjects" ADD COLUMN "account_type" text;
