import { createBlueprint, findBlueprint, updateBlueprint } from "@/lib/catalog/blueprints";
import type { BlueprintCreateInput } from "@/lib/catalog/inputs";
import type { RelationDefs } from "@/lib/catalog/types";

// Blueprints Backstage descriptors need beyond the built-in ones. Created on the first import rather
// than built in, so a catalog that never imports does not list four empty blueprints.
const importBlueprints: BlueprintCreateInput[] = [
  {
    identifier: "system",
    title: "System",
    icon: "network",
    description: "A group of services, APIs and resources that together expose a capability (Backstage System).",
    schema: { type: "object", properties: { description: { type: "string", title: "Description" } } },
    relations: {},
  },
  {
    identifier: "api",
    title: "API",
    icon: "plug",
    description: "An interface a service provides (Backstage API).",
    schema: {
      type: "object",
      properties: {
        description: { type: "string", title: "Description" },
        type: { type: "string", title: "Type", description: "openapi, grpc, asyncapi, graphql…" },
        lifecycle: { type: "string", title: "Lifecycle" },
      },
    },
    relations: { system: { title: "System", target: "system", many: false, required: false } },
  },
  {
    identifier: "resource",
    title: "Resource",
    icon: "database",
    description: "Infrastructure a service needs at run time: a database, a bucket, a queue (Backstage Resource).",
    schema: {
      type: "object",
      properties: {
        description: { type: "string", title: "Description" },
        type: { type: "string", title: "Type" },
      },
    },
    relations: { system: { title: "System", target: "system", many: false, required: false } },
  },
  {
    identifier: "user",
    title: "User",
    icon: "user",
    description: "A person (Backstage User).",
    schema: {
      type: "object",
      properties: { email: { type: "string", title: "Email" }, description: { type: "string", title: "Description" } },
    },
    relations: { memberOf: { title: "Member of", target: "team", many: true, required: false } },
  },
];

const serviceRelations: RelationDefs = {
  resources: { title: "Resources", target: "resource", many: true, required: false },
  providesApis: { title: "Provides APIs", target: "api", many: true, required: false },
  consumesApis: { title: "Consumes APIs", target: "api", many: true, required: false },
  system: { title: "System", target: "system", many: false, required: false },
};

/** Idempotent: creates the missing blueprints and adds the service relations descriptors use. */
export async function ensureImportBlueprints(): Promise<void> {
  for (const bp of importBlueprints) if (!(await findBlueprint(bp.identifier))) await createBlueprint(bp);
  const service = await findBlueprint("service");
  if (!service) return;
  const missing = Object.entries(serviceRelations).filter(([name]) => !(name in service.relations));
  if (missing.length > 0)
    await updateBlueprint("service", { relations: { ...service.relations, ...Object.fromEntries(missing) } });
}
