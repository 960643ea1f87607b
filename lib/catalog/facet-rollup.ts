import { sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";

// Counts read from the rollups the database keeps as entities and relations change (migrations
// 0012_facet_counts, 0018_facet_deltas): a few index lookups instead of a pass over every entity of the
// blueprint. Entity counts through entity_facet_totals: the counters plus the changes not folded yet.
// Only for an unfiltered blueprint: a filter needs the matching rows, which only a count over them gives.

export type RollupSpec = { name: string; kind: "team" | "property" | "relation"; key?: string };
export type Counted = { facet: string; value: unknown; n: number };

// The rollup names a team or property facet as the API does: "team", "property.<key>".
function columnCounts(names: string[], blueprint: string, cap: number): SQL {
  return sql`(select facet, value, n from (
    select facet, value, n, row_number() over (partition by facet order by n desc, value) as rank
    from entity_facet_totals
    where blueprint = ${blueprint} and facet in (${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )}) and n > 0
  ) counted where rank <= ${cap} order by facet, rank)`;
}

// Targets are counted by id; the answer names them by identifier, as the scan does.
function relationCounts(spec: RollupSpec, blueprint: string, cap: number): SQL {
  return sql`(select ${spec.name} as facet, to_jsonb(t.identifier) as value, sum(c.n)::int as n
    from relation_facet_counts c join entities t on t.id = c.target_id
    where c.blueprint = ${blueprint} and c.name = ${spec.key ?? ""} and c.n > 0
    group by t.identifier order by n desc, t.identifier limit ${cap})`;
}

/** Up to `cap` values per facet, most frequent first, for all of a blueprint's entities. */
export async function readFacetRollup(blueprint: string, specs: RollupSpec[], cap: number): Promise<Counted[]> {
  const columns = specs.filter((s) => s.kind !== "relation").map((s) => s.name);
  const parts = [
    ...(columns.length > 0 ? [columnCounts(columns, blueprint, cap)] : []),
    ...specs.filter((s) => s.kind === "relation").map((s) => relationCounts(s, blueprint, cap)),
  ];
  const rows = await getDb().execute<Counted>(sql.join(parts, sql` union all `));
  return rows.rows;
}
