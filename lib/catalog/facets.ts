import { and, sql, type SQL } from "drizzle-orm";
import { entities } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { addFieldError, invalid, type FieldErrors } from "@/lib/errors";
import type { EntityFilters } from "./filters";
import { readFacetRollup, type Counted } from "./facet-rollup";
import { entityConditions, resolveRelationEnds, toPrefixQuery } from "./search";
import type { Blueprint } from "./types";

// Facet counts answer "how many of the entities my filters match have each value": the catalog's
// sidebar and API clients building their own. Values are counted over every match, then capped.

/** Most values returned per facet (the most frequent ones); a facet with more says so with `truncated`. */
export const FACET_VALUE_CAP = 50;
/** Most facets per request. */
export const FACET_CAP = 10;

export type FacetValue = { value: unknown; count: number };
export type Facets = { facets: Record<string, FacetValue[]>; truncated: string[] };

type RelationSpec = { name: string; kind: "relation"; key: string };
type FacetSpec = { name: string; kind: "team" } | { name: string; kind: "property"; key: string } | RelationSpec;

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
      if (!Object.hasOwn(props, key))
        addFieldError(fields, "facet", `Blueprint ${blueprint.identifier} has no property "${key}"`);
      else specs.push({ name, kind: "property", key });
    } else if (name.startsWith("relation.")) {
      const key = name.slice("relation.".length);
      if (!Object.hasOwn(blueprint.relations, key))
        addFieldError(fields, "facet", `Blueprint ${blueprint.identifier} has no relation "${key}"`);
      else specs.push({ name, kind: "relation", key });
    } else addFieldError(fields, "facet", `Unknown facet "${name}": use team, property.<name> or relation.<name>`);
  }
  if (Object.keys(fields).length > 0) throw invalid(fields, "Invalid facet");
  return specs;
}

const literal = (text: string) => sql.raw(`'${text.replaceAll("'", "''")}'`);

// Team and property facets share one pass over the matching rows (GROUPING SETS): one scan however
// many are asked for. Each grouping set's value is the one non-null grouped expression; null values
// (no team, no such property) sort last and are dropped. Keys are inlined as literals because GROUP
// BY must see the very expressions the SELECT uses (bind parameters would differ).
function columnFacets(specs: FacetSpec[], where: SQL): SQL | null {
  const columns = specs.filter((s) => s.kind !== "relation");
  if (columns.length === 0) return null;
  const exprs = columns.map((s) =>
    s.kind === "team" ? sql`to_jsonb(${entities.team})` : sql`(${entities.properties} -> ${literal(s.key)})`,
  );
  const list = sql.join(exprs, sql`, `);
  const value = sql`coalesce(${list})`;
  const names = sql.join(
    columns.map(
      (s, i) =>
        sql`when ${sql.raw(String(((1 << columns.length) - 1) ^ (1 << (columns.length - 1 - i))))} then ${s.name}`,
    ),
    sql` `,
  );
  return sql`(select facet, value, n from (
    select case grouping(${list}) ${names} end as facet, ${value} as value, count(*)::int as n,
           row_number() over (partition by grouping(${list})
                              order by (${value} is null or ${value} = 'null'::jsonb), count(*) desc, ${value}) as rank
    from ${entities} where ${where}
    group by grouping sets (${sql.join(
      exprs.map((e) => sql`(${e})`),
      sql`, `,
    )})
  ) counted where rank <= ${FACET_VALUE_CAP + 1} and value is not null and value <> 'null'::jsonb
  order by facet, rank)`;
}

// A relation facet counts the targets of the matching rows' relation of that name.
function relationFacet(spec: RelationSpec, where: SQL): SQL {
  return sql`(select ${spec.name} as facet, to_jsonb(t.identifier) as value, count(*)::int as n
    from ${entities} join entity_relations r on r.source_id = ${sql.raw('"entities"."id"')} and r.name = ${spec.key}
    join entities t on t.id = r.target_id
    where ${where}
    group by t.identifier order by n desc, t.identifier limit ${FACET_VALUE_CAP + 1})`;
}

const isUnfiltered = (query: { q?: string; team?: string }, filters: EntityFilters) =>
  !query.team &&
  !(query.q && toPrefixQuery(query.q)) &&
  filters.properties.length === 0 &&
  filters.relations.length === 0;

async function scanFacets(
  blueprint: Blueprint,
  specs: FacetSpec[],
  query: { q?: string; team?: string },
  filters: EntityFilters,
): Promise<Counted[]> {
  const resolved = await resolveRelationEnds(getDb(), filters);
  const where = and(...entityConditions(blueprint.identifier, query, resolved))!;
  const parts = [
    columnFacets(specs, where),
    ...specs.flatMap((s) => (s.kind === "relation" ? [relationFacet(s, where)] : [])),
  ].filter((p): p is SQL => p !== null);
  return (await getDb().execute<Counted>(sql.join(parts, sql` union all `))).rows;
}

/** Counts per value of each facet among the blueprint's entities that match the list filters. */
export async function countFacets(
  blueprint: Blueprint,
  specs: FacetSpec[],
  query: { q?: string; team?: string },
  filters: EntityFilters,
): Promise<Facets> {
  // Never kept between requests: a count beside a list must agree with it. Without a filter the
  // database's rollup is exact (kept in each write's transaction); with one, the matches are counted.
  const rows = isUnfiltered(query, filters)
    ? await readFacetRollup(blueprint.identifier, specs, FACET_VALUE_CAP + 1)
    : await scanFacets(blueprint, specs, query, filters);
  const facets: Record<string, FacetValue[]> = Object.fromEntries(specs.map((s) => [s.name, []]));
  for (const r of rows) facets[r.facet]!.push({ value: r.value, count: r.n });
  const truncated = specs.filter((s) => facets[s.name]!.length > FACET_VALUE_CAP).map((s) => s.name);
  for (const name of truncated) facets[name] = facets[name]!.slice(0, FACET_VALUE_CAP);
  return { facets, truncated };
}
