import { createBlueprint, findBlueprint, getBlueprint } from "@/lib/catalog/blueprints";
import { listEntities } from "@/lib/catalog/search";
import type { Blueprint, Entity } from "@/lib/catalog/types";
import { AppError } from "@/lib/errors";
import type { ImportRun } from "./import-runs";
import {
  portBlueprintSchema,
  portBlueprintToSlipway,
  portEntitySchema,
  portEntityToSlipway,
  slipwayBlueprintToPort,
  slipwayEntityToPort,
  splitPortDocument,
  type PortDocument,
} from "./port-json";
import { runImport, type SourceObject } from "./run-import";
import { describeFailure } from "./write-imported";

const SOURCE = "port";
/** An export is one response: past this many entities of one blueprint, narrow it down. */
export const PORT_EXPORT_CAP = 10_000;

const zodReason = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.map(String).join(".") || "entity"}: ${i.message}`).join("; ");

const describeItem = (item: unknown, index: number) => {
  const o = (item ?? {}) as { blueprint?: unknown; identifier?: unknown };
  return typeof o.blueprint === "string" && typeof o.identifier === "string"
    ? `${o.blueprint}/${o.identifier}`
    : `#${index}`;
};

/** Blueprints the document defines and the catalog lacks are created; existing ones are left as they are. */
async function createMissingBlueprints(raw: unknown[], mapping: Record<string, string>): Promise<SourceObject[]> {
  const failures: SourceObject[] = [];
  for (const [index, item] of raw.entries()) {
    const parsed = portBlueprintSchema.safeParse(item);
    const id = (item as { identifier?: unknown } | null)?.identifier;
    const object = typeof id === "string" ? `blueprint/${id}` : `blueprint #${index}`;
    if (!parsed.success) {
      failures.push({ object, revision: null, error: zodReason(parsed.error) });
      continue;
    }
    const input = portBlueprintToSlipway(parsed.data, mapping);
    if (await findBlueprint(input.identifier)) continue;
    try {
      await createBlueprint(input, { actor: `import:${SOURCE}` });
    } catch (error) {
      failures.push({ object, revision: null, error: describeFailure(error) });
    }
  }
  return failures;
}

/** Imports Port JSON: each entity on its own, so one bad entity is reported and the others go on. */
export async function importPortDocument(
  doc: unknown,
  mapping: Record<string, string>,
  trigger: string,
): Promise<ImportRun> {
  return runImport(SOURCE, trigger, async () => {
    const { blueprints, entities } = splitPortDocument(doc);
    const objects = await createMissingBlueprints(blueprints, mapping);
    const required = new Map<string, boolean>();
    for (const [index, item] of entities.entries()) {
      const object = describeItem(item, index);
      const parsed = portEntitySchema.safeParse(item);
      if (!parsed.success) {
        objects.push({ object, revision: null, error: zodReason(parsed.error) });
        continue;
      }
      const entity = portEntityToSlipway(parsed.data, mapping);
      if (!required.has(entity.blueprint)) {
        const bp = await findBlueprint(entity.blueprint);
        required.set(
          entity.blueprint,
          Object.values(bp?.relations ?? {}).some((r) => r.required),
        );
      }
      // Blueprints with required relations (deployment → service, environment) need them at creation.
      objects.push({ object, revision: null, entity, relationsFirst: required.get(entity.blueprint) });
    }
    return { objects, scopes: [] };
  });
}

async function allEntities(bp: Blueprint): Promise<Entity[]> {
  const out: Entity[] = [];
  let cursor: string | undefined;
  do {
    const page = await listEntities(bp.identifier, { limit: 200, sort: "identifier", order: "asc", cursor });
    out.push(...page.items);
    if (out.length > PORT_EXPORT_CAP)
      throw new AppError(
        "bad_request",
        `Blueprint ${bp.identifier} has more than ${PORT_EXPORT_CAP} entities; export fewer blueprints at a time`,
      );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** The blueprints and their entities in Port's shape, blueprint identifiers mapped back (`service` → `microservice`). */
export async function exportPortDocument(
  blueprintIds: string[],
  mapping: Record<string, string>,
): Promise<PortDocument> {
  const doc: PortDocument = { blueprints: [], entities: [] };
  for (const id of blueprintIds) {
    const bp = await getBlueprint(id);
    doc.blueprints.push(slipwayBlueprintToPort(bp, mapping));
    for (const e of await allEntities(bp)) doc.entities.push(slipwayEntityToPort(e, bp, mapping));
  }
  return doc;
}
