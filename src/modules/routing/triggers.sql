-- Routing's bookkeeping in the database: the single source of routing's triggers. Edit here, then
-- copy this file whole into a new custom migration (`npx drizzle-kit generate --custom --name
-- routing_triggers`); triggers.test.ts fails while the newest such migration differs from it.
-- Every statement is re-runnable (CREATE OR REPLACE FUNCTION, DROP TRIGGER IF EXISTS + CREATE).
-- Why triggers and not calls: see DESIGN.md ("Bookkeeping in the database").

-- 1. leads_routed — every new request gets its routing row (lead_routing), and is routed: its
-- 'route' timer is due at once (imports and requests entered already worked are not). A request
-- that arrived (not an import) is the domain event lead.received (platform/events: a job only when
-- the workspace listens for it).
CREATE OR REPLACE FUNCTION voronka_lead_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_routing (workspace_id, lead_id) VALUES (NEW.workspace_id, NEW.id)
  ON CONFLICT DO NOTHING;
  IF NEW.channel <> 'import' AND NEW.status = 'new' THEN
    INSERT INTO lead_timers (workspace_id, lead_id, kind, due_at) VALUES (NEW.workspace_id, NEW.id, 'route', now())
    ON CONFLICT DO NOTHING;
  END IF;
  IF NEW.channel <> 'import' THEN
    PERFORM voronka_emit_event(NEW.workspace_id, 'lead.received', NEW.id::text, 'lead', NEW.id, NULL);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_routed ON leads;
--> statement-breakpoint
CREATE TRIGGER leads_routed AFTER INSERT ON leads FOR EACH ROW EXECUTE FUNCTION voronka_lead_inserted();
--> statement-breakpoint

-- 2. leads_status_response — a status change out of "new" is a first response (by whoever holds
-- the request). It fires after leads_reassigned (triggers of one event fire in name order), which
-- counts such a change in the same statement as the answer already.
CREATE OR REPLACE FUNCTION voronka_lead_status_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lead_routing SET first_responded_at = now(), first_responded_by = NEW.assignee_id
    WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.id AND first_responded_at IS NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_status_response ON leads;
--> statement-breakpoint
CREATE TRIGGER leads_status_response AFTER UPDATE OF status ON leads FOR EACH ROW
  WHEN (OLD.status = 'new' AND NEW.status <> 'new') EXECUTE FUNCTION voronka_lead_status_response();
--> statement-breakpoint

-- 3. lead_routing_responded — once answered: the assignment in force is marked responded (and by
-- whom, so the SLA report credits them) and the pending warning or breach is dropped (a 'route'
-- timer stays: the request is still scored and recorded). The first answer is the domain event
-- lead.answered (a reply counts once its provider accepted it: see messages_response).
CREATE OR REPLACE FUNCTION voronka_lead_responded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lead_assignments SET responded_at = NEW.first_responded_at, responded_by = NEW.first_responded_by
    WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.lead_id AND ended_at IS NULL AND responded_at IS NULL;
  DELETE FROM lead_timers WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.lead_id AND kind <> 'route';
  PERFORM voronka_emit_event(NEW.workspace_id, 'lead.answered', NEW.lead_id::text, 'lead', NEW.lead_id, NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_responded ON leads;
--> statement-breakpoint
DROP TRIGGER IF EXISTS lead_routing_responded ON lead_routing;
--> statement-breakpoint
CREATE TRIGGER lead_routing_responded AFTER UPDATE ON lead_routing FOR EACH ROW
  WHEN (OLD.first_responded_at IS NULL AND NEW.first_responded_at IS NOT NULL) EXECUTE FUNCTION voronka_lead_responded();
--> statement-breakpoint

-- 4. leads_reassigned — an assignee changed by a person (not by the routing worker, which sets
-- voronka.routing and records its own reason): the change is an assignment with reason "manual";
-- the request's conversations follow its assignee. The new assignment carries the deadline while
-- the request is unanswered (a status change out of "new" in the same statement answers it).
CREATE OR REPLACE FUNCTION voronka_lead_reassigned() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  due timestamptz;
BEGIN
  IF coalesce(current_setting('voronka.routing', true), '') <> 'on' THEN
    UPDATE lead_assignments SET ended_at = now()
      WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.id AND ended_at IS NULL;
    IF NEW.assignee_id IS NOT NULL THEN
      SELECT r.first_response_due_at INTO due FROM lead_routing r
        WHERE r.workspace_id = NEW.workspace_id AND r.lead_id = NEW.id AND r.first_responded_at IS NULL
          AND NOT (OLD.status = 'new' AND NEW.status <> 'new');
      INSERT INTO lead_assignments (workspace_id, id, lead_id, member_id, channel, reason, assigned_at, due_at)
      VALUES (NEW.workspace_id, gen_random_uuid(), NEW.id, NEW.assignee_id, NEW.channel,
        '{"code":"manual","ruleId":null,"ruleName":null,"strategy":null,"detail":{}}'::jsonb, now(), due);
    END IF;
  END IF;
  UPDATE conversations SET assignee_id = NEW.assignee_id
    WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.id AND assignee_id IS DISTINCT FROM NEW.assignee_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_reassigned ON leads;
--> statement-breakpoint
CREATE TRIGGER leads_reassigned AFTER UPDATE OF assignee_id ON leads FOR EACH ROW
  WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id) EXECUTE FUNCTION voronka_lead_reassigned();
--> statement-breakpoint

-- 5. conversations_reassigned — a conversation assigned in the inbox assigns its request (and so
-- records the assignment).
CREATE OR REPLACE FUNCTION voronka_conversation_reassigned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.lead_id IS NOT NULL THEN
    UPDATE leads SET assignee_id = NEW.assignee_id, updated_at = now()
      WHERE workspace_id = NEW.workspace_id AND id = NEW.lead_id AND assignee_id IS DISTINCT FROM NEW.assignee_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS conversations_reassigned ON conversations;
--> statement-breakpoint
CREATE TRIGGER conversations_reassigned AFTER UPDATE OF assignee_id ON conversations FOR EACH ROW
  WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id) EXECUTE FUNCTION voronka_conversation_reassigned();
--> statement-breakpoint

-- 6. messages_response — a member's reply to the client is a first response when the provider
-- accepted it (status 'sent'), not when it was queued: a reply never delivered leaves the request
-- unanswered and its clock running. A call logged as the reply is stored already 'sent'.
CREATE OR REPLACE FUNCTION voronka_message_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lead_routing r SET first_responded_at = coalesce(NEW.sent_at, now()), first_responded_by = NEW.author_id
    FROM conversations c
    WHERE c.workspace_id = NEW.workspace_id AND c.id = NEW.conversation_id
      AND r.workspace_id = c.workspace_id AND r.lead_id = c.lead_id AND r.first_responded_at IS NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS messages_response ON messages;
--> statement-breakpoint
CREATE TRIGGER messages_response AFTER INSERT OR UPDATE OF status ON messages FOR EACH ROW
  WHEN (NEW.direction = 'out' AND NEW.author_id IS NOT NULL AND NEW.status = 'sent') EXECUTE FUNCTION voronka_message_response();
--> statement-breakpoint

-- 7. activities_response — an outgoing call to the client (from the PBX) once it connected (answered,
-- or ended with talk time: a ring nobody picked up is no response), or a call or e-mail a member
-- logged on the request, is a first response.
CREATE OR REPLACE FUNCTION voronka_activity_response() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  by_member uuid;
BEGIN
  IF NEW.actor_id IS NOT NULL THEN
    by_member := NEW.actor_id;
  ELSIF NEW.kind = 'call' AND NEW.data->>'direction' = 'out'
    AND (NEW.data->>'event' = 'answered' OR coalesce(NEW.data->>'durationSec', '0') ~ '^[1-9]') THEN
    by_member := CASE WHEN NEW.data->>'managerId' ~ '^[0-9a-fA-F-]{36}$' THEN (NEW.data->>'managerId')::uuid END;
  ELSE
    RETURN NULL;
  END IF;
  UPDATE lead_routing SET first_responded_at = now(), first_responded_by = by_member
    WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.lead_id AND first_responded_at IS NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS activities_response ON activities;
--> statement-breakpoint
CREATE TRIGGER activities_response AFTER INSERT OR UPDATE OF data ON activities FOR EACH ROW
  WHEN (NEW.lead_id IS NOT NULL AND NEW.kind IN ('call', 'email')) EXECUTE FUNCTION voronka_activity_response();
--> statement-breakpoint

-- 8. leads_member_load — each member's open load (requests new, in work or qualified assigned to
-- them) kept as a counter, so routing reads it in O(1). A change of one request's status or assignee
-- moves one unit between counters in the same transaction (row trigger). Inserts and deletes are
-- counted once per statement from its transition table, one counter write per member: a bulk insert
-- of 40,000 requests for one manager wrote that manager's counter 40,000 times in one transaction,
-- and each write had to step over the versions the earlier ones left (quadratic: 17.2 s against
-- 2.6 s unassigned). (UPDATE keeps a row trigger: a trigger with transition tables cannot name
-- columns, and would copy every updated lead for every update of any column.)
CREATE OR REPLACE FUNCTION voronka_member_load() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := OLD.assignee_id IS NOT NULL AND OLD.status IN ('new', 'in_work', 'qualified');
  is_open boolean := NEW.assignee_id IS NOT NULL AND NEW.status IN ('new', 'in_work', 'qualified');
  moved boolean := OLD.assignee_id IS DISTINCT FROM NEW.assignee_id;
BEGIN
  IF was AND (NOT is_open OR moved) THEN
    UPDATE member_loads SET open = open - 1 WHERE workspace_id = OLD.workspace_id AND member_id = OLD.assignee_id;
  END IF;
  IF is_open AND (NOT was OR moved) THEN
    INSERT INTO member_loads (workspace_id, member_id, open) VALUES (NEW.workspace_id, NEW.assignee_id, 1)
    ON CONFLICT (workspace_id, member_id) DO UPDATE SET open = member_loads.open + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION voronka_member_load_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_loads (workspace_id, member_id, open)
  SELECT workspace_id, assignee_id, count(*) FROM added_leads
  WHERE assignee_id IS NOT NULL AND status IN ('new', 'in_work', 'qualified')
  GROUP BY workspace_id, assignee_id
  ON CONFLICT (workspace_id, member_id) DO UPDATE SET open = member_loads.open + excluded.open;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION voronka_member_load_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE member_loads m SET open = m.open - r.n
  FROM (
    SELECT workspace_id, assignee_id, count(*) AS n FROM removed_leads
    WHERE assignee_id IS NOT NULL AND status IN ('new', 'in_work', 'qualified')
    GROUP BY workspace_id, assignee_id
  ) r
  WHERE m.workspace_id = r.workspace_id AND m.member_id = r.assignee_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_member_load ON leads;
--> statement-breakpoint
CREATE TRIGGER leads_member_load AFTER UPDATE OF status, assignee_id ON leads FOR EACH ROW EXECUTE FUNCTION voronka_member_load();
--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_member_load_added ON leads;
--> statement-breakpoint
CREATE TRIGGER leads_member_load_added AFTER INSERT ON leads REFERENCING NEW TABLE AS added_leads FOR EACH STATEMENT EXECUTE FUNCTION voronka_member_load_added();
--> statement-breakpoint
DROP TRIGGER IF EXISTS leads_member_load_removed ON leads;
--> statement-breakpoint
CREATE TRIGGER leads_member_load_removed AFTER DELETE ON leads REFERENCING OLD TABLE AS removed_leads FOR EACH STATEMENT EXECUTE FUNCTION voronka_member_load_removed();
