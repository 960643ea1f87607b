import { beforeEach, describe, expect, it } from "vitest";
import * as catalogRoute from "@/app/api/v1/dashboards/catalog/route";
import * as doraRoute from "@/app/api/v1/dashboards/dora/route";
import * as pipelineRoute from "@/app/api/v1/dashboards/pipeline/route";
import * as resourcesRoute from "@/app/api/v1/dashboards/resources/route";
import { updateEntity } from "@/lib/catalog/entities";
import { getDb } from "@/lib/db/client";
import { createDashboardCatalog } from "@/tests/dashboard-catalog";
import { call, errorOf, resetDatabase, setupTestDatabase } from "@/tests/db";
import type { CatalogView } from "./catalog-view";
import type { PipelineView } from "./pipeline-view";
import { recordRunDeployment } from "./record-events";
import type { ResourcesView } from "./resources-view";

setupTestDatabase();
beforeEach(async () => {
  await resetDatabase();
  await createDashboardCatalog();
});

const run = (actionId: string, entity: string, input: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  actionId,
  entity: { blueprint: "deployment", identifier: entity },
  requestedByEmail: "dana@example.com",
  input,
});

describe("dashboard views through their API", () => {
  it("catalog: pages through services by key, filters by team and health, says who deployed", async () => {
    await recordRunDeployment(getDb(), run("promote", "cart-staging"), { version: "1.2.0", target: "prod" });
    const first = await call<CatalogView>(catalogRoute.GET, {
      url: "/api/v1/dashboards/catalog?limit=2",
      as: { user: "dana" },
    });
    expect(first.json.services.map((s) => s.service)).toEqual(["cart", "ledger"]);
    const cartProd = first.json.services[0]!.deployments.find((d) => d.environment === "prod");
    expect(cartProd).toMatchObject({ deployedBy: "dana@example.com", deployedWith: "promote", replicas: 3 });
    const next = await call<CatalogView>(catalogRoute.GET, {
      url: `/api/v1/dashboards/catalog?limit=2&cursor=${first.json.nextCursor}`,
    });
    expect(next.json.services.map((s) => s.service)).toEqual(["web"]);
    expect(next.json.nextCursor).toBeNull();
    const checkout = await call<CatalogView>(catalogRoute.GET, { url: "/api/v1/dashboards/catalog?team=checkout" });
    expect(checkout.json.services.map((s) => s.service)).toEqual(["web"]);
    await updateEntity("deployment", "ledger-prod", { properties: { status: "Degraded" } });
    const degraded = await call<CatalogView>(catalogRoute.GET, { url: "/api/v1/dashboards/catalog?health=Degraded" });
    expect(degraded.json.services.map((s) => s.service)).toEqual(["ledger"]);
    expect(degraded.json.healthByEnvironment.find((h) => h.environment === "prod")).toMatchObject({
      Healthy: 2,
      Degraded: 1,
    });
    const byTeamDesc = await call<CatalogView>(catalogRoute.GET, {
      url: "/api/v1/dashboards/catalog?sort=team&order=desc",
    });
    expect(byTeamDesc.json.services[0]!.team).toBe("payments");
  });

  it("resources: replicas times per-replica requests and limits, per team and environment", async () => {
    const res = await call<ResourcesView>(resourcesRoute.GET, { url: "/api/v1/dashboards/resources?team=payments" });
    expect(res.json.byTeamAndEnvironment.find((r) => r.environment === "prod")).toEqual({
      team: "payments",
      environment: "prod",
      replicas: 6,
      cpuRequest: 1.5,
      cpuLimit: 6,
      memoryRequestMiB: 1536,
      memoryLimitMiB: 6144,
    });
    expect(res.json.totals.replicas).toBe(10);
    const all = await call<ResourcesView>(resourcesRoute.GET, { url: "/api/v1/dashboards/resources" });
    expect(all.json.totals).toMatchObject({ replicas: 15, cpuRequest: 3.75 });
  });

  it("pipeline: versions per stage and how many a lower stage is ahead", async () => {
    for (const v of ["1.1.0", "1.2.0", "1.3.0"])
      await recordRunDeployment(getDb(), run("promote", "cart-dev", { target_environment: "staging" }), {
        version: v,
        target: "staging",
      });
    await updateEntity("deployment", "cart-staging", { properties: { version: "1.3.0" } });
    const res = await call<PipelineView>(pipelineRoute.GET, {
      url: "/api/v1/dashboards/pipeline?team=payments&period=7d",
    });
    const cart = res.json.services.find((s) => s.service === "cart")!;
    expect(cart.stages.map((s) => s.version)).toEqual(["1.0.0", "1.3.0", "1.0.0"]);
    expect(cart.ahead.find((a) => a.lower === "staging")?.versions).toEqual(["1.1.0", "1.2.0", "1.3.0"]);
  });

  it("serves each table as CSV and refuses an unknown table or an incomplete custom period", async () => {
    const csv = await call<string>(doraRoute.GET, {
      url: "/api/v1/dashboards/dora?period=7d&format=csv&table=metrics",
    });
    expect(csv.status).toBe(200);
    expect(csv.json.split("\r\n")[0]).toBe("metric,value,level,previous,trend,counts");
    expect(csv.json).toContain("change failure rate,,,,,0 of 0");
    const unknown = await call(doraRoute.GET, { url: "/api/v1/dashboards/dora?format=csv&table=nope" });
    expect(unknown.status).toBe(422);
    expect(errorOf(unknown).fields?.table?.[0]).toContain("metrics, daily, teams, services");
    const custom = await call(doraRoute.GET, { url: "/api/v1/dashboards/dora?period=custom&from=2026-01-01" });
    expect(custom.status).toBe(422);
    expect(Object.keys(errorOf(custom).fields ?? {})).toEqual(["to"]);
  });
});
