import { findEntity } from "@/lib/catalog/entity-lookup";
import type { EntityRef } from "./define-action";

/** The entity a run acts on, as actions see it (team, properties, outgoing relations), or null. */
export async function findRunEntity(blueprint: string, identifier: string): Promise<EntityRef | null> {
  const e = await findEntity(blueprint, identifier);
  if (!e) return null;
  return { blueprint, identifier, team: e.team, properties: e.properties, relations: e.relations };
}
