import path from "node:path";
import { getEnv } from "@/lib/env";
import {
  canBypassAuditTrigger,
  EMBEDDED_APP_ROLE,
  ensureLoginRole,
  grantAppRole,
  roleOf,
  withCredentials,
} from "./app-role";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded";
import { LOCKS, withAdvisoryLock } from "./advisory-lock";
import { applyMigrations } from "./migrate";

/** `url`: what the application connects with; `adminUrl`: the owner role migrations ran as. */
export type DatabaseHandle = { url: string; adminUrl: string; embedded: EmbeddedDb | null };

/**
 * Gives a migrated database: DATABASE_URL when set, otherwise an embedded PostgreSQL whose data lives
 * under SLIPWAY_DATA_DIR so it survives restarts. Migrations run as the admin role; the application
 * connects as a role that owns its tables but not the audit trail, so it cannot switch the trigger off.
 */
export async function prepareDatabase(log: (line: string) => void): Promise<DatabaseHandle> {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    const dataDir = path.resolve(env.SLIPWAY_DATA_DIR, "postgres");
    const embedded = await startEmbeddedPostgres({ dataDir, port: env.SLIPWAY_PG_PORT, log });
    log(
      `Using embedded PostgreSQL on 127.0.0.1:${env.SLIPWAY_PG_PORT}, data in ${embedded.dataDir} (set DATABASE_URL to use your own)`,
    );
    await applyMigrations(embedded.url);
    await ensureLoginRole(embedded.url, EMBEDDED_APP_ROLE);
    await grantInTurn(embedded.url, EMBEDDED_APP_ROLE.name);
    const url = withCredentials(embedded.url, EMBEDDED_APP_ROLE.name, EMBEDDED_APP_ROLE.password);
    return { url, adminUrl: embedded.url, embedded };
  }
  const url = env.DATABASE_URL;
  const adminUrl = env.DATABASE_ADMIN_URL ?? url;
  await applyMigrations(adminUrl);
  if (adminUrl !== url && roleOf(adminUrl) !== roleOf(url)) await grantInTurn(adminUrl, roleOf(url));
  if (await canBypassAuditTrigger(url)) {
    log(
      `Warning: the database role ${roleOf(url)} can disable the audit trigger (it is a superuser or owns audit_log); ` +
        "set DATABASE_ADMIN_URL to an owner role for migrations and give DATABASE_URL a role of its own",
    );
  }
  return { url, adminUrl, embedded: null };
}

// Concurrent GRANT / ALTER OWNER on one object fail ("tuple concurrently updated"): replicas take turns.
const grantInTurn = (adminUrl: string, appRole: string) =>
  withAdvisoryLock(adminUrl, LOCKS.migrate, () => grantAppRole(adminUrl, appRole));
