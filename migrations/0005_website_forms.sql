CREATE TABLE "form_rate_counters" (
	"workspace_id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"ip" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "form_rate_counters_workspace_id_form_id_ip_pk" PRIMARY KEY("workspace_id","form_id","ip")
);
--> statement-breakpoint
CREATE TABLE "form_submissions" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"form_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"lead_id" uuid,
	"conversation_id" uuid,
	"consent" jsonb,
	"page_url" text,
	"referrer" text,
	"utm" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"name" text NOT NULL,
	"fields" jsonb NOT NULL,
	"consent_text" text,
	"consent_version" integer DEFAULT 1 NOT NULL,
	"thank_you" text NOT NULL,
	"allowed_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"rate_limit_per_minute" integer DEFAULT 30 NOT NULL,
	"callback_button" boolean DEFAULT false NOT NULL,
	"public_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "forms_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_workspace_id_form_id_forms_workspace_id_id_fk" FOREIGN KEY ("workspace_id","form_id") REFERENCES "public"."forms"("workspace_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "form_submissions_external_uq" ON "form_submissions" USING btree ("workspace_id","form_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "forms_public_key_uq" ON "forms" USING btree ("public_key");--> statement-breakpoint
CREATE INDEX "forms_channel_idx" ON "forms" USING btree ("workspace_id","channel_id");