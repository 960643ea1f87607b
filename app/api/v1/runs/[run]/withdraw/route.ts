import { route } from "@/lib/http/route";
import { withdrawRun } from "@/lib/runs/approvals";
import { runParams } from "@/lib/runs/run-params";

const doc = {
  summary: "Withdraw a request awaiting approval (requester)",
  responses: { 409: "The run awaits no approval" },
};

// POST /api/v1/runs/{run}/withdraw — the requester takes back a request awaiting approval
export const POST = route({ params: runParams, scope: "actions", doc }, async ({ params, user, authorize }) =>
  withdrawRun(params.run, user, authorize),
);
