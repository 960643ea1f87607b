import { route } from "@/lib/http/route";
import { decideRun, decisionSchema } from "@/lib/runs/approvals";
import { runParams } from "@/lib/runs/run-params";

// POST /api/v1/runs/{run}/decisions — approve or decline { decision, comment?, changeTicket? }
export const POST = route(
  { params: runParams, body: decisionSchema, scope: "actions" },
  async ({ params, body, user, authorize }) => decideRun(params.run, user, authorize, body),
);
