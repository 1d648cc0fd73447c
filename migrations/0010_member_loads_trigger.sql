-- Each member's open load (requests new, in work or qualified assigned to them) kept as a counter, so
-- routing reads it in O(1). Every change of a request's status or assignee (and its insert and
-- delete) moves one unit between counters in the same transaction.
CREATE OR REPLACE FUNCTION voronka_member_load() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was boolean := false;
  is_open boolean := false;
  moved boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    was := OLD.assignee_id IS NOT NULL AND OLD.status IN ('new', 'in_work', 'qualified');
  END IF;
  IF TG_OP <> 'DELETE' THEN
    is_open := NEW.assignee_id IS NOT NULL AND NEW.status IN ('new', 'in_work', 'qualified');
  END IF;
  IF TG_OP = 'UPDATE' THEN
    moved := OLD.assignee_id IS DISTINCT FROM NEW.assignee_id;
  END IF;
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
CREATE TRIGGER leads_member_load AFTER INSERT OR DELETE OR UPDATE OF status, assignee_id ON leads FOR EACH ROW EXECUTE FUNCTION voronka_member_load();
--> statement-breakpoint
INSERT INTO member_loads (workspace_id, member_id, open)
  SELECT workspace_id, assignee_id, count(*)::int FROM leads
  WHERE assignee_id IS NOT NULL AND status IN ('new', 'in_work', 'qualified')
  GROUP BY workspace_id, assignee_id
ON CONFLICT (workspace_id, member_id) DO UPDATE SET open = excluded.open;
