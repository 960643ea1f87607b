import { and, sql, type SQL } from "drizzle-orm";
import { entities } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { addFieldError, invalid, type FieldErrors } from "@/lib/errors";
import type { EntityFilters } from "./filters";
import { entityConditions } from "./search";
import type { Blueprint } from "./types";

// Facet counts answer "how many of the entities my filters match have each value": the catalog's
// sidebar and API clients building their own. Values are counted over every match, then capped.

/** Most values returned per facet (the most frequent ones); a facet with more says so with `truncated`. */
export const FACET_VALUE_CAP = 50;
/** Most facets per request. */
export const FACET_CAP = 10;

export type FacetName = `team` | `property.${string}` | `relation.${string}`;
export type FacetValue = { value: unknown; count: number };
export type Facets = { facets: Record<string, FacetValue[]>; truncated: string[] };

type FacetSpec = { name: string; kind: "team" } | { name: string; kind: "property" | "relation"; key: string };

/** Checks each requested facet against the blueprint: unknown properties or relations are field errors. */
export function parseFacets(names: string[], blueprint: Blueprint): FacetSpec[] {
  const fields: FieldErrors = {};
  const specs: FacetSpec[] = [];
  const props = blueprint.schema.properties ?? {};
  if (names.length === 0)
    addFieldError(fields, "facet", "Name at least one facet: team, property.<name> or relation.<name>");
  if (names.length > FACET_CAP) addFieldError(fields, "facet", `At most ${FACET_CAP} facets per request`);
  for (const name of new Set(names)) {
    if (name === "team") specs.push({ name, kind: "team" });
    else if (name.startsWith("property.")) {
      const key = name.slice("property.".length);
      if (!props[key]) addFieldError(fields, "facet", `Blueprint ${blueprint.identifier} has no property "${key}"`);
      else specs.push({ name, kind: "property", key });
    } else if (name.startsWith("relation.")) {
      const key = name.slice("relation.".length);
      if (!blueprint.relations[key])
        addFieldError(fields, "facet", `Blueprint ${blueprint.identifier} has no relation "${key}"`);
      else specs.push({ name, kind: "relation", key });
    } else addFieldError(fields, "facet", `Unknown facet "${name}": use team, property.<name> or relation.<name>`);
  }
  if (Object.keys(fields).length > 0) throw invalid(fields, "Invalid facet");
  return specs;
}

// One grouped count per facet over the matching rows (`m`); cap + 1 rows tell whether values were cut.
function facetQuery(spec: FacetSpec): SQL {
  const limit = FACET_VALUE_CAP + 1;
  switch (spec.kind) {
    case "team":
      return sql`(select ${spec.name} as facet, to_jsonb(m.team) as value, count(*)::int as n from m
        where m.team is not null group by m.team order by n desc, m.team limit ${limit})`;
    case "property":
      return sql`(select ${spec.name} as facet, m.properties -> ${spec.key} as value, count(*)::int as n from m
        where m.properties ? ${spec.key} group by 2 order by n desc, 2 limit ${limit})`;
    case "relation":
      return sql`(select ${spec.name} as facet, to_jsonb(t.identifier) as value, count(*)::int as n from m
        join entity_relations r on r.source_id = m.id and r.name = ${spec.key}
        join entities t on t.id = r.target_id
        group by t.identifier order by n desc, t.identifier limit ${limit})`;
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}

/** Counts per value of each facet among the blueprint's entities that match the list filters. */
export async function countFacets(
  blueprint: Blueprint,
  specs: FacetSpec[],
  query: { q?: string; team?: string },
  filters: EntityFilters,
): Promise<Facets> {
  const conds = entityConditions(blueprint.identifier, query, filters);
  const matching = getDb()
    .select({ id: entities.id, team: entities.team, properties: entities.properties })
    .from(entities)
    .where(and(...conds));
  const rows = await getDb().execute<{ facet: string; value: unknown; n: number }>(
    sql`with m as ${matching} ${sql.join(specs.map(facetQuery), sql` union all `)}`,
  );
  const facets: Record<string, FacetValue[]> = Object.fromEntries(specs.map((s) => [s.name, []]));
  for (const r of rows.rows) facets[r.facet]!.push({ value: r.value, count: r.n });
  const truncated = specs.filter((s) => facets[s.name]!.length > FACET_VALUE_CAP).map((s) => s.name);
  for (const name of truncated) facets[name] = facets[name]!.slice(0, FACET_VALUE_CAP);
  return { facets, truncated };
}
