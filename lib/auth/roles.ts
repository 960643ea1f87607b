// Roles and team membership come from the OIDC `groups` claim; the mapping is configuration.
export type Role = "admin" | "sre" | "developer";

export type RoleGroups = { admin: string[]; sre: string[]; developer: string[] };

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  groups: string[];
  roles: Role[];
  /** Identifiers of the team entities whose OIDC group the user is in. */
  teams: string[];
};

/** Parses "a, b ,c" into ["a","b","c"]; used for the *_GROUPS settings. */
export function splitGroups(value: string): string[] {
  return value
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean);
}

/**
 * Roles a set of groups grants. An empty developer list means every signed-in user is a developer,
 * which is what most installs want: sign-in itself is the gate.
 */
export function rolesFromGroups(groups: string[], mapping: RoleGroups): Role[] {
  const has = (wanted: string[]) => wanted.some((g) => groups.includes(g));
  const roles: Role[] = [];
  if (has(mapping.admin)) roles.push("admin");
  if (has(mapping.sre)) roles.push("sre");
  if (mapping.developer.length === 0 || has(mapping.developer) || roles.length > 0) roles.push("developer");
  return roles;
}

/** Teams whose `oidc_group` the user belongs to. */
export function teamsFromGroups(groups: string[], teamGroups: { team: string; group: string }[]): string[] {
  return teamGroups.filter((t) => groups.includes(t.group)).map((t) => t.team);
}
