import { route } from "@/lib/http/route";
import { cancelRun } from "@/lib/runs/run-control";
import { runParams } from "@/lib/runs/run-params";

// POST /api/v1/runs/{run}/cancel — cancel a waiting or queued run; a running one stops before its next step
export const POST = route({ params: runParams, scope: "actions" }, async ({ params, user, authorize }) =>
  cancelRun(params.run, user, authorize),
);
