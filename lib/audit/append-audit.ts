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
  const [appended] = await appendAuditBatch(db, [entry]);
  return appended!;
}

/**
 * Appends several rows, chained in order, under one take of the chain lock and one head checkpoint:
 * a batch of changes committed together pays for the lock and the commit once (group commit). Each
 * row is hashed exactly as a single append would, so `audit:verify` checks them one by one.
 */
export async function appendAuditBatch(db: Executor, entries: AuditEntry[]): Promise<AppendedAudit[]> {
  if (entries.length === 0) return [];
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
    // Postgres keeps microseconds, JS milliseconds: a Date is exactly what reads back.
    const at = new Date();
    let prevHash = head?.hash ?? null;
    const rows = entries.map((entry) => {
      const row = {
        prevHash,
        at,
        actor: entry.actor,
        verb: entry.verb,
        target: entry.target,
        data: toJsonValue(entry.data ?? {}),
      };
      const hash = hashAuditRow(row);
      prevHash = hash;
      return { ...row, hash };
    });
    // One statement: ids come back in the order of the values (bigserial, single insert).
    const inserted = await tx.insert(auditLog).values(rows).returning({ id: auditLog.id, hash: auditLog.hash });
    const byHash = new Map(inserted.map((r) => [r.hash, r.id]));
    const appended = rows.map((r) => ({ id: byHash.get(r.hash)!, at, hash: r.hash, prevHash: r.prevHash }));
    const last = appended[appended.length - 1]!;
    await advanceAuditHead(tx, { id: last.id, hash: last.hash, prevHash: appended[0]!.prevHash }, appended.length);
    return appended;
  });
}
