import { and, eq, inArray, sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import { getDb, type Executor, type Tx } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { RunPorts } from "./ports";
import type { RunStatus } from "./types";

/**
 * A worker's hold on one run. `token` is the run's `attempts` as this worker's claim set it: every
 * claim increments it, so a worker that stalled past the stale threshold and was replaced holds an
 * older token than the row, and everything it still tries to write is refused.
 */
export type RunClaim = { runId: string; token: number; workerId: string; signal: AbortSignal };

/** This worker no longer holds the run: stop at once, write nothing, undo nothing. */
export class ClaimLostError extends Error {
  constructor(claim: RunClaim) {
    super(`Worker ${claim.workerId} lost its claim on run ${claim.runId} (attempt ${claim.token})`);
  }
}

/** Whether `err` (or the run's abort signal) means the claim is gone, whatever an executor wrapped. */
export const isClaimLost = (claim: RunClaim, err: unknown): boolean =>
  err instanceof ClaimLostError || claim.signal.aborted;

const held = (claim: RunClaim) =>
  and(
    eq(runs.id, claim.runId),
    eq(runs.attempts, claim.token),
    eq(runs.workerId, claim.workerId),
    inArray(runs.status, ["running", "waiting"]),
  );

/**
 * Answers the run's status and whether cancellation was asked for, or throws ClaimLostError. In a
 * transaction, `lock` keeps the row under the claim until it commits (share: writes under the claim;
 * update: a status change); a claim being taken meanwhile locks the row for update, so this waits
 * for it and then sees the new token.
 */
export async function holdClaim(
  db: Executor,
  claim: RunClaim,
  lock: "share" | "update" | null = "share",
): Promise<{ status: RunStatus; cancelRequested: boolean }> {
  if (claim.signal.aborted) throw new ClaimLostError(claim);
  const query = db.select({ status: runs.status, cancelRequested: runs.cancelRequested }).from(runs).where(held(claim));
  const [row] = lock ? await query.for(lock) : await query;
  if (!row) throw new ClaimLostError(claim);
  return { status: row.status as RunStatus, cancelRequested: row.cancelRequested };
}

/** Runs `fn` in a transaction that holds the run row under the claim, so its writes are fenced. */
export function underClaim<T>(
  claim: RunClaim,
  fn: (tx: Tx, held: Awaited<ReturnType<typeof holdClaim>>) => Promise<T>,
  lock?: "share" | "update",
): Promise<T> {
  return getDb().transaction(async (tx) => {
    // A worker that stalls inside this transaction (SIGSTOP, a long GC pause) would keep the run row
    // locked, and the worker taking over skips locked rows: the server ends such a session once it
    // has been idle for the stale threshold, when the run may be taken over anyway.
    const ms = getEnv().SLIPWAY_RUN_STALE_SECONDS * 1000;
    await tx.execute(sql`select set_config('idle_in_transaction_session_timeout', ${String(ms)}, true)`);
    return fn(tx, await holdClaim(tx, claim, lock));
  });
}

/** Checks the claim right before a side effect; answers whether cancellation was asked for. */
export async function assertClaim(claim: RunClaim): Promise<boolean> {
  return (await holdClaim(getDb(), claim, null)).cancelRequested;
}

/** Whether the claim is gone (a failing check for another reason counts as still held). */
export const lostClaim = (claim: RunClaim): Promise<boolean> =>
  assertClaim(claim).then(
    () => false,
    (err) => err instanceof ClaimLostError,
  );

/**
 * Ports whose every call first checks the claim: an executor's side effects happen through them, so
 * a worker that resumes after a stall finds out before it commits, deletes or creates anything.
 */
export function fencePorts(ports: RunPorts, claim: RunClaim): RunPorts {
  const fence = <P extends object>(port: P): P =>
    new Proxy(port, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          await assertClaim(claim);
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
  return {
    get forgejo() {
      return fence(ports.forgejo);
    },
    get catalog() {
      return fence(ports.catalog);
    },
    get cluster() {
      return fence(ports.cluster);
    },
    get gitops() {
      return ports.gitops;
    },
  };
}
