import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as entityRoute from "@/app/api/v1/blueprints/[blueprint]/entities/[entity]/route";
import * as exportRoute from "@/app/api/v1/imports/port/export/route";
import * as importRoute from "@/app/api/v1/imports/port/route";
import * as runsRoute from "@/app/api/v1/imports/runs/route";
import { createEntity } from "@/lib/catalog/entities";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { call, setupTestDatabase } from "@/tests/db";
import type { ImportRun } from "./import-runs";
import { findOrigin } from "./origins";
import type { PortDocument, PortEntity } from "./port-json";

// The seed's "Created Microservice Entity" and "Created Deployment Entities" documents, verbatim.
const seed = JSON.parse(
  fs.readFileSync(path.join(process.cwd(), "tests/fixtures/port/seed-entities.json"), "utf8"),
) as { microservice: PortEntity; deployments: PortEntity[] };
const seedEntities = [seed.microservice, ...seed.deployments];

setupTestDatabase();

beforeAll(async () => {
  await createEntity("team", { identifier: "backend-team", properties: {}, relations: {} });
  for (const env of ["dev", "staging", "prod"])
    await createEntity("environment", { identifier: env, properties: {}, relations: {} });
});

const importDoc = (document: unknown, blueprintMapping?: Record<string, string>) =>
  call<ImportRun>(importRoute.POST, { body: { document, ...(blueprintMapping ? { blueprintMapping } : {}) } });

describe("Port JSON import and export", () => {
  it("imports the seed's microservice and deployments (microservice → service) and exports them back unchanged", async () => {
    const imported = await importDoc(seedEntities);
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ status: "succeeded", total: 4, created: 4, failed: 0 });

    expect(await findEntity("service", "payment-service")).toMatchObject({
      team: "backend-team",
      properties: { language: "java", port: 8080, status: "active" },
    });
    expect(await findEntity("deployment", "payment-service-prod")).toMatchObject({
      team: null,
      properties: { change_ticket: "CHG-12345", auto_sync: false, replicas: 5 },
      relations: { service: ["payment-service"], environment: ["prod"] },
    });
    expect(await findOrigin("service", "payment-service")).toMatchObject({
      source: "port",
      object: "microservice/payment-service",
    });

    const exported = await call<PortDocument>(exportRoute.GET, {
      url: "/api/v1/imports/port/export?blueprints=service,deployment",
    });
    expect(exported.status).toBe(200);
    // Export lists by identifier; the seed lists dev, staging, prod.
    const byId = (list: PortEntity[]) => [...list].sort((a, b) => a.identifier.localeCompare(b.identifier));
    expect(byId(exported.json.entities)).toEqual(byId(seedEntities));
    expect(exported.json.blueprints.map((b) => b.identifier)).toEqual(["microservice", "deployment"]);
    expect(exported.json.blueprints[1]?.relations.service).toMatchObject({ target: "microservice", required: true });

    // And back in: the export is an import document that changes nothing.
    const again = await importDoc(exported.json);
    expect(again.json).toMatchObject({ total: 4, created: 0, updated: 0, unchanged: 4, failed: 0 });
  });

  it("reports each bad entity with its reason and imports the others; a mapping names the blueprint", async () => {
    const doc = {
      entities: [
        {
          identifier: "search-service",
          blueprint: "svc",
          properties: { language: "go" },
          relations: { team: "backend-team" },
        },
        { identifier: "bad id!", blueprint: "svc", properties: {} },
        { identifier: "no-language", blueprint: "svc", properties: {} },
        {
          identifier: "search-service-qa",
          blueprint: "deployment",
          properties: { status: "Healthy" },
          relations: { service: "search-service", environment: "qa" },
        },
        "not an entity",
      ],
    };
    const run = await importDoc(doc, { svc: "service" });
    expect(run.json).toMatchObject({ total: 5, created: 1, failed: 4 });
    const reasons = Object.fromEntries(run.json.failures.map((f) => [f.object, f.reason]));
    expect(reasons["svc/bad id!"]).toMatch(/identifier/);
    expect(reasons["svc/no-language"]).toMatch(/properties\.language: Required/);
    expect(reasons["deployment/search-service-qa"]).toMatch(/No environment named "qa"/);
    expect(reasons["#4"]).toBeDefined();
    expect(await findEntity("service", "search-service")).toMatchObject({ team: "backend-team" });

    const runs = await call<{ items: ImportRun[] }>(runsRoute.GET, { url: "/api/v1/imports/runs" });
    expect(runs.json.items[0]).toMatchObject({ id: run.json.id, source: "port", processed: 5 });
  });

  it("keeps the fields Port owns read-only in the portal, with the reason; other fields stay editable", async () => {
    const params = { blueprint: "service", entity: "payment-service" };
    const refused = await call(entityRoute.PATCH, {
      method: "PATCH",
      params,
      body: { properties: { language: "go" } },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields?.["properties.language"]?.[0]).toMatch(
      /^Owned by port \(microservice\/payment-service\); change it there/,
    );
    // The whole form sent back unchanged is not a change.
    const unchanged = await call(entityRoute.PATCH, {
      method: "PATCH",
      params,
      body: { title: "payment-service", properties: { language: "java", description: "Takes payments" } },
    });
    expect(unchanged.status).toBe(200);
    expect((await findEntity("service", "payment-service"))?.properties).toMatchObject({
      language: "java",
      description: "Takes payments",
    });
  });

  it("is for admins only, and an unknown blueprint to export is a 404", async () => {
    expect((await call(importRoute.POST, { body: { document: [] }, as: { user: "dana" } })).status).toBe(403);
    expect((await call(exportRoute.GET, { url: "/api/v1/imports/port/export?blueprints=nope" })).status).toBe(404);
  });
});
