import type PgBoss from "pg-boss";
import { logger } from "@/lib/logger";
import type { RunPorts } from "@/lib/runs/ports";
import { EXPIRY_QUEUE, sweepDevEnvironments } from "./expiry";

/**
 * Schedules the expiry sweep every minute (pg-boss cron: one job per minute however many workers
 * schedule it) and works it in this worker. Claims in the database make overlapping sweeps safe.
 */
export async function startExpiryJob(
  boss: PgBoss,
  ports: () => Pick<RunPorts, "cluster" | "catalog">,
  portalUrl: string,
): Promise<void> {
  await boss.createQueue(EXPIRY_QUEUE, { name: EXPIRY_QUEUE, policy: "stately", retryLimit: 0 }).catch((e: Error) => {
    if (!/already exists|duplicate/i.test(e.message)) throw e;
  });
  await boss.schedule(EXPIRY_QUEUE, "* * * * *");
  await boss.work(EXPIRY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    const result = await sweepDevEnvironments({ now: new Date(), ports: ports(), portalUrl });
    if (result.warned.length + result.removed.length > 0) logger.info("dev environment expiry", result);
  });
}
