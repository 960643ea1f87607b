-- Hand-written. Processes cache blueprints and API-token principals (lib/db/read-cache.ts) while they
-- LISTEN on slipway_cache; these triggers tell every listener, at commit, what to drop, whoever wrote.
CREATE FUNCTION "slipway_cache_notify_row"() RETURNS trigger LANGUAGE plpgsql AS $$
declare
  kind text := TG_ARGV[0];
  old_key text;
  new_key text;
begin
  if kind = 'teams' then
    perform pg_notify('slipway_cache', 'teams');
    return null;
  end if;
  -- The key column only, read by name: converting the whole row (to_jsonb) would fail on a json
  -- column that holds what jsonb cannot (e.g. \u0000), and that error would be the trigger's.
  if TG_OP <> 'INSERT' then
    execute format('select ($1).%I::text', TG_ARGV[1]) using OLD into old_key;
  end if;
  if TG_OP <> 'DELETE' then
    execute format('select ($1).%I::text', TG_ARGV[1]) using NEW into new_key;
  end if;
  if new_key is not null then
    perform pg_notify('slipway_cache', kind || ':' || new_key);
  end if;
  if old_key is not null and old_key is distinct from new_key then
    perform pg_notify('slipway_cache', kind || ':' || old_key);
  end if;
  return null;
end $$;
--> statement-breakpoint
CREATE FUNCTION "slipway_cache_notify_all"() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  perform pg_notify('slipway_cache', '*');
  return null;
end $$;
--> statement-breakpoint
CREATE TRIGGER "blueprints_cache" AFTER INSERT OR UPDATE OR DELETE ON "blueprints"
  FOR EACH ROW EXECUTE FUNCTION "slipway_cache_notify_row"('blueprint', 'identifier');
--> statement-breakpoint
CREATE TRIGGER "blueprints_cache_truncate" AFTER TRUNCATE ON "blueprints"
  FOR EACH STATEMENT EXECUTE FUNCTION "slipway_cache_notify_all"();
--> statement-breakpoint
CREATE TRIGGER "api_tokens_cache" AFTER UPDATE OR DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION "slipway_cache_notify_row"('token', 'id');
--> statement-breakpoint
CREATE TRIGGER "api_tokens_cache_truncate" AFTER TRUNCATE ON "api_tokens"
  FOR EACH STATEMENT EXECUTE FUNCTION "slipway_cache_notify_all"();
--> statement-breakpoint
-- A sign-in rewrites the user row every time; only a change of who they are concerns the caches.
CREATE TRIGGER "users_cache" AFTER UPDATE ON "users"
  FOR EACH ROW WHEN ((OLD."groups", OLD."email", OLD."name") IS DISTINCT FROM (NEW."groups", NEW."email", NEW."name"))
  EXECUTE FUNCTION "slipway_cache_notify_row"('user', 'id');
--> statement-breakpoint
CREATE TRIGGER "users_cache_delete" AFTER DELETE ON "users"
  FOR EACH ROW EXECUTE FUNCTION "slipway_cache_notify_row"('user', 'id');
--> statement-breakpoint
CREATE TRIGGER "users_cache_truncate" AFTER TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "slipway_cache_notify_all"();
--> statement-breakpoint
-- Team entities decide users' teams; other entities (the hot path of every catalog write) skip the
-- function call entirely through the WHEN clause.
CREATE TRIGGER "entities_team_cache_insert" AFTER INSERT ON "entities"
  FOR EACH ROW WHEN (NEW."blueprint" = 'team') EXECUTE FUNCTION "slipway_cache_notify_row"('teams');
--> statement-breakpoint
CREATE TRIGGER "entities_team_cache_update" AFTER UPDATE ON "entities"
  FOR EACH ROW WHEN (OLD."blueprint" = 'team' OR NEW."blueprint" = 'team') EXECUTE FUNCTION "slipway_cache_notify_row"('teams');
--> statement-breakpoint
CREATE TRIGGER "entities_team_cache_delete" AFTER DELETE ON "entities"
  FOR EACH ROW WHEN (OLD."blueprint" = 'team') EXECUTE FUNCTION "slipway_cache_notify_row"('teams');
--> statement-breakpoint
CREATE TRIGGER "entities_cache_truncate" AFTER TRUNCATE ON "entities"
  FOR EACH STATEMENT EXECUTE FUNCTION "slipway_cache_notify_all"();
