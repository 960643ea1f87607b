import { createHmac, timingSafeEqual } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { auditHead, auditLog } from "@/db/schema";
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

/**
 * Moves the checkpoint to the last of `appended` rows appendAudit just inserted (same transaction, under
 * the chain lock); `row.prevHash` is the first new row's predecessor, which the checkpoint must sit on.
 * A checkpoint that does not sit on the row before it, or whose signature fails, is left as it is, so
 * `audit:verify` keeps reporting the damage instead of the next append sealing over it.
 */
export async function advanceAuditHead(
  tx: Executor,
  row: { id: number; hash: string; prevHash: string | null },
  appended = 1,
): Promise<void> {
  const current = await findAuditHead(tx);
  let rows: number;
  if (current) {
    if (current.hash !== row.prevHash || !isSignedHead(current)) {
      logger.error("audit head checkpoint does not match the chain; leaving it for audit:verify to report", {
        checkpointRow: current.lastId,
      });
      return;
    }
    rows = current.rows + appended;
  } else {
    // First append, or a log from before checkpoints existed (or whose checkpoint was deleted).
    rows = await tx.$count(auditLog);
    if (rows > appended) logger.warn("audit head checkpoint missing; sealing the current head", { rows });
  }
  const head = { rows, lastId: row.id, hash: row.hash };
  const values = { ...head, signature: signHead(head), updatedAt: sql`now()` };
  await tx
    .insert(auditHead)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: auditHead.id, set: values });
}
