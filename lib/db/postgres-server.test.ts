import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initdb, startServer } from "./postgres-server";
import { EmbeddedPostgresError } from "./postgres-user";

// A "binary" that cannot be executed: spawn fails with EACCES, which used to crash the process.
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function unrunnable() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-bin-"));
  dirs.push(dir);
  const file = path.join(dir, "postgres");
  writeFileSync(file, "not a program");
  chmodSync(file, 0o644);
  return { dir, version: "test", initdb: file, postgres: file, dataDir: path.join(dir, "data") };
}

describe("embedded PostgreSQL processes", () => {
  it("turns a spawn failure of initdb into an EmbeddedPostgresError naming the program", async () => {
    const bin = unrunnable();
    const run = initdb(bin, { dataDir: bin.dataDir, user: "u", password: "p", ids: null });
    await expect(run).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(run).rejects.toThrow(`Cannot run ${bin.initdb}: spawn ${bin.initdb} EACCES`);
  });

  it("turns a spawn failure of postgres into an EmbeddedPostgresError", async () => {
    const bin = unrunnable();
    await expect(startServer(bin, { dataDir: bin.dataDir, port: 1, ids: null })).rejects.toThrow(
      /Cannot run .* EACCES/,
    );
  });
});
