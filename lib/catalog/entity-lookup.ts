import { and, eq } from "drizzle-orm";
import { entities } from "@/db/schema";
import { getDb, type Executor } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { outgoingIdentifiers } from "./relations";
import type { Entity } from "./types";

// The one way to look an entity up by blueprint and identifier: `find…` answers null when there is
// none, `get…` throws notFound. Three projections, cheapest first: the row, the entity with its
// outgoing relations, the detail page's view with titles and incoming references.

export const entityColumns = {
  id: entities.id,
  blueprint: entities.blueprint,
  identifier: entities.identifier,
  title: entities.title,
  team: entities.team,
  properties: entities.properties,
  createdAt: entities.createdAt,
  updatedAt: entities.updatedAt,
};

export type EntityRow = {
  id: number;
  blueprint: string;
  identifier: string;
  title: string;
  team: string | null;
  properties: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
};

export type LookupOptions = {
  /** The caller's transaction; the pool when omitted. */
  db?: Executor;
  /** Lock the row (inside a transaction) so concurrent writers queue and each sees the other's result. */
  lock?: boolean;
};

export function toEntity(row: EntityRow, relations: Record<string, string[]>): Entity {
  const { id: _id, ...rest } = row;
  return { ...rest, relations, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function describeEntity(blueprint: string, identifier: string): string {
  return `Entity "${identifier}" of blueprint "${blueprint}"`;
}

export async function findEntityRow(
  blueprint: string,
  identifier: string,
  opts: LookupOptions = {},
): Promise<EntityRow | null> {
  const query = (opts.db ?? getDb())
    .select(entityColumns)
    .from(entities)
    .where(and(eq(entities.blueprint, blueprint), eq(entities.identifier, identifier)));
  const [row] = opts.lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function getEntityRow(
  blueprint: string,
  identifier: string,
  opts: LookupOptions = {},
): Promise<EntityRow> {
  const row = await findEntityRow(blueprint, identifier, opts);
  if (!row) throw notFound(describeEntity(blueprint, identifier));
  return row;
}

/** The entity with the identifiers its outgoing relations point at, or null. */
export async function findEntity(
  blueprint: string,
  identifier: string,
  opts: LookupOptions = {},
): Promise<Entity | null> {
  const row = await findEntityRow(blueprint, identifier, opts);
  if (!row) return null;
  const relations = await outgoingIdentifiers(opts.db ?? getDb(), [row.id]);
  return toEntity(row, relations.get(row.id) ?? {});
}

export async function getEntity(blueprint: string, identifier: string, opts: LookupOptions = {}): Promise<Entity> {
  const entity = await findEntity(blueprint, identifier, opts);
  if (!entity) throw notFound(describeEntity(blueprint, identifier));
  return entity;
}

export { getEntityDetail } from "./entity-detail";
