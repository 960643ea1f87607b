import type { Resource } from "@/lib/auth/permissions";
import { getEntityRow } from "./entity-lookup";

export type EntityResource = Extract<Resource, { kind: "entity" }>;

/** The permission resource for an existing entity (its owning team decides who may change it). */
export async function entityResource(blueprint: string, identifier: string): Promise<EntityResource> {
  const row = await getEntityRow(blueprint, identifier);
  return { kind: "entity", blueprint, identifier, team: row.team };
}

/**
 * Resources a change touches: the entity as it is, and as it would be when the change hands it to
 * another team, so nobody can give an entity away to (or take it from) a team they are not in.
 */
export async function entityChangeResources(
  blueprint: string,
  identifier: string,
  newTeam: string | null | undefined,
): Promise<EntityResource[]> {
  const current = await entityResource(blueprint, identifier);
  if (newTeam === undefined || newTeam === current.team) return [current];
  return [current, { ...current, team: newTeam }];
}
