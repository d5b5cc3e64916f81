ALTER TABLE "babies" ADD COLUMN "status_initial" text;--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "status_change_1" date;--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "status_1" text;--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "status_change_2" date;--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "status_2" text;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD COLUMN "curve_day_0" smallint;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD COLUMN "curve_day_1" smallint;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD COLUMN "curve_day_2" smallint;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD COLUMN "curve_day_3" smallint;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD COLUMN "curve_day_4" smallint;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD COLUMN "curve_day_5" smallint;--> statement-breakpoint
ALTER TABLE "coverage_baby_months" ADD COLUMN "curve_day_6" smallint;--> statement-breakpoint
CREATE INDEX "coverage_baby_months_month_idx" ON "coverage_baby_months" USING btree ("puskesmas_id","month");--> statement-breakpoint
-- The babies by birth date, now covering the status timeline the counts of today look up
-- (same name and key as 0007; drizzle-kit cannot write INCLUDE). Existing babies get their
-- timeline and curve days at the next start-up (db/client.ts completes babies whose
-- status_initial is null), or with `npm run db:recompute`.
DROP INDEX IF EXISTS "babies_puskesmas_birth_idx";--> statement-breakpoint
CREATE INDEX "babies_puskesmas_birth_idx" ON "babies" USING btree ("puskesmas_id","birth_date") INCLUDE ("id","mother_id","sex","status_initial","status_change_1","status_1","status_change_2","status_2");
