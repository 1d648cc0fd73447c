CREATE TABLE "sales_plans" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period" text NOT NULL,
	"start" date NOT NULL,
	"scope" text NOT NULL,
	"scope_id" uuid,
	"basis" text NOT NULL,
	"amount" bigint NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_plans_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "sales_plans_uq" UNIQUE NULLS NOT DISTINCT("workspace_id","period","start","scope","scope_id","basis")
);
--> statement-breakpoint
CREATE INDEX "sales_plans_start_idx" ON "sales_plans" USING btree ("workspace_id","start");--> statement-breakpoint
CREATE INDEX "activities_at_idx" ON "activities" USING btree ("workspace_id","at");--> statement-breakpoint
CREATE INDEX "deals_created_idx" ON "deals" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "deals_closed_idx" ON "deals" USING btree ("workspace_id","closed_at");