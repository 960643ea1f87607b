import { applyArgocdEvent } from "@/lib/deployments/apply-status";
import { argocdEventSchema } from "@/lib/deployments/argocd-event";
import { hasWebhookSecret } from "@/lib/deployments/webhook-secret";
import { AppError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";
import { publicRoute } from "@/lib/http/route";

// POST /api/webhooks/argocd — ArgoCD notifications (the plain entity-payload templates and Slipway's richer ones); shared-secret auth
export const POST = publicRoute(
  {
    doc: {
      summary: "ArgoCD notifications: a deployment's sync and health status",
      body: argocdEventSchema,
      webhookSecret: true,
      responses: { 404: "No such deployment entity" },
    },
  },
  async ({ req }) => {
    if (!hasWebhookSecret(req.headers)) throw new AppError("unauthenticated", "Missing or wrong webhook secret");
    const text = await req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "Request body is not valid JSON");
    }
    // A malformed notification is the sender's template error: 400, with what was wrong, nothing changed.
    const parsed = argocdEventSchema.safeParse(body);
    if (!parsed.success)
      throw new AppError("bad_request", "Not an ArgoCD status event", fieldErrorsFromZod(parsed.error));
    const outcome = await applyArgocdEvent(parsed.data, { source: "argocd" });
    return { outcome };
  },
);
