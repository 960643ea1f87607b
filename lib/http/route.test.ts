import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, notFound } from "@/lib/errors";
import type { Principal } from "@/lib/auth/principal";
import type { SessionUser } from "@/lib/auth/roles";
import { publicRoute, route } from "./route";

// Who calls is decided by a header here; the real resolution (cookies, tokens) is covered by integration tests.
const dev: SessionUser = {
  id: "u1",
  email: "dev@x",
  name: "Dev",
  groups: [],
  roles: ["developer"],
  teams: ["payments"],
};
const principals: Record<string, Principal> = {
  session: { user: dev, via: "session" },
  "read-token": { user: dev, via: "token", tokenId: "t1", scopes: ["read"] },
  "write-token": { user: dev, via: "token", tokenId: "t2", scopes: ["read", "write"] },
};
vi.mock("@/lib/auth/principal", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/principal")>()),
  principalFromRequest: async (headers: Headers) => principals[headers.get("x-caller") ?? ""] ?? null,
}));
const as = (caller: string, init: RequestInit = {}) => ({
  ...init,
  headers: { "x-caller": caller, "content-type": "application/json" },
});

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

function post(body: string | undefined, url = "http://test/api/things"): Request {
  return new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body });
}

const create = publicRoute(
  {
    params: z.object({ team: z.string().min(2) }),
    body: z.object({ name: z.string().min(1), port: z.number().int() }),
    status: 201,
  },
  async ({ params, body }) => ({ team: params.team, ...body }),
);

afterEach(() => vi.restoreAllMocks());

describe("publicRoute()", () => {
  it("parses params and body and uses the configured status", async () => {
    const res = await create(post(JSON.stringify({ name: "cart", port: 80 })), ctx({ team: "payments" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ team: "payments", name: "cart", port: 80 });
  });

  it("answers malformed JSON with 400", async () => {
    const res = await create(post("{ name: cart"), ctx({ team: "payments" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "bad_request", message: "Request body is not valid JSON" } });
  });

  it("answers a missing body with 400", async () => {
    const res = await create(post(undefined), ctx({ team: "payments" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });

  it("answers unavailable with 503 and Retry-After, also when a query error wraps it", async () => {
    const busy = new AppError("unavailable", "The database is busy; try again shortly");
    for (const thrown of [busy, new Error("Failed query: select 1", { cause: busy })]) {
      const handler = publicRoute({}, async () => {
        throw thrown;
      });
      const res = await handler(new Request("http://slipway.test/x"), ctx({}));
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      expect((await res.json()).error.code).toBe("unavailable");
    }
  });

  it("answers zod failures with 422 and per-field errors", async () => {
    const res = await create(post(JSON.stringify({ name: "", port: "x" })), ctx({ team: "payments" }));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fields).sort()).toEqual(["name", "port"]);
  });

  it("validates params and query strings too", async () => {
    expect((await create(post(JSON.stringify({ name: "a", port: 1 })), ctx({ team: "x" }))).status).toBe(422);
    const list = publicRoute(
      { query: z.object({ limit: z.coerce.number().int().max(5) }) },
      async ({ query }) => query,
    );
    const res = await list(new Request("http://test/api/things?limit=9"), ctx());
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toHaveProperty("limit");
    expect(await (await list(new Request("http://test/api/things?limit=3"), ctx())).json()).toEqual({ limit: 3 });
  });

  it("maps AppError codes to statuses", async () => {
    const missing = publicRoute({}, async () => {
      throw notFound('Entity "x"');
    });
    const res = await missing(new Request("http://test/x"), ctx());
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: 'Entity "x" not found' } });
    const clash = publicRoute({}, async () => {
      throw new AppError("conflict", "taken");
    });
    expect((await clash(new Request("http://test/x"), ctx())).status).toBe(409);
  });

  it("hides unexpected errors behind a generic 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = publicRoute({}, async () => {
      throw new Error("password authentication failed for user slipway");
    });
    const res = await boom(new Request("http://test/x"), ctx());
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Internal server error" } });
    expect(text).not.toContain("password");
    // ...but the details are logged for operators.
    expect(log.mock.calls.flat().join("\n")).toContain("password authentication failed");
  });

  it("answers 204 when the handler returns nothing", async () => {
    const del = publicRoute({}, async () => undefined);
    const res = await del(new Request("http://test/x", { method: "DELETE" }), ctx());
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });
});

describe("route()", () => {
  const update = route({ body: z.object({ team: z.string() }) }, async ({ body, authorize }) => {
    authorize("update", { kind: "entity", blueprint: "service", identifier: "cart", team: body.team });
    return { ok: true };
  });
  const patch = (caller: string, body: unknown) =>
    update(new Request("http://test/x", as(caller, { method: "PATCH", body: JSON.stringify(body) })), ctx());

  it("answers anonymous callers with 401 before looking at their input", async () => {
    const res = await patch("nobody", { team: 42 });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  it("refuses a token without the needed scope (write for non-GET) with 403", async () => {
    const res = await patch("read-token", { team: "payments" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain('"write" scope');
  });

  it("answers 403 when authorize() says no, and runs the handler when it says yes", async () => {
    const refused = await patch("session", { team: "checkout" });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain("team checkout");
    expect((await patch("session", { team: "payments" })).status).toBe(200);
  });

  it("answers 500 when a handler returns without checking a permission", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const careless = route({}, async () => ({ secret: "data" }));
    const res = await careless(new Request("http://test/x", as("session")), ctx());
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("data");
  });

  it("refuses API tokens on session-only routes", async () => {
    const tokensOnly = route({ sessionOnly: true }, async ({ authorize }) => {
      authorize("read", { kind: "catalog" });
      return {};
    });
    expect((await tokensOnly(new Request("http://test/x", as("read-token")), ctx())).status).toBe(403);
    expect((await tokensOnly(new Request("http://test/x", as("session")), ctx())).status).toBe(200);
  });
});

describe("route() input hygiene and cross-site defence", () => {
  const echo = route({ body: z.object({ title: z.string() }) }, async ({ body, authorize }) => {
    authorize("read", { kind: "catalog" });
    return body;
  });
  const tokenOnly = route({ tokenOnly: true }, async ({ authorize }) => {
    authorize("read", { kind: "catalog" });
    return { ok: true };
  });
  const send = (caller: string, headers: Record<string, string>, body = '{"title":"x"}') =>
    echo(
      new Request("http://portal.test/api/things", {
        method: "POST",
        headers: { "x-caller": caller, host: "portal.test", ...headers },
        body,
      }),
      ctx(),
    );

  it("refuses a cookie-authenticated mutation sent as text/plain (what a cross-site form can send)", async () => {
    const res = await send("session", { "content-type": "text/plain" });
    expect(res.status).toBe(415);
  });

  it("refuses a cookie-authenticated mutation from a foreign Origin or a cross-site fetch", async () => {
    const json = { "content-type": "application/json" };
    expect((await send("session", { ...json, origin: "http://evil.example" })).status).toBe(403);
    expect((await send("session", { ...json, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(
      (await send("session", { ...json, origin: "http://portal.test", "sec-fetch-site": "same-origin" })).status,
    ).toBe(200);
  });

  it("leaves token-authenticated calls alone: browsers never send a token by themselves", async () => {
    const res = await send("write-token", { "content-type": "application/json", origin: "http://elsewhere.example" });
    expect(res.status).toBe(200);
  });

  it("answers a session on a token-only route with 403", async () => {
    const req = (caller: string) => new Request("http://portal.test/api/hook", { headers: { "x-caller": caller } });
    expect((await tokenOnly(req("session"), ctx())).status).toBe(403);
    expect((await tokenOnly(req("write-token"), ctx())).status).toBe(200);
  });

  it("answers NUL characters with a 422 naming the field, in the body and in path values", async () => {
    const res = await send("write-token", { "content-type": "application/json" }, '{"title":"a\\u0000b"}');
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toEqual({ title: ["Must not contain NUL characters"] });
    const byPath = route({ params: z.object({ id: z.string() }) }, async ({ authorize }) => {
      authorize("read", { kind: "catalog" });
      return {};
    });
    const r = await byPath(
      new Request("http://portal.test/x", { headers: { "x-caller": "write-token" } }),
      ctx({ id: "a\u0000" }),
    );
    expect(r.status).toBe(422);
  });

  it("answers JSON nested 10,000 levels deep with a 422 instead of a crash", async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    const res = await send("write-token", { "content-type": "application/json" }, deep);
    expect(res.status).toBe(422);
  });

  it("answers a body over the limit with 413", async () => {
    const big = JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) });
    expect((await send("write-token", { "content-type": "application/json" }, big)).status).toBe(413);
  });
});
