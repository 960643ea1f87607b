import { Gauge } from "prom-client";
import { runQueueDepth } from "@/lib/runs/queue";
import { countRunsByStatus } from "@/lib/runs/run-counts";
import { logger } from "@/lib/logger";
import { metrics } from "./registry";

// A database hiccup keeps the last values (and says so in the log) instead of failing the whole scrape.
async function unlessFailing<T>(what: string, read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    logger.warn(`metrics: could not read ${what}`, { error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}

const holder = globalThis as unknown as { slipwayDbGauges?: boolean };

/**
 * Gauges read from the database at scrape time: the same answer from every replica (web or worker),
 * so they are right whichever one Prometheus scrapes. Registered once per process.
 */
export function registerDbGauges(): void {
  if (holder.slipwayDbGauges) return;
  holder.slipwayDbGauges = true;
  const { registry } = metrics();
  new Gauge({
    name: "slipway_runs",
    help: "Runs by status (all replicas: read from the database at scrape time)",
    labelNames: ["status"] as const,
    registers: [registry],
    async collect() {
      const counts = await unlessFailing("runs by status", countRunsByStatus);
      for (const [status, n] of Object.entries(counts ?? {})) this.set({ status }, n);
    },
  });
  new Gauge({
    name: "slipway_run_queue_jobs",
    help: "Jobs in the pg-boss run queue by state: created and retry wait for a worker, active are being executed",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      const depth = await unlessFailing("run queue depth", runQueueDepth);
      for (const [state, n] of Object.entries(depth ?? {})) this.set({ state }, n);
    },
  });
}
