import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { placeDataDir } from "./postgres-data-dir";
import { EmbeddedPostgresError } from "./postgres-user";

let tmp = "";
let checkout = "";
let root = "";
const closed = { canEnter: () => false };
const ids = { uid: 101, gid: 104 };

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "slipway-place-"));
  checkout = path.join(tmp, "locked", "slipway", ".slipway", "postgres");
  root = path.join(tmp, "var-lib-slipway");
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe("placeDataDir", () => {
  it("keeps the data dir where it is when the postgres user can enter it", async () => {
    expect(await placeDataDir(checkout, ids, undefined, { root, canEnter: () => true })).toBe(checkout);
    expect(existsSync(root)).toBe(false);
  });

  it("keeps the cluster elsewhere when it cannot, links it from the data dir and says so", async () => {
    const lines: string[] = [];
    const target = await placeDataDir(checkout, ids, (l) => lines.push(l), { root, ...closed });
    expect(path.dirname(target)).toBe(root);
    expect(readlinkSync(checkout)).toBe(target);
    expect(lines).toEqual([expect.stringContaining(`lives in ${target}`)]);
  });

  it("finds the same cluster again through the link, data included", async () => {
    const target = await placeDataDir(checkout, ids, undefined, { root, ...closed });
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, "PG_VERSION"), "17\n");
    expect(await placeDataDir(checkout, ids, undefined, { root, ...closed })).toBe(target);
    expect(existsSync(path.join(target, "PG_VERSION"))).toBe(true);
  });

  it("starts fresh when the data dir (the link) was deleted", async () => {
    const target = await placeDataDir(checkout, ids, undefined, { root, ...closed });
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, "PG_VERSION"), "17\n");
    rmSync(checkout);
    expect(await placeDataDir(checkout, ids, undefined, { root, ...closed })).toBe(target);
    expect(existsSync(path.join(target, "PG_VERSION"))).toBe(false);
  });

  it("refuses to move an existing database it cannot reach, with what to do", async () => {
    mkdirSync(checkout, { recursive: true });
    writeFileSync(path.join(checkout, "PG_VERSION"), "17\n");
    const placing = placeDataDir(checkout, ids, undefined, { root, ...closed });
    await expect(placing).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(placing).rejects.toThrow(/set SLIPWAY_DATA_DIR|DATABASE_URL/);
  });
});
