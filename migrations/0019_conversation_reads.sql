CREATE TABLE "conversation_reads" (
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"last_read_message_id" uuid,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_reads_workspace_id_member_id_conversation_id_pk" PRIMARY KEY("workspace_id","member_id","conversation_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_reads" ADD CONSTRAINT "conversation_reads_workspace_id_conversation_id_conversations_workspace_id_id_fk" FOREIGN KEY ("workspace_id","conversation_id") REFERENCES "public"."conversations"("workspace_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_reads_conversation_idx" ON "conversation_reads" USING btree ("workspace_id","conversation_id");--> statement-breakpoint
-- Read state becomes each member's own. Every active member starts where the shared counter stood:
-- read up to the newest message before the conversation's last `unread` countable inbound ones.
INSERT INTO "conversation_reads" ("workspace_id", "member_id", "conversation_id", "last_read_message_id")
SELECT c."workspace_id", mb."id", c."id", (
  SELECT m."id" FROM "messages" m
  WHERE m."workspace_id" = c."workspace_id" AND m."conversation_id" = c."id"
    AND m."id" < coalesce((
      SELECT u."id" FROM (
        SELECT m2."id" FROM "messages" m2
        WHERE m2."workspace_id" = c."workspace_id" AND m2."conversation_id" = c."id" AND m2."direction" = 'in' AND (m2."call" IS NULL OR m2."call"->>'event' = 'missed')
        ORDER BY m2."id" DESC LIMIT c."unread"
      ) u ORDER BY u."id" LIMIT 1
    ), 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)
  ORDER BY m."id" DESC LIMIT 1
)
FROM "conversations" c JOIN "members" mb ON mb."workspace_id" = c."workspace_id" AND mb."status" = 'active';--> statement-breakpoint
ALTER TABLE "conversations" DROP COLUMN "unread";