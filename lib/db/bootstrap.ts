import path from "node:path";
import { getEnv } from "@/lib/env";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded";
import { applyMigrations } from "./migrate";

export type DatabaseHandle = { url: string; embedded: EmbeddedDb | null };

/**
 * Gives a migrated database: DATABASE_URL when set, otherwise an embedded PostgreSQL
 * whose data lives under SLIPWAY_DATA_DIR so it survives restarts.
 */
export async function prepareDatabase(log: (line: string) => void): Promise<DatabaseHandle> {
  const env = getEnv();
  let embedded: EmbeddedDb | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(env.SLIPWAY_DATA_DIR, "postgres");
    embedded = await startEmbeddedPostgres({ dataDir, port: env.SLIPWAY_PG_PORT, log });
    url = embedded.url;
    log(
      `Using embedded PostgreSQL on 127.0.0.1:${env.SLIPWAY_PG_PORT}, data in ${embedded.dataDir} (set DATABASE_URL to use your own)`,
    );
  }
  await applyMigrations(url);
  return { url, embedded };
}
