CREATE TABLE "bookings" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_type_id" uuid NOT NULL,
	"host_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_from" timestamp with time zone NOT NULL,
	"blocked_to" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"time_zone" text,
	"locale" text DEFAULT 'ru' NOT NULL,
	"contact_id" uuid,
	"lead_id" uuid,
	"event_id" uuid,
	"previous_id" uuid,
	"link_nonce" text NOT NULL,
	"ip" text,
	"mail_subject" text,
	"mail_text" text,
	"mail_sent_at" timestamp with time zone,
	"mail_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "bookings_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "meeting_types" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"duration_min" integer NOT NULL,
	"buffer_before_min" integer DEFAULT 0 NOT NULL,
	"buffer_after_min" integer DEFAULT 0 NOT NULL,
	"min_notice_min" integer DEFAULT 60 NOT NULL,
	"horizon_days" integer DEFAULT 30 NOT NULL,
	"daily_limit" integer,
	"location_kind" text DEFAULT 'video' NOT NULL,
	"location_detail" text DEFAULT '' NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"host_mode" text DEFAULT 'named' NOT NULL,
	"hosts" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "meeting_types_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "bookings_host_time_idx" ON "bookings" USING btree ("workspace_id","host_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_type_idx" ON "bookings" USING btree ("workspace_id","meeting_type_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_types_slug_uq" ON "meeting_types" USING btree ("workspace_id","slug") WHERE "meeting_types"."deleted_at" is null;