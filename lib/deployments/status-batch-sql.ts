import { sql, type SQL } from "drizzle-orm";
import { ENTITY_EVENTS_CHANNEL } from "@/lib/catalog/entity-events";

// A batch's reads and writes, one statement each: under load every round trip of the batch
// transaction waits behind the HTTP work on the event loop, so their number, not the rows, set the rate.

export type BatchState = {
  /** Deployments this batch may write: their status lock taken and their row locked. */
  rows: { id: number; identifier: string; properties: Record<string, unknown> }[];
  /** Locked by another writer right now: left to the one-at-a-time path, which waits for its turn. */
  busy: string[];
  known: string[];
  marks: { identifier: string; sender: string; at: Date }[];
};

/**
 * The statement that sets the batch's lock timeout, tries each deployment's status lock and its row
 * (never waiting: a deployment another process is writing is busy), and reads the keys already seen and
 * the newest observation of each sender; toBatchState reads its one row.
 */
export function readBatchStateSql(identifiers: string[], keys: string[], lockTimeoutMs: number): SQL {
  return sql`
    with locked as materialized (
      select x as identifier from jsonb_array_elements_text(${JSON.stringify(identifiers)}::jsonb) x
      where pg_try_advisory_xact_lock(hashtext('status:' || x))),
    mine as materialized (
      select e.id, e.identifier, e.properties from entities e
      where e.blueprint = 'deployment' and e.identifier in (select identifier from locked)
      order by e.id for update of e skip locked)
    select set_config('lock_timeout', ${String(Math.round(lockTimeoutMs))}, true) as lock_timeout,
      -- The batch's statements read their rows as JSON: a generic plan is as good as a custom one.
      set_config('plan_cache_mode', 'force_generic_plan', true) as plan_cache_mode,
      (select coalesce(json_agg(identifier), '[]') from locked) as locked,
      (select coalesce(json_agg(json_build_object('id', id, 'identifier', identifier, 'properties', properties)), '[]')
        from mine) as rows,
      (select coalesce(json_agg(identifier), '[]') from entities
        where blueprint = 'deployment' and identifier in (select identifier from locked)) as existing,
      (select coalesce(json_agg(key), '[]') from status_events
        where key = any(array(select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb)))) as known,
      (select coalesce(json_agg(json_build_object('identifier', identifier, 'sender', sender, 'at', observed_at)), '[]')
        from status_marks
        where blueprint = 'deployment' and identifier = any(array(select identifier from locked))) as marks`;
}

export type BatchStateRow = {
  rows: { id: number; identifier: string; properties: Record<string, unknown> }[];
  existing: string[];
  locked: string[];
  known: string[];
  marks: { identifier: string; sender: string; at: string }[];
};

export function toBatchState(r: BatchStateRow, identifiers: string[]): BatchState {
  const mine = new Set(r.rows.map((row) => row.identifier));
  const existing = new Set(r.existing);
  const locked = new Set(r.locked);
  return {
    rows: r.rows.map((row) => ({ ...row, id: Number(row.id) })),
    // Not locked, or locked but its row held by another transaction; a locked one without a row is unknown.
    busy: identifiers.filter((i) => !locked.has(i) || (existing.has(i) && !mine.has(i))),
    known: r.known,
    marks: r.marks.map((m) => ({ identifier: m.identifier, sender: m.sender, at: new Date(m.at) })),
  };
}

export type BatchWrites = {
  keys: { key: string; entity: string }[];
  marks: { identifier: string; sender: string; at: Date }[];
  updates: { id: number; properties: Record<string, unknown> }[];
  activity: { entityId: number; actor: string; kind: string; message: string; data: Record<string, unknown> }[];
  /** Deployments whose live catalog views wake when this commits (see notifyEntity). */
  changed: string[];
};

/**
 * The batch's seen keys, sender marks, entity updates, timeline lines and notifications as CTEs for a
 * statement of the caller's; `batch_written(n)` depends on all their rows.
 */
export function batchWritesCtes(w: BatchWrites): SQL {
  const json = (v: unknown) => JSON.stringify(v);
  return sql`
    batch_seen as (
      insert into status_events (key, entity)
      select key, entity from jsonb_to_recordset(${json(w.keys)}::jsonb) as k(key text, entity text)
      on conflict do nothing
      returning 1),
    batch_marked as (
      insert into status_marks (blueprint, identifier, sender, observed_at)
      select 'deployment', identifier, sender, at
      from jsonb_to_recordset(${json(w.marks)}::jsonb) as m(identifier text, sender text, at timestamptz)
      on conflict (blueprint, identifier, sender) do update set observed_at = excluded.observed_at
      returning 1),
    batch_updated as (
      update entities e set properties = v.properties, updated_at = now()
      from jsonb_to_recordset(${json(w.updates)}::jsonb) as v(id bigint, properties jsonb) where e.id = v.id
      returning 1),
    batch_timeline as (
      insert into entity_activity (entity_id, actor, kind, message, data)
      select "entityId", actor, kind, message, data
      from jsonb_to_recordset(${json(w.activity.map((a, ord) => ({ ...a, ord })))}::jsonb)
        as a("entityId" bigint, actor text, kind text, message text, data jsonb, ord int)
      order by ord
      returning 1),
    batch_notified as (
      select count(pg_notify(${ENTITY_EVENTS_CHANNEL}, 'deployment/' || x)) as n
      from jsonb_array_elements_text(${json(w.changed)}::jsonb) x),
    batch_written as (
      select (select count(*) from batch_seen) + (select count(*) from batch_marked)
        + (select count(*) from batch_updated) + (select count(*) from batch_timeline)
        + (select n from batch_notified) as n)`;
}
