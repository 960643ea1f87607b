import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * Tells the Slack-compatible incoming webhook (SLIPWAY_APPROVAL_WEBHOOK_URL, the one approvers are
 * told through). Unset: nothing is sent. A failure is logged, never thrown: the portal notice is
 * the one that must not be lost.
 */
export async function postToNotificationWebhook(text: string): Promise<boolean> {
  const url = getEnv().SLIPWAY_APPROVAL_WEBHOOK_URL;
  if (!url) return false;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) logger.warn("notification webhook answered with an error", { status: res.status });
    return res.ok;
  } catch (err) {
    logger.warn("notification webhook failed", { error: err instanceof Error ? err.message : String(err) });
    return false;
  }
}
