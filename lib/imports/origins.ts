import { and, desc, eq, inArray, isNull, like } from "drizzle-orm";
import { entities, entityOrigins, importConflicts } from "@/db/schema";
import { getDb } from "@/lib/db/client";

export type Origin = {
  source: string;
  object: string;
  revision: string | null;
  ownedFields: string[];
  importedAt: string;
  missingAt: string | null;
};

const columns = {
  source: entityOrigins.source,
  object: entityOrigins.object,
  revision: entityOrigins.revision,
  ownedFields: entityOrigins.ownedFields,
  importedAt: entityOrigins.importedAt,
  missingAt: entityOrigins.missingAt,
};

const toOrigin = (r: { importedAt: Date; missingAt: Date | null } & Omit<Origin, "importedAt" | "missingAt">) => ({
  ...r,
  importedAt: r.importedAt.toISOString(),
  missingAt: r.missingAt?.toISOString() ?? null,
});

export async function findOriginById(entityId: number): Promise<Origin | null> {
  const [row] = await getDb().select(columns).from(entityOrigins).where(eq(entityOrigins.entityId, entityId));
  return row ? toOrigin(row) : null;
}

/** The origin of an entity by blueprint and identifier; null for entities made in Slipway. */
export async function findOrigin(blueprint: string, identifier: string): Promise<Origin | null> {
  const [row] = await getDb()
    .select(columns)
    .from(entityOrigins)
    .innerJoin(entities, eq(entities.id, entityOrigins.entityId))
    .where(and(eq(entities.blueprint, blueprint), eq(entities.identifier, identifier)));
  return row ? toOrigin(row) : null;
}

export async function saveOrigin(
  entityId: number,
  origin: { source: string; object: string; revision: string | null; ownedFields: string[] },
): Promise<void> {
  const values = { ...origin, importedAt: new Date(), missingAt: null };
  await getDb()
    .insert(entityOrigins)
    .values({ entityId, ...values })
    .onConflictDoUpdate({ target: entityOrigins.entityId, set: values });
}

export type OriginListing = { entityId: number; blueprint: string; identifier: string; object: string };

/** Entities of `source` whose object starts with `prefix` and is not marked missing yet. */
export async function listPresentOrigins(source: string, prefix: string): Promise<OriginListing[]> {
  return getDb()
    .select({
      entityId: entityOrigins.entityId,
      blueprint: entities.blueprint,
      identifier: entities.identifier,
      object: entityOrigins.object,
    })
    .from(entityOrigins)
    .innerJoin(entities, eq(entities.id, entityOrigins.entityId))
    .where(
      and(eq(entityOrigins.source, source), like(entityOrigins.object, `${prefix}%`), isNull(entityOrigins.missingAt)),
    );
}

export async function markOriginsMissing(entityIds: number[]): Promise<void> {
  if (entityIds.length === 0) return;
  await getDb().update(entityOrigins).set({ missingAt: new Date() }).where(inArray(entityOrigins.entityId, entityIds));
}

export type ImportConflict = {
  id: number;
  blueprint: string;
  identifier: string;
  ownerSource: string;
  ownerObject: string;
  claimantSource: string;
  claimantObject: string;
  detectedAt: string;
};

export async function recordConflict(c: Omit<ImportConflict, "id" | "detectedAt">): Promise<void> {
  await getDb()
    .insert(importConflicts)
    .values(c)
    .onConflictDoUpdate({
      target: [
        importConflicts.blueprint,
        importConflicts.identifier,
        importConflicts.claimantSource,
        importConflicts.claimantObject,
      ],
      set: { ownerSource: c.ownerSource, ownerObject: c.ownerObject, detectedAt: new Date() },
    });
}

export async function listConflicts(limit = 100): Promise<ImportConflict[]> {
  const rows = await getDb()
    .select({
      id: importConflicts.id,
      blueprint: importConflicts.blueprint,
      identifier: importConflicts.identifier,
      ownerSource: importConflicts.ownerSource,
      ownerObject: importConflicts.ownerObject,
      claimantSource: importConflicts.claimantSource,
      claimantObject: importConflicts.claimantObject,
      detectedAt: importConflicts.detectedAt,
    })
    .from(importConflicts)
    .orderBy(desc(importConflicts.detectedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, detectedAt: r.detectedAt.toISOString() }));
}

export async function markOriginsMissingFor(blueprint: string, identifier: string): Promise<void> {
  const [row] = await getDb()
    .select({ id: entities.id })
    .from(entities)
    .where(and(eq(entities.blueprint, blueprint), eq(entities.identifier, identifier)));
  if (row) await markOriginsMissing([row.id]);
}
