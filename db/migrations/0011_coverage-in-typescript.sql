-- The coverage rules leave the database (issue #21, docs/decisions/058). A baby's state columns,
-- its coverage_baby_months and coverage_baby_windows rows are computed by lib/domain
-- (coverage-rows.ts) and written by lib/data/coverage-refresh.ts in the transaction of every
-- write they depend on; `npm run db:recompute` rebuilds them all from the records. The rows
-- stored so far were computed by the same rules, so they stay as they are. What stays here is
-- rule-free: the triggers that sum coverage_baby_months into coverage_months.
DROP TRIGGER IF EXISTS visits_state_ins ON visits;--> statement-breakpoint
DROP TRIGGER IF EXISTS visits_state_upd ON visits;--> statement-breakpoint
DROP TRIGGER IF EXISTS visits_state_del ON visits;--> statement-breakpoint
DROP TRIGGER IF EXISTS babies_state ON babies;--> statement-breakpoint
DROP TRIGGER IF EXISTS babies_months_ins ON babies;--> statement-breakpoint
DROP TRIGGER IF EXISTS babies_months_upd ON babies;--> statement-breakpoint
DROP TRIGGER IF EXISTS mothers_months_upd ON mothers;--> statement-breakpoint
DROP TRIGGER IF EXISTS attendance_state_ins ON attendance;--> statement-breakpoint
DROP TRIGGER IF EXISTS attendance_state_upd ON attendance;--> statement-breakpoint
DROP TRIGGER IF EXISTS attendance_state_del ON attendance;--> statement-breakpoint
DROP TRIGGER IF EXISTS group_sessions_state_upd ON group_sessions;--> statement-breakpoint
DROP TRIGGER IF EXISTS puskesmas_state_upd ON puskesmas;--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_visits_state_ins();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_visits_state_upd();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_visits_state_del();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_babies_state();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_babies_months();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_mothers_months();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_attendance_ins();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_attendance_upd();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_attendance_del();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_sessions_upd();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_puskesmas_upd();--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_refresh_baby_states(uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_refresh_baby_months(uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_refresh_baby_windows(uuid[]);--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_baby_windows(date, date[], jsonb);--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_baby_state(date, uuid, uuid);--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_baby_state(date, uuid);--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_status_on(date, date, date, date, boolean);--> statement-breakpoint
DROP FUNCTION IF EXISTS kekasihku_n(boolean);
