CREATE TABLE "builtin_lesson_states" (
	"puskesmas_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reviewed_hash" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "builtin_lesson_states_puskesmas_id_slug_pk" PRIMARY KEY("puskesmas_id","slug")
);
--> statement-breakpoint
CREATE TABLE "knowledge_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"mother_id" uuid NOT NULL,
	"baby_id" uuid,
	"visit_id" uuid,
	"source" text NOT NULL,
	"taken_on" date NOT NULL,
	"answers" jsonb NOT NULL,
	"score" smallint NOT NULL,
	"total" smallint NOT NULL,
	"correct" text[] DEFAULT '{}'::text[] NOT NULL,
	"occasion" text,
	"rose" boolean,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "knowledge_checks_source_ck" CHECK ("knowledge_checks"."source" in ('kader', 'self')),
	CONSTRAINT "knowledge_checks_score_ck" CHECK ("knowledge_checks"."score" between 0 and "knowledge_checks"."total")
);
--> statement-breakpoint
CREATE TABLE "lessons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"key_points" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience" text NOT NULL,
	"stage" text NOT NULL,
	"age_from_day" smallint,
	"age_to_day" smallint,
	"counselling" text[] DEFAULT '{}'::text[] NOT NULL,
	"break_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"findings" text[] DEFAULT '{}'::text[] NOT NULL,
	"sources" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lessons_status_ck" CHECK ("lessons"."status" in ('draft', 'published')),
	CONSTRAINT "lessons_stage_ck" CHECK ("lessons"."stage" in ('pregnancy', 'age'))
);
--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "knowledge_baseline" text;--> statement-breakpoint
ALTER TABLE "babies" ADD COLUMN "counselled_topics" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- Every baby is computed again at the next start-up (db/coverage.ts completeCoverage recomputes the
-- babies whose status_initial is null), which fills knowledge_baseline and counselled_topics.
UPDATE "babies" SET "status_initial" = NULL;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD COLUMN "lessons" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "puskesmas" ADD COLUMN "public_url" text;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "lessons" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "builtin_lesson_states" ADD CONSTRAINT "builtin_lesson_states_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builtin_lesson_states" ADD CONSTRAINT "builtin_lesson_states_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "builtin_lesson_states" ADD CONSTRAINT "builtin_lesson_states_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_checks" ADD CONSTRAINT "knowledge_checks_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_checks" ADD CONSTRAINT "knowledge_checks_mother_id_mothers_id_fk" FOREIGN KEY ("mother_id") REFERENCES "public"."mothers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_checks" ADD CONSTRAINT "knowledge_checks_baby_id_babies_id_fk" FOREIGN KEY ("baby_id") REFERENCES "public"."babies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_checks" ADD CONSTRAINT "knowledge_checks_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_checks" ADD CONSTRAINT "knowledge_checks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lessons" ADD CONSTRAINT "lessons_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "knowledge_checks_mother_idx" ON "knowledge_checks" USING btree ("mother_id","taken_on");--> statement-breakpoint
CREATE INDEX "knowledge_checks_baby_idx" ON "knowledge_checks" USING btree ("baby_id","taken_on");--> statement-breakpoint
CREATE INDEX "knowledge_checks_occasion_idx" ON "knowledge_checks" USING btree ("puskesmas_id","occasion","taken_on");--> statement-breakpoint
CREATE UNIQUE INDEX "lessons_puskesmas_slug_uq" ON "lessons" USING btree ("puskesmas_id","slug");