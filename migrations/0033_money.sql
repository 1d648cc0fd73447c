CREATE TABLE "bank_statement_lines" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"doc_key" text NOT NULL,
	"direction" text NOT NULL,
	"number" text NOT NULL,
	"date" date NOT NULL,
	"amount_kopecks" bigint NOT NULL,
	"payer_name" text NOT NULL,
	"payer_inn" text,
	"payer_kpp" text,
	"payer_account" text,
	"payee_account" text,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"confidence" real DEFAULT 0 NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statement_lines_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "bank_statements" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"accounts" text[] DEFAULT '{}'::text[] NOT NULL,
	"date_from" date,
	"date_to" date,
	"counts" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statements_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "money_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"paid_stage_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"workspace_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"amount_kopecks" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_allocations_workspace_id_payment_id_invoice_id_pk" PRIMARY KEY("workspace_id","payment_id","invoice_id")
);
--> statement-breakpoint
CREATE TABLE "payment_terms" (
	"workspace_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"kind" text NOT NULL,
	"days" integer DEFAULT 0 NOT NULL,
	"credit_limit_kopecks" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_terms_workspace_id_subject_id_pk" PRIMARY KEY("workspace_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"date" date NOT NULL,
	"amount_kopecks" bigint NOT NULL,
	"payer_name" text NOT NULL,
	"payer_inn" text,
	"payer_kpp" text,
	"payer_account" text,
	"purpose" text DEFAULT '' NOT NULL,
	"bank_doc_number" text,
	"company_id" uuid,
	"owner_id" uuid,
	"source" text NOT NULL,
	"statement_line_id" uuid,
	"created_by" uuid,
	"reversed_at" timestamp with time zone,
	"reversed_by" uuid,
	"reverse_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "bank_statement_lines" ADD CONSTRAINT "bank_statement_lines_workspace_id_statement_id_bank_statements_workspace_id_id_fk" FOREIGN KEY ("workspace_id","statement_id") REFERENCES "public"."bank_statements"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_workspace_id_payment_id_payments_workspace_id_id_fk" FOREIGN KEY ("workspace_id","payment_id") REFERENCES "public"."payments"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statement_lines_key_uq" ON "bank_statement_lines" USING btree ("workspace_id","doc_key");--> statement-breakpoint
CREATE INDEX "bank_statement_lines_status_idx" ON "bank_statement_lines" USING btree ("workspace_id","status","date");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statements_sha_uq" ON "bank_statements" USING btree ("workspace_id","sha256");--> statement-breakpoint
CREATE INDEX "payment_allocations_invoice_idx" ON "payment_allocations" USING btree ("workspace_id","invoice_id");--> statement-breakpoint
CREATE INDEX "payments_list_idx" ON "payments" USING btree ("workspace_id","date","id");--> statement-breakpoint
CREATE INDEX "payments_company_idx" ON "payments" USING btree ("workspace_id","company_id");