import { z } from "zod";
import { identifierSchema } from "@/lib/catalog/inputs";
import type { Blueprint, Entity } from "@/lib/catalog/types";
import type { MappedEntity } from "./backstage-descriptor";

// Port's JSON (its REST API's blueprint and entity shapes) ↔ Slipway's catalog. Pure: lib/imports/
// port-import.ts reads and writes the catalog. Port relates entities to a team through `relations.team`
// (or `team`); Slipway keeps the owning team on the entity itself.

export const DEFAULT_PORT_MAPPING: Record<string, string> = { microservice: "service" };

export const blueprintMappingSchema = z
  .record(identifierSchema, identifierSchema)
  .default(DEFAULT_PORT_MAPPING)
  .describe("Port blueprint → Slipway blueprint; blueprints not named keep their identifier");

const relationValue = z.union([z.string(), z.array(z.string()), z.null()]);

export const portEntitySchema = z.object({
  identifier: identifierSchema,
  blueprint: identifierSchema,
  title: z.string().trim().max(300).optional(),
  team: z.union([identifierSchema, z.array(identifierSchema), z.null()]).optional(),
  properties: z.record(z.string(), z.unknown()).default({}),
  relations: z.record(z.string(), relationValue).default({}),
});
export type PortEntity = z.infer<typeof portEntitySchema>;

export const portBlueprintSchema = z.object({
  identifier: identifierSchema,
  title: z.string().trim().min(1).max(200),
  icon: z.string().max(50).optional(),
  description: z.string().max(2000).optional(),
  schema: z
    .object({ properties: z.record(z.string(), z.unknown()).default({}), required: z.array(z.string()).optional() })
    .default({ properties: {} }),
  relations: z
    .record(
      z.string(),
      z.object({
        title: z.string().optional(),
        target: identifierSchema,
        required: z.boolean().default(false),
        many: z.boolean().default(false),
      }),
    )
    .default({}),
});
export type PortBlueprint = z.infer<typeof portBlueprintSchema>;

export type PortDocument = { blueprints: PortBlueprint[]; entities: PortEntity[] };

/** A Port export, an array of entities, or one entity (the shapes Port's API and its docs show): raw items, checked one by one. */
export function splitPortDocument(doc: unknown): { blueprints: unknown[]; entities: unknown[] } {
  if (Array.isArray(doc)) return { blueprints: [], entities: doc };
  if (doc && typeof doc === "object") {
    const o = doc as Record<string, unknown>;
    if (Array.isArray(o.entities) || Array.isArray(o.blueprints))
      return {
        blueprints: Array.isArray(o.blueprints) ? o.blueprints : [],
        entities: Array.isArray(o.entities) ? o.entities : [],
      };
    // Port's API wraps a single entity as { ok, entity }.
    if (o.entity && typeof o.entity === "object") return { blueprints: [], entities: [o.entity] };
    return { blueprints: [], entities: [doc] };
  }
  return { blueprints: [], entities: [doc] };
}

export const mapBlueprintId = (mapping: Record<string, string>, id: string) => mapping[id] ?? id;
export const reverseBlueprintId = (mapping: Record<string, string>, id: string) =>
  Object.entries(mapping).find(([, slipway]) => slipway === id)?.[0] ?? id;

const single = (v: string | string[] | null | undefined) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null));

export function portEntityToSlipway(e: PortEntity, mapping: Record<string, string>): MappedEntity {
  const blueprint = mapBlueprintId(mapping, e.blueprint);
  const { team: teamRelation, ...relations } = e.relations;
  const team = blueprint === "team" ? null : (single(teamRelation) ?? single(e.team));
  return {
    blueprint,
    identifier: e.identifier,
    title: e.title ?? e.identifier,
    team,
    properties: e.properties,
    relations: blueprint === "team" ? e.relations : relations,
  };
}

export function portBlueprintToSlipway(b: PortBlueprint, mapping: Record<string, string>) {
  return {
    identifier: mapBlueprintId(mapping, b.identifier),
    title: b.title,
    icon: b.icon,
    description: b.description,
    schema: {
      type: "object",
      properties: b.schema.properties,
      ...(b.schema.required ? { required: b.schema.required } : {}),
    },
    relations: Object.fromEntries(
      Object.entries(b.relations).map(([name, r]) => [name, { ...r, target: mapBlueprintId(mapping, r.target) }]),
    ),
  };
}

export function slipwayBlueprintToPort(b: Blueprint, mapping: Record<string, string>): PortBlueprint {
  const { properties = {}, required } = b.schema as { properties?: Record<string, unknown>; required?: string[] };
  return {
    identifier: reverseBlueprintId(mapping, b.identifier),
    title: b.title,
    icon: b.icon,
    description: b.description,
    schema: { properties, ...(required ? { required } : {}) },
    relations: Object.fromEntries(
      Object.entries(b.relations).map(([name, r]) => [
        name,
        { title: r.title, target: reverseBlueprintId(mapping, r.target), required: r.required, many: r.many },
      ]),
    ),
  };
}

/** Port's entity shape: the owning team as `relations.team`, single relations as one identifier, empty ones left out. */
export function slipwayEntityToPort(e: Entity, bp: Blueprint, mapping: Record<string, string>): PortEntity {
  const relations: PortEntity["relations"] = {};
  if (e.team && bp.identifier !== "team") relations.team = e.team;
  for (const [name, targets] of Object.entries(e.relations)) {
    if (targets.length === 0) continue;
    relations[name] = bp.relations[name]?.many ? targets : (targets[0] ?? null);
  }
  return {
    identifier: e.identifier,
    blueprint: reverseBlueprintId(mapping, e.blueprint),
    ...(e.title !== e.identifier ? { title: e.title } : {}),
    properties: e.properties,
    relations,
  };
}
