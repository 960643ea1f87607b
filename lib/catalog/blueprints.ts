import { asc, eq, inArray } from "drizzle-orm";
import { blueprints, entities } from "@/db/schema";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { diffChanges } from "@/lib/audit/diff";
import { getDb, type Executor } from "@/lib/db/client";
import { invalidateLocally } from "@/lib/db/cache-invalidation";
import { ReadCache } from "@/lib/db/read-cache";
import { addFieldError, conflict, invalid, notFound, type FieldErrors } from "@/lib/errors";
import type { BlueprintCreateInput, BlueprintUpdateInput } from "./inputs";
import type { Blueprint, RelationDefs, WriteOptions } from "./types";
import { checkPropertySchema } from "./validation";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const columns = {
  identifier: blueprints.identifier,
  title: blueprints.title,
  icon: blueprints.icon,
  description: blueprints.description,
  schema: blueprints.schema,
  relations: blueprints.relations,
  builtin: blueprints.builtin,
  createdAt: blueprints.createdAt,
  updatedAt: blueprints.updatedAt,
};

type Row = { [K in keyof typeof columns]: (typeof columns)[K]["_"]["data"] };

function toBlueprint(row: Row): Blueprint {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

// What the audit log records of a blueprint: the definition, not bookkeeping timestamps.
function auditView(bp: Blueprint): Record<string, unknown> {
  const { title, icon, description, schema, relations, builtin } = bp;
  return { title, icon, description, schema, relations, builtin };
}

async function audit(
  tx: Executor,
  opts: WriteOptions,
  verb: string,
  identifier: string,
  data: Record<string, unknown>,
) {
  await appendAudit(tx, { actor: opts.actor ?? SYSTEM_ACTOR, verb, target: `blueprint:${identifier}`, data });
}

async function lockBlueprint(tx: Executor, identifier: string): Promise<Blueprint> {
  const [row] = await tx.select(columns).from(blueprints).where(eq(blueprints.identifier, identifier)).for("update");
  if (!row) throw notFound(`Blueprint "${identifier}"`);
  return toBlueprint(row);
}

// Blueprints are a small, admin-curated set; the list is capped rather than paginated.
export const BLUEPRINT_LIST_CAP = 500;

export async function listBlueprints(): Promise<Blueprint[]> {
  const rows = await getDb().select(columns).from(blueprints).orderBy(asc(blueprints.title)).limit(BLUEPRINT_LIST_CAP);
  return rows.map(toBlueprint);
}

async function readBlueprint(identifier: string, db: Executor): Promise<Blueprint | null> {
  const [row] = await db.select(columns).from(blueprints).where(eq(blueprints.identifier, identifier));
  return row ? toBlueprint(row) : null;
}

// Every catalog read starts with its blueprint, and blueprints change rarely, by admins: they are kept
// per process and dropped by the `blueprint:<id>` invalidation a trigger sends on any change (0008).
const cache = new ReadCache<Blueprint>({
  ttlMs: 60_000,
  maxEntries: 1000,
  concerns: (payload, key) => payload === `blueprint:${key}`,
});

/**
 * The blueprint, or null. Outside a transaction (no `db`) it may come from the cache and is frozen:
 * callers must not change it. Inside one, it is read through the caller's transaction.
 */
export async function findBlueprint(identifier: string, db?: Executor): Promise<Blueprint | null> {
  if (db) return readBlueprint(identifier, db);
  return cache.get(identifier, async () => {
    const bp = await readBlueprint(identifier, getDb());
    return bp && deepFreeze(bp);
  });
}

export async function getBlueprint(identifier: string, db?: Executor): Promise<Blueprint> {
  const found = await findBlueprint(identifier, db);
  if (!found) throw notFound(`Blueprint "${identifier}"`);
  return found;
}

async function checkRelationTargets(
  db: Executor,
  self: string,
  relations: RelationDefs,
  fields: FieldErrors,
): Promise<void> {
  const targets = [...new Set(Object.values(relations).map((r) => r.target))].filter((t) => t !== self);
  if (targets.length === 0) return;
  const rows = await db
    .select({ identifier: blueprints.identifier })
    .from(blueprints)
    .where(inArray(blueprints.identifier, targets));
  const known = new Set(rows.map((r) => r.identifier));
  for (const [name, def] of Object.entries(relations)) {
    if (def.target !== self && !known.has(def.target)) {
      addFieldError(fields, `relations.${name}.target`, `Unknown blueprint "${def.target}"`);
    }
  }
}

export async function createBlueprint(
  input: BlueprintCreateInput,
  opts: WriteOptions & { builtin?: boolean } = {},
): Promise<Blueprint> {
  const db = opts.db ?? getDb();
  const fields = checkPropertySchema(input.schema);
  await checkRelationTargets(db, input.identifier, input.relations, fields);
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(blueprints)
        .values({
          identifier: input.identifier,
          title: input.title,
          icon: input.icon ?? "box",
          description: input.description ?? "",
          schema: { type: "object", ...input.schema },
          relations: input.relations,
          builtin: opts.builtin ?? false,
        })
        .onConflictDoNothing()
        .returning(columns);
      if (!row) throw conflict(`Blueprint "${input.identifier}" already exists`);
      const created = toBlueprint(row);
      await audit(tx, opts, "blueprint.create", created.identifier, { after: auditView(created) });
      return created;
    })
    .finally(() => invalidateLocally(`blueprint:${input.identifier}`));
}

export async function updateBlueprint(
  identifier: string,
  input: BlueprintUpdateInput,
  opts: WriteOptions = {},
): Promise<Blueprint> {
  return (opts.db ?? getDb())
    .transaction(async (tx) => {
      const current = await lockBlueprint(tx, identifier);
      const fields: FieldErrors = input.schema ? checkPropertySchema(input.schema) : {};
      if (input.relations) await checkRelationTargets(tx, identifier, input.relations, fields);
      if (Object.keys(fields).length > 0) throw invalid(fields);
      const [row] = await tx
        .update(blueprints)
        .set({
          title: input.title ?? current.title,
          icon: input.icon ?? current.icon,
          description: input.description ?? current.description,
          schema: input.schema ? { type: "object", ...input.schema } : current.schema,
          relations: input.relations ?? current.relations,
          updatedAt: new Date(),
        })
        .where(eq(blueprints.identifier, identifier))
        .returning(columns);
      if (!row) throw notFound(`Blueprint "${identifier}"`);
      const updated = toBlueprint(row);
      await audit(tx, opts, "blueprint.update", identifier, diffChanges(auditView(current), auditView(updated)));
      return updated;
    })
    .finally(() => invalidateLocally(`blueprint:${identifier}`));
}

export async function deleteBlueprint(identifier: string, opts: WriteOptions = {}): Promise<void> {
  await (opts.db ?? getDb())
    .transaction(async (tx) => {
      const bp = await lockBlueprint(tx, identifier);
      if (bp.builtin) throw conflict(`Blueprint "${identifier}" is built in and cannot be deleted`);
      const [used] = await tx
        .select({ id: entities.id })
        .from(entities)
        .where(eq(entities.blueprint, identifier))
        .limit(1);
      if (used) throw conflict(`Blueprint "${identifier}" still has entities; delete them first`);
      const others = await tx
        .select({ identifier: blueprints.identifier, relations: blueprints.relations })
        .from(blueprints);
      const referencing = others.filter(
        (b) => b.identifier !== identifier && Object.values(b.relations).some((r) => r.target === identifier),
      );
      if (referencing.length > 0) {
        throw conflict(
          `Blueprint "${identifier}" is the target of relations in: ${referencing.map((b) => b.identifier).join(", ")}`,
        );
      }
      await tx.delete(blueprints).where(eq(blueprints.identifier, identifier));
      await audit(tx, opts, "blueprint.delete", identifier, { before: auditView(bp) });
    })
    .finally(() => invalidateLocally(`blueprint:${identifier}`));
}
