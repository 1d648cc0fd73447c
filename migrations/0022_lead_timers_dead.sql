DROP INDEX "lead_timers_due_idx";--> statement-breakpoint
ALTER TABLE "lead_timers" ADD COLUMN "dead_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lead_timers" ADD COLUMN "last_error" text;--> statement-breakpoint
CREATE INDEX "lead_timers_due_idx" ON "lead_timers" USING btree ("due_at") WHERE dead_at is null;