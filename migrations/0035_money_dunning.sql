CREATE TABLE "dunning_pauses" (
	"workspace_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"paused_by" uuid,
	"reason" text NOT NULL,
	"until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_pauses_workspace_id_company_id_pk" PRIMARY KEY("workspace_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "dunning_policies" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_policies_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "dunning_runs" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"company_id" uuid,
	"policy_id" uuid NOT NULL,
	"offset_days" integer NOT NULL,
	"channels" jsonb NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "dunning_runs_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_policies_default_uq" ON "dunning_policies" USING btree ("workspace_id") WHERE "dunning_policies"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "dunning_runs_step_uq" ON "dunning_runs" USING btree ("workspace_id","invoice_id","offset_days");--> statement-breakpoint
CREATE INDEX "dunning_runs_company_idx" ON "dunning_runs" USING btree ("workspace_id","company_id","created_at");