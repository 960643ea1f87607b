import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { drizzle } from "drizzle-orm/node-postgres";
import { LOCKS, withAdvisoryLock } from "./advisory-lock";

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/**
 * Plain-SQL migrations from db/migrations, applied at start-up (no engine binary to download).
 * Several replicas may start at once: an advisory lock lets one migrate while the others wait, and
 * they then find every migration applied (drizzle's journal table) and do nothing.
 */
export async function applyMigrations(connectionString: string): Promise<void> {
  await withAdvisoryLock(connectionString, LOCKS.migrate, (client) =>
    migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER }),
  );
}
