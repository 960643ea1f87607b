import { sql } from "drizzle-orm";
import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import * as meRoute from "@/app/api/v1/me/route";
import * as tokenRoute from "@/app/api/v1/tokens/[token]/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import { cachingLive } from "@/lib/db/cache-invalidation";
import { asDatabaseAdmin, call, setupTestDatabase } from "@/tests/db";
import { blueprintRoute, entitiesRoute } from "@/tests/routes";
import { until } from "@/tests/until";
import type { ApiToken } from "./token-schema";

// Token principals and blueprints are cached per process (lib/db/read-cache.ts). These tests prove the
// two ways a cached row is dropped: this process's own write (at once), and any other writer's commit,
// which reaches this process only through the triggers' NOTIFY — shown by writing through another
// connection (what another web replica or the worker does), with and without the trigger.

setupTestDatabase();

const me = (secret: string) => call<{ teams: string[] }>(meRoute.GET, { as: { token: secret } });

async function createToken(): Promise<ApiToken & { secret: string }> {
  const res = await call<ApiToken & { secret: string }>(tokensRoute.POST, {
    as: { user: "dana" },
    body: { name: "cached", scopes: ["read"] },
  });
  expect(res.status).toBe(201);
  return res.json;
}

beforeAll(async () => {
  // The first read starts the LISTEN connection; nothing is cached until it is up.
  await until("the cache invalidation listener", async () => cachingLive(), 10_000, 20);
});

describe("cached token principals", () => {
  it("refuses a token revoked in this process on its very next request", async () => {
    const token = await createToken();
    expect((await me(token.secret)).status).toBe(200);
    expect((await me(token.secret)).status).toBe(200); // now served from the cache
    const revoked = await call(tokenRoute.DELETE, {
      as: { user: "dana" },
      params: { token: token.id },
      method: "DELETE",
    });
    expect(revoked.status).toBe(204);
    expect((await me(token.secret)).status).toBe(401);
  });

  it("drops a token another process revoked when the database's notification arrives, and only then", async () => {
    const token = await createToken();
    expect((await me(token.secret)).status).toBe(200);
    expect((await me(token.secret)).status).toBe(200);
    // Without the trigger nobody tells this process: the cached principal still answers. This is the
    // control showing that the notification, not a fresh read, is what refuses the token below.
    await asDatabaseAdmin(sql`alter table api_tokens disable trigger api_tokens_cache`);
    try {
      await asDatabaseAdmin(sql`update api_tokens set revoked_at = now() where id = ${token.id}`);
      expect((await me(token.secret)).status).toBe(200);
    } finally {
      await asDatabaseAdmin(sql`alter table api_tokens enable trigger api_tokens_cache`);
    }
    await asDatabaseAdmin(sql`update api_tokens set revoked_at = now() where id = ${token.id}`);
    await until("the revocation to reach the cache", async () => (await me(token.secret)).status === 401, 5_000, 5);
  });

  it("announces a revocation but not a token's use, which only stamps when it was last used", async () => {
    const listener = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (msg) => heard.push(msg.payload ?? ""));
    try {
      await listener.query("listen slipway_cache");
      const token = await createToken();
      expect((await me(token.secret)).status).toBe(200); // stamps last_used_at
      await asDatabaseAdmin(sql`update api_tokens set revoked_at = now() where id = ${token.id}`);
      // Notifications arrive in commit order: once this marker is here, the stamp's and the revocation's are too.
      await asDatabaseAdmin(sql`select pg_notify('slipway_cache', 'marker')`);
      await until("the marker notification", async () => heard.includes("marker"), 5_000, 5);
      expect(heard.filter((p) => p === `token:${token.id}`)).toHaveLength(1);
    } finally {
      await listener.end();
    }
  });

  it("caches nothing once the LISTEN connection is lost, so a change nobody announced is still seen", async () => {
    const token = await createToken();
    expect((await me(token.secret)).status).toBe(200);
    expect((await me(token.secret)).status).toBe(200);
    await asDatabaseAdmin(sql`alter table api_tokens disable trigger api_tokens_cache`);
    try {
      await asDatabaseAdmin(sql`update api_tokens set revoked_at = now() where id = ${token.id}`);
      await asDatabaseAdmin(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen slipway_cache'`,
      );
      // Well inside the 5 s a principal may live: it is the lost listener that empties the cache.
      await until(
        "the lost listener to empty the cache",
        async () => (await me(token.secret)).status === 401,
        2_000,
        5,
      );
    } finally {
      await asDatabaseAdmin(sql`alter table api_tokens enable trigger api_tokens_cache`);
    }
    await until("the listener to come back", async () => (await me(token.secret), cachingLive()), 10_000, 50);
  });

  it("sees a new team of the token owner's group on the next request", async () => {
    const token = await createToken();
    expect((await me(token.secret)).json.teams).not.toContain("payments");
    const team = await call(entitiesRoute.POST, {
      params: { blueprint: "team" },
      body: { identifier: "payments", properties: { oidc_group: "team-payments" } },
    });
    expect(team.status).toBe(201);
    expect((await me(token.secret)).json.teams).toContain("payments");
  });
});

describe("cached blueprints", () => {
  const readTitle = async () =>
    (await call<{ title: string }>(blueprintRoute.GET, { params: { blueprint: "cluster" } })).json.title;

  it("serve a change made through this process on the next request", async () => {
    expect(await readTitle()).toBe("Cluster");
    const patched = await call(blueprintRoute.PATCH, {
      params: { blueprint: "cluster" },
      body: { schema: { properties: { zone: { type: "string" } } }, title: "Kubernetes cluster" },
      method: "PATCH",
    });
    expect(patched.status).toBe(200);
    expect(await readTitle()).toBe("Kubernetes cluster");
    // The new property is a valid filter at once (the list parses filters with the cached blueprint).
    const filtered = await call(entitiesRoute.GET, {
      url: "/api/v1/blueprints/cluster/entities?property.zone=a",
      params: { blueprint: "cluster" },
    });
    expect(filtered.status).toBe(200);
  });

  it("serve another writer's change once its notification arrives", async () => {
    expect(await readTitle()).toBe("Kubernetes cluster");
    await asDatabaseAdmin(sql`update blueprints set title = 'Fleet member' where identifier = 'cluster'`);
    await until(
      "the blueprint change to reach the cache",
      async () => (await readTitle()) === "Fleet member",
      5_000,
      5,
    );
  });
});
