CREATE TABLE "document_counters" (
	"workspace_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"type" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "document_counters_workspace_id_legal_entity_id_type_year_pk" PRIMARY KEY("workspace_id","legal_entity_id","type","year")
);
--> statement-breakpoint
CREATE TABLE "document_sends" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"external_id" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "document_sends_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "document_templates" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text,
	"size" integer NOT NULL,
	"placeholders" text[] DEFAULT '{}'::text[] NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_templates_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"deal_id" uuid,
	"company_id" uuid,
	"buyer_name" text,
	"template_id" uuid,
	"bank_account_index" smallint DEFAULT 0 NOT NULL,
	"year" integer,
	"number" integer,
	"date" date NOT NULL,
	"due_date" date,
	"vat_mode" text NOT NULL,
	"upd_status" smallint,
	"basis" text,
	"notes" text,
	"lines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"total_kopecks" bigint DEFAULT 0 NOT NULL,
	"snapshot" jsonb,
	"owner_id" uuid,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "legal_entities" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"inn" text,
	"kpp" text,
	"ogrn" text,
	"address" text,
	"phone" text,
	"bank_accounts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"director" jsonb,
	"accountant" jsonb,
	"vat_payer" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_entities_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "legal_entity_images" (
	"workspace_id" uuid NOT NULL,
	"legal_entity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_entity_images_workspace_id_legal_entity_id_kind_pk" PRIMARY KEY("workspace_id","legal_entity_id","kind")
);
--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_workspace_id_legal_entity_id_legal_entities_workspace_id_id_fk" FOREIGN KEY ("workspace_id","legal_entity_id") REFERENCES "public"."legal_entities"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_entity_images" ADD CONSTRAINT "legal_entity_images_workspace_id_legal_entity_id_legal_entities_workspace_id_id_fk" FOREIGN KEY ("workspace_id","legal_entity_id") REFERENCES "public"."legal_entities"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "document_sends_document_idx" ON "document_sends" USING btree ("workspace_id","document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_uq" ON "documents" USING btree ("workspace_id","legal_entity_id","type","year","number") WHERE "documents"."number" is not null;--> statement-breakpoint
CREATE INDEX "documents_deal_idx" ON "documents" USING btree ("workspace_id","deal_id");--> statement-breakpoint
CREATE INDEX "documents_list_idx" ON "documents" USING btree ("workspace_id","date","id");