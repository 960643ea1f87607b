-- Hand-written. A token's use stamps last_used_at (at most once a minute); that is not a change of
-- who the token acts for, so it must not tell every process to drop the cached principal (it did, and
-- a read that had just cached the principal lost it to its own stamp arriving late).
DROP TRIGGER "api_tokens_cache" ON "api_tokens";
--> statement-breakpoint
CREATE TRIGGER "api_tokens_cache" AFTER UPDATE ON "api_tokens"
  FOR EACH ROW WHEN ((OLD."user_id", OLD."scopes", OLD."token_hash", OLD."expires_at", OLD."revoked_at")
    IS DISTINCT FROM (NEW."user_id", NEW."scopes", NEW."token_hash", NEW."expires_at", NEW."revoked_at"))
  EXECUTE FUNCTION "slipway_cache_notify_row"('token', 'id');
--> statement-breakpoint
CREATE TRIGGER "api_tokens_cache_delete" AFTER DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION "slipway_cache_notify_row"('token', 'id');
