ALTER TABLE "visits" ADD COLUMN "referral_followed_up_by" uuid;--> statement-breakpoint
ALTER TABLE "visits" ADD COLUMN "referral_outcome" text;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_referral_followed_up_by_users_id_fk" FOREIGN KEY ("referral_followed_up_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;