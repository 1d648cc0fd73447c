ALTER TABLE "messages" ADD COLUMN "delivery" jsonb;--> statement-breakpoint
ALTER TABLE "lead_assignments" ADD COLUMN "responded_by" uuid;--> statement-breakpoint

-- A reply counts as the first response when the provider accepted it (status 'sent'), not when it
-- was queued: a reply that is never delivered (a website form has no way back, the mail server
-- refused) leaves the request unanswered and its SLA clock running. A call the member logged as the
-- reply is stored already 'sent'. The response time is when it was sent.
CREATE OR REPLACE FUNCTION voronka_message_response() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE leads l SET first_responded_at = coalesce(NEW.sent_at, now()), first_responded_by = NEW.author_id
    FROM conversations c
    WHERE c.workspace_id = NEW.workspace_id AND c.id = NEW.conversation_id
      AND l.workspace_id = c.workspace_id AND l.id = c.lead_id AND l.first_responded_at IS NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS messages_response ON messages;
--> statement-breakpoint
CREATE TRIGGER messages_response AFTER INSERT OR UPDATE OF status ON messages FOR EACH ROW
  WHEN (NEW.direction = 'out' AND NEW.author_id IS NOT NULL AND NEW.status = 'sent') EXECUTE FUNCTION voronka_message_response();
--> statement-breakpoint

-- The assignment in force records who answered, so the SLA report credits them.
CREATE OR REPLACE FUNCTION voronka_lead_responded() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lead_assignments SET responded_at = NEW.first_responded_at, responded_by = NEW.first_responded_by
    WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.id AND ended_at IS NULL AND responded_at IS NULL;
  DELETE FROM lead_timers WHERE workspace_id = NEW.workspace_id AND lead_id = NEW.id AND kind <> 'route';
  RETURN NULL;
END $$;
--> statement-breakpoint
UPDATE lead_assignments a SET responded_by = l.first_responded_by
  FROM leads l
  WHERE l.workspace_id = a.workspace_id AND l.id = a.lead_id AND a.responded_at IS NOT NULL AND a.responded_by IS NULL AND l.first_responded_by IS NOT NULL;
