CREATE TABLE "destruction_acts" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"items" jsonb NOT NULL,
	"changed" jsonb NOT NULL,
	"responsible_id" uuid,
	"responsible_name" text,
	"pdf" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "destruction_acts_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "retention_erased" (
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"act_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_erased_workspace_id_kind_record_id_pk" PRIMARY KEY("workspace_id","kind","record_id")
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"months" integer NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_rules_workspace_id_kind_pk" PRIMARY KEY("workspace_id","kind")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "destruction_acts_number_idx" ON "destruction_acts" USING btree ("workspace_id","number");