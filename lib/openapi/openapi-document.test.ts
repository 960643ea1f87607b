import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { APP_DIR, routeHandlers } from "@/tests/route-files";
import { API_ROUTES } from "./api-routes";
import { buildOpenApiDocument } from "./document";

// The document is built from the route handlers; these tests keep it complete and valid.

type Operation = {
  summary?: string;
  security: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { "application/json": { schema: Record<string, never> } } };
  responses: Record<string, unknown>;
};
const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const op = (method: string, p: string) => doc.paths[p]![method]!;
const param = (method: string, p: string, name: string) => op(method, p).parameters!.find((x) => x.name === name)!;
const bodyOf = (method: string, p: string) => op(method, p).requestBody!.content["application/json"].schema;

/** Route handlers under app/api/v1 and app/api/webhooks as `get /api/v1/runs/{run}`. */
async function documentedHandlers(): Promise<string[]> {
  const keys = [
    ...(await routeHandlers(path.join(APP_DIR, "api/v1"))).keys(),
    ...(await routeHandlers(path.join(APP_DIR, "api/webhooks"))).keys(),
  ];
  return keys
    .map((k) => {
      const [method, url] = k.split(" ");
      return `${method!.toLowerCase()} ${url!.replace(/\[([^\]]+)\]/g, "{$1}")}`;
    })
    .sort();
}

describe("GET /api/v1/openapi.json", () => {
  it("describes every route file and method under app/api/v1 and app/api/webhooks, each with a summary", async () => {
    const expected = await documentedHandlers();
    const described = Object.entries(doc.paths)
      .flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`))
      .sort();
    expect(described).toEqual(expected);
    expect(Object.keys(API_ROUTES).sort()).toEqual([...new Set(expected.map((k) => k.split(" ")[1]))].sort());
    for (const key of expected) {
      const [method, p] = key.split(" ");
      expect(op(method!, p!).summary, key).toBeTruthy();
    }
  });

  it("validates as OpenAPI 3.1 with every reference resolving", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("carries the zod constraints of params, query and bodies", () => {
    const entities = "/api/v1/blueprints/{blueprint}/entities";
    expect(param("get", entities, "blueprint")).toMatchObject({ in: "path", required: true });
    expect(param("get", entities, "limit").schema).toMatchObject({ minimum: 1, maximum: 200, default: 50 });
    expect(param("get", entities, "sort").schema).toMatchObject({ enum: ["identifier", "title", "createdAt"] });
    expect(param("get", "/api/v1/runs/{run}", "run").schema).toMatchObject({ format: "uuid" });
    expect(bodyOf("post", "/api/v1/runs/{run}/decisions")).toMatchObject({
      properties: { decision: { enum: ["approve", "decline"] }, changeTicket: { maxLength: 64 } },
      required: ["decision"],
    });
    expect(bodyOf("post", "/api/v1/tokens")).toMatchObject({
      properties: { scopes: { minItems: 1, items: { enum: ["read", "write", "actions"] } } },
    });
    expect(bodyOf("post", "/api/webhooks/actions")).toMatchObject({
      properties: { action: { minLength: 1 }, inputs: { type: "object" }, properties: { type: "object" } },
      required: ["action"],
    });
    expect(bodyOf("post", "/api/webhooks/argocd")).toMatchObject({
      properties: { event: { enum: expect.arrayContaining(["sync-succeeded", "health-degraded"]) } },
    });
  });

  it("names who may call each operation: session, token with its scope, webhook secret or anyone", () => {
    const session = { session: [] };
    expect(op("get", "/api/v1/blueprints").security).toEqual([session, { apiToken: ["read"] }]);
    expect(op("patch", "/api/v1/blueprints/{blueprint}").security).toEqual([session, { apiToken: ["write"] }]);
    expect(op("post", "/api/v1/actions/{action}/runs").security).toEqual([session, { apiToken: ["actions"] }]);
    expect(op("post", "/api/v1/tokens").security).toEqual([session]);
    expect(op("post", "/api/webhooks/argocd").security).toEqual([{ argocdWebhookSecret: [] }]);
    expect(op("get", "/api/v1/openapi.json").security).toEqual([]);
    expect(Object.keys(op("delete", "/api/v1/tokens/{token}").responses).sort()).toEqual([
      "204",
      "401",
      "403",
      "404",
      "422",
    ]);
  });
});
