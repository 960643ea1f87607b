import { sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase, setupTestDatabase } from "@/tests/db";
import { getDb } from "./client";
import { compactTransaction, inlineStatement } from "./compact-transaction";
import { PoolInsideTransactionError } from "./transaction-guard";

setupTestDatabase();
beforeEach(resetDatabase);

// Every query the pool's connections send: one call is one round trip.
let sent: string[] = [];
beforeEach(() => {
  sent = [];
  const query = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === "string" ? args[0] : (args[0] as { text?: string }).text;
    sent.push(String(text));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query);
});
afterEach(() => vi.restoreAllMocks());

const keys = async () =>
  (await getDb().execute<{ key: string }>(sql`select key from status_events order by key`)).rows.map((r) => r.key);

describe("compactTransaction", () => {
  it("sends BEGIN with the first statement and COMMIT with the last: three statements, three round trips", async () => {
    const txids = await compactTransaction(async (t) => {
      const [a] = await t.query<{ id: string }>(sql`select txid_current()::text as id`);
      await t.prepared(sql`insert into status_events (key, entity) values (${"k-1"}, ${"cart-dev"})`);
      const [b] = await t.commit<{ id: string }>(
        sql`insert into status_events (key, entity) values (${"k-2"}, ${"cart-dev"}) returning txid_current()::text as id`,
      );
      return [a!.id, b!.id];
    });
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^begin;\s*select txid_current/);
    expect(sent[2]).toMatch(/;\s*commit$/);
    expect(txids[0]).toBe(txids[1]);
    expect(await keys()).toEqual(["k-1", "k-2"]);
  });

  it("rolls everything back when the work throws, and commits what it left open when it returns", async () => {
    const failed = await compactTransaction(async (t) => {
      await t.query(sql`insert into status_events (key, entity) values (${"lost"}, ${"cart-dev"})`);
      throw new Error("boom");
    }).catch((e: Error) => e.message);
    expect(failed).toBe("boom");
    expect(await keys()).toEqual([]);

    await compactTransaction(async (t) => {
      await t.query(sql`insert into status_events (key, entity) values (${"kept"}, ${"cart-dev"})`);
    });
    expect(await keys()).toEqual(["kept"]);
  });

  it("rolls back when the statement sent with COMMIT fails", async () => {
    const failed = await compactTransaction(async (t) => {
      await t.query(sql`insert into status_events (key, entity) values (${"first"}, ${"cart-dev"})`);
      await t.commit(sql`insert into status_events (key, entity) values (${"first"}, ${"cart-dev"})`);
    }).catch((e: Error) => e.message);
    expect(failed).toMatch(/duplicate key/);
    expect(await keys()).toEqual([]);
  });

  it("writes values in as literals that keep quotes, backslashes and any text intact", async () => {
    const tricky = ["it's", "back\\slash\\", "'; drop table status_events; --", "☃ \u00e9\n\t", "E'\\x00'"];
    const [row] = await compactTransaction((t) =>
      t.commit<{ values: string[] }>(
        sql`select array[${sql.join(
          tricky.map((v) => sql`${v}::text`),
          sql`, `,
        )}] as values`,
      ),
    );
    expect(row!.values).toEqual(tricky);
    expect(inlineStatement(sql`select ${42}, ${true}, ${null}`)).toBe("select 42, true, null");
  });

  it("refuses a value it cannot write in faithfully, and the pool inside its work", async () => {
    expect(() => inlineStatement(sql`select ${new Date()}`)).toThrow(TypeError);
    const inside = await compactTransaction(async () => getDb().execute(sql`select 1`)).catch((e: unknown) => e);
    expect(inside).toBeInstanceOf(PoolInsideTransactionError);
  });
});
