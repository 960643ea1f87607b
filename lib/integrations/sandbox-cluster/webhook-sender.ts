import { createHmac } from "node:crypto";
import { sleep } from "@/lib/sleep";

export type SimulatorLog = {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
};

/**
 * `bearer`: argocd-notifications' webhook service with an Authorization header; `hmac`: Flux's
 * generic-hmac Provider, `X-Signature: sha256=<hex HMAC-SHA256 of the body>`.
 */
export type WebhookTarget = { url: string; secret: string; signing?: "bearer" | "hmac" };

/** What a notification says about itself in the sender's log when it could not be delivered. */
type Payload = { event?: string; app?: string; entity?: string; reason?: string; involvedObject?: { name?: string } };

export type WebhookSenderOptions = WebhookTarget & {
  log: SimulatorLog;
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
};

/**
 * Posts notifications like argocd-notifications' webhook service (or Flux's notification-controller). One queue per Application keeps
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

  const signing = options.signing ?? "bearer";

  async function postOnce(payload: Payload): Promise<string | null> {
    const sent = JSON.stringify(payload);
    const auth: Record<string, string> =
      signing === "hmac"
        ? { "x-signature": `sha256=${createHmac("sha256", options.secret).update(sent).digest("hex")}` }
        : { authorization: `Bearer ${options.secret}` };
    try {
      const res = await fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: sent,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await res.text().catch(() => "");
      return res.ok ? null : `HTTP ${res.status}: ${body.slice(0, 300)}`;
    } catch (error) {
      return (error as Error).message;
    }
  }

  async function deliver(payload: Payload): Promise<void> {
    let problem: string | null = null;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      problem = await postOnce(payload);
      if (problem === null) return;
      // Stopping: every queued notification still gets one try, without waiting out the backoff.
      if (attempt === attempts || closing.signal.aborted) break;
      await sleep(backoffMs * 2 ** (attempt - 1), closing.signal);
    }
    options.log.warn(signing === "hmac" ? "Flux notification not delivered" : "ArgoCD notification not delivered", {
      event: payload.event ?? payload.reason,
      app: payload.app ?? payload.involvedObject?.name,
      entity: payload.entity,
      problem,
    });
  }

  return {
    send(key: string, payload: Payload): void {
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
