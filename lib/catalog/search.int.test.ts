import { beforeAll, describe, expect, it } from "vitest";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import type { Entity, Page } from "./types";

setupTestDatabase();

const search = async (q: string) => {
  const res = await call<Page<Entity>>(entitiesRoute.GET, {
    url: `/api/v1/blueprints/team/entities?q=${encodeURIComponent(q)}`,
    params: { blueprint: "team" },
  });
  expect(res.status).toBe(200);
  return res.json.items.map((e) => e.identifier).sort();
};

beforeAll(async () => {
  for (const identifier of ["svc-007", "svc-070", "api_v2", "web.frontend"]) {
    const res = await call(entitiesRoute.POST, { url: "/x", params: { blueprint: "team" }, body: { identifier } });
    expect(res.status).toBe(201);
  }
});

describe("full-text search over identifiers with separators", () => {
  // PostgreSQL's parser reads "svc-007" as the word "svc" and the integer "-007"; the search column compensates.
  it("finds identifiers by a prefix that spans a hyphen followed by digits", async () => {
    expect(await search("svc-00")).toEqual(["svc-007"]);
    expect(await search("svc-0")).toEqual(["svc-007", "svc-070"]);
  });

  it("finds identifiers split by underscores and dots", async () => {
    expect(await search("api_v")).toEqual(["api_v2"]);
    expect(await search("frontend")).toEqual(["web.frontend"]);
  });
});
