-- No double booking, ever: two confirmed bookings of one host may not have overlapping blocked
-- ranges (the meeting with its buffers). btree_gist (created before the migrations run) gives the
-- gist operator class for the uuid equality columns.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap" EXCLUDE USING gist (
  "workspace_id" WITH =,
  "host_id" WITH =,
  tstzrange("blocked_from", "blocked_to", '[)') WITH &&
) WHERE ("status" = 'confirmed');--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_blocked_range" CHECK ("blocked_from" < "blocked_to" AND "blocked_from" <= "starts_at" AND "ends_at" <= "blocked_to");
