import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";
import { publicRoute } from "@/lib/http/route";
import { forgejoDeliveryId, forgejoEventType, hasValidForgejoSignature } from "@/lib/previews/forgejo-signature";
import { handlePullRequestEvent } from "@/lib/previews/handle-pull-request";
import { pullRequestEventSchema } from "@/lib/previews/pull-request-event";
import { runPorts } from "@/lib/wiring";

// POST /api/webhooks/forgejo — Forgejo/Gitea webhook (HMAC-signed): pull requests on a service's repository get preview environments
export const POST = publicRoute(
  {
    doc: {
      summary: "Forgejo/Gitea webhook: pull-request previews (signed with X-Forgejo-Signature / X-Gitea-Signature)",
      body: pullRequestEventSchema,
      responses: { 401: "Missing or wrong signature (nothing is created)" },
    },
  },
  async ({ req }) => {
    // The signature covers the exact bytes sent: verify before parsing anything.
    const text = await req.text();
    if (!hasValidForgejoSignature(text, req.headers, getEnv().SLIPWAY_FORGEJO_WEBHOOK_SECRET))
      throw new AppError("unauthenticated", "Missing or wrong webhook signature");
    const event = forgejoEventType(req.headers);
    // Forgejo sends whatever the hook subscribes to: anything but pull requests is acknowledged and ignored.
    if (event !== "pull_request") return { outcome: "ignored-event", event };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "Request body is not valid JSON");
    }
    const parsed = pullRequestEventSchema.safeParse(body);
    if (!parsed.success)
      throw new AppError("bad_request", "Not a pull request event", fieldErrorsFromZod(parsed.error));
    return handlePullRequestEvent(
      parsed.data,
      forgejoDeliveryId(req.headers),
      runPorts("slipway (pull request previews)"),
    );
  },
);
