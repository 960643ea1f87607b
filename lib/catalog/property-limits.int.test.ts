import { describe, expect, it } from "vitest";
import { call, setupTestDatabase, type CallResult } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { MAX_PROPERTIES_BYTES, MAX_PROPERTY_STRING_CHARS } from "./property-limits";

setupTestDatabase();

const params = { blueprint: "service" };
const create = (properties: Record<string, unknown>, identifier = "big") =>
  call(entitiesRoute.POST, { params, body: { identifier, properties: { language: "go", ...properties } } });
const patch = (identifier: string, properties: Record<string, unknown>) =>
  call(entityRoute.PATCH, { method: "PATCH", params: { ...params, entity: identifier }, body: { properties } });
const exists = async (identifier: string) =>
  (await call(entityRoute.GET, { params: { ...params, entity: identifier } })).status === 200;

function fieldsOf(res: CallResult): string[] {
  expect(res.status).toBe(422);
  return Object.keys(res.json.error.fields ?? {});
}

describe("entity property size limits (422 naming the field, nothing stored)", () => {
  it("refuses a string over the per-string cap, at any depth", async () => {
    const long = "x".repeat(MAX_PROPERTY_STRING_CHARS + 1);
    expect(fieldsOf(await create({ notes: long }))).toEqual(["properties.notes"]);
    expect(fieldsOf(await create({ runbook: { steps: ["ok", long] } }))).toEqual(["properties.runbook.steps.1"]);
    expect(await exists("big")).toBe(false);
  });

  it("refuses properties over the per-entity total even when every string fits", async () => {
    const chunk = "y".repeat(MAX_PROPERTY_STRING_CHARS);
    const many = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`part${i}`, chunk]));
    expect(fieldsOf(await create(many))).toEqual(["properties"]);
    expect(await exists("big")).toBe(false);
  });

  it("takes values up to the limits, and checks the merged result of a PATCH", async () => {
    const chunk = "z".repeat(MAX_PROPERTY_STRING_CHARS);
    const fits = Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`part${i}`, chunk]));
    expect((await create(fits, "roomy")).status).toBe(201);
    // Each part fits; the entity would then hold more than the total allows.
    const res = await patch("roomy", { part3: chunk, part4: chunk });
    expect(fieldsOf(res)).toEqual(["properties"]);
    expect(res.json.error.fields?.properties?.join(" ")).toContain(`${MAX_PROPERTIES_BYTES / 1024} KiB`);
    expect((await patch("roomy", { part0: null, part3: "short" })).status).toBe(200);
  });
});
