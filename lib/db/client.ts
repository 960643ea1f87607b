import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "@/db/schema";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

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

export function getPool(): pg.Pool {
  if (!holder.slipwayPool) {
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (err) => logger.warn("idle database connection lost", { error: err.message }));
    holder.slipwayPool = pool;
  }
  return holder.slipwayPool;
}

export function getDb(): Db {
  holder.slipwayDb ??= drizzle(getPool(), { schema });
  return holder.slipwayDb;
}

export async function closeDb(): Promise<void> {
  const pool = holder.slipwayPool;
  holder.slipwayPool = undefined;
  holder.slipwayDb = undefined;
  await pool?.end();
}
