import { desc, eq, ilike, or, sql } from "drizzle-orm";
import { actions, blueprints, entities, runs } from "@/db/schema";
import { toPrefixQuery } from "@/lib/catalog/search";
import { getDb } from "@/lib/db/client";
import { containsPattern } from "@/lib/db/like";

export type SearchHitKind = "entity" | "run" | "action";
export type SearchHit = { kind: SearchHitKind; title: string; detail: string; href: string };

export const SEARCH_LIMIT_PER_KIND = 8;

async function searchEntities(q: string): Promise<SearchHit[]> {
  const tsq = toPrefixQuery(q);
  if (!tsq) return [];
  const rows = await getDb()
    .select({
      blueprint: entities.blueprint,
      blueprintTitle: blueprints.title,
      identifier: entities.identifier,
      title: entities.title,
      team: entities.team,
    })
    .from(entities)
    .innerJoin(blueprints, eq(blueprints.identifier, entities.blueprint))
    .where(sql`${entities.search} @@ to_tsquery('simple', ${tsq})`)
    // Exact and prefix matches on the identifier first, then by title: "cart" finds the service before cart-dev.
    .orderBy(
      sql`(${entities.identifier} = ${q.toLowerCase()}) desc`,
      sql`starts_with(${entities.identifier}, ${q.toLowerCase()}) desc`,
      entities.title,
    )
    .limit(SEARCH_LIMIT_PER_KIND);
  return rows.map((r) => ({
    kind: "entity",
    title: r.title,
    detail: [r.blueprintTitle, r.identifier, r.team].filter(Boolean).join(" · "),
    href: `/catalog/${r.blueprint}/${r.identifier}`,
  }));
}

async function searchRuns(q: string): Promise<SearchHit[]> {
  const pattern = containsPattern(q);
  const rows = await getDb()
    .select({
      id: runs.id,
      actionId: runs.actionId,
      status: runs.status,
      entityIdentifier: runs.entityIdentifier,
      requestedByEmail: runs.requestedByEmail,
    })
    .from(runs)
    .where(
      or(
        sql`${runs.id}::text like ${`${q.toLowerCase().replace(/[\\%_]/g, "")}%`}`,
        ilike(runs.actionId, pattern),
        ilike(runs.entityIdentifier, pattern),
        ilike(runs.requestedByEmail, pattern),
      ),
    )
    .orderBy(desc(runs.createdAt))
    .limit(SEARCH_LIMIT_PER_KIND);
  return rows.map((r) => ({
    kind: "run",
    title: `${r.actionId}${r.entityIdentifier ? ` on ${r.entityIdentifier}` : ""}`,
    detail: [r.status.replaceAll("_", " "), r.requestedByEmail, r.id.slice(0, 8)].join(" · "),
    href: `/runs/${r.id}`,
  }));
}

async function searchActions(q: string): Promise<SearchHit[]> {
  const pattern = containsPattern(q);
  const rows = await getDb()
    .select({ id: actions.id, title: actions.title, blueprint: actions.blueprint, trigger: actions.trigger })
    .from(actions)
    .where(or(ilike(actions.id, pattern), ilike(actions.title, pattern), ilike(actions.description, pattern)))
    .orderBy(actions.title)
    .limit(SEARCH_LIMIT_PER_KIND);
  return rows.map((r) => ({
    kind: "action",
    title: r.title,
    detail: `${r.trigger} action on ${r.blueprint}`,
    // Day-2 actions need an entity, so they open the blueprint's list to pick one.
    href: r.trigger === "create" ? `/actions/${r.id}/new` : `/catalog/${r.blueprint}`,
  }));
}

/** One search over entities of every blueprint, runs and actions: what the search palette shows. */
export async function searchEverywhere(rawQuery: string): Promise<SearchHit[]> {
  const q = rawQuery.trim();
  if (q.length === 0) return [];
  const [found, ran, act] = await Promise.all([searchEntities(q), searchRuns(q), searchActions(q)]);
  return [...found, ...act, ...ran];
}
