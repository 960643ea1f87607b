-- Hand-written. An audit append in two round trips instead of seven (savepoint, lock, head, insert,
-- checkpoint read, checkpoint write, release): this function takes the chain lock and then, in a
-- statement of its own (so under a snapshot taken after the lock was granted, READ COMMITTED), reads
-- the chain's last hash and the signed checkpoint and reserves the new rows' ids, in chain order.
-- Nobody else draws from audit_log's sequence while the lock is held: every append goes through here.
CREATE FUNCTION "slipway_audit_chain_take"(lock_key bigint, n int)
RETURNS TABLE (isolation text, head_hash text, cp_rows bigint, cp_last_id bigint, cp_hash text, cp_signature text, ids bigint[])
LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(lock_key);
  RETURN QUERY SELECT
    current_setting('transaction_isolation'),
    (SELECT l.hash FROM audit_log l ORDER BY l.id DESC LIMIT 1),
    h.rows, h.last_id, h.hash, h.signature,
    ARRAY(SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) FROM generate_series(1, n) ORDER BY 1)
  FROM (SELECT 1) one LEFT JOIN audit_head h ON h.id = 1;
END
$fn$;
