import { getPool } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { INCOMING_CAP } from "./relations";
import type { EntityDetail, EntityRef } from "./types";

// An entity page (and GET …/entities/{id}) in one round trip: the blueprint's existence, the row,
// its outgoing relations (in write order for `relations`, by target for `related`) and who references
// it (capped per group). A named statement, so PostgreSQL parses and plans it once per connection.
const DETAIL_SQL = `
select b.identifier as blueprint, e.identifier, e.title, e.team, e.properties, e.created_at, e.updated_at,
       o.by_write, o.by_target, i.incoming
from blueprints b
left join entities e on e.blueprint = b.identifier and e.identifier = $2
left join lateral (
  select json_agg(json_build_array(r.name, t.identifier) order by r.id) as by_write,
         json_agg(json_build_array(r.name, t.blueprint, t.identifier, t.title) order by t.identifier) as by_target
  from entity_relations r join entities t on t.id = r.target_id
  where r.source_id = e.id
) o on true
left join lateral (
  select json_agg(json_build_array(x.blueprint, x.relation, x.identifier, x.title)
                  order by x.blueprint, x.relation, x.identifier) as incoming
  from (select s.blueprint, r.name as relation, s.identifier, s.title,
               row_number() over (partition by s.blueprint, r.name order by s.identifier) as n
        from entity_relations r join entities s on s.id = r.source_id
        where r.target_id = e.id) x
  where x.n <= $3
) i on true
where b.identifier = $1`;

type DetailRow = {
  blueprint: string;
  identifier: string | null;
  title: string;
  team: string | null;
  properties: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  by_write: [string, string][] | null;
  by_target: [string, string, string, string][] | null;
  incoming: [string, string, string, string][] | null;
};

function groupIncoming(rows: [string, string, string, string][]): EntityDetail["referencedBy"] {
  const groups = new Map<string, EntityDetail["referencedBy"][number]>();
  for (const [blueprint, relation, identifier, title] of rows) {
    const key = `${blueprint}.${relation}`;
    const g = groups.get(key) ?? { blueprint, relation, entities: [] };
    g.entities.push({ blueprint, identifier, title });
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** What an entity page shows: related entities with titles and who references it. Unknown blueprint: notFound. */
export async function getEntityDetail(blueprint: string, identifier: string): Promise<EntityDetail> {
  const { rows } = await getPool().query<DetailRow>({
    name: "entity_detail",
    text: DETAIL_SQL,
    values: [blueprint, identifier, INCOMING_CAP],
  });
  const row = rows[0];
  if (!row) throw notFound(`Blueprint "${blueprint}"`);
  if (row.identifier === null) throw notFound(`Entity "${identifier}" of blueprint "${blueprint}"`);
  const relations: Record<string, string[]> = {};
  for (const [name, target] of row.by_write ?? []) (relations[name] ??= []).push(target);
  const related: Record<string, EntityRef[]> = {};
  for (const [name, bp, id, title] of row.by_target ?? [])
    (related[name] ??= []).push({ blueprint: bp, identifier: id, title });
  return {
    blueprint: row.blueprint,
    identifier: row.identifier,
    title: row.title,
    team: row.team,
    properties: row.properties,
    relations,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    related,
    referencedBy: groupIncoming(row.incoming ?? []),
  };
}
