import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { applyArgocdEvent } from "@/lib/deployments/apply-status";
import { argocdEventSchema } from "@/lib/deployments/argocd-event";
import { createDashboardCatalog } from "@/tests/dashboard-catalog";
import { resetDatabase, setupTestDatabase } from "@/tests/db";
import { recordFirstCommit } from "./commit-times";
import { backfillRollup } from "./rollup-backfill";
import { getDoraDashboard } from "./dora";
import { recordHealthChange } from "./record-health";
import { recordRunDeployment } from "./record-events";

setupTestDatabase();
beforeEach(() => resetDatabase());

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = new Date("2026-06-15T12:00:00.000Z");
const weekAgo = now.getTime() - 7 * DAY;
const at = (ms: number) => new Date(ms);

let runNo = 0;
const run = (actionId: string, entity: string, input: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-${String(++runNo).padStart(12, "0")}`,
  actionId,
  entity: { blueprint: "deployment", identifier: entity },
  requestedByEmail: "dana@example.com",
  input,
});

/**
 * Known answers: 10 promotions of cart to prod in the last 7 days (one every 15 h), each version's
 * first commit 3 days before it; #2 rolled back after 90 min, #5 after 2 h; #7 Degraded for 45 min.
 */
async function buildHistory() {
  await createDashboardCatalog();
  const db = getDb();
  for (let i = 0; i < 10; i++) {
    const deployedAt = weekAgo + HOUR + i * 15 * HOUR;
    const version = `1.1.${i}`;
    await recordFirstCommit(db, { service: "cart", version, firstCommitAt: at(deployedAt - 3 * DAY) });
    await recordRunDeployment(
      db,
      run("promote", "cart-staging", { target_environment: "prod" }),
      { version, target: "prod" },
      at(deployedAt),
    );
    if (i === 2 || i === 5) {
      const after = i === 2 ? 90 * MIN : 2 * HOUR;
      await recordRunDeployment(db, run("rollback", "cart-prod"), { version: `1.1.${i - 1}` }, at(deployedAt + after));
    }
    if (i === 7) {
      await recordHealthChange(db, {
        deployment: "cart-prod",
        status: "Degraded",
        version,
        at: at(deployedAt + 10 * MIN),
      });
      await recordHealthChange(db, {
        deployment: "cart-prod",
        status: "Healthy",
        version,
        at: at(deployedAt + 55 * MIN),
      });
    }
  }
  // Outside production: counts nowhere.
  await recordRunDeployment(
    db,
    run("release", "ledger-dev", { version: "2.0.0" }),
    { version: "2.0.0" },
    at(weekAgo + DAY),
  );
  await recordHealthChange(db, {
    deployment: "ledger-dev",
    status: "Degraded",
    version: "2.0.0",
    at: at(weekAgo + DAY),
  });
}

describe("DORA metrics over a known history", () => {
  it("counts deployments, lead time, change failures and recovery exactly, with levels", async () => {
    await buildHistory();
    const d = await getDoraDashboard({ period: "7d" }, now);
    expect(d.metrics).toEqual({
      deployments: 10,
      perDay: 1.429,
      perWeek: 10,
      frequencyLevel: "elite",
      leadTimeHours: 72,
      leadTimeSamples: 10,
      leadTimeLevel: "high",
      failed: 3,
      changeFailureRate: 0.3,
      changeFailureLevel: "low",
      recoveryMinutes: 90,
      incidents: 3,
      unrecovered: 0,
      recoveryLevel: "high",
    });
    expect(d.daily).toHaveLength(8);
    expect(d.daily.reduce((n, x) => n + x.deployments, 0)).toBe(10);
    expect(d.daily.reduce((n, x) => n + x.rollbacks, 0)).toBe(2);
    expect(d.services).toEqual([
      expect.objectContaining({ service: "cart", team: "payments", deployments: 10, failed: 3 }),
    ]);
    expect(d.teams).toEqual([expect.objectContaining({ team: "payments", service: null, deployments: 10 })]);
    // The week before was empty: no figures, no levels, no trend.
    expect(d.previous).toMatchObject({
      deployments: 0,
      perDay: 0,
      frequencyLevel: null,
      leadTimeHours: null,
      changeFailureRate: null,
      recoveryMinutes: null,
    });
    expect(d.trend).toEqual({ deploymentFrequency: null, leadTime: null, changeFailureRate: null, recoveryTime: null });
  });

  it("gives the same figures when the rollup is filled in bulk (seed, benchmark) as when events arrive", async () => {
    await buildHistory();
    const live = await getDoraDashboard({ period: "30d" }, now);
    await getDb().execute(sql`update deployment_events set failed = false, recovery_ms = null`);
    expect((await getDoraDashboard({ period: "30d" }, now)).metrics.failed).toBe(0);
    await backfillRollup(getDb());
    expect(await getDoraDashboard({ period: "30d" }, now)).toEqual(live);
  });

  it("changes with the period and compares with the previous one", async () => {
    await buildHistory();
    const month = await getDoraDashboard({ period: "30d" }, now);
    expect(month.metrics).toMatchObject({ deployments: 10, perDay: 0.333, frequencyLevel: "high", failed: 3 });
    // Four days later #0-#6 (and both rollbacks) have moved into the previous period.
    const later = await getDoraDashboard({ period: "7d" }, at(now.getTime() + 4 * DAY));
    expect(later.metrics).toMatchObject({
      deployments: 3,
      failed: 1,
      changeFailureRate: 0.3333,
      incidents: 1,
      recoveryMinutes: 45,
      recoveryLevel: "elite",
    });
    expect(later.previous).toMatchObject({ deployments: 7, failed: 2, recoveryMinutes: 105 });
    expect(later.trend).toEqual({
      deploymentFrequency: "worse",
      leadTime: "same",
      changeFailureRate: "worse",
      recoveryTime: "better",
    });
    const custom = await getDoraDashboard({ period: "custom", from: "2026-06-09", to: "2026-06-09" }, now);
    expect(custom.period).toMatchObject({ days: 1, from: "2026-06-09T00:00:00.000Z", to: "2026-06-10T00:00:00.000Z" });
  });

  it("answers empty figures for an empty period, another team and a service never deployed to prod", async () => {
    await buildHistory();
    const empty = {
      deployments: 0,
      perDay: 0,
      frequencyLevel: null,
      leadTimeHours: null,
      leadTimeLevel: null,
      failed: 0,
      changeFailureRate: null,
      changeFailureLevel: null,
      recoveryMinutes: null,
      incidents: 0,
      recoveryLevel: null,
    };
    expect((await getDoraDashboard({ period: "7d" }, at(now.getTime() - 30 * DAY))).metrics).toMatchObject(empty);
    expect((await getDoraDashboard({ period: "90d", team: "checkout" }, now)).metrics).toMatchObject(empty);
    const ledger = await getDoraDashboard({ period: "90d", service: "ledger" }, now);
    expect(ledger.metrics).toMatchObject(empty);
    expect(ledger.services).toEqual([]);
    const cart = await getDoraDashboard({ period: "7d", team: "payments", service: "cart" }, now);
    expect(cart.metrics.deployments).toBe(10);
  });

  it("learns of health changes from the ArgoCD status path, in production only", async () => {
    await createDashboardCatalog();
    const t = Date.now() - 2 * MIN;
    const send = (entity: string, status: "Degraded" | "Healthy", ms: number) =>
      applyArgocdEvent(
        argocdEventSchema.parse({
          entity,
          event: "status",
          observedAt: new Date(ms).toISOString(),
          properties: { status },
        }),
        { source: "test" },
      );
    await send("cart-prod", "Degraded", t);
    await send("cart-prod", "Healthy", t + MIN);
    await send("cart-dev", "Degraded", t);
    const d = await getDoraDashboard({ period: "7d" }, new Date());
    expect(d.metrics).toMatchObject({ incidents: 1, unrecovered: 0, recoveryMinutes: 1, recoveryLevel: "elite" });
  });
});
