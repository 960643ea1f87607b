import { z } from "zod";
import { route } from "@/lib/http/route";
import { requestRun } from "@/lib/runs/request-run";

// Port's action-webhook payload: the same run as the UI creates, same checks and approvals.
const portPayload = z.object({
  action: z.string().min(1),
  entity: z.object({ identifier: z.string().min(1), blueprint: z.string().min(1) }).optional(),
  properties: z.record(z.string(), z.unknown()).default({}),
  context: z.object({ userEmail: z.string().optional(), runId: z.string().max(200).optional() }).default({}),
});

// POST /api/webhooks/actions — Port-compatible trigger (Bearer token with the `actions` scope); idempotent per context.runId
export const POST = route(
  { body: portPayload, scope: "actions", tokenOnly: true },
  async ({ body, user, authorize }) => {
    const { run, created } = await requestRun({
      action: body.action,
      user,
      authorize,
      entity: body.entity?.identifier,
      entityBlueprint: body.entity?.blueprint,
      input: body.properties,
      via: "webhook",
      externalId: body.context.runId ?? null,
    });
    return Response.json({ run, created }, { status: created ? 201 : 200 });
  },
);
