import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { builtinBlueprints } from "./builtins";
import { parseEntityFilters } from "./filters";
import type { Blueprint } from "./types";

function blueprint(identifier: string): Blueprint {
  const input = builtinBlueprints.find((b) => b.identifier === identifier)!;
  return {
    identifier,
    title: input.title,
    icon: input.icon ?? "box",
    description: input.description ?? "",
    schema: input.schema,
    relations: input.relations,
    builtin: true,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
  };
}

const service = blueprint("service");
const parse = (qs: string, bp = service) => parseEntityFilters(new URLSearchParams(qs), bp);

function fieldsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("validation");
    return (e as AppError).fields ?? {};
  }
  throw new Error("expected a validation error");
}

describe("parseEntityFilters", () => {
  it("returns no filters for ordinary list parameters", () => {
    expect(parse("q=pay&limit=10&sort=title&cursor=abc")).toEqual({ properties: [], relations: [] });
  });

  it("types property values per the blueprint schema", () => {
    const f = parse("property.language=go&property.port=8080&property.public=true&property.database=false");
    expect(f.properties).toEqual([
      { property: "language", value: "go" },
      { property: "port", value: 8080 },
      { property: "public", value: true },
      { property: "database", value: false },
    ]);
  });

  it("keeps strings that do not fit a numeric or boolean property as strings", () => {
    expect(parse("property.port=abc").properties).toEqual([{ property: "port", value: "abc" }]);
    expect(parse("property.port=").properties).toEqual([{ property: "port", value: "" }]);
    expect(parse("property.public=yes").properties).toEqual([{ property: "public", value: "yes" }]);
  });

  it("does not coerce numeric-looking values of string properties", () => {
    expect(blueprint("deployment").schema.properties?.version?.type).toBe("string");
    expect(parse("property.version=1", blueprint("deployment")).properties).toEqual([
      { property: "version", value: "1" },
    ]);
  });

  it("reads outgoing relation filters", () => {
    expect(parse("relation.dependsOn=cart").relations).toEqual([
      { relation: "dependsOn", identifier: "cart", direction: "out", targetBlueprint: "service" },
    ]);
  });

  it("reads incoming (referencedBy) filters", () => {
    expect(parse("referencedBy.deployment.service=cart-dev").relations).toEqual([
      { relation: "service", identifier: "cart-dev", direction: "in", sourceBlueprint: "deployment" },
    ]);
  });

  it("rejects an unknown property with the parameter as field", () => {
    const fields = fieldsOf(() => parse("property.colour=red"));
    expect(Object.keys(fields)).toEqual(["property.colour"]);
    expect(fields["property.colour"]?.[0]).toMatch(/colour/);
  });

  it("rejects unknown relations and malformed referencedBy keys, all at once", () => {
    const fields = fieldsOf(() => parse("relation.owns=x&referencedBy.deployment=y&property.nope=1"));
    expect(Object.keys(fields).sort()).toEqual(["property.nope", "referencedBy.deployment", "relation.owns"]);
  });
});
