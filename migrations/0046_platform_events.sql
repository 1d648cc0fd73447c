-- Domain events from facts recorded in SQL (src/platform/events/events.ts): a trigger calls
-- voronka_emit_event, which queues a `platform.event` job (unique per type and key) when the
-- workspace has a listener for the type (event_interest); the job hands the event to the listeners.
CREATE OR REPLACE FUNCTION voronka_emit_event(ws uuid, event_type text, event_key text, entity text, record uuid, deal uuid)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM event_interest i WHERE i.workspace_id = ws AND i.type = event_type) THEN
    INSERT INTO jobs (id, tenant_id, name, key, payload, run_at, max_attempts)
    VALUES (gen_random_uuid(), ws, 'platform.event', event_type || ':' || event_key,
      jsonb_build_object('type', event_type, 'key', event_key, 'entity', entity, 'id', record, 'dealId', deal),
      now(), 5)
    ON CONFLICT DO NOTHING;
  END IF;
END $$;
--> statement-breakpoint
-- Runs made before runs named their record were all about deals.
UPDATE automation_runs SET record_id = deal_id WHERE record_id IS NULL;
--> statement-breakpoint
-- The rules' trigger kinds as the event interest of automation.
INSERT INTO event_interest (workspace_id, listener, type)
SELECT DISTINCT workspace_id, 'automation', trigger_kind FROM automation_rules
WHERE enabled AND deleted_at IS NULL
ON CONFLICT DO NOTHING;
