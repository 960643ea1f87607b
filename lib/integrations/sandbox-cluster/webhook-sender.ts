import type { NotificationPayload } from "./notifications";
import { sleep } from "@/lib/sleep";

export type SimulatorLog = {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
};

export type WebhookTarget = { url: string; secret: string };

export type WebhookSenderOptions = WebhookTarget & {
  log: SimulatorLog;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
};

/**
 * Posts notifications like argocd-notifications' webhook service. One queue per Application keeps
 * each one's notifications in order without a slow or failing one holding up the others. Failures
 * (network, timeouts, any non-2xx: the entity may not exist yet) are retried with backoff, then
 * logged and dropped; nothing here ever throws.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 200;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const queues = new Map<string, Promise<void>>();
  const closing = new AbortController();

  async function postOnce(payload: NotificationPayload): Promise<string | null> {
    try {
      const res = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.secret}` },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await res.text().catch(() => "");
      return res.ok ? null : `HTTP ${res.status}: ${body.slice(0, 300)}`;
    } catch (error) {
      return (error as Error).message;
    }
  }

  async function deliver(payload: NotificationPayload): Promise<void> {
    let problem: string | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      problem = await postOnce(payload);
      if (problem === null) return;
      // Stopping: every queued notification still gets one try, without waiting out the backoff.
      if (attempt === attempts || closing.signal.aborted) break;
      await sleep(backoffMs * 2 ** (attempt - 1), closing.signal);
    }
    options.log.warn("ArgoCD notification not delivered", {
      event: payload.event,
      app: payload.app,
      entity: payload.entity,
      problem,
    });
  }

  return {
    send(key: string, payload: NotificationPayload): void {
      const next = (queues.get(key) ?? Promise.resolve()).then(() => deliver(payload));
      queues.set(key, next);
      void next.then(() => {
        if (queues.get(key) === next) queues.delete(key);
      });
    },
    /** Resolves once every queued notification was delivered or given up on. */
    async close(): Promise<void> {
      closing.abort();
      while (queues.size > 0) await Promise.all([...queues.values()]);
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
