import { describe, expect, it } from "vitest";
import { call, setupTestDatabase } from "@/tests/db";
import { blueprintRoute, blueprintsRoute, entitiesRoute, entityRoute } from "@/tests/routes";
import type { Entity, Page } from "./types";

setupTestDatabase();

const entityUrl = (bp: string, id: string) => `/api/v1/blueprints/${bp}/entities/${id}`;
const create = (blueprint: string, body: unknown) =>
  call(entitiesRoute.POST, { url: `/api/v1/blueprints/${blueprint}/entities`, params: { blueprint }, body });

describe("404 for unknown things", () => {
  it("unknown blueprint", async () => {
    const params = { blueprint: "nope" };
    const get = await call(blueprintRoute.GET, { url: "/api/v1/blueprints/nope", params });
    expect(get.status).toBe(404);
    expect(get.json.error.code).toBe("not_found");
    expect(
      (await call(blueprintRoute.PATCH, { method: "PATCH", url: "/x", params, body: { title: "N" } })).status,
    ).toBe(404);
    expect((await call(blueprintRoute.DELETE, { method: "DELETE", url: "/x", params })).status).toBe(404);
    expect((await call(entitiesRoute.GET, { url: "/api/v1/blueprints/nope/entities", params })).status).toBe(404);
    expect((await create("nope", { identifier: "x" })).status).toBe(404);
    const entity = { blueprint: "nope", entity: "x" };
    expect((await call(entityRoute.GET, { url: entityUrl("nope", "x"), params: entity })).status).toBe(404);
  });

  it("unknown entity on GET, PATCH and DELETE", async () => {
    const params = { blueprint: "service", entity: "ghost" };
    const url = entityUrl("service", "ghost");
    const responses = [
      await call(entityRoute.GET, { url, params }),
      await call(entityRoute.PATCH, { method: "PATCH", url, params, body: { title: "Ghost" } }),
      await call(entityRoute.DELETE, { method: "DELETE", url, params }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe("not_found");
      expect(res.json.error.message).toContain("ghost");
    }
  });

  it("an entity is not found under another blueprint", async () => {
    expect((await create("team", { identifier: "core" })).status).toBe(201);
    const res = await call(entityRoute.GET, {
      url: entityUrl("service", "core"),
      params: { blueprint: "service", entity: "core" },
    });
    expect(res.status).toBe(404);
  });
});

describe("409 conflicts", () => {
  it("duplicate entity identifier within a blueprint", async () => {
    expect((await create("service", { identifier: "dup", properties: { language: "go" } })).status).toBe(201);
    const again = await create("service", { identifier: "dup", title: "Second", properties: { language: "java" } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("conflict");
    const got = await call<Entity>(entityRoute.GET, {
      url: entityUrl("service", "dup"),
      params: { blueprint: "service", entity: "dup" },
    });
    expect(got.json.properties.language).toBe("go");
    // The same identifier is fine in another blueprint.
    expect((await create("team", { identifier: "dup" })).status).toBe(201);
  });

  it("duplicate blueprint identifier", async () => {
    const body = { identifier: "gadget", title: "Gadget" };
    expect((await call(blueprintsRoute.POST, { url: "/api/v1/blueprints", body })).status).toBe(201);
    const again = await call(blueprintsRoute.POST, { url: "/api/v1/blueprints", body: { ...body, title: "Other" } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("conflict");
    expect(
      (await call(blueprintsRoute.POST, { url: "/api/v1/blueprints", body: { ...body, identifier: "service" } }))
        .status,
    ).toBe(409);
  });

  it("deleting an entity another entity requires", async () => {
    expect((await create("service", { identifier: "api", properties: { language: "go" } })).status).toBe(201);
    expect((await create("environment", { identifier: "dev" })).status).toBe(201);
    expect(
      (await create("deployment", { identifier: "api-dev", relations: { service: "api", environment: "dev" } })).status,
    ).toBe(201);

    const params = { blueprint: "service", entity: "api" };
    const res = await call(entityRoute.DELETE, { method: "DELETE", url: entityUrl("service", "api"), params });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain("deployment/api-dev");
    expect((await call(entityRoute.GET, { url: entityUrl("service", "api"), params })).status).toBe(200);

    // Once the dependant is gone, the delete goes through.
    const dep = { blueprint: "deployment", entity: "api-dev" };
    expect(
      (await call(entityRoute.DELETE, { method: "DELETE", url: entityUrl("deployment", "api-dev"), params: dep }))
        .status,
    ).toBe(204);
    expect(
      (await call(entityRoute.DELETE, { method: "DELETE", url: entityUrl("service", "api"), params })).status,
    ).toBe(204);
    expect((await call(entityRoute.GET, { url: entityUrl("service", "api"), params })).status).toBe(404);
  });

  it("an optional relation does not block deletion and disappears with its target", async () => {
    expect((await create("service", { identifier: "leaf", properties: { language: "go" } })).status).toBe(201);
    expect(
      (
        await create("service", {
          identifier: "trunk",
          properties: { language: "go" },
          relations: { dependsOn: ["leaf"] },
        })
      ).status,
    ).toBe(201);
    const leaf = { blueprint: "service", entity: "leaf" };
    expect(
      (await call(entityRoute.DELETE, { method: "DELETE", url: entityUrl("service", "leaf"), params: leaf })).status,
    ).toBe(204);
    const list = await call<Page<Entity>>(entitiesRoute.GET, {
      url: "/api/v1/blueprints/service/entities?relation.dependsOn=leaf",
      params: { blueprint: "service" },
    });
    expect(list.json.items).toEqual([]);
  });

  it("deleting a built-in blueprint or one still in use", async () => {
    expect(
      (await call(blueprintRoute.DELETE, { method: "DELETE", url: "/x", params: { blueprint: "team" } })).status,
    ).toBe(409);
    expect((await create("gadget", { identifier: "g1" })).status).toBe(201);
    expect(
      (await call(blueprintRoute.DELETE, { method: "DELETE", url: "/x", params: { blueprint: "gadget" } })).status,
    ).toBe(409);
  });
});
