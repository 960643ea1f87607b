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
  const ingest = await startIngestListener();
  process.once("SIGTERM", () => {
    void drainSseClients();
    ingest?.close();
  });
}

// ArgoCD deliveries on a port of their own, without Next.js's per-request work (SLIPWAY_INGEST_PORT).
// A port already taken is logged, not fatal: the Next.js route still takes deliveries.
async function startIngestListener(): Promise<{ close: () => void } | null> {
  const { getEnv } = await import("@/lib/env");
  const port = getEnv().SLIPWAY_INGEST_PORT;
  if (!port) return null;
  const { logger } = await import("@/lib/logger");
  const { serveArgocdIngest, INGEST_PATH } = await import("@/lib/deployments/ingest-server");
  try {
    const server = await serveArgocdIngest(port);
    logger.info("ArgoCD ingestion listener ready", { port, path: INGEST_PATH });
    return server;
  } catch (err) {
    logger.error("ArgoCD ingestion listener could not start", { port, error: String(err) });
    return null;
  }
}
