import { applyArgocdEvent } from "@/lib/deployments/apply-status";
import { fluxEventSchema, toStatusEvent } from "@/lib/deployments/flux-event";
import { fluxWebhookSecret } from "@/lib/deployments/webhook-secret";
import { AppError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";
import { isValidBodySignature } from "@/lib/http/hmac-signature";
import { publicRoute } from "@/lib/http/route";

// POST /api/webhooks/flux — Flux notification-controller (generic-hmac Provider, X-Signature: sha256=<hex>): a deployment's Kustomization status
export const POST = publicRoute(
  {
    doc: {
      summary: "Flux notifications (generic-hmac Provider): a deployment's Kustomization status",
      body: fluxEventSchema,
      responses: { 401: "Missing or wrong X-Signature (nothing changes)", 404: "No such deployment entity" },
    },
  },
  async ({ req }) => {
    // The signature covers the exact bytes sent: verify before parsing anything.
    const text = await req.text();
    const given = (req.headers.get("x-signature") ?? "").replace(/^sha256=/i, "");
    if (!isValidBodySignature(text, given, fluxWebhookSecret()))
      throw new AppError("unauthenticated", "Missing or wrong webhook signature");
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "Request body is not valid JSON");
    }
    const parsed = fluxEventSchema.safeParse(body);
    if (!parsed.success) throw new AppError("bad_request", "Not a Flux event", fieldErrorsFromZod(parsed.error));
    // GitRepository and trace events are acknowledged: Flux retries anything else.
    const event = toStatusEvent(parsed.data);
    if (!event) return { outcome: "ignored" };
    return { outcome: await applyArgocdEvent(event, { source: "flux" }) };
  },
);
