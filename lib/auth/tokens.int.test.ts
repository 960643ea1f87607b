import { describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/list-audit";
import { apiTokenFor } from "@/tests/auth";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import * as meRoute from "@/app/api/v1/me/route";
import * as tokenRoute from "@/app/api/v1/tokens/[token]/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import type { ApiToken } from "./token-schema";

setupTestDatabase();

const createToken = async (scopes: string[]) => {
  const res = await call<ApiToken & { secret: string }>(tokensRoute.POST, {
    as: { user: "dana" },
    body: { name: "laptop", scopes },
  });
  expect(res.status).toBe(201);
  return res.json;
};

describe("personal API tokens", () => {
  it("shows the secret once, stores only a hash, and lists tokens without secrets", async () => {
    const created = await createToken(["read"]);
    expect(created.secret).toMatch(/^slw_[A-Za-z0-9_-]{43}$/);
    const list = await call<{ items: ApiToken[] }>(tokensRoute.GET, { as: { user: "dana" } });
    expect(list.json.items.map((t) => t.id)).toContain(created.id);
    expect(JSON.stringify(list.json)).not.toContain(created.secret);
    const { rows } = await (
      await import("@/lib/db/client")
    )
      .getPool()
      .query("select token_hash from api_tokens where id = $1", [created.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(created.secret.slice(4));
  });

  it("authenticates as its owner, with roles and teams from the owner's groups", async () => {
    const secret = await apiTokenFor("sam", ["read"]);
    const me = await call<{ email: string; roles: string[]; via: string; scopes: string[] }>(meRoute.GET, {
      as: { token: secret },
    });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ email: "sam@slipway.local", via: "token", scopes: ["read"] });
    expect(me.json.roles).toContain("sre");
  });

  it("lets a read-scoped token read but not write", async () => {
    const secret = await apiTokenFor("ada", ["read"]);
    expect((await call(entitiesRoute.GET, { as: { token: secret }, params: { blueprint: "service" } })).status).toBe(
      200,
    );
    const write = await call(entitiesRoute.POST, {
      as: { token: secret },
      params: { blueprint: "environment" },
      body: { identifier: "qa" },
    });
    expect(write.status).toBe(403);
    expect(write.json.error.message).toContain('"write" scope');
    const readBack = await call(entitiesRoute.GET, { as: { token: secret }, params: { blueprint: "environment" } });
    expect(JSON.stringify(readBack.json)).not.toContain('"qa"');
  });

  it("refuses a revoked token on the very next request", async () => {
    const created = await createToken(["read", "write"]);
    expect((await call(meRoute.GET, { as: { token: created.secret } })).status).toBe(200);
    expect(
      (await call(tokenRoute.DELETE, { as: { user: "dana" }, params: { token: created.id }, method: "DELETE" })).status,
    ).toBe(204);
    const after = await call(meRoute.GET, { as: { token: created.secret } });
    expect(after.status).toBe(401);
    expect(after.json.error.message).toContain("revoked");
    // Revoking twice, or someone else's token, is a 404 rather than a silent success.
    expect(
      (await call(tokenRoute.DELETE, { as: { user: "dana" }, params: { token: created.id }, method: "DELETE" })).status,
    ).toBe(404);
  });

  it("does not let one user revoke another user's token", async () => {
    const created = await createToken(["read"]);
    const res = await call(tokenRoute.DELETE, {
      as: { user: "carl" },
      params: { token: created.id },
      method: "DELETE",
    });
    expect(res.status).toBe(404);
    expect((await call(meRoute.GET, { as: { token: created.secret } })).status).toBe(200);
  });

  it("answers unknown and malformed bearer tokens with 401, and bad input with 422", async () => {
    expect((await call(meRoute.GET, { as: { token: "slw_nope" } })).status).toBe(401);
    const bad = await call(tokensRoute.POST, { as: { user: "dana" }, body: { name: "", scopes: ["admin"] } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields ?? {}).sort()).toEqual(["name", "scopes.0"]);
  });

  it("audits creation and revocation", async () => {
    const verbs = (await listAudit({ actor: "dana@slipway.local", limit: 50 })).items.map((i) => i.verb);
    expect(verbs).toContain("token.create");
    expect(verbs).toContain("token.revoke");
  });
});
