-- Hand-written. Entity facet counts without a hot row on the write path. The 0012 triggers bumped
-- the counter rows in the writing transaction, which then held them until it committed: two status
-- batches that both moved deployments to "Healthy" queued on that one row for the whole rest of the
-- other's transaction. Writers now append their statement's summed changes to entity_facet_deltas (an
-- insert locks nothing another writer needs); slipway_fold_entity_facets() moves them into
-- entity_facet_counts in a short transaction of its own, and readers read entity_facet_totals, the
-- counts plus what is not folded yet, so a count still never lags a committed write.
-- Relation counts keep the 0012 path: relations change at the rate people edit them.
CREATE TABLE "entity_facet_deltas" (
  "blueprint" text NOT NULL,
  "facet" text NOT NULL,
  "value_hash" text NOT NULL,
  "value" jsonb NOT NULL,
  "d" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "entity_facet_deltas_facet_idx" ON "entity_facet_deltas" ("blueprint", "facet");
--> statement-breakpoint
-- A row's facet values: its team and each non-null property. A single SELECT, so the planner inlines it.
CREATE FUNCTION "slipway_facet_values"(team text, properties jsonb) RETURNS TABLE (facet text, value jsonb)
LANGUAGE sql IMMUTABLE AS $fn$
  SELECT 'team', to_jsonb(team) WHERE team IS NOT NULL
  UNION ALL
  SELECT 'property.' || p.key, p.value FROM jsonb_each(properties) p WHERE jsonb_typeof(p.value) <> 'null'
$fn$;
--> statement-breakpoint
-- The statement appending the summed changes (blueprint, team, properties, d) read by `source`, for the
-- row-level delete trigger. It answers no keys: nothing reaches zero here, the fold drops emptied counters.
CREATE OR REPLACE FUNCTION "slipway_entity_facets_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH queued AS (
      INSERT INTO entity_facet_deltas (blueprint, facet, value_hash, value, d)
      SELECT s.blueprint, f.facet, md5(f.value::text), f.value, sum(s.d)::int
      FROM (%s) s CROSS JOIN LATERAL slipway_facet_values(s.team, s.properties) f
      GROUP BY s.blueprint, f.facet, f.value HAVING sum(s.d) <> 0
      RETURNING 1
    )
    SELECT NULL::text[] FROM (SELECT count(*) FROM queued) appended
  $q$, source)
$fn$;
--> statement-breakpoint
-- Inserts and updates: static statements over the transition tables, so each session plans them once
-- (the EXECUTEd ones were planned on every statement, a status batch's largest cost after its own).
-- The relation counts move only when an entity changes blueprint (a rename's ON UPDATE CASCADE).
CREATE OR REPLACE FUNCTION "slipway_entity_facets_trigger"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  emptied text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO entity_facet_deltas (blueprint, facet, value_hash, value, d)
    SELECT s.blueprint, f.facet, md5(f.value::text), f.value, count(*)::int
    FROM new_rows s CROSS JOIN LATERAL slipway_facet_values(s.team, s.properties) f
    GROUP BY s.blueprint, f.facet, f.value;
    RETURN NULL;
  END IF;
  INSERT INTO entity_facet_deltas (blueprint, facet, value_hash, value, d)
  SELECT s.blueprint, f.facet, md5(f.value::text), f.value, sum(s.d)::int
  FROM (SELECT blueprint, team, properties, 1 AS d FROM new_rows
        UNION ALL SELECT blueprint, team, properties, -1 FROM old_rows) s
  CROSS JOIN LATERAL slipway_facet_values(s.team, s.properties) f
  GROUP BY s.blueprint, f.facet, f.value HAVING sum(s.d) <> 0;
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.blueprint <> n.blueprint) THEN
    EXECUTE slipway_relation_facets_sql(
      'SELECT x.blueprint, r.name, r.target_id, x.d FROM old_rows o JOIN new_rows n ON n.id = o.id
         CROSS JOIN LATERAL (VALUES (o.blueprint, -1), (n.blueprint, 1)) x(blueprint, d)
         JOIN entity_relations r ON r.source_id = o.id WHERE o.blueprint <> n.blueprint') INTO emptied;
    IF emptied IS NOT NULL THEN PERFORM slipway_drop_empty_relation_facets(emptied); END IF;
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
-- Folds every committed delta into the counts, counters in key order, and drops the ones at zero.
-- One fold at a time: a second waits for the first (a few milliseconds), then folds what came since.
-- The deltas it takes are those committed when its DELETE starts, so a value's +1 is always folded no
-- later than its -1 and a counter never goes below zero. Answers how many delta rows it folded.
CREATE FUNCTION "slipway_fold_entity_facets"() RETURNS integer LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  emptied text[];
  folded integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('slipway:fold-entity-facets'));
  WITH taken AS (
    DELETE FROM entity_facet_deltas RETURNING blueprint, facet, value_hash, value, d
  ),
  summed AS (
    SELECT blueprint, facet, value_hash, (array_agg(value))[1] AS value, sum(d)::int AS d, count(*)::int AS rows
    FROM taken GROUP BY blueprint, facet, value_hash
  ),
  bumped AS (
    INSERT INTO entity_facet_counts AS c (blueprint, facet, value_hash, value, n)
    SELECT blueprint, facet, value_hash, value, d FROM summed WHERE d <> 0 ORDER BY blueprint, facet, value_hash
    ON CONFLICT (blueprint, facet, value_hash) DO UPDATE SET n = c.n + excluded.n
    RETURNING c.blueprint, c.facet, c.value_hash, c.n
  )
  SELECT (SELECT array_agg(json_build_array(blueprint, facet, value_hash)::text) FROM bumped WHERE n = 0),
    (SELECT coalesce(sum(rows), 0)::int FROM summed)
  INTO emptied, folded;
  IF emptied IS NOT NULL THEN PERFORM slipway_drop_empty_entity_facets(emptied); END IF;
  RETURN folded;
END
$fn$;
--> statement-breakpoint
-- What a reader counts: the folded counters plus the deltas not folded yet. Filters on blueprint and
-- facet reach both tables' indexes (they are grouping columns).
CREATE VIEW "entity_facet_totals" AS
  SELECT blueprint, facet, value_hash, (array_agg(value))[1] AS value, sum(n)::int AS n
  FROM (
    SELECT blueprint, facet, value_hash, value, n FROM entity_facet_counts
    UNION ALL
    SELECT blueprint, facet, value_hash, value, d FROM entity_facet_deltas
  ) pending
  GROUP BY blueprint, facet, value_hash
  HAVING sum(n) <> 0;
