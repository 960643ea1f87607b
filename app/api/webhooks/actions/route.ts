import { z } from "zod";
import { route } from "@/lib/http/route";
import { requestRun } from "@/lib/runs/request-run";

const inputsSchema = z
  .record(z.string(), z.unknown())
  .describe("The action's inputs (see GET /api/v1/actions/{action})");

// Port's action-webhook payload: the same run as the UI creates, same checks and approvals. Port sends
// the user's inputs as `properties` in older payloads and as `inputs` in newer ones; either is taken.
const portPayload = z
  .object({
    action: z.string().min(1).describe("Action id or Port's identifier (create_microservice, promote_deployment, …)"),
    entity: z.object({ identifier: z.string().min(1), blueprint: z.string().min(1) }).optional(),
    properties: inputsSchema.optional(),
    inputs: inputsSchema.optional(),
    context: z.object({ userEmail: z.string().optional(), runId: z.string().max(200).optional() }).default({}),
  })
  .refine((p) => !(p.properties && p.inputs), {
    path: ["inputs"],
    message: "Send the action's inputs as properties or as inputs, not both",
  });

// POST /api/webhooks/actions — Port-compatible trigger (Bearer token with the `actions` scope); idempotent per context.runId
export const POST = route(
  {
    body: portPayload,
    scope: "actions",
    tokenOnly: true,
    doc: {
      summary: "Port-compatible action trigger",
      description:
        "Requests a run as the token's owner (`context.userEmail` is not trusted), with the same checks and approvals as POST /api/v1/actions/{action}/runs. A repeated `context.runId` answers the run it created.",
      responses: { 201: "Run created", 200: "A run with this context.runId existed: that run", 404: "No such action" },
    },
  },
  async ({ body, user, authorize }) => {
    const { run, created } = await requestRun({
      action: body.action,
      user,
      authorize,
      entity: body.entity?.identifier,
      entityBlueprint: body.entity?.blueprint,
      input: body.inputs ?? body.properties ?? {},
      via: "webhook",
      externalId: body.context.runId ?? null,
    });
    return Response.json({ run, created }, { status: created ? 201 : 200 });
  },
);
