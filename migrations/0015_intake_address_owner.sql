ALTER TABLE "channels" ADD COLUMN "disabled_reason" text;--> statement-breakpoint
-- Before the index: an intake address typed by more than one e-mail channel (in any workspaces) stays
-- with the oldest channel (created_at, then id); each other one is switched off, its address moved
-- to settings.intakeAddressReleased, and the reason recorded, so nothing is silently shared.
WITH ranked AS (
  SELECT workspace_id, id, row_number() OVER (PARTITION BY lower(btrim(settings ->> 'intakeAddress')) ORDER BY created_at, id) AS n
  FROM channels
  WHERE kind = 'email' AND coalesce(btrim(settings ->> 'intakeAddress'), '') <> ''
)
UPDATE channels c
SET enabled = false,
  disabled_reason = 'intake address ' || btrim(c.settings ->> 'intakeAddress') || ' belongs to an older channel',
  settings = (c.settings - 'intakeAddress') || jsonb_build_object('intakeAddressReleased', c.settings -> 'intakeAddress'),
  updated_at = now()
FROM ranked r
WHERE r.workspace_id = c.workspace_id AND r.id = c.id AND r.n > 1;--> statement-breakpoint
CREATE UNIQUE INDEX "channels_intake_address_uq" ON "channels" USING btree (lower(btrim("settings" ->> 'intakeAddress'))) WHERE "channels"."kind" = 'email' and coalesce(btrim("channels"."settings" ->> 'intakeAddress'), '') <> '';
