import type { Resource } from "@/lib/auth/permissions";

/** Who may operate a deployment (Sync now): developers of its team, SREs and admins — the action rule. */
export const operateResource = (team: string | null): Resource => ({
  kind: "action",
  id: "sync",
  allowedRoles: ["developer"],
  team,
});
