CREATE TABLE "calendar_attendees" (
	"workspace_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_attendees_workspace_id_event_id_member_id_pk" PRIMARY KEY("workspace_id","event_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_events" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"all_day" boolean DEFAULT false NOT NULL,
	"time_zone" text NOT NULL,
	"location_kind" text,
	"location" text,
	"video_url" text,
	"contact_id" uuid,
	"company_id" uuid,
	"deal_id" uuid,
	"lead_id" uuid,
	"task_id" uuid,
	"rrule" text,
	"recurs_until" timestamp with time zone,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"reminders" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"source" text,
	"source_id" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_events_workspace_id_id_pk" PRIMARY KEY("workspace_id","id"),
	CONSTRAINT "calendar_events_order" CHECK ("calendar_events"."ends_at" >= "calendar_events"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_workspace_id_member_id_pk" PRIMARY KEY("workspace_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_reminders_sent" (
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_reminders_sent_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
ALTER TABLE "calendar_attendees" ADD CONSTRAINT "calendar_attendees_workspace_id_event_id_calendar_events_workspace_id_id_fk" FOREIGN KEY ("workspace_id","event_id") REFERENCES "public"."calendar_events"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_attendees_member_idx" ON "calendar_attendees" USING btree ("workspace_id","member_id");--> statement-breakpoint
CREATE INDEX "calendar_events_owner_start_idx" ON "calendar_events" USING btree ("workspace_id","owner_id","starts_at");--> statement-breakpoint
CREATE INDEX "calendar_events_recurring_idx" ON "calendar_events" USING btree ("workspace_id","owner_id") WHERE "calendar_events"."rrule" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_events_source_uq" ON "calendar_events" USING btree ("workspace_id","source","source_id") WHERE "calendar_events"."source" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_uq" ON "calendar_feeds" USING btree ("token_hash");