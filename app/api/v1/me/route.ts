import { route } from "@/lib/http/route";

// GET /api/v1/me — who the caller is: roles and teams derived from their groups, and how they authenticated
export const GET = route(
  { doc: { summary: "Who the caller is: roles, teams, groups, session or token" } },
  async ({ principal, user, authorize }) => {
    authorize("read", { kind: "catalog" });
    return { ...user, via: principal.via, scopes: principal.via === "token" ? principal.scopes : null };
  },
);
