import { describe, expect, it } from "vitest";
import { builtinBlueprints } from "./builtins";
import type { JsonSchema } from "./types";
import { checkPropertySchema, validateProperties } from "./validation";

const serviceSchema = builtinBlueprints.find((b) => b.identifier === "service")!.schema as JsonSchema;
const valid = { language: "go", port: 8080 };

describe("validateProperties", () => {
  it("accepts properties that match the schema", () => {
    expect(validateProperties("svc@1", serviceSchema, valid)).toEqual({});
  });

  it("maps a wrong type to properties.<name>", () => {
    const fields = validateProperties("svc@1", serviceSchema, { ...valid, port: "abc" });
    expect(Object.keys(fields)).toEqual(["properties.port"]);
    expect(fields["properties.port"]?.[0]).toMatch(/integer/i);
  });

  it("maps a missing required property to properties.<name>", () => {
    const fields = validateProperties("svc@1", serviceSchema, { port: 8080 });
    expect(fields).toEqual({ "properties.language": ["Required"] });
  });

  it("reports every problem at once (allErrors)", () => {
    const fields = validateProperties("svc@1", serviceSchema, { port: 0, lifecycle: "zombie", public: "yes" });
    expect(Object.keys(fields).sort()).toEqual([
      "properties.language",
      "properties.lifecycle",
      "properties.port",
      "properties.public",
    ]);
    expect(fields["properties.lifecycle"]?.[0]).toBe("Must be one of: experimental, production, deprecated");
  });

  it("checks formats", () => {
    const fields = validateProperties("svc@1", serviceSchema, { ...valid, repository: "not a uri" });
    expect(fields).toHaveProperty("properties.repository");
  });

  it("builds nested paths and names unknown properties", () => {
    const schema: JsonSchema = {
      type: "object",
      additionalProperties: false,
      properties: { limits: { type: "object", properties: { cpu: { type: "number" } }, required: ["cpu"] } },
    };
    expect(validateProperties("nested@1", schema, { limits: { cpu: "lots" } })).toHaveProperty([
      "properties.limits.cpu",
    ]);
    expect(validateProperties("nested@1", schema, { limits: {} })).toEqual({ "properties.limits.cpu": ["Required"] });
    expect(validateProperties("nested@1", schema, { limits: { cpu: 1 }, extra: 1 })).toEqual({
      "properties.extra": ["Unknown property"],
    });
  });

  it("compiles a schema with a $id again under a new cache key (blueprint edited)", () => {
    const schema = () => ({
      $id: "https://slipway.test/schemas/svc",
      type: "object",
      properties: { a: { type: "string" } },
    });
    expect(validateProperties("svc-id@v1", schema(), { a: 1 })).toHaveProperty(["properties.a"]);
    expect(validateProperties("svc-id@v2", schema(), { a: 1 })).toHaveProperty(["properties.a"]);
    expect(validateProperties("svc-id@v3", schema(), { a: "ok" })).toEqual({});
  });

  it("uses a fresh validator when the cache key changes", () => {
    const v1: JsonSchema = { type: "object", properties: { n: { type: "string" } } };
    const v2: JsonSchema = { type: "object", properties: { n: { type: "integer" } } };
    expect(validateProperties("bp@v1", v1, { n: 1 })).toHaveProperty(["properties.n"]);
    expect(validateProperties("bp@v2", v2, { n: 1 })).toEqual({});
  });
});

describe("checkPropertySchema", () => {
  it("accepts the built-in schemas", () => {
    for (const bp of builtinBlueprints) expect(checkPropertySchema(bp.schema as JsonSchema)).toEqual({});
  });

  it("accepts a schema without an explicit type", () => {
    expect(checkPropertySchema({ properties: { a: { type: "string" } } })).toEqual({});
  });

  it("accepts the same schema with a $id more than once", () => {
    const schema = () => ({
      $id: "https://slipway.test/schemas/thing",
      type: "object",
      properties: { a: { type: "string" } },
    });
    expect(checkPropertySchema(schema())).toEqual({});
    expect(checkPropertySchema(schema())).toEqual({});
  });

  it("requires an object schema", () => {
    expect(checkPropertySchema({ type: "string" })).toHaveProperty(["schema.type"]);
    expect(checkPropertySchema({ type: ["object", "null"] })).toHaveProperty(["schema.type"]);
  });

  it("requires properties to be an object", () => {
    expect(
      checkPropertySchema({ type: "object", properties: [] as unknown as Record<string, JsonSchema> }),
    ).toHaveProperty(["schema.properties"]);
  });

  it("detects schemas that are not valid JSON Schema", () => {
    const bad = checkPropertySchema({ type: "object", properties: { port: { type: "nope" } } });
    expect(Object.keys(bad)).toEqual(["schema"]);
    expect(bad.schema?.[0]).toMatch(/^Invalid JSON Schema/);
    expect(checkPropertySchema({ type: "object", required: "language" as unknown as string[] })).toHaveProperty([
      "schema",
    ]);
    expect(checkPropertySchema({ type: "object", properties: { p: { minimum: "one" } } })).toHaveProperty(["schema"]);
  });
});

describe("user-supplied patterns", () => {
  const catastrophic: JsonSchema = { type: "object", properties: { code: { type: "string", pattern: "^(a+)+$" } } };
  // 40 a's and a mismatch: a backtracking engine explores ~2^40 paths; RE2 reads the string once.
  const attack = `${"a".repeat(40)}!`;

  it("evaluates a catastrophic pattern in linear time (a backtracking engine would not return)", () => {
    expect(checkPropertySchema(catastrophic)).toEqual({});
    expect(validateProperties("catastrophic@1", catastrophic, { code: attack })).toEqual({
      "properties.code": ['Must match pattern "^(a+)+$"'],
    });
    expect(validateProperties("catastrophic@1", catastrophic, { code: "aaaa" })).toEqual({});
  }, 5_000);

  it("refuses a pattern that needs backtracking (backreference) when the blueprint is written", () => {
    const fields = checkPropertySchema({ type: "object", properties: { x: { type: "string", pattern: "^(a)\\1$" } } });
    expect(Object.keys(fields)).toEqual(["schema"]);
    expect(fields.schema?.[0]).toMatch(/Invalid JSON Schema/);
  });
});
