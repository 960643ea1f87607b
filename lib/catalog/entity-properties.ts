import { and, eq } from "drizzle-orm";
import { entities } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { getEntity } from "./entities";

/** An entity's team and properties, or null; the light read that policies and runs need. */
export async function findEntityRecord(
  blueprint: string,
  identifier: string,
): Promise<{ team: string | null; properties: Record<string, unknown> } | null> {
  const [row] = await getDb()
    .select({ team: entities.team, properties: entities.properties })
    .from(entities)
    .where(and(eq(entities.blueprint, blueprint), eq(entities.identifier, identifier)));
  return row ?? null;
}

export async function findEntityProperties(
  blueprint: string,
  identifier: string,
): Promise<Record<string, unknown> | null> {
  return (await findEntityRecord(blueprint, identifier))?.properties ?? null;
}

/** Team, properties and outgoing relations of an entity, or null: what runs act on. */
export async function findEntityRef(
  blueprint: string,
  identifier: string,
): Promise<{ team: string | null; properties: Record<string, unknown>; relations: Record<string, string[]> } | null> {
  if (!(await findEntityRecord(blueprint, identifier))) return null;
  const e = await getEntity(blueprint, identifier);
  return { team: e.team, properties: e.properties, relations: e.relations };
}
