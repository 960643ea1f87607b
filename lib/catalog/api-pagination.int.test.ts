import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { entities } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { call, setupTestDatabase } from "@/tests/db";
import { blueprintsRoute, entitiesRoute } from "@/tests/routes";
import { createEntity } from "./entities";
import type { Entity, Page } from "./types";

setupTestDatabase();

const BLUEPRINT = "item";
const params = { blueprint: BLUEPRINT };
const PAGE = 25;
// Scatter identifiers so identifier order, creation order and id order all differ.
const scattered = (i: number, tag = "") => `item-${String((i * 7919) % 1000).padStart(3, "0")}${tag}-${i}`;

type Seen = { identifier: string; createdAt: string };

async function fetchPage(query: string, cursor: string | null) {
  const url = `/api/v1/blueprints/${BLUEPRINT}/entities?limit=${PAGE}&${query}${cursor ? `&cursor=${cursor}` : ""}`;
  const res = await call<Page<Entity>>(entitiesRoute.GET, { url, params });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json;
}

async function pageThrough(query: string): Promise<{ seen: Seen[]; pages: number }> {
  const seen: Seen[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await fetchPage(query, cursor);
    pages++;
    expect(page.items.length).toBeLessThanOrEqual(PAGE);
    if (page.nextCursor) expect(page.items).toHaveLength(PAGE);
    seen.push(...page.items.map((e) => ({ identifier: e.identifier, createdAt: e.createdAt })));
    cursor = page.nextCursor;
    await new Promise((r) => setImmediate(r)); // let the inserter get a turn between pages
  } while (cursor);
  return { seen, pages };
}

async function identifiersInDbOrder(orderBy: "identifier" | "createdAt", dir: "asc" | "desc"): Promise<string[]> {
  const key = orderBy === "identifier" ? sql`identifier` : sql`created_at`;
  const d = dir === "asc" ? sql`asc` : sql`desc`;
  const rows = await getDb().execute<{ identifier: string }>(
    sql`select identifier from entities where blueprint = ${BLUEPRINT} order by ${key} ${d}, id ${d}`,
  );
  return rows.rows.map((r) => r.identifier);
}

function isSubsequence(needle: string[], haystack: string[]): boolean {
  let i = 0;
  for (const h of haystack) if (i < needle.length && h === needle[i]) i++;
  return i === needle.length;
}

let run = 0;

/** Pages through the list while another task keeps inserting entities. */
async function pageWhileInserting(query: string) {
  const before = await identifiersInDbOrder("identifier", "asc");
  let done = false;
  const inserted: string[] = [];
  run++;
  const inserter = (async () => {
    for (let k = 0; !done; k++) {
      const identifier = scattered(k * 13 + run, `-new${run}`);
      const res = await call(entitiesRoute.POST, { url: "/x", params, body: { identifier, properties: { n: k } } });
      expect(res.status).toBe(201);
      inserted.push(identifier);
    }
  })();
  const paging = pageThrough(query).finally(() => {
    done = true;
  });
  const [{ seen, pages }] = await Promise.all([paging, inserter]);
  return { before, seen, pages, inserted };
}

function expectEachExactlyOnce(before: string[], seen: Seen[]): void {
  const ids = seen.map((s) => s.identifier);
  expect(new Set(ids).size).toBe(ids.length); // no identifier served twice
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const missing = before.filter((id) => counts.get(id) !== 1);
  expect(missing).toEqual([]);
}

beforeAll(async () => {
  const created = await call(blueprintsRoute.POST, {
    url: "/api/v1/blueprints",
    body: { identifier: BLUEPRINT, title: "Item", schema: { properties: { n: { type: "integer" } } } },
  });
  expect(created.status).toBe(201);
  // 250 one by one (distinct timestamps), in parallel batches...
  for (let b = 0; b < 25; b++) {
    await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        createEntity(BLUEPRINT, { identifier: scattered(b * 10 + j), properties: { n: b * 10 + j }, relations: {} }),
      ),
    );
  }
  // ...and 50 in one statement: they share created_at, so ties must break on id.
  await getDb()
    .insert(entities)
    .values(
      Array.from({ length: 50 }, (_, j) => ({
        blueprint: BLUEPRINT,
        identifier: scattered(250 + j),
        title: "bulk",
        properties: { n: 250 + j },
      })),
    );
}, 120_000);

describe("keyset pagination under concurrent inserts", () => {
  it("starts from 300 entities", async () => {
    expect(await identifiersInDbOrder("identifier", "asc")).toHaveLength(300);
  });

  it("sort=identifier serves every existing entity exactly once, in order", async () => {
    const { before, seen, pages, inserted } = await pageWhileInserting("sort=identifier");
    expect(inserted.length).toBeGreaterThan(0);
    expect(pages).toBeGreaterThanOrEqual(before.length / PAGE);
    expectEachExactlyOnce(before, seen);
    expect(
      isSubsequence(
        seen.map((s) => s.identifier),
        await identifiersInDbOrder("identifier", "asc"),
      ),
    ).toBe(true);
  });

  it("sort=createdAt serves every existing entity exactly once, oldest first", async () => {
    const { before, seen, inserted } = await pageWhileInserting("sort=createdAt");
    expect(inserted.length).toBeGreaterThan(0);
    expectEachExactlyOnce(before, seen);
    const times = seen.map((s) => s.createdAt);
    expect(times).toEqual([...times].sort());
    expect(
      isSubsequence(
        seen.map((s) => s.identifier),
        await identifiersInDbOrder("createdAt", "asc"),
      ),
    ).toBe(true);
  });

  it("order=desc serves every existing entity exactly once, in reverse order", async () => {
    const { before, seen, inserted } = await pageWhileInserting("sort=identifier&order=desc");
    expect(inserted.length).toBeGreaterThan(0);
    expectEachExactlyOnce(before, seen);
    expect(
      isSubsequence(
        seen.map((s) => s.identifier),
        await identifiersInDbOrder("identifier", "desc"),
      ),
    ).toBe(true);
  });

  it("sort=createdAt&order=desc pages across the same-timestamp bulk rows", async () => {
    const { before, seen } = await pageWhileInserting("sort=createdAt&order=desc");
    expectEachExactlyOnce(before, seen);
    expect(
      isSubsequence(
        seen.map((s) => s.identifier),
        await identifiersInDbOrder("createdAt", "desc"),
      ),
    ).toBe(true);
  });
});

describe("cursor and limit validation", () => {
  it("rejects an invalid cursor with 422 on the cursor field", async () => {
    for (const cursor of ["garbage!!", Buffer.from('{"v":1}').toString("base64url"), "x".repeat(600)]) {
      const res = await call(entitiesRoute.GET, { url: `/x?cursor=${cursor}`, params });
      expect(res.status).toBe(422);
      expect(res.json.error.fields).toHaveProperty("cursor");
    }
  });

  it("rejects out-of-range limits and unknown sorts", async () => {
    for (const [query, field] of [
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["sort=random", "sort"],
      ["order=up", "order"],
    ]) {
      const res = await call(entitiesRoute.GET, { url: `/x?${query}`, params });
      expect(res.status).toBe(422);
      expect(res.json.error.fields).toHaveProperty([field!]);
    }
  });
});
