-- Covering indexes for the parts of the dashboard counted live (docs/performance.md, run 4).
-- The rows they read are scattered over the heap (one baby's rows are written together, a
-- month's are not), so at district scale reading them cost one page per row; with the columns
-- the queries use in the index, PostgreSQL answers from the index alone (index-only scan, once
-- autovacuum has set the visibility map). Same names and key columns as before (db/schema.ts
-- declares the keys; drizzle-kit cannot write INCLUDE).
--
-- The kader table's windows that closed in a month (windowOutcomesStored).
DROP INDEX IF EXISTS "coverage_baby_windows_to_idx";--> statement-breakpoint
CREATE INDEX "coverage_baby_windows_to_idx" ON "coverage_baby_windows" USING btree ("puskesmas_id","window_to") INCLUDE ("posyandu_id","village_id","exit_date","filled_on","late");--> statement-breakpoint
-- Babies by birth date: the curve and the status of today's month, mothers followed today.
DROP INDEX IF EXISTS "babies_puskesmas_birth_idx";--> statement-breakpoint
CREATE INDEX "babies_puskesmas_birth_idx" ON "babies" USING btree ("puskesmas_id","birth_date") INCLUDE ("id","mother_id","sex","exit_date","state_first_break","state_confirmed");
