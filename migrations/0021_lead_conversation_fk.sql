-- A request keeps the inbox conversation it was raised in (set at intake), so routing reads it
-- from the request. The key goes to another module's table, so it is written here, not in
-- leads/tables.ts; a deleted conversation clears only the link (PostgreSQL 15+: SET NULL of one column).
ALTER TABLE "leads" ADD CONSTRAINT "leads_conversation_fk" FOREIGN KEY ("workspace_id", "conversation_id") REFERENCES "public"."conversations"("workspace_id", "id") ON DELETE SET NULL ("conversation_id") ON UPDATE no action;--> statement-breakpoint
-- Requests raised before: the conversation that links them (the newest, as routing looked it up).
UPDATE "leads" l SET "conversation_id" = c."id"
FROM (
  SELECT DISTINCT ON ("workspace_id", "lead_id") "workspace_id", "lead_id", "id"
  FROM "conversations" WHERE "lead_id" IS NOT NULL
  ORDER BY "workspace_id", "lead_id", "last_message_at" DESC
) c
WHERE l."workspace_id" = c."workspace_id" AND l."id" = c."lead_id";
