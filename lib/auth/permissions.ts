import type { Role, SessionUser } from "./roles";

// One permission module: every route handler and page asks `can(user, verb, resource)`.
export type Verb = "read" | "create" | "update" | "delete" | "execute" | "approve";

export type Resource =
  | { kind: "catalog" }
  | { kind: "blueprint"; identifier?: string }
  | { kind: "entity"; blueprint: string; identifier?: string; team: string | null }
  | { kind: "audit" }
  /** Imports from other tools (ArgoCD, Backstage, Port): runs, conflicts, Port JSON in and out. Admins only. */
  | { kind: "import" }
  | { kind: "token"; owner: string }
  | { kind: "action"; id: string; allowedRoles: Role[]; team?: string | null }
  /** A run: everyone reads; `update` (cancel) is the requester's, SREs' and admins'; `delete` (withdraw) only the requester's. */
  | { kind: "run"; requestedBy: string }
  /** A portal notice: only the person it is addressed to reads or dismisses it. */
  | { kind: "notification"; recipient: string }
  /** Kyverno policies of the GitOps repository: everyone reads; admins add, edit and enable them. */
  | { kind: "policy" }
  /** A run's policy gate: only admins override (`update`) a failing one. */
  | { kind: "gate"; runId: string };

/** The route's permission check, handed to lib functions that decide what to check only after loading data. */
export type Authorize = (verb: Verb, resource: Resource) => void;

const hasRole = (user: SessionUser, role: Role) => user.roles.includes(role);

function canTouchEntity(user: SessionUser, verb: Verb, r: Extract<Resource, { kind: "entity" }>): boolean {
  if (verb === "read") return true;
  if (hasRole(user, "admin")) return true;
  if (verb !== "create" && verb !== "update" && verb !== "delete") return false;
  // A team entity is edited by its own members; other entities by the members of their owning team.
  const owningTeam = r.blueprint === "team" ? (r.identifier ?? null) : r.team;
  return owningTeam !== null && user.teams.includes(owningTeam);
}

const hasActionRole = (user: SessionUser, r: Extract<Resource, { kind: "action" }>) =>
  r.allowedRoles.some((role) => hasRole(user, role)) || hasRole(user, "admin");

// Executing against a team's entity also needs membership of that team (or a privileged role).
const inActionTeam = (user: SessionUser, r: Extract<Resource, { kind: "action" }>) =>
  !r.team || user.teams.includes(r.team) || hasRole(user, "sre") || hasRole(user, "admin");

export function can(user: SessionUser | null, verb: Verb, resource: Resource): boolean {
  if (!user) return false;
  switch (resource.kind) {
    case "catalog":
      return verb === "read";
    case "blueprint":
      return verb === "read" || hasRole(user, "admin");
    case "entity":
      return canTouchEntity(user, verb, resource);
    case "audit":
      return verb === "read" && hasRole(user, "admin");
    case "import":
      return hasRole(user, "admin");
    case "token":
      return resource.owner === user.id || hasRole(user, "admin");
    case "run":
      if (verb === "read") return true;
      if (verb === "delete") return resource.requestedBy === user.id;
      return verb === "update" && (resource.requestedBy === user.id || hasRole(user, "sre") || hasRole(user, "admin"));
    case "notification":
      return (verb === "read" || verb === "update") && resource.recipient.toLowerCase() === user.email.toLowerCase();
    case "policy":
    case "gate":
      return verb === "read" || hasRole(user, "admin");
    case "action": {
      if (verb === "read") return true;
      if (verb === "approve") return hasActionRole(user, resource);
      return verb === "execute" && hasActionRole(user, resource) && inActionTeam(user, resource);
    }
    default: {
      const unreachable: never = resource;
      return unreachable;
    }
  }
}

// Names the roles the action needs and the ones the user has, so "not allowed" is never the whole story.
function actionRoleMessage(verb: Verb, r: Extract<Resource, { kind: "action" }>, user: SessionUser | null): string {
  const doing = verb === "approve" ? "Approving" : verb === "execute" ? "Running" : `To ${verb}`;
  const needed = [...new Set<Role>([...r.allowedRoles, "admin"])].join(" or ");
  const had = user && user.roles.length > 0 ? user.roles.join(", ") : "none";
  return `${doing} the action ${r.id} needs the role ${needed}; your roles: ${had}`;
}

/** Why `can` said no to `user`, phrased for the person who was refused. */
export function forbiddenMessage(verb: Verb, resource: Resource, user: SessionUser | null): string {
  switch (resource.kind) {
    case "catalog":
      return "You cannot change the catalog this way";
    case "blueprint":
      return "Only admins can change blueprints";
    case "entity": {
      const team = resource.blueprint === "team" ? resource.identifier : resource.team;
      return team
        ? `Only members of team ${team} (or admins) can ${verb} this entity`
        : `Only admins can ${verb} entities without an owning team`;
    }
    case "audit":
      return "Only admins can read the audit log";
    case "import":
      return "Only admins can import, export and review imports";
    case "token":
      return "You can only manage your own API tokens";
    case "action":
      // The role allows it but the team does not: say which team, not just "not allowed".
      if (verb === "execute" && user && hasActionRole(user, resource) && !inActionTeam(user, resource))
        return `You are not a member of team ${resource.team}`;
      return actionRoleMessage(verb, resource, user);
    case "run":
      return verb === "delete"
        ? "Only the requester can withdraw a request"
        : "Only the requester, SREs and admins can cancel a run";
    case "notification":
      return "This notification is addressed to someone else";
    case "policy":
      return "Only admins can change policies";
    case "gate":
      return "Only an admin can override a policy gate";
    default: {
      const unreachable: never = resource;
      return unreachable;
    }
  }
}
