CREATE TABLE "consent_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"text_version" text,
	"text" text,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ip" text,
	"member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "personal_data_access" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_id" uuid,
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"how" text NOT NULL,
	"detail" jsonb,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personal_data_access_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"note" text,
	"answer" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"export_status" text,
	"export_done" integer DEFAULT 0 NOT NULL,
	"export_total" integer DEFAULT 0 NOT NULL,
	"export_content" "bytea",
	"export_size" integer,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_requests_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "consent_events_contact_idx" ON "consent_events" USING btree ("workspace_id","contact_id","at");--> statement-breakpoint
CREATE INDEX "personal_data_access_member_idx" ON "personal_data_access" USING btree ("workspace_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "personal_data_access_record_idx" ON "personal_data_access" USING btree ("workspace_id","record_id","created_at");--> statement-breakpoint
CREATE INDEX "privacy_requests_due_idx" ON "privacy_requests" USING btree ("workspace_id","status","due_at");