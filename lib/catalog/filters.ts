import { addFieldError, invalid, type FieldErrors } from "@/lib/errors";
import type { Blueprint } from "./types";

export type PropertyFilter = { property: string; value: unknown };
export type RelationFilter = {
  relation: string;
  identifier: string;
  direction: "out" | "in";
  sourceBlueprint?: string;
  /** For `out`: the relation's target blueprint, so the target is found by its unique key. */
  targetBlueprint?: string;
  /** The entity at the other end, looked up once before the list query (null: there is none). */
  endId?: number | null;
};
export type EntityFilters = { properties: PropertyFilter[]; relations: RelationFilter[] };

function coerce(raw: string, type: unknown): unknown {
  const types = Array.isArray(type) ? type : [type];
  if ((types.includes("integer") || types.includes("number")) && raw.trim() !== "" && !Number.isNaN(Number(raw))) {
    return Number(raw);
  }
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/**
 * Reads filters from query parameters:
 *  - `property.<name>=<value>` matches a property exactly (typed per the blueprint schema);
 *  - `relation.<name>=<identifier>` keeps entities whose outgoing relation points at that entity;
 *  - `referencedBy.<blueprint>.<relation>=<identifier>` keeps entities that entity points at.
 */
export function parseEntityFilters(params: URLSearchParams, blueprint: Blueprint): EntityFilters {
  const fields: FieldErrors = {};
  const out: EntityFilters = { properties: [], relations: [] };
  const props = blueprint.schema.properties ?? {};
  for (const [key, value] of params) {
    if (key.startsWith("property.")) {
      const name = key.slice("property.".length);
      const def = props[name];
      if (!def) addFieldError(fields, key, `Blueprint ${blueprint.identifier} has no property "${name}"`);
      else out.properties.push({ property: name, value: coerce(value, def.type) });
    } else if (key.startsWith("relation.")) {
      const name = key.slice("relation.".length);
      if (!blueprint.relations[name])
        addFieldError(fields, key, `Blueprint ${blueprint.identifier} has no relation "${name}"`);
      else
        out.relations.push({
          relation: name,
          identifier: value,
          direction: "out",
          targetBlueprint: blueprint.relations[name].target,
        });
    } else if (key.startsWith("referencedBy.")) {
      const [sourceBlueprint, relation] = key.slice("referencedBy.".length).split(".");
      if (!sourceBlueprint || !relation)
        addFieldError(fields, key, "Use referencedBy.<blueprint>.<relation>=<identifier>");
      else out.relations.push({ relation, identifier: value, direction: "in", sourceBlueprint });
    }
  }
  if (Object.keys(fields).length > 0) throw invalid(fields, "Invalid filter");
  return out;
}
