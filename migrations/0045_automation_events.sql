CREATE TABLE "event_interest" (
	"workspace_id" uuid NOT NULL,
	"listener" text NOT NULL,
	"type" text NOT NULL,
	CONSTRAINT "event_interest_workspace_id_type_listener_pk" PRIMARY KEY("workspace_id","type","listener")
);
--> statement-breakpoint
ALTER TABLE "automation_rules" ADD COLUMN "hook_key" text;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD COLUMN "entity" text DEFAULT 'deal' NOT NULL;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD COLUMN "record_id" uuid;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD COLUMN "event" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_rules_hook_key_uq" ON "automation_rules" USING btree ("hook_key");--> statement-breakpoint
CREATE INDEX "automation_runs_record_idx" ON "automation_runs" USING btree ("workspace_id","rule_id","record_id","created_at");--> statement-breakpoint
CREATE INDEX "automation_runs_due_idx" ON "automation_runs" USING btree ("workspace_id","due_at");