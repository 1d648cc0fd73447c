ALTER TABLE "member_availability" ADD COLUMN "telegram_channel_id" uuid;--> statement-breakpoint
ALTER TABLE "member_availability" ADD COLUMN "telegram_chat_id" text;--> statement-breakpoint
ALTER TABLE "member_availability" ADD COLUMN "telegram_link_code" text;--> statement-breakpoint
ALTER TABLE "member_availability" ADD COLUMN "telegram_link_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "member_availability_telegram_code_idx" ON "member_availability" USING btree ("workspace_id","telegram_link_code");