ALTER TABLE "contacts" ADD COLUMN "consent_record" jsonb;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "consent" jsonb;