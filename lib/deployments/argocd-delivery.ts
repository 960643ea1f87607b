import { AppError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";
import { applyArgocdEvent, type ApplyOutcome } from "./apply-status";
import { argocdEventSchema } from "./argocd-event";
import { hasWebhookSecret } from "./webhook-secret";

/**
 * One ArgoCD notification as it arrives over HTTP (headers and raw body), whichever server received
 * it: the Next.js route or the ingestion listener (ingest-server.ts). Throws AppError: 401 for a
 * missing or wrong secret, 400 for a body that is not an event (with its fields), and whatever
 * applying it answers (404, 422, 503).
 */
export async function ingestArgocdDelivery(headers: Headers, text: string): Promise<ApplyOutcome> {
  if (!hasWebhookSecret(headers)) throw new AppError("unauthenticated", "Missing or wrong webhook secret");
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
  return applyArgocdEvent(parsed.data, { source: "argocd" });
}
