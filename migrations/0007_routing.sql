CREATE TABLE "lead_assignments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"member_id" uuid,
	"team_id" uuid,
	"channel" text NOT NULL,
	"reason" jsonb NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "lead_assignments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_timers" (
	"workspace_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "lead_timers_workspace_id_lead_id_pk" PRIMARY KEY("workspace_id","lead_id")
);
--> statement-breakpoint
CREATE TABLE "member_availability" (
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"time_zone" text,
	"hours" jsonb,
	"vacations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"away" boolean DEFAULT false NOT NULL,
	"capacity" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_availability_workspace_id_member_id_pk" PRIMARY KEY("workspace_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"strategy" text NOT NULL,
	"team_id" uuid,
	"member_id" uuid,
	"cursor_member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routing_rules_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "routing_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"hours" jsonb,
	"production_calendar" text DEFAULT 'ru' NOT NULL,
	"catalog" text[] DEFAULT '{}'::text[] NOT NULL,
	"weights" jsonb,
	"weights_source" text DEFAULT 'default' NOT NULL,
	"fitted_at" timestamp with time zone,
	"last_fit" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"channels" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_priority" integer,
	"response_seconds" integer NOT NULL,
	"business_hours" boolean DEFAULT false NOT NULL,
	"warn_percent" integer DEFAULT 80 NOT NULL,
	"max_moves" integer DEFAULT 2 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "priority_score" integer;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "priority_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "queue_team_id" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "first_responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "first_responded_by" uuid;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "moves" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "lead_assignments_lead_idx" ON "lead_assignments" USING btree ("workspace_id","lead_id","assigned_at");--> statement-breakpoint
CREATE INDEX "lead_assignments_member_idx" ON "lead_assignments" USING btree ("workspace_id","member_id","assigned_at");--> statement-breakpoint
CREATE INDEX "lead_assignments_assigned_idx" ON "lead_assignments" USING btree ("workspace_id","assigned_at");--> statement-breakpoint
CREATE INDEX "lead_timers_due_idx" ON "lead_timers" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "routing_rules_position_idx" ON "routing_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "leads_open_load_idx" ON "leads" USING btree ("workspace_id","assignee_id") WHERE status in ('new', 'in_work', 'qualified');