import { beforeAll, describe, expect, it } from "vitest";
import { call, setupTestDatabase } from "@/tests/db";
import { blueprintRoute, blueprintsRoute, entitiesRoute, entityRoute } from "@/tests/routes";
import type { Blueprint, Entity, EntityDetail, Page } from "./types";

setupTestDatabase();

const create = async (blueprint: string, body: Record<string, unknown>) => {
  const res = await call<Entity>(entitiesRoute.POST, {
    url: `/api/v1/blueprints/${blueprint}/entities`,
    params: { blueprint },
    body,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
};
const detail = async (blueprint: string, entity: string) => {
  const res = await call<EntityDetail>(entityRoute.GET, { url: `/x/${entity}`, params: { blueprint, entity } });
  expect(res.status).toBe(200);
  return res.json;
};
const list = async (blueprint: string, query: string) => {
  const res = await call<Page<Entity>>(entitiesRoute.GET, {
    url: `/api/v1/blueprints/${blueprint}/entities?${query}`,
    params: { blueprint },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.items.map((e) => e.identifier);
};

beforeAll(async () => {
  await create("team", { identifier: "payments", title: "Payments" });
  await create("environment", { identifier: "dev" });
  await create("service", {
    identifier: "ledger",
    team: "payments",
    properties: { language: "java", port: 8080, description: "double-entry bookkeeping" },
  });
  await create("service", { identifier: "fraud-detector", properties: { language: "python", port: 9000 } });
  await create("service", { identifier: "payroll", properties: { language: "go", port: 8080 } });
  await create("service", {
    identifier: "payment-gateway",
    title: "Payment Gateway",
    team: "payments",
    properties: { language: "go", port: 443, public: true },
    relations: { dependsOn: ["ledger", "fraud-detector"] },
  });
  await create("deployment", {
    identifier: "payment-gateway-dev",
    relations: { service: "payment-gateway", environment: "dev" },
  });
});

describe("blueprints", () => {
  it("creates a blueprint and serves it back", async () => {
    const body = {
      identifier: "library",
      title: "Library",
      icon: "book",
      schema: { properties: { version: { type: "string" } }, required: ["version"] },
      relations: { usedBy: { title: "Used by", target: "service", many: true } },
    };
    const res = await call<Blueprint>(blueprintsRoute.POST, { url: "/api/v1/blueprints", body });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      identifier: "library",
      builtin: false,
      schema: { type: "object", required: ["version"] },
    });
    expect(res.json.relations.usedBy).toEqual({ title: "Used by", target: "service", many: true, required: false });
    const got = await call<Blueprint>(blueprintRoute.GET, { url: "/x", params: { blueprint: "library" } });
    expect(got.json).toEqual(res.json);

    const lib = await create("library", {
      identifier: "zod",
      properties: { version: "4.6.7" },
      relations: { usedBy: ["ledger"] },
    });
    expect(lib).toMatchObject({ blueprint: "library", title: "zod", relations: { usedBy: ["ledger"] } });
  });
});

describe("entities with relations", () => {
  it("returns outgoing relations on create", async () => {
    const got = await detail("service", "payment-gateway");
    expect(got.relations).toEqual({ dependsOn: expect.arrayContaining(["ledger", "fraud-detector"]) });
    expect(got.relations.dependsOn).toHaveLength(2);
  });

  it("shows related (outgoing) and referencedBy (incoming) in both directions", async () => {
    const gateway = await detail("service", "payment-gateway");
    expect(gateway.related.dependsOn).toEqual([
      { blueprint: "service", identifier: "fraud-detector", title: "fraud-detector" },
      { blueprint: "service", identifier: "ledger", title: "ledger" },
    ]);
    expect(gateway.referencedBy).toEqual([
      {
        blueprint: "deployment",
        relation: "service",
        entities: [{ blueprint: "deployment", identifier: "payment-gateway-dev", title: "payment-gateway-dev" }],
      },
    ]);

    const ledger = await detail("service", "ledger");
    expect(ledger.related).toEqual({});
    expect(ledger.referencedBy).toContainEqual({
      blueprint: "service",
      relation: "dependsOn",
      entities: [{ blueprint: "service", identifier: "payment-gateway", title: "Payment Gateway" }],
    });

    const deployment = await detail("deployment", "payment-gateway-dev");
    expect(Object.keys(deployment.related).sort()).toEqual(["environment", "service"]);
    expect(deployment.related.service?.[0]?.identifier).toBe("payment-gateway");
    expect((await detail("environment", "dev")).referencedBy[0]?.entities.map((e) => e.identifier)).toEqual([
      "payment-gateway-dev",
    ]);
  });
});

describe("PATCH (merge-patch)", () => {
  it("merges properties, removes null keys and replaces only the named relations", async () => {
    await create("service", {
      identifier: "cart",
      title: "Cart",
      properties: { language: "node", port: 3000, framework: "express" },
      relations: { dependsOn: ["ledger"] },
    });
    const params = { blueprint: "service", entity: "cart" };
    const res = await call<Entity>(entityRoute.PATCH, {
      method: "PATCH",
      url: "/x",
      params,
      body: { title: "Shopping cart", properties: { port: null, framework: "fastify", redis: true } },
    });
    expect(res.status).toBe(200);
    expect(res.json.title).toBe("Shopping cart");
    expect(res.json.properties).toEqual({ language: "node", framework: "fastify", redis: true });
    expect(res.json.relations).toEqual({ dependsOn: ["ledger"] });

    const relinked = await call<Entity>(entityRoute.PATCH, {
      method: "PATCH",
      url: "/x",
      params,
      body: { relations: { dependsOn: ["payroll"] } },
    });
    expect(relinked.json.relations).toEqual({ dependsOn: ["payroll"] });
    expect(relinked.json.properties).toEqual({ language: "node", framework: "fastify", redis: true });

    await call(entityRoute.PATCH, { method: "PATCH", url: "/x", params, body: { relations: { dependsOn: null } } });
    const stored = await detail("service", "cart");
    expect(stored.relations).toEqual({});
    expect(stored.title).toBe("Shopping cart");
    expect(stored.properties).not.toHaveProperty("port");
  });

  it("cannot drop a required relation", async () => {
    const params = { blueprint: "deployment", entity: "payment-gateway-dev" };
    const res = await call(entityRoute.PATCH, {
      method: "PATCH",
      url: "/x",
      params,
      body: { relations: { service: null } },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toHaveProperty(["relations.service"]);
    expect((await detail("deployment", "payment-gateway-dev")).relations.service).toEqual(["payment-gateway"]);
  });
});

describe("search and filters", () => {
  it("full-text search matches word prefixes across identifier, title, team and string properties", async () => {
    // ledger matches through its team, "payments".
    expect((await list("service", "q=pay")).sort()).toEqual(["ledger", "payment-gateway", "payroll"]);
    expect(await list("service", "q=gate")).toEqual(["payment-gateway"]);
    expect(await list("service", "q=PAYMENT%20gat")).toEqual(["payment-gateway"]);
    expect(await list("service", "q=bookkeep")).toEqual(["ledger"]);
    expect((await list("service", "q=payments")).sort()).toEqual(["ledger", "payment-gateway"]);
    expect(await list("service", "q=nothing-like-this")).toEqual([]);
  });

  it("treats tsquery syntax in q as plain words", async () => {
    expect(await list("service", `q=${encodeURIComponent("pay & !gate | x:*")}`)).toEqual([]);
    // Nothing searchable left: the list is unfiltered rather than an SQL error.
    expect(await list("service", `q=${encodeURIComponent("'):* | (")}`)).toEqual(await list("service", ""));
  });

  it("filters by typed property values", async () => {
    expect((await list("service", "property.language=go")).sort()).toEqual(["payment-gateway", "payroll"]);
    expect((await list("service", "property.port=8080")).sort()).toEqual(["ledger", "payroll"]);
    expect(await list("service", "property.public=true")).toEqual(["payment-gateway"]);
    expect(await list("service", "property.language=go&property.port=8080")).toEqual(["payroll"]);
  });

  it("filters by outgoing relation", async () => {
    expect(await list("service", "relation.dependsOn=ledger")).toEqual(["payment-gateway"]);
    expect(await list("deployment", "relation.service=payment-gateway")).toEqual(["payment-gateway-dev"]);
    expect(await list("deployment", "relation.service=no-such-service")).toEqual([]);
  });

  it("filters by incoming relation (referencedBy)", async () => {
    expect(await list("service", "referencedBy.deployment.service=payment-gateway-dev")).toEqual(["payment-gateway"]);
    expect((await list("service", "referencedBy.service.dependsOn=payment-gateway")).sort()).toEqual([
      "fraud-detector",
      "ledger",
    ]);
    expect(await list("service", "referencedBy.deployment.service=ledger")).toEqual([]);
    expect(await list("service", "referencedBy.deployment.service=no-such-deployment")).toEqual([]);
  });

  it("filters by team and combines with search", async () => {
    expect((await list("service", "team=payments")).sort()).toEqual(["ledger", "payment-gateway"]);
    expect(await list("service", "team=payments&q=gate")).toEqual(["payment-gateway"]);
  });

  it("rejects filters on unknown properties", async () => {
    const res = await call(entitiesRoute.GET, { url: "/x?property.colour=red", params: { blueprint: "service" } });
    expect(res.status).toBe(422);
    expect(res.json.error.fields).toHaveProperty(["property.colour"]);
  });
});
