import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, notFound } from "@/lib/errors";
import { route } from "./route";

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

function post(body: string | undefined, url = "http://test/api/things"): Request {
  return new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body });
}

const create = route(
  { params: z.object({ team: z.string().min(2) }), body: z.object({ name: z.string().min(1), port: z.number().int() }), status: 201 },
  async ({ params, body }) => ({ team: params.team, ...body }),
);

afterEach(() => vi.restoreAllMocks());

describe("route()", () => {
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

  it("answers zod failures with 422 and per-field errors", async () => {
    const res = await create(post(JSON.stringify({ name: "", port: "x" })), ctx({ team: "payments" }));
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("validation");
    expect(Object.keys(error.fields).sort()).toEqual(["name", "port"]);
  });

  it("validates params and query strings too", async () => {
    expect((await create(post(JSON.stringify({ name: "a", port: 1 })), ctx({ team: "x" }))).status).toBe(422);
    const list = route({ query: z.object({ limit: z.coerce.number().int().max(5) }) }, async ({ query }) => query);
    const res = await list(new Request("http://test/api/things?limit=9"), ctx());
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields).toHaveProperty("limit");
    expect(await (await list(new Request("http://test/api/things?limit=3"), ctx())).json()).toEqual({ limit: 3 });
  });

  it("maps AppError codes to statuses", async () => {
    const missing = route({}, async () => {
      throw notFound("Entity \"x\"");
    });
    const res = await missing(new Request("http://test/x"), ctx());
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: 'Entity "x" not found' } });
    const clash = route({}, async () => {
      throw new AppError("conflict", "taken");
    });
    expect((await clash(new Request("http://test/x"), ctx())).status).toBe(409);
  });

  it("hides unexpected errors behind a generic 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const boom = route({}, async () => {
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
    const del = route({}, async () => undefined);
    const res = await del(new Request("http://test/x", { method: "DELETE" }), ctx());
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });
});
