CREATE TABLE "do_not_call" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"phone" text NOT NULL,
	"contact_id" uuid,
	"reason" text,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "do_not_call_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "call_list_items" ADD COLUMN "script_path" jsonb;--> statement-breakpoint
ALTER TABLE "call_lists" ADD COLUMN "source" jsonb;--> statement-breakpoint
ALTER TABLE "call_lists" ADD COLUMN "excluded_do_not_call" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "do_not_call_phone_uq" ON "do_not_call" USING btree ("workspace_id","phone");--> statement-breakpoint
CREATE INDEX "do_not_call_contact_idx" ON "do_not_call" USING btree ("workspace_id","contact_id");--> statement-breakpoint
CREATE INDEX "call_list_items_phone_idx" ON "call_list_items" USING btree ("workspace_id","phone");