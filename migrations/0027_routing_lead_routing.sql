CREATE TABLE "lead_routing" (
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"priority_score" integer,
	"priority_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"queue_team_id" uuid,
	"first_response_due_at" timestamp with time zone,
	"first_responded_at" timestamp with time zone,
	"first_responded_by" uuid,
	"moves" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "lead_routing_workspace_id_lead_id_pk" PRIMARY KEY("workspace_id","lead_id")
);
--> statement-breakpoint
ALTER TABLE "lead_routing" ADD CONSTRAINT "lead_routing_workspace_id_lead_id_leads_workspace_id_id_fk" FOREIGN KEY ("workspace_id","lead_id") REFERENCES "public"."leads"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_routing_unanswered_idx" ON "lead_routing" USING btree ("workspace_id","first_response_due_at") WHERE first_responded_at is null and first_response_due_at is not null;--> statement-breakpoint
-- Routing's columns move off leads into routing's own table: every request gets its row, with
-- what it had. The triggers that named the old columns go here (one of them depends on a column);
-- the next migration, routing_triggers, puts routing's triggers back as triggers.sql has them.
INSERT INTO "lead_routing" ("workspace_id", "lead_id", "priority_score", "priority_reasons", "queue_team_id", "first_response_due_at", "first_responded_at", "first_responded_by", "moves")
SELECT "workspace_id", "id", "priority_score", "priority_reasons", "queue_team_id", "first_response_due_at", "first_responded_at", "first_responded_by", "moves" FROM "leads";--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_responded ON leads;--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_status_response ON leads;--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "priority_score";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "priority_reasons";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "queue_team_id";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "first_response_due_at";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "first_responded_at";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "first_responded_by";--> statement-breakpoint
ALTER TABLE "leads" DROP COLUMN "moves";