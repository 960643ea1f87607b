import { z } from "zod";
import { route } from "@/lib/http/route";
import { overrideGate } from "@/lib/policies/gate";
import { runParams } from "@/lib/runs/run-params";

const body = z.object({
  reason: z.string().trim().min(10, "Say why the failing checks may be let through (10 characters or more)").max(2000),
});

// POST /api/v1/runs/{run}/gate/override — an admin lets a failing policy gate through { reason }
export const POST = route(
  {
    params: runParams,
    body,
    scope: "actions",
    doc: {
      summary: "Override a failing policy gate with a reason (admins); audited as run.gate_override",
      responses: { 404: "The run has no policy gate", 409: "Already overridden, or nothing failed" },
    },
  },
  async ({ params, body, user, authorize }) => overrideGate(params.run, user, authorize, body.reason),
);
