import { desc, eq } from "drizzle-orm";
import { entities, entityActivity } from "@/db/schema";
import { invalidateLocally } from "@/lib/db/cache-invalidation";
import { getDb } from "@/lib/db/client";
import { addFieldError, conflict, invalid, notFound, type FieldErrors } from "@/lib/errors";
import { changedKeys, recordActivity } from "./activity";
import { findBlueprint, getBlueprint } from "./blueprints";
import { auditEntityChange } from "./entity-audit";
import { notifyEntity } from "./entity-events";
import { entityColumns, findEntityRow, getEntityRow, toEntity } from "./entity-lookup";
import { requestFacetFold } from "./facet-fold";
import type { EntityCreateInput, EntityUpdateInput } from "./inputs";
import {
  checkRequiredRelations,
  incomingRefs,
  linkedNames,
  outgoingIdentifiers,
  resolveRelations,
  writeRelations,
  type Executor,
} from "./relations";
import type { ActivityItem, Blueprint, Entity, WriteOptions } from "./types";
import { validateProperties } from "./validation";

async function checkTeam(db: Executor, team: string | null | undefined, fields: FieldErrors): Promise<void> {
  if (!team) return;
  if (!(await findEntityRow("team", team, { db }))) addFieldError(fields, "team", `No team named "${team}"`);
}

// Team entities decide users' teams (lib/auth/identity.ts): this process's cached token principals
// drop them as soon as the write settles; other processes on the trigger's notification. Every write
// left facet count deltas for a fold (facet-fold.ts).
function afterWrite<T>(blueprint: string, write: Promise<T>): Promise<T> {
  return write.finally(() => {
    requestFacetFold();
    if (blueprint === "team") invalidateLocally("teams");
  });
}

export function validationKey(bp: Blueprint): string {
  return `${bp.identifier}@${bp.updatedAt}`;
}

export async function createEntity(
  blueprintId: string,
  input: EntityCreateInput,
  opts: WriteOptions = {},
): Promise<Entity> {
  const db = opts.db ?? getDb();
  const bp = await getBlueprint(blueprintId, db);
  const write = db.transaction(async (tx) => {
    const fields = validateProperties(validationKey(bp), bp.schema, input.properties);
    await checkTeam(tx, input.team, fields);
    const rels = await resolveRelations(tx, bp, input.relations, fields);
    checkRequiredRelations(bp, linkedNames(rels), fields);
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const [row] = await tx
      .insert(entities)
      .values({
        blueprint: bp.identifier,
        identifier: input.identifier,
        title: input.title || input.identifier,
        team: input.team ?? null,
        properties: input.properties,
      })
      .onConflictDoNothing()
      .returning(entityColumns);
    if (!row) throw conflict(`Entity "${input.identifier}" already exists in blueprint "${bp.identifier}"`);
    await writeRelations(tx, row.id, rels);
    await recordActivity(tx, row.id, {
      kind: "entity.created",
      message: `Created ${bp.title.toLowerCase()} ${row.identifier}`,
      actor: opts.actor,
    });
    const relations = (await outgoingIdentifiers(tx, [row.id])).get(row.id) ?? {};
    await auditEntityChange(tx, opts, row, { verb: "entity.create", after: { ...row, relations } });
    return toEntity(row, relations);
  });
  return afterWrite(bp.identifier, write);
}

export function mergeProperties(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}

export async function updateEntity(
  blueprintId: string,
  identifier: string,
  input: EntityUpdateInput,
  opts: WriteOptions = {},
): Promise<Entity> {
  const db = opts.db ?? getDb();
  const bp = await getBlueprint(blueprintId, db);
  const write = db.transaction(async (tx) => {
    const current = await getEntityRow(bp.identifier, identifier, { db: tx, lock: true });
    const properties = input.properties ? mergeProperties(current.properties, input.properties) : current.properties;
    const fields = validateProperties(validationKey(bp), bp.schema, properties);
    await checkTeam(tx, input.team, fields);
    const changed = await resolveRelations(tx, bp, input.relations ?? {}, fields);
    const existing = await outgoingIdentifiers(tx, [current.id]);
    // Relations the patch leaves alone keep their current targets.
    const linked = new Set(Object.keys(existing.get(current.id) ?? {}));
    for (const [name, ids] of changed)
      if (ids.length === 0) linked.delete(name);
      else linked.add(name);
    checkRequiredRelations(bp, linked, fields);
    if (Object.keys(fields).length > 0) throw invalid(fields);
    const [row] = await tx
      .update(entities)
      .set({
        title: input.title ?? current.title,
        team: input.team === undefined ? current.team : input.team,
        properties,
        updatedAt: new Date(),
      })
      .where(eq(entities.id, current.id))
      .returning(entityColumns);
    if (!row) throw notFound(`Entity "${identifier}"`);
    await writeRelations(tx, row.id, changed);
    await notifyEntity(bp.identifier, row.identifier, tx);
    const relations = (await outgoingIdentifiers(tx, [row.id])).get(row.id) ?? {};
    const changes = changedKeys(current.properties, properties);
    if (row.title !== current.title) changes.push("title");
    if (row.team !== current.team) changes.push("team");
    changes.push(...changedKeys(existing.get(current.id) ?? {}, relations).map((r) => `relation ${r}`));
    if (changes.length > 0) {
      await recordActivity(tx, row.id, {
        kind: opts.activity?.kind ?? "entity.updated",
        message: opts.activity?.message ?? `Updated ${changes.join(", ")}`,
        actor: opts.actor,
        data: opts.activity?.data ?? { before: current.properties, after: properties },
      });
    }
    await auditEntityChange(tx, opts, row, {
      verb: "entity.update",
      before: { ...current, relations: existing.get(current.id) ?? {} },
      after: { ...row, relations },
    });
    return toEntity(row, relations);
  });
  return afterWrite(bp.identifier, write);
}

export async function deleteEntity(blueprintId: string, identifier: string, opts: WriteOptions = {}): Promise<void> {
  const db = opts.db ?? getDb();
  await getBlueprint(blueprintId, db);
  const write = db.transaction(async (tx) => {
    const row = await getEntityRow(blueprintId, identifier, { db: tx, lock: true });
    // Refuse to orphan entities whose required relation points here.
    const incoming = await incomingRefs(tx, row.id);
    const blockers: string[] = [];
    for (const group of incoming) {
      const source = await findBlueprint(group.blueprint, tx);
      if (source?.relations[group.relation]?.required) {
        blockers.push(...group.entities.slice(0, 5).map((e) => `${e.blueprint}/${e.identifier}`));
      }
    }
    if (blockers.length > 0) {
      throw conflict(`"${identifier}" is required by ${blockers.join(", ")}; delete or re-point those first`);
    }
    const relations = (await outgoingIdentifiers(tx, [row.id])).get(row.id) ?? {};
    // Its relation rows go by cascade: counts are taken entity first, relations second (0012_facet_counts).
    await tx.delete(entities).where(eq(entities.id, row.id));
    await auditEntityChange(tx, opts, row, { verb: "entity.delete", before: { ...row, relations } });
  });
  await afterWrite(blueprintId, write);
}

export async function listActivity(blueprintId: string, identifier: string, limit = 50): Promise<ActivityItem[]> {
  const db = getDb();
  const row = await getEntityRow(blueprintId, identifier, { db });
  const rows = await db
    .select({
      id: entityActivity.id,
      kind: entityActivity.kind,
      message: entityActivity.message,
      actor: entityActivity.actor,
      data: entityActivity.data,
      at: entityActivity.at,
    })
    .from(entityActivity)
    .where(eq(entityActivity.entityId, row.id))
    .orderBy(desc(entityActivity.at), desc(entityActivity.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
