import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "@/db/schema";
import { getEnv } from "@/lib/env";
import { unavailable } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertOutsideTransaction, withinTransaction } from "./transaction-guard";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the pool-backed database or an open transaction. */
export type Executor = Db | Tx;

// One pool per process; kept on globalThis so dev-mode module reloads don't leak connections.
const holder = globalThis as unknown as { slipwayPool?: pg.Pool; slipwayDb?: Db; slipwayUrl?: string };

/** The launcher and tests point this process at a database they started themselves. */
export function setDatabaseUrl(url: string): void {
  holder.slipwayUrl = url;
}

export function databaseUrl(): string {
  const url = holder.slipwayUrl ?? getEnv().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Slipway with `npm start` (which runs an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

/** Connections per process; the web server, the worker and the launcher each have their own pool. */
export const POOL_SIZE = 10;

// pg-pool's own messages for "no connection within connectionTimeoutMillis".
const ACQUIRE_TIMEOUTS = ["timeout exceeded when trying to connect", "Connection terminated due to connection timeout"];

function asUnavailable(err: Error): Error {
  if (!ACQUIRE_TIMEOUTS.some((m) => err.message.includes(m))) return err;
  logger.warn("no database connection within the acquire timeout", { error: err.message });
  return unavailable("The database is busy; try again shortly");
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void;

/**
 * Every pool checkout goes through here: refused inside an open transaction (see transaction-guard.ts),
 * and a checkout that timed out becomes an "unavailable" AppError (503 with Retry-After), not a hang.
 */
function guardCheckouts(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<pg.PoolClient> | undefined;
  const guarded = (cb?: ConnectCallback) => {
    assertOutsideTransaction("A query on the database pool");
    if (cb) return connect((err, client, done) => cb(err && asUnavailable(err), client, done));
    return connect()!.catch((err: Error) => Promise.reject(asUnavailable(err)));
  };
  pool.connect = guarded as typeof pool.connect;
}

export function getPool(): pg.Pool {
  if (!holder.slipwayPool) {
    const pool = new pg.Pool({
      connectionString: databaseUrl(),
      max: POOL_SIZE,
      connectionTimeoutMillis: getEnv().SLIPWAY_DB_ACQUIRE_TIMEOUT_MS,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (err) => logger.warn("idle database connection lost", { error: err.message }));
    guardCheckouts(pool);
    // The pool listens only while a connection is idle. One checked out between two queries of a
    // transaction can be ended by the server too (idle_in_transaction_session_timeout after a stall,
    // a restart): without a listener that crashes the process; with one, its next query fails.
    pool.on("connect", (client) =>
      client.on("error", (err) => logger.warn("database connection lost", { error: err.message })),
    );
    holder.slipwayPool = pool;
  }
  return holder.slipwayPool;
}

/**
 * The pool-backed database. Its `transaction` is the one transaction helper: the callback runs marked,
 * so `getDb()` or any pool query inside it (instead of the `tx` it was given) fails loudly.
 */
export function getDb(): Db {
  assertOutsideTransaction("getDb()");
  if (!holder.slipwayDb) {
    const db = drizzle(getPool(), { schema });
    const begin = db.transaction.bind(db);
    db.transaction = ((fn, config) => begin((tx) => withinTransaction(() => fn(tx)), config)) as Db["transaction"];
    holder.slipwayDb = db;
  }
  return holder.slipwayDb;
}

// Connections other modules keep beside the pool (listeners) end with it.
const closers = new Set<() => Promise<void>>();

export function onDbClose(close: () => Promise<void>): void {
  closers.add(close);
}

export async function closeDb(): Promise<void> {
  await Promise.all([...closers].map((close) => close()));
  const pool = holder.slipwayPool;
  holder.slipwayPool = undefined;
  holder.slipwayDb = undefined;
  await pool?.end();
}
