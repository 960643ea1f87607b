import { and, eq, sql, type SQL } from "drizzle-orm";
import { entities } from "@/db/schema";
import { getDb, type Executor } from "@/lib/db/client";
import { getBlueprint } from "./blueprints";
import { decodeCursor, encodeCursor } from "./cursor";
import { entityColumns, toEntity } from "./entity-lookup";
import type { EntityFilters } from "./filters";
import type { ListQueryInput } from "./inputs";
import type { Entity, Page } from "./types";

/** Turns free text into a prefix tsquery: "pay serv" → 'pay':* & 'serv':* (no operators from users). */
export function toPrefixQuery(q: string): string | null {
  const terms = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}_]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (terms.length === 0) return null;
  return terms.map((t) => `'${t}':*`).join(" & ");
}

type SortKey = { order: SQL; cursorText: SQL; fromCursor: (v: string) => SQL };

// Each sort orders by an indexed column; the cursor carries its value as text and is cast back.
function sortKey(sort: ListQueryInput["sort"]): SortKey {
  switch (sort) {
    case "identifier":
      return {
        order: sql`${entities.identifier}`,
        cursorText: sql`${entities.identifier}`,
        fromCursor: (v) => sql`${v}`,
      };
    case "title":
      return { order: sql`${entities.title}`, cursorText: sql`${entities.title}`, fromCursor: (v) => sql`${v}` };
    case "createdAt":
      return {
        order: sql`${entities.createdAt}`,
        cursorText: sql`to_char(${entities.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        fromCursor: (v) => sql`${v}::timestamptz`,
      };
    default: {
      const unreachable: never = sort;
      return unreachable;
    }
  }
}

function filterConditions(filters: EntityFilters): SQL[] {
  const conds: SQL[] = [];
  for (const f of filters.properties) {
    conds.push(sql`${entities.properties} @> ${JSON.stringify({ [f.property]: f.value })}::jsonb`);
  }
  for (const f of filters.relations) {
    if (f.endId === null) conds.push(sql`false`);
    else if (f.endId !== undefined) {
      // The other end as a literal id: the planner reads from its statistics how many entities point
      // at it, and walks the sorted index for a common target (an environment) but starts from the
      // relation rows for a rare one (a service). See README "Query plans".
      const [self, other] =
        f.direction === "out" ? [sql`r.source_id`, sql`r.target_id`] : [sql`r.target_id`, sql`r.source_id`];
      conds.push(sql`exists (select 1 from entity_relations r
        where ${self} = ${entities.id} and r.name = ${f.relation} and ${other} = ${f.endId}::bigint)`);
    } else if (f.direction === "out") {
      // Unresolved (a caller that skipped resolveRelationEnds): the target blueprint still makes its
      // lookup one probe of the (blueprint, identifier) key instead of a walk of the whole index.
      const target = f.targetBlueprint ? sql`and t.blueprint = ${f.targetBlueprint}` : sql``;
      conds.push(sql`exists (select 1 from entity_relations r join entities t on t.id = r.target_id
        where r.source_id = ${entities.id} and r.name = ${f.relation} and t.identifier = ${f.identifier} ${target})`);
    } else {
      conds.push(sql`exists (select 1 from entity_relations r join entities s on s.id = r.source_id
        where r.target_id = ${entities.id} and r.name = ${f.relation} and s.identifier = ${f.identifier}
        and s.blueprint = ${f.sourceBlueprint ?? ""})`);
    }
  }
  return conds;
}

/** Looks up the entity at the other end of each relation filter (one key probe each). */
export async function resolveRelationEnds(db: Executor, filters: EntityFilters): Promise<EntityFilters> {
  const relations = await Promise.all(
    filters.relations.map(async (f) => {
      const blueprint = f.direction === "out" ? f.targetBlueprint : f.sourceBlueprint;
      if (!blueprint) return f;
      const [end] = await db
        .select({ id: entities.id })
        .from(entities)
        .where(and(eq(entities.blueprint, blueprint), eq(entities.identifier, f.identifier)));
      return { ...f, endId: end?.id ?? null };
    }),
  );
  return { ...filters, relations };
}

// [relation name, target identifier] pairs in the order they were written (as outgoingIdentifiers).
// Qualified by hand: drizzle renders a one-table select's columns bare, which the subquery would capture.
const outgoingPairs = sql<
  [string, string][] | null
>`(select json_agg(json_build_array(r.name, t.identifier) order by r.id)
  from entity_relations r join entities t on t.id = r.target_id where r.source_id = "entities"."id")`;

function groupPairs(pairs: [string, string][] | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, target] of pairs ?? []) (out[name] ??= []).push(target);
  return out;
}

/** What a list, search or facet count keeps of a blueprint's entities: search text, team and filters. */
export function entityConditions(
  blueprint: string,
  query: { q?: string; team?: string },
  filters: EntityFilters = { properties: [], relations: [] },
): SQL[] {
  const conds: SQL[] = [eq(entities.blueprint, blueprint), ...filterConditions(filters)];
  if (query.team) conds.push(eq(entities.team, query.team));
  const tsq = query.q ? toPrefixQuery(query.q) : null;
  if (tsq) conds.push(sql`${entities.search} @@ to_tsquery('simple', ${tsq})`);
  return conds;
}

/** One keyset page of a blueprint's entities; ordering is (sort value, id) so pages never overlap. */
export async function listEntities(
  blueprintId: string,
  query: ListQueryInput,
  filters: EntityFilters = { properties: [], relations: [] },
): Promise<Page<Entity>> {
  const bp = await getBlueprint(blueprintId);
  const key = sortKey(query.sort);
  const resolved = await resolveRelationEnds(getDb(), filters);
  const conds = entityConditions(bp.identifier, query, resolved);
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    const after = sql`(${key.order}, ${entities.id})`;
    const at = sql`(${key.fromCursor(c.v)}, ${c.id}::bigint)`;
    conds.push(query.order === "asc" ? sql`${after} > ${at}` : sql`${after} < ${at}`);
  }
  const dir = query.order === "asc" ? sql`asc` : sql`desc`;
  // Outgoing relations come in the same round trip: one small index lookup per row of the page.
  const rows = await getDb()
    .select({ ...entityColumns, sortKey: sql<string>`${key.cursorText}`, rels: outgoingPairs })
    .from(entities)
    .where(and(...conds))
    .orderBy(sql`${key.order} ${dir}`, sql`${entities.id} ${dir}`)
    .limit(query.limit + 1);
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(({ sortKey: _s, rels, ...r }) => toEntity(r, groupPairs(rels))),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ v: last.sortKey, id: last.id }) : null,
  };
}
