import { ENTITY_EVENTS_CHANNEL } from "@/lib/catalog/entity-events";
import { subscribe } from "./pg-listener";
import { openSseClient } from "./sse-clients";

const encoder = new TextEncoder();
const HEARTBEAT_MS = 15_000;
// Bursts (a rollout reports every few hundred ms) coalesce into at most one event per window; the
// first change after a quiet window goes out at once, so a lone status change is not held back.
const COALESCE_MS = 250;

/** Server-sent `change` events whenever one of the `<blueprint>/<identifier>` topics changes. */
export function streamEntityChanges(topics: string[], signal: AbortSignal): ReadableStream<Uint8Array> {
  const unsubscribers: (() => void)[] = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let release = () => {};
  const stop = () => {
    closed = true;
    release();
    for (const u of unsubscribers) u();
    clearInterval(heartbeat);
    clearTimeout(pending);
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        if (!closed) controller.enqueue(encoder.encode(chunk));
      };
      const changed = new Set<string>();
      let lastSent = 0;
      const flush = () => {
        pending = undefined;
        lastSent = Date.now();
        send(`event: change\ndata: ${JSON.stringify([...changed])}\n\n`);
        changed.clear();
      };
      for (const topic of topics) {
        unsubscribers.push(
          await subscribe(ENTITY_EVENTS_CHANNEL, topic, () => {
            changed.add(topic);
            pending ??= setTimeout(flush, Math.max(0, lastSent + COALESCE_MS - Date.now()));
          }),
        );
      }
      const end = () => {
        if (closed) return;
        stop();
        controller.close();
      };
      signal.addEventListener("abort", end);
      // A stopping replica ends the stream; the browser reconnects (and refreshes on `ready`) elsewhere.
      release = openSseClient("entity", end);
      heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      // Subscribed from here on: a client refreshes once on `ready` to catch what changed between
      // rendering its page and this point (or while it was reconnecting), which no event will report.
      send("retry: 2000\n\nevent: ready\ndata: {}\n\n");
    },
    cancel: stop,
  });
}
