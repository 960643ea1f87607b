import { beforeAll, describe, expect, it } from "vitest";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import * as searchRoute from "@/app/api/v1/search/route";
import type { SearchHit } from "./search-everywhere";

setupTestDatabase();

const search = async (q: string) => {
  const res = await call<{ items: SearchHit[] }>(searchRoute.GET, { url: `/api/v1/search?q=${encodeURIComponent(q)}` });
  expect(res.status).toBe(200);
  return res.json.items;
};

beforeAll(async () => {
  for (const identifier of ["orbit-payments", "orbit-ledger", "unrelated"]) {
    const res = await call(entitiesRoute.POST, { url: "/x", params: { blueprint: "team" }, body: { identifier } });
    expect(res.status).toBe(201);
  }
});

describe("search everywhere", () => {
  it("finds entities of any blueprint by prefix, linking to their page", async () => {
    const hits = (await search("orbit")).filter((h) => h.kind === "entity");
    expect(hits.map((h) => h.href).sort()).toEqual(["/catalog/team/orbit-ledger", "/catalog/team/orbit-payments"]);
    expect(hits[0]!.detail).toContain("Team");
  });

  it("finds actions by a part of their title, create actions opening their form", async () => {
    const hits = (await search("microserv")).filter((h) => h.kind === "action");
    expect(hits.map((h) => h.href)).toContain("/actions/create-microservice/new");
  });

  it("treats LIKE wildcards as literal text", async () => {
    expect((await search("%")).filter((h) => h.kind !== "entity")).toEqual([]);
  });

  it("refuses an empty query with a field error", async () => {
    const res = await call(searchRoute.GET, { url: "/api/v1/search?q=%20" });
    expect(res.status).toBe(422);
    expect(errorOf(res).fields?.q).toBeDefined();
  });
});
