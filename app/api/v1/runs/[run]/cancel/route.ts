import { route } from "@/lib/http/route";
import { cancelRun } from "@/lib/runs/run-control";
import { runParams } from "@/lib/runs/run-params";

const doc = {
  summary: "Cancel a run",
  responses: { 409: "The run has ended, or its cancellation was already requested" },
};

// POST /api/v1/runs/{run}/cancel — cancel a waiting or queued run; a running one stops before its next step
export const POST = route({ params: runParams, scope: "actions", doc }, async ({ params, user, authorize }) =>
  cancelRun(params.run, user, authorize),
);
