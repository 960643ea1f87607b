import { and, eq, inArray, sql } from "drizzle-orm";
import { entities, entityRelations } from "@/db/schema";
import type { Executor } from "@/lib/db/client";
import { addFieldError, type FieldErrors } from "@/lib/errors";
import type { Blueprint, EntityRef } from "./types";

export type { Executor };

export type RelationInput = Record<string, string | string[] | null>;

/** Resolves relation identifiers to entity ids, collecting field errors for unknown names/targets. */
export async function resolveRelations(
  db: Executor,
  blueprint: Blueprint,
  input: RelationInput,
  fields: FieldErrors,
): Promise<Map<string, number[]>> {
  const resolved = new Map<string, number[]>();
  for (const [name, value] of Object.entries(input)) {
    const def = blueprint.relations[name];
    const path = `relations.${name}`;
    if (!def) {
      addFieldError(fields, path, `Blueprint ${blueprint.identifier} has no relation "${name}"`);
      continue;
    }
    if (value === null) {
      resolved.set(name, []);
      continue;
    }
    if (Array.isArray(value) && !def.many) {
      addFieldError(fields, path, "This relation takes a single entity");
      continue;
    }
    const wanted = [...new Set(Array.isArray(value) ? value : [value])];
    if (wanted.length === 0) {
      resolved.set(name, []);
      continue;
    }
    const rows = await db
      .select({ id: entities.id, identifier: entities.identifier })
      .from(entities)
      .where(and(eq(entities.blueprint, def.target), inArray(entities.identifier, wanted)));
    const byIdentifier = new Map(rows.map((r) => [r.identifier, r.id]));
    const missing = wanted.filter((w) => !byIdentifier.has(w));
    for (const m of missing) addFieldError(fields, path, `No ${def.target} named "${m}"`);
    resolved.set(
      name,
      wanted.flatMap((w) => byIdentifier.get(w) ?? []),
    );
  }
  return resolved;
}

/** `linked`: names of the relations that point at one entity or more once the write is done. */
export function checkRequiredRelations(blueprint: Blueprint, linked: Set<string>, fields: FieldErrors): void {
  for (const [name, def] of Object.entries(blueprint.relations)) {
    if (def.required && !linked.has(name)) addFieldError(fields, `relations.${name}`, "Required");
  }
}

export function linkedNames(relations: Map<string, number[]>): Set<string> {
  return new Set([...relations].filter(([, ids]) => ids.length > 0).map(([name]) => name));
}

export async function writeRelations(db: Executor, sourceId: number, relations: Map<string, number[]>): Promise<void> {
  for (const [name, targetIds] of relations) {
    await db.delete(entityRelations).where(and(eq(entityRelations.sourceId, sourceId), eq(entityRelations.name, name)));
    if (targetIds.length > 0) {
      await db.insert(entityRelations).values(targetIds.map((targetId) => ({ sourceId, name, targetId })));
    }
  }
}

/** Outgoing relation identifiers of many entities at once, for list pages. */
export async function outgoingIdentifiers(
  db: Executor,
  sourceIds: number[],
): Promise<Map<number, Record<string, string[]>>> {
  const out = new Map<number, Record<string, string[]>>();
  if (sourceIds.length === 0) return out;
  const rows = await db
    .select({ sourceId: entityRelations.sourceId, name: entityRelations.name, identifier: entities.identifier })
    .from(entityRelations)
    .innerJoin(entities, eq(entities.id, entityRelations.targetId))
    .where(inArray(entityRelations.sourceId, sourceIds))
    .orderBy(entityRelations.id);
  for (const r of rows) {
    const rec = out.get(r.sourceId) ?? {};
    (rec[r.name] ??= []).push(r.identifier);
    out.set(r.sourceId, rec);
  }
  return out;
}

// Incoming references are shown on entity pages; capped per group so a hub entity stays cheap.
export const INCOMING_CAP = 200;

export async function incomingRefs(
  db: Executor,
  targetId: number,
): Promise<{ blueprint: string; relation: string; entities: EntityRef[] }[]> {
  const rows = await db.execute<{ blueprint: string; relation: string; identifier: string; title: string }>(sql`
    select blueprint, relation, identifier, title from (
      select e.blueprint, r.name as relation, e.identifier, e.title,
             row_number() over (partition by e.blueprint, r.name order by e.identifier) as n
      from entity_relations r join entities e on e.id = r.source_id
      where r.target_id = ${targetId}
    ) t where n <= ${INCOMING_CAP}
    order by blueprint, relation, identifier`);
  const groups = new Map<string, { blueprint: string; relation: string; entities: EntityRef[] }>();
  for (const r of rows.rows) {
    const key = `${r.blueprint}.${r.relation}`;
    const g = groups.get(key) ?? { blueprint: r.blueprint, relation: r.relation, entities: [] };
    g.entities.push({ blueprint: r.blueprint, identifier: r.identifier, title: r.title });
    groups.set(key, g);
  }
  return [...groups.values()];
}
