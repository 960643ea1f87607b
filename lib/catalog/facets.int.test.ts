import { beforeAll, describe, expect, it } from "vitest";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import * as facetsRoute from "@/app/api/v1/blueprints/[blueprint]/facets/route";
import { entitiesRoute } from "@/tests/routes";
import { FACET_VALUE_CAP, type Facets } from "./facets";

setupTestDatabase();

async function createEntity(blueprint: string, body: Record<string, unknown>): Promise<void> {
  const res = await call(entitiesRoute.POST, { params: { blueprint }, body });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
}

const facets = (query: string, blueprint = "service") =>
  call<Facets>(facetsRoute.GET, { url: `/api/v1/blueprints/${blueprint}/facets?${query}`, params: { blueprint } });

// Known counts: payments 4 services (go 3, java 1), checkout 2 (go 1, python 1), one without a team (node).
const services: [string, string | null, string, boolean][] = [
  ["pay-api", "payments", "go", true],
  ["pay-worker", "payments", "go", false],
  ["pay-ledger", "payments", "go", false],
  ["pay-legacy", "payments", "java", true],
  ["cart", "checkout", "go", true],
  ["cart-ml", "checkout", "python", false],
  ["orphan", null, "node", false],
];

beforeAll(async () => {
  for (const team of ["payments", "checkout"]) await createEntity("team", { identifier: team });
  for (const [identifier, team, language, isPublic] of services) {
    await createEntity("service", { identifier, team, properties: { language, public: isPublic } });
  }
  for (const [i, env] of ["dev", "prod"].entries())
    await createEntity("environment", { identifier: env, properties: { order: i } });
  // cart and pay-api run in dev and prod, pay-worker only in prod.
  for (const [svc, env] of <[string, string][]>[
    ["cart", "dev"],
    ["cart", "prod"],
    ["pay-api", "dev"],
    ["pay-api", "prod"],
    ["pay-worker", "prod"],
  ]) {
    await createEntity("deployment", {
      identifier: `${svc}-${env}`,
      team: svc.startsWith("pay") ? "payments" : "checkout",
      relations: { service: svc, environment: env },
    });
  }
});

describe("GET /api/v1/blueprints/{blueprint}/facets", () => {
  it("counts entities per team and per property value, most frequent first, then by value", async () => {
    const res = await facets("facet=team&facet=property.language&facet=property.public");
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.facets).toEqual({
      team: [
        { value: "payments", count: 4 },
        { value: "checkout", count: 2 },
      ],
      "property.language": [
        { value: "go", count: 4 },
        { value: "java", count: 1 },
        { value: "node", count: 1 },
        { value: "python", count: 1 },
      ],
      "property.public": [
        { value: false, count: 4 },
        { value: true, count: 3 },
      ],
    });
    expect(res.json.truncated).toEqual([]);
  });

  it("counts relation targets", async () => {
    const res = await facets("facet=relation.environment&facet=relation.service", "deployment");
    expect(res.status).toBe(200);
    expect(res.json.facets["relation.environment"]).toEqual([
      { value: "prod", count: 3 },
      { value: "dev", count: 2 },
    ]);
    expect(res.json.facets["relation.service"]).toEqual([
      { value: "cart", count: 2 },
      { value: "pay-api", count: 2 },
      { value: "pay-worker", count: 1 },
    ]);
  });

  it("applies the list's filters: property, team, search text, relation and referencedBy", async () => {
    const go = await facets("facet=team&property.language=go");
    expect(go.json.facets.team).toEqual([
      { value: "payments", count: 3 },
      { value: "checkout", count: 1 },
    ]);
    const checkout = await facets("facet=property.language&team=checkout");
    expect(checkout.json.facets["property.language"]).toEqual([
      { value: "go", count: 1 },
      { value: "python", count: 1 },
    ]);
    const searched = await facets("facet=team&q=pay");
    expect(searched.json.facets.team).toEqual([{ value: "payments", count: 4 }]);
    const inProd = await facets("facet=relation.service&relation.environment=prod", "deployment");
    expect(inProd.json.facets["relation.service"]).toEqual([
      { value: "cart", count: 1 },
      { value: "pay-api", count: 1 },
      { value: "pay-worker", count: 1 },
    ]);
    const deployedToDev = await facets("facet=team&referencedBy.deployment.service=cart-dev");
    expect(deployedToDev.json.facets.team).toEqual([{ value: "checkout", count: 1 }]);
  });

  it("answers 422 with a field error for an unknown property, relation or facet kind, or none", async () => {
    for (const query of [
      "facet=property.colour",
      "facet=property.constructor",
      "facet=relation.owner",
      "facet=owner",
      "",
    ]) {
      const res = await facets(query);
      expect(res.status, query).toBe(422);
      expect(errorOf(res).fields?.facet, query).toBeDefined();
    }
    const badFilter = await facets("facet=team&property.colour=red");
    expect(badFilter.status).toBe(422);
    expect(errorOf(badFilter).fields?.["property.colour"]).toBeDefined();
    expect((await facets("facet=team", "no-such-blueprint")).status).toBe(404);
  });

  it(`returns the ${FACET_VALUE_CAP} most frequent values and names the facet as truncated`, async () => {
    for (let i = 0; i <= FACET_VALUE_CAP; i++) {
      await createEntity("service", {
        identifier: `many-${i}`,
        properties: { language: "go", framework: `fw-${String(i).padStart(3, "0")}` },
      });
    }
    await createEntity("service", { identifier: "many-extra", properties: { language: "go", framework: "fw-050" } });
    const res = await facets("facet=property.framework");
    expect(res.json.facets["property.framework"]).toHaveLength(FACET_VALUE_CAP);
    expect(res.json.facets["property.framework"]![0]).toEqual({ value: "fw-050", count: 2 });
    expect(res.json.truncated).toEqual(["property.framework"]);
  });
});
