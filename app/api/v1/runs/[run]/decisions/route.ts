import { route } from "@/lib/http/route";
import { decideRun, decisionSchema } from "@/lib/runs/approvals";
import { runParams } from "@/lib/runs/run-params";

// POST /api/v1/runs/{run}/decisions — approve or decline { decision, comment?, changeTicket? }
export const POST = route(
  {
    params: runParams,
    body: decisionSchema,
    scope: "actions",
    doc: {
      summary: "Approve or decline a run awaiting approval",
      responses: { 409: "The run awaits no decision, its request expired, or you already decided" },
    },
  },
  async ({ params, body, user, authorize }) => decideRun(params.run, user, authorize, body),
);
