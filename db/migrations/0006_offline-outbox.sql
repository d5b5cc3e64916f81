ALTER TABLE "attendance" ADD COLUMN "device_record_id" uuid;--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "recorded_on_device_at" timestamp with time zone;