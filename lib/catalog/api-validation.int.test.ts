import { describe, expect, it } from "vitest";
import { call, setupTestDatabase, type CallResult } from "@/tests/db";
import { blueprintRoute, blueprintsRoute, entitiesRoute, entityRoute } from "@/tests/routes";
import type { Blueprint, Entity, Page } from "./types";

setupTestDatabase();

const serviceParams = { blueprint: "service" };
const createService = (body: unknown) =>
  call(entitiesRoute.POST, { url: "/api/v1/blueprints/service/entities", params: serviceParams, body });

async function serviceIdentifiers(): Promise<string[]> {
  const res = await call<Page<Entity>>(entitiesRoute.GET, {
    url: "/api/v1/blueprints/service/entities?limit=200",
    params: serviceParams,
  });
  expect(res.status).toBe(200);
  return res.json.items.map((e) => e.identifier);
}

function expect422(res: CallResult, field: string): string[] {
  expect(res.status).toBe(422);
  expect(res.json.error.code).toBe("validation");
  expect(res.json.error.fields).toHaveProperty([field]);
  return res.json.error.fields![field]!;
}

describe("entity validation (422, nothing stored)", () => {
  it("reports a property of the wrong type", async () => {
    const messages = expect422(
      await createService({ identifier: "bad-port", properties: { language: "go", port: "abc" } }),
      "properties.port",
    );
    expect(messages.join(" ")).toMatch(/integer/i);
    expect(await serviceIdentifiers()).not.toContain("bad-port");
  });

  it("reports a missing required property", async () => {
    const res = await createService({ identifier: "no-language", properties: { port: 8080 } });
    expect(expect422(res, "properties.language")).toEqual(["Required"]);
    expect(Object.keys(res.json.error.fields!)).toEqual(["properties.language"]);
    expect(await serviceIdentifiers()).not.toContain("no-language");
  });

  it("reports an unknown relation target", async () => {
    const res = await createService({
      identifier: "lonely",
      properties: { language: "go" },
      relations: { dependsOn: ["ghost"] },
    });
    expect(expect422(res, "relations.dependsOn").join(" ")).toContain("ghost");
    expect(await serviceIdentifiers()).not.toContain("lonely");
  });

  it("reports an unknown relation name and a missing required relation", async () => {
    const res = await call(entitiesRoute.POST, {
      url: "/api/v1/blueprints/deployment/entities",
      params: { blueprint: "deployment" },
      body: { identifier: "orphan-dev", relations: { owner: "someone" } },
    });
    expect422(res, "relations.owner");
    expect422(res, "relations.service");
    expect422(res, "relations.environment");
  });

  it("reports a bad identifier", async () => {
    expect422(await createService({ identifier: "bad id!", properties: { language: "go" } }), "identifier");
    expect422(await createService({ identifier: "-leading-dash", properties: { language: "go" } }), "identifier");
    expect(await serviceIdentifiers()).toEqual([]);
  });

  it("reports an unknown team", async () => {
    expect422(await createService({ identifier: "teamless", team: "nobody", properties: { language: "go" } }), "team");
    expect(await serviceIdentifiers()).not.toContain("teamless");
  });

  it("rejects an invalid merge-patch and leaves the entity unchanged", async () => {
    expect((await createService({ identifier: "steady", properties: { language: "go", port: 80 } })).status).toBe(201);
    const params = { blueprint: "service", entity: "steady" };
    const url = "/api/v1/blueprints/service/entities/steady";
    expect422(
      await call(entityRoute.PATCH, {
        method: "PATCH",
        url,
        params,
        body: { properties: { language: null, port: 90 } },
      }),
      "properties.language",
    );
    const after = await call<Entity>(entityRoute.GET, { url, params });
    expect(after.json.properties).toEqual({ language: "go", port: 80 });
  });
});

describe("blueprint validation (422, nothing stored)", () => {
  const createBlueprint = (body: unknown) => call(blueprintsRoute.POST, { url: "/api/v1/blueprints", body });
  const notStored = async (identifier: string) => {
    const res = await call(blueprintRoute.GET, {
      url: `/api/v1/blueprints/${identifier}`,
      params: { blueprint: identifier },
    });
    expect(res.status).toBe(404);
    const list = await call<{ items: Blueprint[] }>(blueprintsRoute.GET, { url: "/api/v1/blueprints" });
    expect(list.json.items.map((b) => b.identifier)).not.toContain(identifier);
  };

  it("rejects a schema that is not an object schema", async () => {
    expect422(
      await createBlueprint({ identifier: "scalar", title: "Scalar", schema: { type: "string" } }),
      "schema.type",
    );
    await notStored("scalar");
  });

  it("rejects an invalid JSON Schema", async () => {
    const res = await createBlueprint({
      identifier: "broken",
      title: "Broken",
      schema: { type: "object", properties: { n: { type: "nope" } } },
    });
    expect(expect422(res, "schema")[0]).toMatch(/Invalid JSON Schema/);
    await notStored("broken");
  });

  it("rejects a NUL character, which PostgreSQL's jsonb cannot store", async () => {
    const res = await createBlueprint({
      identifier: "nul",
      title: "Nul",
      schema: { properties: { a: { type: "string", title: "x\u0000" } } },
    });
    expect(expect422(res, "schema.properties.a.title")[0]).toMatch(/NUL/);
    await notStored("nul");
  });

  it("rejects relations to unknown blueprints", async () => {
    const res = await createBlueprint({
      identifier: "widget",
      title: "Widget",
      relations: { owner: { target: "ghost" } },
    });
    expect422(res, "relations.owner.target");
    await notStored("widget");
  });

  it("accepts a schema with a $id and validates entities against it", async () => {
    const schema = { $id: "https://slipway.test/schemas/gizmo", properties: { size: { type: "integer" } } };
    expect((await createBlueprint({ identifier: "gizmo", title: "Gizmo", schema })).status).toBe(201);
    const params = { blueprint: "gizmo" };
    expect422(
      await call(entitiesRoute.POST, { url: "/x", params, body: { identifier: "g1", properties: { size: "big" } } }),
      "properties.size",
    );
    expect(
      (await call(entitiesRoute.POST, { url: "/x", params, body: { identifier: "g1", properties: { size: 3 } } }))
        .status,
    ).toBe(201);
  });

  it("rejects a bad identifier and a blank title", async () => {
    const res = await createBlueprint({ identifier: "no spaces", title: "  " });
    expect422(res, "identifier");
    expect422(res, "title");
  });
});

describe("malformed JSON (400)", () => {
  it("rejects a body that is not JSON on every write endpoint", async () => {
    const rawBody = '{"identifier": "half", ';
    const responses = await Promise.all([
      call(blueprintsRoute.POST, { url: "/api/v1/blueprints", rawBody }),
      call(entitiesRoute.POST, { url: "/api/v1/blueprints/service/entities", params: serviceParams, rawBody }),
      call(entityRoute.PATCH, {
        method: "PATCH",
        url: "/x",
        params: { blueprint: "service", entity: "steady" },
        rawBody,
      }),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect(await serviceIdentifiers()).toEqual(["steady"]);
  });
});

describe("a catastrophic blueprint pattern through the API", () => {
  it("is stored, and a 40-character attack string is answered at once with a field error", async () => {
    const created = await call(blueprintsRoute.POST, {
      body: {
        identifier: "ticket",
        title: "Ticket",
        schema: { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } },
      },
    });
    expect(created.status).toBe(201);
    const started = performance.now();
    const res = await call(entitiesRoute.POST, {
      params: { blueprint: "ticket" },
      body: { identifier: "t1", properties: { code: `${"a".repeat(40)}!` } },
    });
    const ms = performance.now() - started;
    console.log(`catastrophic pattern, 40-character attack string: answered in ${ms.toFixed(1)} ms`);
    expect(expect422(res, "properties.code")[0]).toMatch(/pattern/);
    // A backtracking engine needs ~2^40 steps here (hours); RE2 reads the string once. The bound is
    // twenty times the 100 ms goal so a loaded machine cannot make it flaky.
    expect(ms).toBeLessThan(2_000);
  });
});
