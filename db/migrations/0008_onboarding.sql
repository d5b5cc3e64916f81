CREATE TABLE "kader_posyandu" (
	"puskesmas_id" uuid NOT NULL,
	"kader_id" uuid NOT NULL,
	"posyandu_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kader_posyandu_kader_id_posyandu_id_pk" PRIMARY KEY("kader_id","posyandu_id")
);
--> statement-breakpoint
CREATE TABLE "setup_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "setup_codes_code_hash_unique" UNIQUE("code_hash")
);
--> statement-breakpoint
CREATE TABLE "visit_window_settings" (
	"puskesmas_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"windows" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visit_window_settings_puskesmas_id_effective_from_pk" PRIMARY KEY("puskesmas_id","effective_from")
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signatory_name" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signatory_nip" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "signatory_title" text;--> statement-breakpoint
ALTER TABLE "posyandu" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "posyandu" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "puskesmas" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "villages" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "kader_posyandu" ADD CONSTRAINT "kader_posyandu_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kader_posyandu" ADD CONSTRAINT "kader_posyandu_kader_id_users_id_fk" FOREIGN KEY ("kader_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kader_posyandu" ADD CONSTRAINT "kader_posyandu_posyandu_id_posyandu_id_fk" FOREIGN KEY ("posyandu_id") REFERENCES "public"."posyandu"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_window_settings" ADD CONSTRAINT "visit_window_settings_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kader_posyandu_posyandu_idx" ON "kader_posyandu" USING btree ("posyandu_id");--> statement-breakpoint
-- Every kader works in her home posyandu.
INSERT INTO "kader_posyandu" ("puskesmas_id", "kader_id", "posyandu_id")
SELECT "puskesmas_id", "id", "posyandu_id" FROM "users" WHERE "role" = 'kader' AND "posyandu_id" IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- Certificates issued so far keep the signatory they were printed with.
UPDATE "certificates" c SET "signatory_name" = p."signatory_name", "signatory_nip" = p."signatory_nip", "signatory_title" = p."signatory_title"
FROM "puskesmas" p WHERE p."id" = c."puskesmas_id";--> statement-breakpoint
-- A baby's windows follow the setting in force on its birth date (docs/decisions/043): the
-- latest visit_window_settings row on or before it, else the puskesmas's own, else the defaults.
CREATE OR REPLACE FUNCTION kekasihku_refresh_baby_windows(p_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM coverage_baby_windows WHERE baby_id = ANY (p_ids);
  INSERT INTO coverage_baby_windows (baby_id, idx, puskesmas_id, village_id, posyandu_id, exit_date, window_from, window_to, filled_on, late)
  SELECT b.id, w.idx, b.puskesmas_id, m.village_id, m.posyandu_id, b.exit_date, w.w_from, w.w_to, w.filled, w.late
  FROM babies b JOIN mothers m ON m.id = b.mother_id JOIN puskesmas p ON p.id = b.puskesmas_id
  LEFT JOIN LATERAL (
    SELECT s.windows FROM visit_window_settings s
    WHERE s.puskesmas_id = b.puskesmas_id AND s.effective_from <= b.birth_date
    ORDER BY s.effective_from DESC LIMIT 1) ws ON true
  CROSS JOIN LATERAL kekasihku_baby_windows(b.birth_date,
    ARRAY(SELECT v.visit_date FROM visits v WHERE v.baby_id = b.id),
    CASE WHEN jsonb_typeof(ws.windows) = 'array' AND jsonb_array_length(ws.windows) > 0 THEN ws.windows
      WHEN jsonb_typeof(p.visit_windows) = 'array' AND jsonb_array_length(p.visit_windows) > 0 THEN p.visit_windows
      ELSE '[{"fromDay":3,"toDay":7},{"fromDay":8,"toDay":28},{"fromDay":29,"toDay":59},{"fromDay":60,"toDay":89},{"fromDay":90,"toDay":119},{"fromDay":120,"toDay":149},{"fromDay":150,"toDay":null}]'::jsonb END) w
  WHERE b.id = ANY (p_ids)
$$;
