import { canonicalJson } from "@/lib/audit/canonical";
import { createEntity, updateEntity } from "@/lib/catalog/entities";
import { findEntity, findEntityRow } from "@/lib/catalog/entity-lookup";
import type { Entity } from "@/lib/catalog/types";
import { AppError } from "@/lib/errors";
import type { MappedEntity } from "./backstage-descriptor";
import type { ImportOutcome } from "./import-runs";
import { findOriginById, recordConflict, saveOrigin } from "./origins";

// Writes one imported object through the catalog's own create/update (validation, audit, timeline),
// then records its origin. Relations are a second step, once every entity of the import exists.

export type ImportedObject = {
  source: string;
  /** The source's name for the object; one entity per object. */
  object: string;
  revision: string | null;
  entity: MappedEntity;
  relationsFirst?: boolean;
  /** What the source owns, when more than what this write sets (status a mirror keeps up to date). */
  ownedFields?: string[];
};

export type WriteResult = { outcome: Exclude<ImportOutcome, "missing">; reason?: string };

/** The reason an object was refused, in one line (field errors included). */
export function describeFailure(error: unknown): string {
  if (error instanceof AppError && error.fields)
    return Object.entries(error.fields)
      .map(([field, messages]) => `${field}: ${messages.join(", ")}`)
      .join("; ");
  return error instanceof Error ? error.message : String(error);
}

// Key order does not count: jsonb hands objects back in its own order.
const sameJson = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function ownedFields(e: MappedEntity): string[] {
  return [
    "title",
    ...(e.team !== undefined && e.blueprint !== "team" ? ["team"] : []),
    ...Object.keys(e.properties).map((k) => `properties.${k}`),
    ...Object.keys(e.relations).map((k) => `relations.${k}`),
  ];
}

const originOf = (item: ImportedObject) => ({
  source: item.source,
  object: item.object,
  revision: item.revision,
  ownedFields: item.ownedFields ?? ownedFields(item.entity),
});

/** Claims the entity for this object, or reports a conflict when another source or object owns it. */
async function claim(entityId: number, item: ImportedObject): Promise<string | null> {
  const origin = await findOriginById(entityId);
  if (!origin || (origin.source === item.source && origin.object === item.object)) return null;
  await recordConflict({
    blueprint: item.entity.blueprint,
    identifier: item.entity.identifier,
    ownerSource: origin.source,
    ownerObject: origin.object,
    claimantSource: item.source,
    claimantObject: item.object,
  });
  return `conflict: ${item.entity.blueprint}/${item.entity.identifier} is already imported from ${origin.source} ${origin.object}`;
}

/** Creates or updates the entity without its relations; `unchanged` when nothing the source owns differs. */
export async function writeImportedEntity(item: ImportedObject, actor: string): Promise<WriteResult> {
  const { entity } = item;
  try {
    const row = await findEntityRow(entity.blueprint, entity.identifier);
    if (!row) {
      const created = await createEntity(
        entity.blueprint,
        {
          identifier: entity.identifier,
          title: entity.title,
          team: entity.team,
          properties: entity.properties,
          relations: item.relationsFirst ? entity.relations : {},
        },
        { actor },
      );
      const createdRow = await findEntityRow(created.blueprint, created.identifier);
      if (createdRow) await saveOrigin(createdRow.id, originOf(item));
      return { outcome: "created" };
    }
    const conflict = await claim(row.id, item);
    if (conflict) return { outcome: "failed", reason: conflict };
    const previous = await findOriginById(row.id);
    // Properties the source owned before and no longer sends are removed (merge-patch null).
    const dropped = (previous?.ownedFields ?? [])
      .filter((f) => f.startsWith("properties.") && !(f.slice(11) in entity.properties))
      .map((f) => f.slice(11));
    const patch: Record<string, unknown> = Object.fromEntries(dropped.map((k) => [k, null]));
    for (const [k, v] of Object.entries(entity.properties)) if (!sameJson(row.properties[k], v)) patch[k] = v;
    const teamChanged = entity.blueprint !== "team" && row.team !== entity.team;
    const changed = Object.keys(patch).length > 0 || row.title !== entity.title || teamChanged;
    if (changed)
      await updateEntity(
        entity.blueprint,
        entity.identifier,
        { title: entity.title, ...(teamChanged ? { team: entity.team } : {}), properties: patch },
        { actor },
      );
    await saveOrigin(row.id, originOf(item));
    return { outcome: changed ? "updated" : "unchanged" };
  } catch (error) {
    return { outcome: "failed", reason: describeFailure(error) };
  }
}

function relationsDiffer(current: Entity, wanted: MappedEntity["relations"]): boolean {
  return Object.entries(wanted).some(([name, value]) => {
    const want = value === null ? [] : Array.isArray(value) ? [...value].sort() : [value];
    return !sameJson([...(current.relations[name] ?? [])].sort(), want);
  });
}

/** Second step: points the entity's relations at their targets; `changed` when any moved. */
export async function writeImportedRelations(item: ImportedObject, actor: string): Promise<{ changed: boolean }> {
  const { entity } = item;
  if (Object.keys(entity.relations).length === 0) return { changed: false };
  const current = await findEntity(entity.blueprint, entity.identifier);
  if (!current || !relationsDiffer(current, entity.relations)) return { changed: false };
  await updateEntity(entity.blueprint, entity.identifier, { relations: entity.relations }, { actor });
  return { changed: true };
}
