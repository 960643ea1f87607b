import pg from "pg";

/**
 * Keys of the session-level advisory locks replicas take around start-up work. Fixed numbers (not
 * hashes of names) so an operator can find them in `pg_locks` (`objid`).
 */
export const LOCKS = { migrate: 720_001, startupData: 720_002 } as const;

/**
 * Runs `fn` while holding a PostgreSQL advisory lock on its own connection, so replicas starting
 * together take turns: the first migrates, the others wait and then find nothing left to do. The
 * lock is released when `fn` settles, or by the server if this process dies holding it.
 */
export async function withAdvisoryLock<T>(
  connectionString: string,
  key: number,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [key]);
    try {
      return await fn(client);
    } finally {
      await client.query("select pg_advisory_unlock($1)", [key]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
