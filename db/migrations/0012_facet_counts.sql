-- Hand-written. Facet counts without a scan: how many of a blueprint's entities have each team, each
-- property value and each relation target, kept by statement-level triggers in the transaction that
-- changes the entities (so every writer, bulk INSERT … SELECT included, keeps them, and a count never
-- lags a committed write). Each statement's changes are summed first and applied in key order, so one
-- statement takes each counter row's lock once and concurrent statements take them in the same order.
CREATE TABLE "entity_facet_counts" (
  "blueprint" text NOT NULL,
  "facet" text NOT NULL,
  "value_hash" text NOT NULL,
  "value" jsonb NOT NULL,
  "n" integer NOT NULL,
  CONSTRAINT "entity_facet_counts_pkey" PRIMARY KEY ("blueprint", "facet", "value_hash")
);
--> statement-breakpoint
CREATE TABLE "relation_facet_counts" (
  "blueprint" text NOT NULL,
  "name" text NOT NULL,
  "target_id" bigint NOT NULL,
  "n" integer NOT NULL,
  CONSTRAINT "relation_facet_counts_pkey" PRIMARY KEY ("blueprint", "name", "target_id")
);
--> statement-breakpoint
-- The statement applying summed changes (blueprint, facet, value, d) read by `source`; it answers the
-- keys that reached zero. A statement, not a function: transition tables are visible only to the
-- trigger function itself, so the trigger EXECUTEs it. The value is keyed by its hash: a btree key
-- cannot hold an arbitrarily large JSON value.
CREATE FUNCTION "slipway_entity_facets_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH src AS (%s),
    exploded AS (
      SELECT blueprint, 'team' AS facet, to_jsonb(team) AS value, d FROM src WHERE team IS NOT NULL
      UNION ALL
      SELECT s.blueprint, 'property.' || p.key, p.value, s.d
      FROM src s CROSS JOIN LATERAL jsonb_each(s.properties) p WHERE jsonb_typeof(p.value) <> 'null'
    ),
    summed AS (
      SELECT blueprint, facet, md5(value::text) AS value_hash, value, sum(d)::int AS d
      FROM exploded GROUP BY blueprint, facet, value HAVING sum(d) <> 0
    ),
    bumped AS (
      INSERT INTO entity_facet_counts AS c (blueprint, facet, value_hash, value, n)
      SELECT blueprint, facet, value_hash, value, d FROM summed ORDER BY blueprint, facet, value_hash
      ON CONFLICT (blueprint, facet, value_hash) DO UPDATE SET n = c.n + excluded.n
      RETURNING c.blueprint, c.facet, c.value_hash, c.n
    )
    SELECT array_agg(json_build_array(blueprint, facet, value_hash)::text) FROM bumped WHERE n = 0
  $q$, source)
$fn$;
--> statement-breakpoint
-- Rows that reached zero go (a separate statement: one statement cannot see its own upsert's rows).
CREATE FUNCTION "slipway_drop_empty_entity_facets"(emptied text[]) RETURNS void LANGUAGE sql AS $fn$
  DELETE FROM entity_facet_counts c
  WHERE c.n = 0 AND (c.blueprint, c.facet, c.value_hash) IN (
    SELECT k->>0, k->>1, k->>2 FROM unnest(emptied) AS e(t), LATERAL (SELECT e.t::jsonb AS k) j)
$fn$;
--> statement-breakpoint
-- Same for relations: (source blueprint, relation name, target id, d).
CREATE FUNCTION "slipway_relation_facets_sql"(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT format($q$
    WITH summed AS (
      SELECT blueprint, name, target_id, sum(d)::int AS d FROM (%s) src
      GROUP BY blueprint, name, target_id HAVING sum(d) <> 0
    ),
    bumped AS (
      INSERT INTO relation_facet_counts AS c (blueprint, name, target_id, n)
      SELECT blueprint, name, target_id, d FROM summed ORDER BY blueprint, name, target_id
      ON CONFLICT (blueprint, name, target_id) DO UPDATE SET n = c.n + excluded.n
      RETURNING c.blueprint, c.name, c.target_id, c.n
    )
    SELECT array_agg(json_build_array(blueprint, name, target_id)::text) FROM bumped WHERE n = 0
  $q$, source)
$fn$;
--> statement-breakpoint
CREATE FUNCTION "slipway_drop_empty_relation_facets"(emptied text[]) RETURNS void LANGUAGE sql AS $fn$
  DELETE FROM relation_facet_counts c
  WHERE c.n = 0 AND (c.blueprint, c.name, c.target_id) IN (
    SELECT k->>0, k->>1, (k->>2)::bigint FROM unnest(emptied) AS e(t), LATERAL (SELECT e.t::jsonb AS k) j)
$fn$;
--> statement-breakpoint
CREATE FUNCTION "slipway_entity_facets_trigger"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  emptied text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE slipway_entity_facets_sql('SELECT blueprint, team, properties, 1 AS d FROM new_rows') INTO emptied;
  ELSE
    EXECUTE slipway_entity_facets_sql(
      'SELECT blueprint, team, properties, 1 AS d FROM new_rows
       UNION ALL SELECT blueprint, team, properties, -1 FROM old_rows') INTO emptied;
  END IF;
  IF emptied IS NOT NULL THEN PERFORM slipway_drop_empty_entity_facets(emptied); END IF;
  IF TG_OP = 'UPDATE' THEN
    -- A renamed blueprint (ON UPDATE CASCADE) moves its entities' outgoing relation counts with it.
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
CREATE TRIGGER "entities_facets_insert" AFTER INSERT ON "entities"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "slipway_entity_facets_trigger"();
--> statement-breakpoint
CREATE TRIGGER "entities_facets_update" AFTER UPDATE ON "entities"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "slipway_entity_facets_trigger"();
--> statement-breakpoint
-- A deleted entity's counts come off in a row trigger, before the row goes: a relation's count needs
-- its source's blueprint, and the cascade removes the source's relation rows only when the source can
-- no longer be read (so the relation trigger skips rows whose source is gone). Its own counts first,
-- then its relations': the order an insert takes them in (the entity, then its relations), so a
-- create and a delete running at once never wait for each other in a cycle.
CREATE FUNCTION "slipway_entity_facets_before_delete"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  emptied text[];
BEGIN
  EXECUTE slipway_entity_facets_sql(format(
    'SELECT %L::text AS blueprint, %L::text AS team, %L::jsonb AS properties, -1 AS d',
    OLD.blueprint, OLD.team, OLD.properties)) INTO emptied;
  IF emptied IS NOT NULL THEN PERFORM slipway_drop_empty_entity_facets(emptied); END IF;
  IF EXISTS (SELECT 1 FROM entity_relations WHERE source_id = OLD.id) THEN
    EXECUTE slipway_relation_facets_sql(format(
      'SELECT %L::text AS blueprint, name, target_id, -1 AS d FROM entity_relations WHERE source_id = %s',
      OLD.blueprint, OLD.id)) INTO emptied;
    IF emptied IS NOT NULL THEN PERFORM slipway_drop_empty_relation_facets(emptied); END IF;
  END IF;
  RETURN OLD;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER "entities_facets_before_delete" BEFORE DELETE ON "entities"
  FOR EACH ROW EXECUTE FUNCTION "slipway_entity_facets_before_delete"();
--> statement-breakpoint
CREATE FUNCTION "slipway_relation_facets_trigger"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  emptied text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE slipway_relation_facets_sql(
      'SELECT s.blueprint, r.name, r.target_id, 1 AS d FROM new_rows r JOIN entities s ON s.id = r.source_id') INTO emptied;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE slipway_relation_facets_sql(
      'SELECT s.blueprint, r.name, r.target_id, -1 AS d FROM old_rows r JOIN entities s ON s.id = r.source_id') INTO emptied;
  ELSE
    EXECUTE slipway_relation_facets_sql(
      'SELECT s.blueprint, r.name, r.target_id, 1 AS d FROM new_rows r JOIN entities s ON s.id = r.source_id
       UNION ALL SELECT s.blueprint, r.name, r.target_id, -1 FROM old_rows r JOIN entities s ON s.id = r.source_id') INTO emptied;
  END IF;
  IF emptied IS NOT NULL THEN PERFORM slipway_drop_empty_relation_facets(emptied); END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER "entity_relations_facets_insert" AFTER INSERT ON "entity_relations"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "slipway_relation_facets_trigger"();
--> statement-breakpoint
CREATE TRIGGER "entity_relations_facets_update" AFTER UPDATE ON "entity_relations"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "slipway_relation_facets_trigger"();
--> statement-breakpoint
CREATE TRIGGER "entity_relations_facets_delete" AFTER DELETE ON "entity_relations"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "slipway_relation_facets_trigger"();
--> statement-breakpoint
-- What is already there (nothing reaches zero on a first count).
DO $do$
DECLARE
  emptied text[];
BEGIN
  EXECUTE slipway_entity_facets_sql('SELECT blueprint, team, properties, 1 AS d FROM entities') INTO emptied;
  EXECUTE slipway_relation_facets_sql(
    'SELECT s.blueprint, r.name, r.target_id, 1 AS d FROM entity_relations r JOIN entities s ON s.id = r.source_id')
    INTO emptied;
END
$do$;
