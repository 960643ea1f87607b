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
  { params, body, scope: "actions", status: 201 },
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
