import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { EMBEDDED_APP_ROLE, ensureLoginRole, grantAppRole, withCredentials } from "@/lib/db/app-role";
import { EmbeddedPostgresError, ensureDatabase, startEmbeddedPostgres, type EmbeddedDb } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { ensureKustomize } from "@/scripts/ensure-kustomize";

declare module "vitest" {
  export interface ProvidedContext {
    /** The application's role: owns its tables, may only read and append to the audit trail. */
    databaseUrl: string;
    /** The owner role migrations ran as, for resetting and tampering with what the app role cannot. */
    adminDatabaseUrl: string;
  }
}

const TEST_DATABASE = "slipway_test";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Integration tests get a migrated `slipway_test` database: on TEST_DATABASE_URL's server when set,
 * otherwise on a throwaway embedded PostgreSQL in a fresh temp dir.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Tests render real overlays: find kustomize as `npm start` does (building it once when missing);
  // the test workers inherit the answer.
  const kustomize = await ensureKustomize((line) => console.error(`[tests] ${line}`));
  if (!kustomize.binary) throw new Error(`Tests need kustomize: ${kustomize.problem}`);
  process.env.SLIPWAY_KUSTOMIZE = kustomize.binary;
  let server: EmbeddedDb | null = null;
  let tmpDir: string | null = null;
  let baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-test-"));
    // As root the server runs as the `postgres` user: let it into the throwaway dir so the data stays there.
    await fs.chmod(tmpDir, 0o755);
    // A port nobody holds by default: a worker orphaned by an earlier, killed test run keeps retrying
    // its old DATABASE_URL and would join a new server on a fixed port and take its runs.
    const port = process.env.TEST_PG_PORT ? Number(process.env.TEST_PG_PORT) : await freePort();
    const dataDir = path.join(tmpDir, "pgdata");
    server = await startEmbeddedPostgres({ dataDir, port, log: (l) => console.error(`[tests] ${l}`) }).catch((e) => {
      // The message says what to do; a stack through the harness would only hide it.
      if (e instanceof EmbeddedPostgresError) e.stack = `EmbeddedPostgresError: ${e.message}`;
      throw e;
    });
    baseUrl = server.url;
  }
  const adminUrl = withDatabase(baseUrl, TEST_DATABASE);
  await ensureDatabase(withDatabase(baseUrl, "postgres"), TEST_DATABASE);
  // As `npm start` does: migrations as the owner, the code under test as the least-privilege role.
  await applyMigrations(adminUrl);
  await ensureLoginRole(adminUrl, EMBEDDED_APP_ROLE);
  await grantAppRole(adminUrl, EMBEDDED_APP_ROLE.name);
  project.provide("databaseUrl", withCredentials(adminUrl, EMBEDDED_APP_ROLE.name, EMBEDDED_APP_ROLE.password));
  project.provide("adminDatabaseUrl", adminUrl);

  return async () => {
    await server?.stop();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  };
}
