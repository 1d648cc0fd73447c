CREATE TABLE "call_extensions" (
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"extension" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_extensions_workspace_id_member_id_pk" PRIMARY KEY("workspace_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "outgoing_calls" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"member_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"extension" text NOT NULL,
	"phone" text NOT NULL,
	"phone_key" text NOT NULL,
	"contact_id" uuid,
	"company_id" uuid,
	"deal_id" uuid,
	"lead_id" uuid,
	"call_list_id" uuid,
	"call_list_item_id" uuid,
	"status" text NOT NULL,
	"call_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outgoing_calls_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "call_list_items" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"call_list_id" uuid NOT NULL,
	"position" text NOT NULL,
	"contact_id" uuid,
	"company_id" uuid,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"assignee_id" uuid,
	"claimed_at" timestamp with time zone,
	"outcome" text,
	"reason" text,
	"note" text,
	"call_back_at" timestamp with time zone,
	"task_id" uuid,
	"lead_id" uuid,
	"done_at" timestamp with time zone,
	CONSTRAINT "call_list_items_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "call_lists" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"manager_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"script" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_lists_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "outgoing_calls_key_uq" ON "outgoing_calls" USING btree ("workspace_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "outgoing_calls_phone_idx" ON "outgoing_calls" USING btree ("workspace_id","phone_key","created_at");--> statement-breakpoint
CREATE INDEX "call_list_items_next_idx" ON "call_list_items" USING btree ("workspace_id","call_list_id","done_at","position");