ALTER TABLE "babies" ADD COLUMN "followed_until" date;--> statement-breakpoint
-- Every baby is computed again at the next start-up (db/coverage.ts completeCoverage recomputes
-- the babies whose status_initial is null), which fills followed_until.
UPDATE "babies" SET "status_initial" = NULL;
