CREATE TABLE "correction_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"mother_id" uuid NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"close_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "correction_requests_status_ck" CHECK ("correction_requests"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "data_erasures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"puskesmas_id" uuid NOT NULL,
	"mother_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"requested_on" date,
	"channel" text,
	"recorded_by" uuid,
	"counts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_erasures_mother_id_unique" UNIQUE("mother_id"),
	CONSTRAINT "data_erasures_kind_ck" CHECK ("data_erasures"."kind" in ('withdrawal', 'retention')),
	CONSTRAINT "data_erasures_channel_ck" CHECK ("data_erasures"."channel" is null or "data_erasures"."channel" in ('in_person', 'phone', 'whatsapp', 'letter'))
);
--> statement-breakpoint
ALTER TABLE "mothers" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "puskesmas" ADD COLUMN "retention_months" smallint;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_mother_id_mothers_id_fk" FOREIGN KEY ("mother_id") REFERENCES "public"."mothers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "correction_requests" ADD CONSTRAINT "correction_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_erasures" ADD CONSTRAINT "data_erasures_puskesmas_id_puskesmas_id_fk" FOREIGN KEY ("puskesmas_id") REFERENCES "public"."puskesmas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_erasures" ADD CONSTRAINT "data_erasures_mother_id_mothers_id_fk" FOREIGN KEY ("mother_id") REFERENCES "public"."mothers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_erasures" ADD CONSTRAINT "data_erasures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "correction_requests_open_idx" ON "correction_requests" USING btree ("puskesmas_id","status","created_at");--> statement-breakpoint
CREATE INDEX "correction_requests_mother_idx" ON "correction_requests" USING btree ("mother_id");--> statement-breakpoint
CREATE INDEX "data_erasures_puskesmas_idx" ON "data_erasures" USING btree ("puskesmas_id","created_at");