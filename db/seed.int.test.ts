import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listActivity } from "@/lib/catalog/entities";
import { getEntityDetail } from "@/lib/catalog/entity-lookup";
import { listEntities } from "@/lib/catalog/search";
import type { ListQueryInput } from "@/lib/catalog/inputs";
import { getDoraDashboard } from "@/lib/dashboards/dora";
import { getDb } from "@/lib/db/client";
import { setupTestDatabase } from "@/tests/db";
import { ensureBuiltinBlueprints, seedDemoCatalog } from "./seed";

setupTestDatabase();

const all: ListQueryInput = { limit: 200, sort: "identifier", order: "asc" };
const identifiers = async (blueprint: string) => (await listEntities(blueprint, all)).items.map((e) => e.identifier);

async function counts(): Promise<Record<string, number>> {
  const rows = await getDb().execute<{ blueprint: string; n: number }>(
    sql`select blueprint, count(*)::int as n from entities group by blueprint`,
  );
  const relations = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from entity_relations`);
  return { ...Object.fromEntries(rows.rows.map((r) => [r.blueprint, r.n])), relations: relations.rows[0]!.n };
}

describe("demo seed", () => {
  it("creates teams, services, environments and a deployment per service and environment", async () => {
    expect(await seedDemoCatalog()).toBe(true);

    const teams = await identifiers("team");
    expect(teams.length).toBeGreaterThanOrEqual(3);
    const services = (await listEntities("service", all)).items;
    expect(services).toHaveLength(12);
    for (const s of services) {
      expect(s.team && teams.includes(s.team)).toBeTruthy();
      expect(s.properties.language).toBeTypeOf("string");
    }
    expect(await identifiers("environment")).toEqual(["dev", "prod", "staging"]);

    const deployments = await identifiers("deployment");
    expect(deployments).toHaveLength(36);
    for (const s of services) {
      for (const env of ["dev", "staging", "prod"]) expect(deployments).toContain(`${s.identifier}-${env}`);
    }
  });

  it("links deployments to their service and environment, and services to their dependencies", async () => {
    const dep = await getEntityDetail("deployment", "cart-prod");
    expect(dep.relations).toEqual({ service: ["cart"], environment: ["prod"] });
    const web = await getEntityDetail("service", "checkout-web");
    expect([...(web.relations.dependsOn ?? [])].sort()).toEqual(["auth-proxy", "cart", "pricing"]);
    const cart = await getEntityDetail("service", "cart");
    const byDeployment = cart.referencedBy.find((g) => g.blueprint === "deployment" && g.relation === "service");
    expect(byDeployment?.entities.map((e) => e.identifier)).toEqual(["cart-dev", "cart-prod", "cart-staging"]);
  });

  it("seeds weeks of delivery history the dashboards show", async () => {
    const [c] = (
      await getDb().execute<{
        runs: number;
        waiting: number;
        rollbacks: number;
        prod: number;
        degraded: number;
        commits: number;
      }>(sql`
        select (select count(*)::int from runs) as runs,
               (select count(*)::int from runs where status = 'awaiting_approval') as waiting,
               (select count(*)::int from deployment_events where action = 'rollback') as rollbacks,
               (select count(*)::int from deployment_events where kind = 'deploy' and environment = 'prod') as prod,
               (select count(*)::int from deployment_events where status = 'Degraded') as degraded,
               (select count(*)::int from version_commits) as commits`)
    ).rows;
    expect(c!.runs).toBeGreaterThan(150);
    expect(c!.waiting).toBeGreaterThan(0);
    expect(c!.rollbacks).toBeGreaterThan(0);
    expect(c!.prod).toBeGreaterThan(30);
    expect(c!.degraded).toBeGreaterThan(c!.rollbacks);
    expect(c!.commits).toBeGreaterThan(100);
    const dora = await getDoraDashboard({ period: "30d" }, new Date());
    expect(dora.metrics.frequencyLevel).not.toBeNull();
    expect(dora.metrics.leadTimeLevel).not.toBeNull();
    expect(dora.metrics.recoveryLevel).not.toBeNull();
    // The same history is on the entity timelines: promotions with approvers, rollbacks, health changes.
    const timeline = (
      await getDb().execute<{ kind: string; n: number }>(
        sql`select kind, count(*)::int as n from entity_activity group by kind`,
      )
    ).rows;
    const byKind = Object.fromEntries(timeline.map((r) => [r.kind, r.n]));
    expect(byKind.promotion).toBeGreaterThan(60);
    expect(byKind.rollback).toBeGreaterThan(0);
    expect(byKind.status).toBeGreaterThan(byKind.rollback!);
    const ledgerProd = await listActivity("deployment", "ledger-prod");
    expect(ledgerProd.some((a) => /^Promoted .* from staging to prod, approved by sam and sofia/.test(a.message))).toBe(
      true,
    );
    const cart = await getEntityDetail("deployment", "cart-prod");
    expect(cart.properties).toMatchObject({ version: expect.any(String), cpu_request: expect.any(String) });
  });

  it("is a no-op on a second call", async () => {
    const before = await counts();
    expect(before).toMatchObject({ service: 12, deployment: 36, environment: 3 });
    expect(await seedDemoCatalog()).toBe(false);
    expect(await ensureBuiltinBlueprints()).toBe(0);
    expect(await counts()).toEqual(before);
  });
});
