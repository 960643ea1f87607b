import { asc, gt } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { auditRowColumns } from "./columns";
import type { Executor } from "@/lib/db/client";
import { hashAuditRow } from "./canonical";

export type AuditVerification = { ok: true; rows: number } | { ok: false; rowId: number; reason: string };

const DEFAULT_BATCH = 1000;

/**
 * Walks the whole chain in id order, a batch at a time, recomputing every hash. Names the first row
 * whose contents no longer match its hash or whose prev_hash is not its predecessor's hash (a row
 * deleted before it). Rows removed from the very end leave no trace here; that needs an external anchor.
 */
export async function verifyAuditChain(db: Executor, opts: { batchSize?: number } = {}): Promise<AuditVerification> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  let prevHash: string | null = null;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select(auditRowColumns)
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    for (const row of batch) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          rowId: row.id,
          reason: "prev_hash does not match the previous row's hash (a row before it was removed or altered)",
        };
      }
      if (hashAuditRow(row) !== row.hash) {
        return { ok: false, rowId: row.id, reason: "hash does not match the row's contents (the row was altered)" };
      }
      prevHash = row.hash;
      lastId = row.id;
      rows++;
    }
    if (batch.length < batchSize) return { ok: true, rows };
  }
}
