import { z } from "zod";
import { route } from "@/lib/http/route";
import { requestRun } from "@/lib/runs/request-run";

const params = z.object({ action: z.string() });
const body = z.object({
  /** Identifier of the entity a day-2 action acts on (of the action's blueprint). */
  entity: z.string().optional(),
  input: z.record(z.string(), z.unknown()).default({}),
});

// POST /api/v1/actions/{action}/runs — request a run (queued, or awaiting approval per the policy)
export const POST = route(
  {
    params,
    body,
    scope: "actions",
    status: 201,
    doc: {
      summary: "Request a run",
      description:
        "Queued at once or awaiting approval, per the action's policy. `input` is checked against the action's input schema (GET /api/v1/actions/{action}); what does not fit is a 422 naming the fields, and nothing is stored.",
    },
  },
  async ({ params, body, user, authorize, principal }) => {
    const { run } = await requestRun({
      action: params.action,
      user,
      authorize,
      entity: body.entity,
      input: body.input,
      via: principal.via === "token" ? "api" : "ui",
    });
    return run;
  },
);
