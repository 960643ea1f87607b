import { z } from "zod";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";
import { publicRoute } from "@/lib/http/route";
import { handlePushEvent, pushEventSchema } from "@/lib/imports/push-event";
import { forgejoDeliveryId, forgejoEventType, hasValidForgejoSignature } from "@/lib/previews/forgejo-signature";
import { handlePullRequestEvent } from "@/lib/previews/handle-pull-request";
import { pullRequestEventSchema } from "@/lib/previews/pull-request-event";
import { forgejoPort, runPorts } from "@/lib/wiring";

function parseEvent<T>(text: string, schema: z.ZodType<T>, what: string): T {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError("bad_request", `Not a ${what} event`, fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

// POST /api/webhooks/forgejo — Forgejo/Gitea webhook (HMAC-signed): pull requests get preview environments, pushes re-import catalog-info.yaml
export const POST = publicRoute(
  {
    doc: {
      summary:
        "Forgejo/Gitea webhook: pull-request previews and Backstage descriptor import on push (signed with X-Forgejo-Signature / X-Gitea-Signature)",
      body: z.union([pullRequestEventSchema, pushEventSchema]),
      responses: { 401: "Missing or wrong signature (nothing is created)" },
    },
  },
  async ({ req }) => {
    // The signature covers the exact bytes sent: verify before parsing anything.
    const text = await req.text();
    const env = getEnv();
    if (!hasValidForgejoSignature(text, req.headers, env.SLIPWAY_FORGEJO_WEBHOOK_SECRET))
      throw new AppError("unauthenticated", "Missing or wrong webhook signature");
    const event = forgejoEventType(req.headers);
    // Forgejo sends whatever the hook subscribes to: anything else is acknowledged and ignored.
    const orgs = env.SLIPWAY_IMPORT_FORGEJO_ORGS ?? [];
    // Pushes matter only when the Backstage import watches some organisations.
    if (event === "push" && orgs.length > 0)
      return handlePushEvent(parseEvent(text, pushEventSchema, "push"), orgs, forgejoPort());
    if (event !== "pull_request") return { outcome: "ignored-event", event };
    return handlePullRequestEvent(
      parseEvent(text, pullRequestEventSchema, "pull request"),
      forgejoDeliveryId(req.headers),
      runPorts("slipway (pull request previews)"),
    );
  },
);
