import { asc, gt } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { auditRowColumns } from "./columns";
import type { Executor } from "@/lib/db/client";
import { findAuditHead, isSignedHead, type AuditHead } from "./audit-head";
import { hashAuditRow } from "./canonical";

export type AuditVerification = { ok: true; rows: number } | { ok: false; rowId: number; reason: string };

const DEFAULT_BATCH = 1000;

const describeHead = (head: AuditHead) => `${head.rows} rows ending at row ${head.lastId}`;

/**
 * Walks the whole chain in id order, a batch at a time, recomputing every hash. Names the first row
 * whose contents no longer match its hash or whose prev_hash is not its predecessor's hash (a row
 * deleted before it). Rows removed from the very end leave the chain intact; the signed head
 * checkpoint (read first, so appends during the walk only add rows after it) catches those.
 */
export async function verifyAuditChain(db: Executor, opts: { batchSize?: number } = {}): Promise<AuditVerification> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const head = await findAuditHead(db);
  if (head && !isSignedHead(head)) {
    return {
      ok: false,
      rowId: head.lastId,
      reason: `the head checkpoint's signature does not match (forged, or AUTH_SECRET changed since it was written)`,
    };
  }
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
      if (head && rows === head.rows && (row.id !== head.lastId || row.hash !== head.hash)) {
        return {
          ok: false,
          rowId: row.id,
          reason: `the chain differs from its signed head checkpoint (${describeHead(head)}): rows at its end were cut and replaced`,
        };
      }
    }
    if (batch.length < batchSize) break;
  }
  if (head && rows < head.rows) {
    return {
      ok: false,
      rowId: lastId,
      reason: `the last ${head.rows - rows} rows are missing: the signed head checkpoint records ${describeHead(head)} (the log's tail was cut)`,
    };
  }
  if (!head && rows > 0) {
    return {
      ok: false,
      rowId: lastId,
      reason: "there is no head checkpoint, so a cut tail cannot be ruled out (the next audited change writes one)",
    };
  }
  return { ok: true, rows };
}
