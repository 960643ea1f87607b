import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { is, sql, type SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "@/db/schema";
import { ensureBuiltinBlueprints } from "@/db/seed";
import { EVERYTHING, invalidateLocally } from "@/lib/db/cache-invalidation";
import { closeDb, setDatabaseUrl } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { syncActionRegistry } from "@/lib/runs/action-mirror";
import { stopBoss } from "@/lib/runs/queue";
import { callerHeaders, type Caller } from "./auth";

// Every table db/schema.ts declares, so a new table is cleared without anyone remembering to list it.
// Drizzle's migration journal and pg-boss's queues live in their own schemas and are not in it.
const appTables = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table))
  .map(({ schema: tableSchema, name }) =>
    tableSchema ? sql`${sql.identifier(tableSchema)}.${sql.identifier(name)}` : sql.identifier(name),
  );

let adminPool: pg.Pool | undefined;

/** The owner role's connection: the application's role may not truncate or alter the audit trail. */
function adminDb(): NodePgDatabase {
  adminPool ??= new pg.Pool({ connectionString: inject("adminDatabaseUrl"), max: 1 });
  return drizzle(adminPool);
}

/** Runs a statement as the owner role (what a DBA, not the application, could do). */
export async function asDatabaseAdmin(statement: SQL): Promise<void> {
  await adminDb().execute(statement);
}

/** Clears every app table (ids restart) and recreates the built-in blueprints. */
export async function resetDatabase(): Promise<void> {
  // audit_log refuses TRUNCATE; the trigger is switched off only inside this transaction.
  await adminDb().transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_truncate`);
    await tx.execute(sql`truncate table ${sql.join(appTables, sql`, `)} restart identity cascade`);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_truncate`);
  });
  // The TRUNCATE's notification reaches this process's caches a moment later; a test must not outrun it.
  invalidateLocally(EVERYTHING);
  await ensureBuiltinBlueprints();
  await syncActionRegistry();
  // Sandbox git repositories and recorded Applications belong with the catalog that points at them.
  for (const dir of ["git", "cluster"])
    fs.rmSync(path.join(getEnv().SLIPWAY_DATA_DIR, dir), { recursive: true, force: true });
}

/** Runs a statement on audit_log with its append-only trigger off, as a DBA tampering with the log could. */
export async function tamperWithAuditLog(statement: SQL): Promise<void> {
  await adminDb().transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

/** Points this test file at the integration database and starts it from a clean catalog. */
export function setupTestDatabase(): void {
  beforeAll(async () => {
    setDatabaseUrl(inject("databaseUrl"));
    await resetDatabase();
  });
  afterAll(async () => {
    await stopBoss();
    await closeDb();
    await adminPool?.end();
    adminPool = undefined;
  });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  /** Path and query, e.g. `/api/v1/blueprints/service/entities?q=pay`. */
  url?: string;
  params?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent verbatim (for malformed-JSON cases). */
  rawBody?: string;
  /** Who calls: a demo user's session (default: the admin "ada"), an API token, or nobody. */
  as?: Caller;
  /** Ends the request (an endless event stream) after this many milliseconds. */
  abortAfterMs?: number;
};

export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

export type CallResult<T = ApiErrorBody> = { status: number; json: T };

/** Calls an exported Next.js route handler with a real Request, as the framework would. */
export async function call<T = ApiErrorBody>(handler: Handler, opts: CallOptions = {}): Promise<CallResult<T>> {
  const method = opts.method ?? (opts.body !== undefined || opts.rawBody !== undefined ? "POST" : "GET");
  const payload = opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined);
  const headers = await callerHeaders(opts.as ?? { user: "ada" });
  if (payload !== undefined) headers.set("content-type", "application/json");
  const signal = opts.abortAfterMs ? AbortSignal.timeout(opts.abortAfterMs) : undefined;
  const req = new Request(new URL(opts.url ?? "/", "http://slipway.test"), { method, headers, body: payload, signal });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  // Streams (server-sent events) come back as their text.
  const isJson = res.headers.get("content-type")?.includes("json");
  return { status: res.status, json: text ? ((isJson ? JSON.parse(text) : text) as T) : (undefined as T) };
}

/** The error body of a response typed as something else (a call that was expected to fail). */
export function errorOf(res: CallResult<unknown>): ApiErrorBody["error"] {
  return (res.json as ApiErrorBody).error;
}
