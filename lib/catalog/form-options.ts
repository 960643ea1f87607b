import { listEntities } from "./search";
import type { Blueprint } from "./types";

// Choices offered by entity and action forms; capped, since the inputs accept any identifier anyway.
const OPTION_CAP = 200;

async function identifiersOf(blueprint: string): Promise<string[]> {
  const page = await listEntities(blueprint, { limit: OPTION_CAP, sort: "identifier", order: "asc" });
  return page.items.map((e) => e.identifier);
}

/** The catalog's teams, and for an entity form the identifiers its relations may point at. */
export async function loadEntityFormOptions(
  blueprint: Blueprint | null,
): Promise<{ teams: string[]; relationOptions: Record<string, string[]> }> {
  const relationEntries = await Promise.all(
    Object.entries(blueprint?.relations ?? {}).map(
      async ([name, def]) => [name, await identifiersOf(def.target)] as const,
    ),
  );
  return { teams: await identifiersOf("team").catch(() => []), relationOptions: Object.fromEntries(relationEntries) };
}
