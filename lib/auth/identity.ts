import { and, eq, inArray, sql } from "drizzle-orm";
import { entities } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { rolesFromGroups, splitGroups, teamsFromGroups, type RoleGroups, type SessionUser } from "./roles";

/** What a session cookie or an API token vouches for; roles and teams are derived on every request. */
export type Identity = { id: string; email: string; name: string; groups: string[] };

export function roleGroupsFromEnv(): RoleGroups {
  const env = getEnv();
  return {
    admin: splitGroups(env.SLIPWAY_ADMIN_GROUPS),
    sre: splitGroups(env.SLIPWAY_SRE_GROUPS),
    developer: splitGroups(env.SLIPWAY_DEVELOPER_GROUPS),
  };
}

/** Team entities whose `oidc_group` is one of the given groups. */
async function teamGroupsFor(groups: string[]): Promise<{ team: string; group: string }[]> {
  if (groups.length === 0) return [];
  const group = sql<string>`${entities.properties}->>'oidc_group'`;
  return getDb()
    .select({ team: entities.identifier, group })
    .from(entities)
    .where(and(eq(entities.blueprint, "team"), inArray(group, groups)));
}

// Roles follow the configured mapping and teams follow the catalog at request time, so a change to
// either applies without anyone signing in again.
export async function resolveUser(identity: Identity): Promise<SessionUser> {
  const roles = rolesFromGroups(identity.groups, roleGroupsFromEnv());
  const teams = teamsFromGroups(identity.groups, await teamGroupsFor(identity.groups));
  return { ...identity, roles, teams: teams.sort() };
}
