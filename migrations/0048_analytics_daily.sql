CREATE TABLE "analytics_dirty_days" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_dirty_days_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_fresh_days" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tz" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_fresh_days_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "analytics_funnel_daily" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"owner_id" uuid,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"part" text NOT NULL,
	"key" text,
	"minutes" integer,
	"n" bigint NOT NULL,
	"a" bigint DEFAULT 0 NOT NULL,
	"b" bigint DEFAULT 0 NOT NULL,
	"c" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_funnel_daily_idx" ON "analytics_funnel_daily" USING btree ("workspace_id","pipeline_id","day");--> statement-breakpoint
CREATE INDEX "leads_deal_idx" ON "leads" USING btree ("workspace_id","deal_id") WHERE "leads"."deal_id" is not null;--> statement-breakpoint
-- The funnel's daily aggregate is void for a past day once one of its deals changes (analytics
-- DESIGN.md "Daily aggregates"). Statement triggers with transition tables: a bulk write marks each
-- day once. Today is never marked (reports read today live), so writers of new deals never queue
-- on one row. A day is the deal's creation day in the workspace's zone.
-- days: [{ws, day}] (the callers group their rows by day in the workspace's zone).
CREATE OR REPLACE FUNCTION voronka_analytics_mark(days jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_dirty_days (workspace_id, day)
  SELECT DISTINCT m.ws, m.day
  FROM jsonb_to_recordset(coalesce(days, '[]')) AS m(ws uuid, day date)
  JOIN workspaces w ON w.id = m.ws
  WHERE m.day < (now() AT TIME ZONE w.timezone)::date
  ON CONFLICT (workspace_id, day) DO UPDATE SET marked_at = excluded.marked_at
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION voronka_analytics_deals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM voronka_analytics_mark((SELECT jsonb_agg(DISTINCT jsonb_build_object('ws', n.workspace_id, 'day', (n.created_at AT TIME ZONE w.timezone)::date)) FROM new_rows n JOIN workspaces w ON w.id = n.workspace_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM voronka_analytics_mark((SELECT jsonb_agg(DISTINCT jsonb_build_object('ws', o.workspace_id, 'day', (o.created_at AT TIME ZONE w.timezone)::date)) FROM old_rows o JOIN workspaces w ON w.id = o.workspace_id));
  ELSE
    PERFORM voronka_analytics_mark((SELECT jsonb_agg(DISTINCT jsonb_build_object('ws', x.ws, 'day', (x.at AT TIME ZONE w.timezone)::date))
      FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
        JOIN workspaces w ON w.id = n.workspace_id,
        LATERAL (VALUES (n.workspace_id, n.created_at), (o.workspace_id, o.created_at)) x(ws, at)
      WHERE (n.stage_id, n.pipeline_id, n.amount, n.owner_id, n.lost_reason_id, n.closed_at, n.created_at)
        IS DISTINCT FROM (o.stage_id, o.pipeline_id, o.amount, o.owner_id, o.lost_reason_id, o.closed_at, o.created_at)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_deals_inserted ON deals;
--> statement-breakpoint
CREATE TRIGGER analytics_deals_inserted AFTER INSERT ON deals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deals_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_deals_updated ON deals;
--> statement-breakpoint
CREATE TRIGGER analytics_deals_updated AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deals_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_deals_deleted ON deals;
--> statement-breakpoint
CREATE TRIGGER analytics_deals_deleted AFTER DELETE ON deals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deals_changed();
--> statement-breakpoint
-- The stage history and the requests converted into a deal (its sources) void the deal's day; a
-- history row whose deal is gone (a cascade) was marked by the deal's own trigger.
CREATE OR REPLACE FUNCTION voronka_analytics_deal_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM voronka_analytics_mark((SELECT jsonb_agg(DISTINCT jsonb_build_object('ws', d.workspace_id, 'day', (d.created_at AT TIME ZONE w.timezone)::date))
      FROM (SELECT DISTINCT workspace_id, deal_id FROM new_rows WHERE deal_id IS NOT NULL) r
      JOIN deals d ON d.workspace_id = r.workspace_id AND d.id = r.deal_id
      JOIN workspaces w ON w.id = d.workspace_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM voronka_analytics_mark((SELECT jsonb_agg(DISTINCT jsonb_build_object('ws', d.workspace_id, 'day', (d.created_at AT TIME ZONE w.timezone)::date))
      FROM (SELECT DISTINCT workspace_id, deal_id FROM old_rows WHERE deal_id IS NOT NULL) r
      JOIN deals d ON d.workspace_id = r.workspace_id AND d.id = r.deal_id
      JOIN workspaces w ON w.id = d.workspace_id));
  ELSE
    PERFORM voronka_analytics_mark((SELECT jsonb_agg(DISTINCT jsonb_build_object('ws', d.workspace_id, 'day', (d.created_at AT TIME ZONE w.timezone)::date))
      FROM (SELECT DISTINCT workspace_id, deal_id FROM new_rows WHERE deal_id IS NOT NULL
            UNION SELECT DISTINCT workspace_id, deal_id FROM old_rows WHERE deal_id IS NOT NULL) r
      JOIN deals d ON d.workspace_id = r.workspace_id AND d.id = r.deal_id
      JOIN workspaces w ON w.id = d.workspace_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_history_inserted ON deal_stage_history;
--> statement-breakpoint
CREATE TRIGGER analytics_history_inserted AFTER INSERT ON deal_stage_history REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deal_rows_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_history_updated ON deal_stage_history;
--> statement-breakpoint
CREATE TRIGGER analytics_history_updated AFTER UPDATE ON deal_stage_history REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deal_rows_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_history_deleted ON deal_stage_history;
--> statement-breakpoint
CREATE TRIGGER analytics_history_deleted AFTER DELETE ON deal_stage_history REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deal_rows_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_leads_inserted ON leads;
--> statement-breakpoint
CREATE TRIGGER analytics_leads_inserted AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deal_rows_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_leads_updated ON leads;
--> statement-breakpoint
CREATE TRIGGER analytics_leads_updated AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deal_rows_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_leads_deleted ON leads;
--> statement-breakpoint
CREATE TRIGGER analytics_leads_deleted AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_deal_rows_changed();
--> statement-breakpoint
-- A stage's order or kind decides every deal's reach: its workspace's aggregate is void.
CREATE OR REPLACE FUNCTION voronka_analytics_stages_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM analytics_fresh_days f WHERE f.workspace_id IN (SELECT DISTINCT workspace_id FROM old_rows);
  ELSE
    DELETE FROM analytics_fresh_days f WHERE f.workspace_id IN (SELECT DISTINCT n.workspace_id
      FROM new_rows n JOIN old_rows o ON o.workspace_id = n.workspace_id AND o.id = n.id
      WHERE (n.position, n.kind, n.pipeline_id) IS DISTINCT FROM (o.position, o.kind, o.pipeline_id));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_stages_updated ON stages;
--> statement-breakpoint
CREATE TRIGGER analytics_stages_updated AFTER UPDATE ON stages REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_stages_changed();
--> statement-breakpoint
DROP TRIGGER IF EXISTS analytics_stages_deleted ON stages;
--> statement-breakpoint
CREATE TRIGGER analytics_stages_deleted AFTER DELETE ON stages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION voronka_analytics_stages_changed();
