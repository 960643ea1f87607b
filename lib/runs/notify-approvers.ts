import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { describePolicy } from "./describe-policy";
import type { Run } from "./types";

/**
 * Approvers find waiting runs in their in-app inbox (computed from the runs table, so it needs no
 * delivery). Optionally a Slack-compatible incoming webhook is told too; its failure never fails
 * the request, it is logged.
 */
export async function notifyApprovers(run: Run, baseUrl?: string): Promise<void> {
  const url = getEnv().SLIPWAY_APPROVAL_WEBHOOK_URL;
  if (!url || !run.policy) return;
  const link = `${baseUrl ?? getEnv().AUTH_URL ?? ""}/runs/${run.id}`;
  const target = run.entity ? ` on ${run.entity.identifier}` : "";
  const text = `${run.requestedByEmail} requests *${run.actionTitle}*${target}; needs ${describePolicy(run.policy)}. <${link}|Review>`;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) logger.warn("approval webhook answered with an error", { status: res.status, runId: run.id });
  } catch (err) {
    logger.warn("approval webhook failed", { runId: run.id, error: err instanceof Error ? err.message : String(err) });
  }
}
