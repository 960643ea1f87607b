import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import type { RunStatus } from "./types";

/** One status change of a run, from its audit trail; `seq` (the audit row's id) orders them. */
export type RunStatusChange = { seq: number; at: string; verb: string; from: RunStatus | null; to: RunStatus };

/**
 * The run's status changes after `afterSeq`, oldest first, starting with the status it was requested
 * in. Every transition is audited with it (transitions.ts), so this is each change, including ones
 * that lasted a moment.
 */
export async function listRunStatusChanges(runId: string, afterSeq = 0): Promise<RunStatusChange[]> {
  const rows = await getDb()
    .select({ id: auditLog.id, at: auditLog.at, verb: auditLog.verb, data: auditLog.data })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.target, `run:${runId}`),
        gt(auditLog.id, afterSeq),
        or(eq(auditLog.verb, "run.request"), sql`${auditLog.data} ? 'to'`),
      ),
    )
    .orderBy(asc(auditLog.id));
  return rows.map((r) => ({
    seq: r.id,
    at: r.at.toISOString(),
    verb: r.verb,
    // The request itself records the status the run started in.
    from: (r.data.from as RunStatus | undefined) ?? null,
    to: (r.data.to ?? r.data.status) as RunStatus,
  }));
}
