import { desc, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Executor } from "@/lib/db/client";
import { advanceAuditHead } from "./audit-head";
import { hashAuditRow, toJsonValue } from "./canonical";

export const SYSTEM_ACTOR = "system";

export type AuditEntry = {
  /** User email or id, or "system" for the launcher, seeders and background jobs. */
  actor: string;
  /** `<noun>.<action>`: blueprint.create, entity.update, auth.sign_in, token.revoke, run.start… */
  verb: string;
  /** `<kind>:<id>`: blueprint:service, entity:service/cart, token:42. */
  target: string;
  /** For changes, `{ before, after }` holding only the changed top-level keys. */
  data?: Record<string, unknown>;
};

export type AppendedAudit = { id: number; at: Date; hash: string; prevHash: string | null };

// Arbitrary but fixed key for pg_advisory_xact_lock: every appender queues on it, so the chain has one head.
const AUDIT_CHAIN_LOCK = 0x51_1b_0a_ad17;

/**
 * Appends a row to the audit chain. Pass the transaction that makes the audited change so both commit
 * or neither does; the chain lock is then held until that transaction ends, so call this last.
 */
export async function appendAudit(db: Executor, entry: AuditEntry): Promise<AppendedAudit> {
  // A savepoint inside a caller's transaction, a real transaction on the bare pool: the lock needs one.
  return db.transaction(async (tx) => {
    const lock = await tx.execute<{ isolation: string }>(
      sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::bigint), current_setting('transaction_isolation') as isolation`,
    );
    // Under a snapshot taken before the lock, the head read below could be stale and fork the chain.
    if (lock.rows[0]?.isolation !== "read committed") {
      throw new Error(`appendAudit needs a READ COMMITTED transaction, got ${lock.rows[0]?.isolation}`);
    }
    const [head] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const row = {
      prevHash: head?.hash ?? null,
      // Postgres keeps microseconds, JS milliseconds: a Date is exactly what reads back.
      at: new Date(),
      actor: entry.actor,
      verb: entry.verb,
      target: entry.target,
      data: toJsonValue(entry.data ?? {}),
    };
    const hash = hashAuditRow(row);
    const [inserted] = await tx
      .insert(auditLog)
      .values({ ...row, hash })
      .returning({ id: auditLog.id });
    await advanceAuditHead(tx, { id: inserted!.id, hash, prevHash: row.prevHash });
    return { id: inserted!.id, at: row.at, hash, prevHash: row.prevHash };
  });
}
