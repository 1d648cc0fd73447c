-- Who a request is: every web process caches resolved principals (src/platform/auth/principal-cache.ts)
-- and drops them when a row they were read from changes, announced here on the channel
-- voronka_principals — by triggers, so every write path (routes, jobs, an operator's psql) is heard.
-- Payload 'w:<workspace id>' drops the workspace's entries, 'u:<user id>' the user's. Only the columns
-- a principal is made of fire (not api_tokens.last_used_at, not names).
CREATE OR REPLACE FUNCTION voronka_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('voronka_principals', 'u:' || r.id::text);
  ELSIF TG_TABLE_NAME = 'workspaces' THEN
    PERFORM pg_notify('voronka_principals', 'w:' || r.id::text);
  ELSE
    PERFORM pg_notify('voronka_principals', 'w:' || r.workspace_id::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_principal_changed AFTER UPDATE OR DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION voronka_principal_changed();
--> statement-breakpoint
CREATE TRIGGER api_tokens_principal_changed AFTER UPDATE OF revoked_at, member_id OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION voronka_principal_changed();
--> statement-breakpoint
CREATE TRIGGER users_principal_changed AFTER UPDATE OF totp_enabled OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION voronka_principal_changed();
--> statement-breakpoint
CREATE TRIGGER members_principal_changed AFTER UPDATE OF role, team_id, status, user_id OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION voronka_principal_changed();
--> statement-breakpoint
CREATE TRIGGER roles_principal_changed AFTER UPDATE OF permissions, key OR DELETE ON roles FOR EACH ROW EXECUTE FUNCTION voronka_principal_changed();
--> statement-breakpoint
CREATE TRIGGER workspaces_principal_changed AFTER UPDATE OF plan, trial_ends_at, require_two_factor OR DELETE ON workspaces FOR EACH ROW EXECUTE FUNCTION voronka_principal_changed();
