import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The process's Prometheus metrics (prom-client). Kept on globalThis: Next.js bundles route handlers
 * and instrumentation separately, and every copy must count into the same registry.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "slipway_http_request_duration_seconds",
      help: "Time until an API route answered (headers sent; for server-sent events, the stream opened), by route template",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    statusEvents: new Counter({
      name: "slipway_argocd_events_total",
      help: "ArgoCD status events received, by source (argocd webhook, watch) and outcome (applied, unchanged, duplicate, stale)",
      labelNames: ["source", "outcome"] as const,
      registers: [registry],
    }),
    statusLag: new Histogram({
      name: "slipway_status_lag_seconds",
      help: "From the time an applied ArgoCD status event says it was observed to its application in the catalog",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    sseClients: new Gauge({
      name: "slipway_sse_clients",
      help: "Server-sent event streams open on this process, by stream (run, entity)",
      labelNames: ["stream"] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const holder = globalThis as unknown as { slipwayMetrics?: Metrics };

export function metrics(): Metrics {
  holder.slipwayMetrics ??= createMetrics();
  return holder.slipwayMetrics;
}
