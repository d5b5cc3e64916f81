ALTER TABLE "babies" ADD COLUMN "followed_until" date;--> statement-breakpoint
-- Every baby is computed again at the next start-up (db/coverage.ts completeCoverage recomputes
-- the babies whose status_initial is null), which fills followed_until.
UPDATE "babies" SET "status_initial" = NULL;
--> statement-breakpoint
-- The dashboard's session figures (lib/data/coverage.ts groupSessionCounts) read attendance by
-- session: with the status and the mother in the index, PostgreSQL answers from the index alone.
CREATE INDEX IF NOT EXISTS "attendance_session_cover_idx" ON "attendance" USING btree ("session_id") INCLUDE ("status","mother_id");
--> statement-breakpoint
-- The babies by birth date also cover followed_until (the kader table's mothers followed).
DROP INDEX IF EXISTS "babies_puskesmas_birth_idx";--> statement-breakpoint
CREATE INDEX "babies_puskesmas_birth_idx" ON "babies" USING btree ("puskesmas_id","birth_date") INCLUDE ("id","mother_id","sex","status_initial","status_change_1","status_1","status_change_2","status_2","followed_until");
