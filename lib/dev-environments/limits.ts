import type { CatalogPort } from "@/lib/catalog/catalog-port";

// Per-team limits on dev environments, from the team entity (defaults when it sets none).
export const DEFAULT_MAX_TTL_HOURS = 168;
export const DEFAULT_MAX_LIVE = 5;

export type DevEnvironmentLimits = { maxTtlMs: number; maxLive: number };

export async function readTeamLimits(catalog: CatalogPort, team: string): Promise<DevEnvironmentLimits> {
  const p = (await catalog.findEntity("team", team))?.properties ?? {};
  const hours = typeof p.dev_env_max_ttl_hours === "number" ? p.dev_env_max_ttl_hours : DEFAULT_MAX_TTL_HOURS;
  const live = typeof p.dev_env_max_live === "number" ? p.dev_env_max_live : DEFAULT_MAX_LIVE;
  return { maxTtlMs: hours * 3_600_000, maxLive: live };
}

/** The team's dev environments that exist now (removed ones are gone from the catalog). */
export async function countLiveDevEnvironments(catalog: CatalogPort, team: string): Promise<number> {
  return (await catalog.listEntities("dev-environment")).filter((e) => e.team === team).length;
}
