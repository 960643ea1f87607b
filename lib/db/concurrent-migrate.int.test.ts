import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { childEnv } from "@/lib/env";
import { MIGRATIONS_FOLDER } from "./migrate";

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const FRESH = `slipway_migrate_${process.pid}`;
const REPLICAS = 4;

const onDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};
const serverUrl = onDatabase(inject("adminDatabaseUrl"), "postgres");
const freshUrl = onDatabase(inject("adminDatabaseUrl"), FRESH);

async function onServer<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `npm run db:migrate` as a replica's start-up runs it: its own process, its own connections. */
function migrateProcess(): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", tsxLoader, "scripts/migrate.ts"], {
    env: childEnv({ DATABASE_URL: freshUrl, SLIPWAY_LOG_LEVEL: "warn" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

afterAll(() => onServer(serverUrl, (c) => c.query(`drop database if exists ${FRESH} with (force)`)));

describe("migrations with several replicas starting together", () => {
  it("applies every migration once while each replica's migrate succeeds", async () => {
    await onServer(serverUrl, async (c) => {
      await c.query(`drop database if exists ${FRESH} with (force)`);
      await c.query(`create database ${FRESH}`);
    });
    const results = await Promise.all(Array.from({ length: REPLICAS }, migrateProcess));
    for (const r of results) expect(r.code, r.output).toBe(0);

    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
      entries: { when: number }[];
    };
    const applied = await onServer(freshUrl, async (c) => {
      const { rows } = await c.query<{ created_at: string }>(
        "select created_at from drizzle.__drizzle_migrations order by id",
      );
      return rows.map((r) => Number(r.created_at));
    });
    expect(applied).toEqual(journal.entries.map((e) => e.when));
  }, 180_000);
});
