// Next.js calls register() once when the server starts, before it serves a request: the web
// server's entry point into the composition root.
export async function register(): Promise<void> {
  // Inlined by Next's bundler: the edge build drops the Node-only wiring.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { wire } = await import("@/lib/wiring");
  wire();
  // SIGTERM: Next stops accepting connections and waits for open ones; server-sent event streams
  // would hold it until it is killed, so end them cleanly and let browsers reconnect to another replica.
  const { drainSseClients } = await import("@/lib/events/sse-clients");
  process.once("SIGTERM", () => void drainSseClients());
}
