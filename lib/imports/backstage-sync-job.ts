import type PgBoss from "pg-boss";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { logger } from "@/lib/logger";
import { syncBackstageOrgs } from "./backstage-sync";

export const BACKSTAGE_SYNC_QUEUE = "backstage-sync";

/**
 * The periodic full Backstage sync: it catches pushes whose webhook never arrived and repositories
 * that were deleted. Every worker offers a job each period; pg-boss's singleton key keeps it to one
 * job per period however many workers run, and the stately queue to one at a time.
 */
export async function startBackstageSyncJob(
  boss: PgBoss,
  forgejo: () => ForgejoPort,
  orgs: string[],
  periodSeconds: number,
): Promise<{ stop(): void }> {
  await boss
    .createQueue(BACKSTAGE_SYNC_QUEUE, { name: BACKSTAGE_SYNC_QUEUE, policy: "stately", retryLimit: 0 })
    .catch((e: Error) => {
      if (!/already exists|duplicate/i.test(e.message)) throw e;
    });
  await boss.work(BACKSTAGE_SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
    const run = await syncBackstageOrgs(forgejo(), orgs, "schedule");
    logger.info("backstage sync", {
      run: run.id,
      status: run.status,
      created: run.created,
      updated: run.updated,
      failed: run.failed,
      missing: run.missing,
    });
  });
  const offer = () =>
    boss
      .send(BACKSTAGE_SYNC_QUEUE, {}, { singletonKey: "full", singletonSeconds: periodSeconds })
      .catch((e: unknown) => logger.warn("could not schedule the backstage sync", { error: String(e) }));
  void offer();
  const timer = setInterval(() => void offer(), periodSeconds * 1000);
  return { stop: () => clearInterval(timer) };
}
