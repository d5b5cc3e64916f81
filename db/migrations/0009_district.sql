ALTER TYPE "public"."role" ADD VALUE 'dinkes';--> statement-breakpoint
CREATE TABLE "kabupaten" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"province" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kabupaten_name_unique" UNIQUE("name")
);
--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "puskesmas_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "puskesmas" ADD COLUMN "kabupaten_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "kabupaten_id" uuid;--> statement-breakpoint
ALTER TABLE "puskesmas" ADD CONSTRAINT "puskesmas_kabupaten_id_kabupaten_id_fk" FOREIGN KEY ("kabupaten_id") REFERENCES "public"."kabupaten"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_kabupaten_id_kabupaten_id_fk" FOREIGN KEY ("kabupaten_id") REFERENCES "public"."kabupaten"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_tenant_ck" CHECK (("users"."role"::text = 'dinkes') = ("users"."puskesmas_id" is null) and ("users"."role"::text = 'dinkes') = ("users"."kabupaten_id" is not null));--> statement-breakpoint
-- Every puskesmas so far belongs to the kabupaten it names.
INSERT INTO "kabupaten" ("name", "province")
SELECT DISTINCT ON ("district") "district", "province" FROM "puskesmas" ORDER BY "district", "created_at"
ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
UPDATE "puskesmas" p SET "kabupaten_id" = k."id" FROM "kabupaten" k WHERE k."name" = p."district" AND p."kabupaten_id" IS NULL;
