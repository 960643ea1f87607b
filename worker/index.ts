// The worker process: consumes pg-boss queues. The action engine registers its queues here.
import PgBoss from "pg-boss";
import { databaseUrl } from "@/lib/db/client";
import { logger } from "@/lib/logger";

const boss = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss" });
boss.on("error", (err: Error) => logger.error("pg-boss error", { error: err.message }));
await boss.start();
logger.info("worker ready", { pid: process.pid });

async function stop(): Promise<void> {
  await boss.stop({ graceful: true, timeout: 5000 }).catch(() => {});
  process.exit(0);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
