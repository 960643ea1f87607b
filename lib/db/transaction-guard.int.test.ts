import { sql } from "drizzle-orm";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as webhookRoute from "@/app/api/webhooks/argocd/route";
import { argocdWebhookSecret } from "@/lib/deployments/webhook-secret";
import { setupTestDatabase } from "@/tests/db";
import { getDb, getPool, POOL_SIZE } from "./client";
import { PoolInsideTransactionError } from "./transaction-guard";

setupTestDatabase();

/** The error itself or what the query builder wrapped. */
function rootOf(err: unknown): unknown {
  let e = err;
  while (e instanceof Error && e.cause && !(e instanceof PoolInsideTransactionError)) e = e.cause;
  return e;
}

const failure = (work: Promise<unknown>) => work.then(() => null, rootOf);

describe("the transaction guard", () => {
  it("refuses getDb() inside a transaction", async () => {
    const err = await failure(getDb().transaction(async () => getDb().execute(sql`select 1`)));
    expect(err).toBeInstanceOf(PoolInsideTransactionError);
  });

  it("refuses a pool query through a handle taken before the transaction opened", async () => {
    const db = getDb();
    const err = await failure(db.transaction(async () => db.execute(sql`select 1`)));
    expect(err).toBeInstanceOf(PoolInsideTransactionError);
    const nested = await failure(db.transaction(async () => db.transaction(async (tx) => tx.execute(sql`select 1`))));
    expect(nested).toBeInstanceOf(PoolInsideTransactionError);
  });

  it("lets the transaction's own queries, savepoints and later pool queries through", async () => {
    let settle: (outcome: unknown) => void = () => {};
    const fired = new Promise((resolve) => (settle = resolve));
    const n = await getDb().transaction(async (tx) => {
      await tx.transaction(async (sp) => sp.execute(sql`select 1`));
      // Started inside, runs after the commit: by then the connection is back in the pool.
      setTimeout(
        () =>
          getDb()
            .execute(sql`select 1`)
            .then(settle, settle),
        10,
      );
      return (await tx.execute<{ n: number }>(sql`select 2 as n`)).rows[0]?.n;
    });
    expect(n).toBe(2);
    expect(rootOf(await fired)).not.toBeInstanceOf(Error);
    expect((await getDb().execute<{ n: number }>(sql`select 3 as n`)).rows[0]?.n).toBe(3);
  });
});

describe("an exhausted pool", () => {
  it("answers 503 with Retry-After instead of hanging, while /api/health still answers", async () => {
    const held: pg.PoolClient[] = [];
    for (let i = 0; i < POOL_SIZE; i++) held.push(await getPool().connect());
    try {
      const health = await healthRoute.GET(new Request("http://slipway.test/api/health"), {
        params: Promise.resolve({}),
      });
      expect(health.status).toBe(200);
      const res = await webhookRoute.POST(
        new Request("http://slipway.test/api/webhooks/argocd", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${argocdWebhookSecret()}` },
          body: JSON.stringify({ entity: "cart-dev", properties: { status: "Healthy" } }),
        }),
        { params: Promise.resolve({}) },
      );
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    } finally {
      for (const client of held) client.release();
    }
  });
});
