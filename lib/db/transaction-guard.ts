import { AsyncLocalStorage } from "node:async_hooks";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

// Why this exists: a query that takes a second pool connection while its caller holds a transaction
// deadlocks the pool once every connection is held by such a caller (issue: ten webhook deliveries
// waiting on one advisory lock hung the portal). The one transaction helper marks its callback's
// async context; taking a pool connection inside it is refused in tests and dev, logged in production.

type Scope = { open: boolean };
const openTransaction = new AsyncLocalStorage<Scope>();

export class PoolInsideTransactionError extends Error {
  constructor(what: string) {
    super(
      `${what} inside an open transaction: this takes a second pool connection while the transaction holds one, ` +
        "which deadlocks the pool under load. Pass the transaction (tx / opts.db) down instead.",
    );
    this.name = "PoolInsideTransactionError";
  }
}

/** Runs a transaction's callback marked as inside it; the mark ends with the callback, not with stray timers. */
export async function withinTransaction<T>(fn: () => Promise<T>): Promise<T> {
  const scope: Scope = { open: true };
  try {
    return await openTransaction.run(scope, fn);
  } finally {
    scope.open = false;
  }
}

/** Throws (tests, dev) or logs (production) when called inside a transaction's callback. */
export function assertOutsideTransaction(what: string): void {
  if (!openTransaction.getStore()?.open) return;
  const error = new PoolInsideTransactionError(what);
  if (getEnv().NODE_ENV !== "production") throw error;
  logger.error("database pool used inside a transaction", { error: error.stack ?? error.message });
}
