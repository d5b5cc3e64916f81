CREATE TYPE "public"."attendance_status" AS ENUM('present', 'excused', 'absent');--> statement-breakpoint
CREATE TYPE "public"."attendee_role" AS ENUM('mother', 'pregnant', 'family');--> statement-breakpoint
CREATE TYPE "public"."break_reason" AS ENUM('medical', 'mother_absent', 'low_supply', 'back_to_work', 'family_pressure', 'baby_ill', 'other');--> statement-breakpoint
CREATE TYPE "public"."content_status" AS ENUM('published', 'held', 'hidden', 'deleted');--> statement-breakpoint
CREATE TYPE "public"."exit_reason" AS ENUM('moved', 'died', 'transferred');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'staff', 'kader', 'ibu');--> statement-breakpoint
CREATE TYPE "public"."rsvp" AS ENUM('yes', 'no');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'cancelled', 'closed');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('L', 'P');--> statement-breakpoint
CREATE TABLE "activation_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activation_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"mother_id" uuid,
	"attendee_name" text,
	"attendee_role" "attendee_role" NOT NULL,
	"status" "attendance_status" NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_who_ck" CHECK ("attendance"."mother_id" is not null or "attendance"."attendee_name" is not null)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"puskesmas_id" uuid,
	"user_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "babies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"mother_id" uuid NOT NULL,
	"name" text,
	"sex" "sex" NOT NULL,
	"birth_date" date NOT NULL,
	"birth_weight_grams" integer,
	"birth_place" text,
	"early_initiation" boolean,
	"birth_order" smallint DEFAULT 1 NOT NULL,
	"exit_date" date,
	"exit_reason" "exit_reason",
	"exit_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "babies_exit_ck" CHECK (("babies"."exit_date" is null) = ("babies"."exit_reason" is null)),
	CONSTRAINT "babies_weight_ck" CHECK ("babies"."birth_weight_grams" is null or "babies"."birth_weight_grams" between 300 and 7000)
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"baby_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"number" integer NOT NULL,
	"serial" text NOT NULL,
	"verification_code" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	CONSTRAINT "certificates_serial_unique" UNIQUE("serial"),
	CONSTRAINT "certificates_verification_code_unique" UNIQUE("verification_code")
);
--> statement-breakpoint
CREATE TABLE "coverage_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"village_id" uuid,
	"year" smallint NOT NULL,
	"target_percent" smallint NOT NULL,
	CONSTRAINT "coverage_targets_uq" UNIQUE NULLS NOT DISTINCT("puskesmas_id","year","village_id"),
	CONSTRAINT "coverage_targets_percent_ck" CHECK ("coverage_targets"."target_percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "forum_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forum_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" "content_status" DEFAULT 'published' NOT NULL,
	"moderation_reason" text,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forum_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"status" "content_status" DEFAULT 'published' NOT NULL,
	"moderation_reason" text,
	"answer_comment_id" uuid,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forum_reactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"post_id" uuid,
	"comment_id" uuid,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_reactions_uq" UNIQUE NULLS NOT DISTINCT("user_id","post_id","comment_id"),
	CONSTRAINT "forum_reactions_target_ck" CHECK (("forum_reactions"."post_id" is null) <> ("forum_reactions"."comment_id" is null))
);
--> statement-breakpoint
CREATE TABLE "forum_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"post_id" uuid,
	"comment_id" uuid,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_reports_target_ck" CHECK (("forum_reports"."post_id" is null) <> ("forum_reports"."comment_id" is null))
);
--> statement-breakpoint
CREATE TABLE "group_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"posyandu_id" uuid,
	"title" text NOT NULL,
	"topic" text,
	"topic_text" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"facilitators" text,
	"capacity" smallint DEFAULT 10 NOT NULL,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"cancel_reason" text,
	"summary" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_sessions_time_ck" CHECK ("group_sessions"."ends_at" > "group_sessions"."starts_at"),
	CONSTRAINT "group_sessions_capacity_ck" CHECK ("group_sessions"."capacity" between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "kader_assignments" (
	"puskesmas_id" uuid NOT NULL,
	"kader_id" uuid NOT NULL,
	"mother_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kader_assignments_kader_id_mother_id_pk" PRIMARY KEY("kader_id","mother_id")
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"first_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mothers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"posyandu_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"phone" text,
	"nik" text,
	"address" text,
	"rt" text,
	"rw" text,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_text_version" text NOT NULL,
	"consent_recorded_by" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mothers_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "posyandu" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"village_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rw" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "puskesmas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"district" text NOT NULL,
	"subdistrict" text NOT NULL,
	"province" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Jakarta' NOT NULL,
	"visit_windows" jsonb NOT NULL,
	"blocked_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"signatory_name" text,
	"signatory_nip" text,
	"signatory_title" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "puskesmas_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "serial_counters" (
	"puskesmas_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "serial_counters_puskesmas_id_year_pk" PRIMARY KEY("puskesmas_id","year")
);
--> statement-breakpoint
CREATE TABLE "session_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"mother_id" uuid NOT NULL,
	"reminded_at" timestamp with time zone,
	"reminded_by" uuid,
	"rsvp" "rsvp",
	"rsvp_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"password_hash" text,
	"posyandu_id" uuid,
	"village_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"locale" text DEFAULT 'id' NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_phone_unique" UNIQUE("phone"),
	CONSTRAINT "users_kader_posyandu_ck" CHECK ("users"."role" <> 'kader' or "users"."posyandu_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "villages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'desa' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"baby_id" uuid NOT NULL,
	"kader_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"breastfed" boolean NOT NULL,
	"recall_items" text[] DEFAULT '{}'::text[] NOT NULL,
	"recall_other_text" text,
	"given_since_last" boolean NOT NULL,
	"given_since_last_date" date,
	"confirmed_exclusive" boolean,
	"break_reason" "break_reason",
	"problems" text[] DEFAULT '{}'::text[] NOT NULL,
	"attachment" jsonb,
	"danger_signs" text[] DEFAULT '{}'::text[] NOT NULL,
	"referral" boolean DEFAULT false NOT NULL,
	"referral_reason" text,
	"referral_followed_up_at" timestamp with time zone,
	"counselling" text[] DEFAULT '{}'::text[] NOT NULL,
	"weight_grams" integer,
	"notes" text,
	"recorded_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_weight_ck" CHECK ("visits"."weight_grams" is null or "visits"."weight_grams" between 500 and 15000)
);
--> statement-breakpoint
ALTER TABLE "activation_codes" ADD CONSTRAINT "activation_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation_codes" ADD CONSTRAINT "activation_codes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_group_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_mother_id_mothers_id_fk" FOREIGN KEY ("mother_id") REFERENCES "public"."mothers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "babies" ADD CONSTRAINT "babies_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "babies" ADD CONSTRAINT "babies_mother_id_mothers_id_fk" FOREIGN KEY ("mother_id") REFERENCES "public"."mothers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_baby_id_babies_id_fk" FOREIGN KEY ("baby_id") REFERENCES "public"."babies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_targets" ADD CONSTRAINT "coverage_targets_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coverage_targets" ADD CONSTRAINT "coverage_targets_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_categories" ADD CONSTRAINT "forum_categories_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_comments" ADD CONSTRAINT "forum_comments_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_comments" ADD CONSTRAINT "forum_comments_post_id_forum_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."forum_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_comments" ADD CONSTRAINT "forum_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_category_id_forum_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."forum_categories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD CONSTRAINT "forum_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reactions" ADD CONSTRAINT "forum_reactions_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reactions" ADD CONSTRAINT "forum_reactions_post_id_forum_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."forum_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reactions" ADD CONSTRAINT "forum_reactions_comment_id_forum_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."forum_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reactions" ADD CONSTRAINT "forum_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reports" ADD CONSTRAINT "forum_reports_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reports" ADD CONSTRAINT "forum_reports_post_id_forum_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."forum_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reports" ADD CONSTRAINT "forum_reports_comment_id_forum_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."forum_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reports" ADD CONSTRAINT "forum_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reports" ADD CONSTRAINT "forum_reports_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_posyandu_id_posyandu_id_fk" FOREIGN KEY ("posyandu_id") REFERENCES "public"."posyandu"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_sessions" ADD CONSTRAINT "group_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kader_assignments" ADD CONSTRAINT "kader_assignments_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kader_assignments" ADD CONSTRAINT "kader_assignments_kader_id_users_id_fk" FOREIGN KEY ("kader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kader_assignments" ADD CONSTRAINT "kader_assignments_mother_id_mothers_id_fk" FOREIGN KEY ("mother_id") REFERENCES "public"."mothers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mothers" ADD CONSTRAINT "mothers_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mothers" ADD CONSTRAINT "mothers_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mothers" ADD CONSTRAINT "mothers_posyandu_id_posyandu_id_fk" FOREIGN KEY ("posyandu_id") REFERENCES "public"."posyandu"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mothers" ADD CONSTRAINT "mothers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mothers" ADD CONSTRAINT "mothers_consent_recorded_by_users_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mothers" ADD CONSTRAINT "mothers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posyandu" ADD CONSTRAINT "posyandu_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posyandu" ADD CONSTRAINT "posyandu_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "serial_counters" ADD CONSTRAINT "serial_counters_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_invitations" ADD CONSTRAINT "session_invitations_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_invitations" ADD CONSTRAINT "session_invitations_session_id_group_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."group_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_invitations" ADD CONSTRAINT "session_invitations_mother_id_mothers_id_fk" FOREIGN KEY ("mother_id") REFERENCES "public"."mothers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_invitations" ADD CONSTRAINT "session_invitations_reminded_by_users_id_fk" FOREIGN KEY ("reminded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_posyandu_id_posyandu_id_fk" FOREIGN KEY ("posyandu_id") REFERENCES "public"."posyandu"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages" ADD CONSTRAINT "villages_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_baby_id_babies_id_fk" FOREIGN KEY ("baby_id") REFERENCES "public"."babies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_kader_id_users_id_fk" FOREIGN KEY ("kader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activation_codes_user_idx" ON "activation_codes" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_session_mother_uq" ON "attendance" USING btree ("session_id","mother_id");--> statement-breakpoint
CREATE INDEX "attendance_mother_idx" ON "attendance" USING btree ("mother_id");--> statement-breakpoint
CREATE INDEX "attendance_puskesmas_idx" ON "attendance" USING btree ("puskesmas_id");--> statement-breakpoint
CREATE INDEX "audit_log_puskesmas_at_idx" ON "audit_log" USING btree ("puskesmas_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "babies_puskesmas_birth_idx" ON "babies" USING btree ("puskesmas_id","birth_date");--> statement-breakpoint
CREATE INDEX "babies_mother_idx" ON "babies" USING btree ("mother_id");--> statement-breakpoint
CREATE UNIQUE INDEX "babies_mother_birth_order_uq" ON "babies" USING btree ("mother_id","birth_date","birth_order");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_uq" ON "certificates" USING btree ("puskesmas_id","year","number");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_active_baby_uq" ON "certificates" USING btree ("baby_id") WHERE "certificates"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "certificates_puskesmas_issued_idx" ON "certificates" USING btree ("puskesmas_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "forum_categories_slug_uq" ON "forum_categories" USING btree ("puskesmas_id","slug");--> statement-breakpoint
CREATE INDEX "forum_comments_post_idx" ON "forum_comments" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "forum_comments_author_idx" ON "forum_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "forum_comments_puskesmas_idx" ON "forum_comments" USING btree ("puskesmas_id","status");--> statement-breakpoint
CREATE INDEX "forum_posts_list_idx" ON "forum_posts" USING btree ("puskesmas_id","status","last_activity_at");--> statement-breakpoint
CREATE INDEX "forum_posts_category_idx" ON "forum_posts" USING btree ("category_id","last_activity_at");--> statement-breakpoint
CREATE INDEX "forum_posts_author_idx" ON "forum_posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "forum_reactions_post_idx" ON "forum_reactions" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "forum_reactions_comment_idx" ON "forum_reactions" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "forum_reactions_puskesmas_idx" ON "forum_reactions" USING btree ("puskesmas_id");--> statement-breakpoint
CREATE INDEX "forum_reports_open_idx" ON "forum_reports" USING btree ("puskesmas_id","resolved_at");--> statement-breakpoint
CREATE INDEX "group_sessions_puskesmas_starts_idx" ON "group_sessions" USING btree ("puskesmas_id","starts_at");--> statement-breakpoint
CREATE INDEX "group_sessions_village_starts_idx" ON "group_sessions" USING btree ("village_id","starts_at");--> statement-breakpoint
CREATE INDEX "group_sessions_posyandu_idx" ON "group_sessions" USING btree ("posyandu_id");--> statement-breakpoint
CREATE INDEX "kader_assignments_mother_idx" ON "kader_assignments" USING btree ("mother_id");--> statement-breakpoint
CREATE INDEX "kader_assignments_puskesmas_idx" ON "kader_assignments" USING btree ("puskesmas_id");--> statement-breakpoint
CREATE INDEX "mothers_puskesmas_idx" ON "mothers" USING btree ("puskesmas_id");--> statement-breakpoint
CREATE INDEX "mothers_posyandu_idx" ON "mothers" USING btree ("posyandu_id");--> statement-breakpoint
CREATE INDEX "mothers_village_idx" ON "mothers" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "mothers_phone_idx" ON "mothers" USING btree ("puskesmas_id","phone");--> statement-breakpoint
CREATE UNIQUE INDEX "posyandu_village_name_uq" ON "posyandu" USING btree ("village_id","name");--> statement-breakpoint
CREATE INDEX "posyandu_puskesmas_idx" ON "posyandu" USING btree ("puskesmas_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_invitations_uq" ON "session_invitations" USING btree ("session_id","mother_id");--> statement-breakpoint
CREATE INDEX "session_invitations_mother_idx" ON "session_invitations" USING btree ("mother_id");--> statement-breakpoint
CREATE INDEX "session_invitations_puskesmas_idx" ON "session_invitations" USING btree ("puskesmas_id");--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_puskesmas_role_idx" ON "users" USING btree ("puskesmas_id","role");--> statement-breakpoint
CREATE INDEX "users_posyandu_idx" ON "users" USING btree ("posyandu_id");--> statement-breakpoint
CREATE UNIQUE INDEX "villages_puskesmas_name_uq" ON "villages" USING btree ("puskesmas_id","name");--> statement-breakpoint
CREATE INDEX "visits_baby_date_idx" ON "visits" USING btree ("baby_id","visit_date");--> statement-breakpoint
CREATE INDEX "visits_puskesmas_date_idx" ON "visits" USING btree ("puskesmas_id","visit_date");--> statement-breakpoint
CREATE INDEX "visits_kader_idx" ON "visits" USING btree ("kader_id","visit_date");