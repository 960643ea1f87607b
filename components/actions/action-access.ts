import { can, forbiddenMessage } from "@/lib/auth/permissions";
import type { Role, SessionUser } from "@/lib/auth/roles";
import type { ActionSummary } from "@/lib/runs/action-mirror";

/** Whether the user may start the action on an entity of `team`, and if not, the reason shown beside it. */
export type ActionAccess = { allowed: true; reason: null } | { allowed: false; reason: string };

export function actionAccess(
  user: SessionUser,
  action: Pick<ActionSummary, "id" | "executeRoles">,
  team: string | null,
): ActionAccess {
  const resource = {
    kind: "action" as const,
    id: action.id,
    allowedRoles: action.executeRoles as Role[],
    team,
  };
  return can(user, "execute", resource)
    ? { allowed: true, reason: null }
    : { allowed: false, reason: forbiddenMessage("execute", resource, user) };
}
