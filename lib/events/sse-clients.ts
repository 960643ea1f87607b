import { metrics } from "@/lib/metrics/registry";

type Stream = "run" | "entity";
type Open = { stream: Stream; close: () => void };

// Every open stream of this process, so a web replica that is stopping can end them all; on
// globalThis because Next.js bundles the two stream routes and instrumentation separately.
const holder = globalThis as unknown as { slipwaySse?: { open: Set<Open>; draining: boolean } };
const state = () => (holder.slipwaySse ??= { open: new Set(), draining: false });

/**
 * Registers an open server-sent event stream (counted in slipway_sse_clients); `close` ends it.
 * Returns the function to call once it has ended. While draining, `close` is called at once: the
 * browser's EventSource then reconnects, which the load balancer sends to another replica.
 */
export function openSseClient(stream: Stream, close: () => void): () => void {
  const entry: Open = { stream, close };
  const { open, draining } = state();
  open.add(entry);
  metrics().sseClients.inc({ stream });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    open.delete(entry);
    metrics().sseClients.dec({ stream });
  };
  if (draining) queueMicrotask(close);
  return release;
}

/**
 * Ends every open stream cleanly (SIGTERM on a web replica): each client reconnects with its
 * Last-Event-ID, elsewhere, and misses nothing. Streams opened from now on end at once. Returns how many.
 */
export function drainSseClients(): number {
  const s = state();
  s.draining = true;
  const all = [...s.open];
  for (const entry of all) entry.close();
  return all.length;
}
