import { is, sql, type SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { auditLog } from "@/db/schema";
import type { Executor } from "@/lib/db/client";
import { nextAuditHead } from "./audit-head";
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
 * row is hashed exactly as a single append would, so `audit:verify` checks them one by one. Two round
 * trips inside a caller's transaction: take the chain (0017), then the rows and the checkpoint together.
 * `before` is the caller's last write, run in the statement that takes the chain and finished before
 * the lock is asked for (the order every writer takes locks in: its rows, then the chain).
 */
export async function appendAuditBatch(
  db: Executor,
  entries: AuditEntry[],
  before?: WrittenBefore,
): Promise<AppendedAudit[]> {
  if (entries.length === 0) {
    if (before) await db.execute(sql`with ${before.ctes} select n from ${sql.identifier(before.done)}`);
    return [];
  }
  // The lock needs a transaction: the caller's, or one of its own on the bare pool. drizzle's `is`, not
  // instanceof: the production build bundles drizzle into several chunks, each with its own classes.
  if (!is(db, PgTransaction)) return db.transaction((tx) => appendAuditBatch(tx, entries, before));
  const taken = await db.execute<TakenChain>(takeAuditChainSql(entries.length, before));
  const { insert, appended } = await chainAuditRows(taken.rows[0]!, entries, () => db.$count(auditLog));
  await db.execute(insert);
  return appended;
}

/**
 * The statement taking the chain for `n` new rows (0017), after `before`'s writes; run it in the
 * transaction that makes the audited change and hand what it answers to chainAuditRows.
 */
export function takeAuditChainSql(n: number, before?: WrittenBefore): SQL {
  const count = sql`${n}::int`;
  return before
    ? // The lateral argument makes the lock wait for the CTEs' rows, so they are written first.
      sql`with ${before.ctes} select t.* from ${sql.identifier(before.done)} w,
        lateral slipway_audit_chain_take(${AUDIT_CHAIN_LOCK}::bigint, ${count} + 0 * w.n::int) t`
    : sql`select * from slipway_audit_chain_take(${AUDIT_CHAIN_LOCK}::bigint, ${count})`;
}

/**
 * The rows `entries` become after the chain as taken, and the statement inserting them with the new
 * checkpoint (the last of the append, in the same transaction). `countRows` counts audit_log; it is
 * asked only when there is no checkpoint yet.
 */
export async function chainAuditRows(
  chain: TakenChain,
  entries: AuditEntry[],
  countRows: () => Promise<number>,
): Promise<{ insert: SQL; appended: AppendedAudit[] }> {
  // Under a snapshot taken before the lock, the head read could be stale and fork the chain.
  if (chain.isolation !== "read committed") {
    throw new Error(`appendAudit needs a READ COMMITTED transaction, got ${chain.isolation}`);
  }
  // Postgres keeps microseconds, JS milliseconds: a Date is exactly what reads back.
  const at = new Date();
  const first = chain.head_hash ?? null;
  let prevHash = first;
  const rows = entries.map((entry, i) => {
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
    return { ...row, id: Number(chain.ids[i]), hash };
  });
  const last = rows[rows.length - 1]!;
  const found =
    chain.cp_hash === null
      ? null
      : {
          rows: Number(chain.cp_rows),
          lastId: Number(chain.cp_last_id),
          hash: chain.cp_hash,
          signature: chain.cp_signature!,
        };
  const head = await nextAuditHead(found, first, last, rows.length, async () => (await countRows()) + rows.length);
  const values = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor,
      verb: r.verb,
      target: r.target,
      data: r.data,
      prev_hash: r.prevHash,
      hash: r.hash,
    })),
  );
  const insert = sql`insert into audit_log (id, at, actor, verb, target, data, prev_hash, hash)
    select id, at, actor, verb, target, data, prev_hash, hash from jsonb_to_recordset(${values}::jsonb)
      as r(id bigint, at timestamptz, actor text, verb text, target text, data jsonb, prev_hash text, hash text)
    order by id`;
  return {
    insert: head
      ? sql`with appended as (${insert} returning 1)
          insert into audit_head (id, rows, last_id, hash, signature, updated_at)
          values (1, ${head.rows}, ${head.lastId}, ${head.hash}, ${head.signature}, now())
          on conflict (id) do update set rows = excluded.rows, last_id = excluded.last_id, hash = excluded.hash,
            signature = excluded.signature, updated_at = excluded.updated_at`
      : insert,
    appended: rows.map((r) => ({ id: r.id, at, hash: r.hash, prevHash: r.prevHash })),
  };
}

/** Data-modifying CTEs (`ctes`), one of which, `done`, has a column `n` that depends on all their rows. */
export type WrittenBefore = { ctes: SQL; done: string };

/** What slipway_audit_chain_take answers. */
export type TakenChain = {
  isolation: string;
  head_hash: string | null;
  cp_rows: string | null;
  cp_last_id: string | null;
  cp_hash: string | null;
  cp_signature: string | null;
  ids: string[];
};
