import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { auditHead } from "@/db/schema";
import { getAuthSecret } from "@/lib/auth/secret";
import type { Executor } from "@/lib/db/client";
import { logger } from "@/lib/logger";

/** Where the chain ended at the last append: how many rows, the last row's id and hash. */
export type AuditHead = { rows: number; lastId: number; hash: string };

// Keyed with AUTH_SECRET, which the database does not hold: whoever can rewrite audit_log (a DBA, a
// restored backup) can cut its tail but cannot make this checkpoint agree with the shorter chain.
function signHead(head: AuditHead): string {
  return createHmac("sha256", getAuthSecret())
    .update(`slipway-audit-head:v1:${head.rows}:${head.lastId}:${head.hash}`)
    .digest("base64url");
}

export function isSignedHead(head: AuditHead & { signature: string }): boolean {
  const expected = Buffer.from(signHead(head));
  const actual = Buffer.from(head.signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export async function findAuditHead(db: Executor): Promise<(AuditHead & { signature: string }) | null> {
  const [row] = await db
    .select({ rows: auditHead.rows, lastId: auditHead.lastId, hash: auditHead.hash, signature: auditHead.signature })
    .from(auditHead)
    .where(eq(auditHead.id, 1));
  return row ?? null;
}

/** The checkpoint as the append found it (null: none yet). */
export type FoundHead = (AuditHead & { signature: string }) | null;

/**
 * Where the checkpoint moves when `appended` rows were just added after `prevHash` (same transaction,
 * under the chain lock), ending with row `last`. Null leaves it as it is: a checkpoint that does not sit
 * on the row before the new ones, or whose signature fails, stays, so `audit:verify` keeps reporting the
 * damage instead of the next append sealing over it. `countRows` is asked only without a checkpoint.
 */
export async function nextAuditHead(
  current: FoundHead,
  prevHash: string | null,
  last: { id: number; hash: string },
  appended: number,
  countRows: () => Promise<number>,
): Promise<(AuditHead & { signature: string }) | null> {
  let rows: number;
  if (current) {
    if (current.hash !== prevHash || !isSignedHead(current)) {
      logger.error("audit head checkpoint does not match the chain; leaving it for audit:verify to report", {
        checkpointRow: current.lastId,
      });
      return null;
    }
    rows = current.rows + appended;
  } else {
    // First append, or a log from before checkpoints existed (or whose checkpoint was deleted).
    rows = await countRows();
    if (rows > appended) logger.warn("audit head checkpoint missing; sealing the current head", { rows });
  }
  const head = { rows, lastId: last.id, hash: last.hash };
  return { ...head, signature: signHead(head) };
}
