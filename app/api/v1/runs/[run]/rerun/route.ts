import { route } from "@/lib/http/route";
import { rerunRun } from "@/lib/runs/run-control";
import { runParams } from "@/lib/runs/run-params";

// POST /api/v1/runs/{run}/rerun — a new run with the same action, entity and inputs
export const POST = route(
  {
    params: runParams,
    scope: "actions",
    status: 201,
    doc: { summary: "Run again with the same action, entity and inputs" },
  },
  async ({ params, user, authorize }) => rerunRun(params.run, user, authorize),
);
