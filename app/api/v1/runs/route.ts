import { route } from "@/lib/http/route";
import { listRuns } from "@/lib/runs/list-runs";
import { runQuerySchema } from "@/lib/runs/run-query";

// GET /api/v1/runs — runs newest first; filters action, status, requester, entity, from/to; view=mine|approvals
export const GET = route(
  { query: runQuerySchema, doc: { summary: "Runs, newest first, filtered" } },
  async ({ query, user, authorize }) => {
    authorize("read", { kind: "catalog" });
    return listRuns(query, user);
  },
);
