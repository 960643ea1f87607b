import { route } from "@/lib/http/route";
import { getRunDetail } from "@/lib/runs/run-store";
import { runParams } from "@/lib/runs/run-params";

// GET /api/v1/runs/{run} — a run with its steps, approvals and links
export const GET = route(
  { params: runParams, doc: { summary: "A run with its steps, approvals and links" } },
  async ({ params, authorize }) => {
    const run = await getRunDetail(params.run);
    authorize("read", { kind: "run", requestedBy: run.requestedBy });
    return run;
  },
);
