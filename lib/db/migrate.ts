import path from "node:path";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";

// Plain-SQL migrations from db/migrations, applied at start-up (no engine binary to download).
export async function applyMigrations(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: path.resolve(process.cwd(), "db/migrations") });
  } finally {
    await client.end();
  }
}
