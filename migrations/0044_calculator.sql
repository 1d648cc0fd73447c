CREATE TABLE "calculator_versions" (
	"workspace_id" uuid NOT NULL,
	"calculator_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "calculator_versions_workspace_id_calculator_id_version_pk" PRIMARY KEY("workspace_id","calculator_id","version")
);
--> statement-breakpoint
CREATE TABLE "calculators" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"form_id" uuid,
	"draft_version" integer,
	"published_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "calculators_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "calculator_versions" ADD CONSTRAINT "calculator_versions_workspace_id_calculator_id_calculators_workspace_id_id_fk" FOREIGN KEY ("workspace_id","calculator_id") REFERENCES "public"."calculators"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calculators" ADD CONSTRAINT "calculators_workspace_id_form_id_forms_workspace_id_id_fk" FOREIGN KEY ("workspace_id","form_id") REFERENCES "public"."forms"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calculators_public_key_uq" ON "calculators" USING btree ("public_key");