import { sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { RUN_STATUSES, type RunStatus } from "./types";

/** How many runs are in each status (every status present, zeros included), for the metrics scrape. */
export async function countRunsByStatus(): Promise<Record<RunStatus, number>> {
  // runs_status_idx leads with status: an index-only scan, not a read of every run.
  const rows = await getDb()
    .select({ status: runs.status, n: sql<number>`count(*)::int` })
    .from(runs)
    .groupBy(runs.status);
  const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
  for (const r of rows) counts[r.status as RunStatus] = r.n;
  return counts;
}
