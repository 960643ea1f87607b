import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createDashboardCatalog } from "@/tests/dashboard-catalog";
import { resetDatabase, setupTestDatabase } from "@/tests/db";
import { recordRunDeployment } from "./record-events";
import { recordHealthChange, recordHealthChanges, type HealthChange } from "./record-health";

setupTestDatabase();
beforeEach(() => resetDatabase());

const MIN = 60_000;
const start = Date.parse("2026-06-15T00:00:00.000Z");
const deployments = ["cart-prod", "cart-staging", "ledger-dev"];
const statuses = ["Degraded", "Healthy", "Progressing", "Degraded", "Healthy"];

/** A fixed, irregular sequence: interleaved deployments, repeated states, times not always increasing. */
function healthChanges(): HealthChange[] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const changes = Array.from({ length: 59 }, (_, i) => ({
    deployment: deployments[Math.floor(next() * deployments.length)]!,
    status: statuses[Math.floor(next() * statuses.length)]!,
    version: `1.0.${i % 4}`,
    // Mostly forward in time, sometimes a minute back or at the same millisecond as the one before.
    at: new Date(start + i * MIN - (i % 7 === 3 ? 2 * MIN : 0) - (i % 11 === 5 ? MIN : 0)),
    actor: "argocd",
  }));
  // An incident still open at the end.
  return [
    ...changes,
    { deployment: "ledger-dev", status: "Degraded", version: "1.0.3", at: new Date(start + 60 * MIN) },
  ];
}

/** Deployments of cart to prod before and during the changes: the ones Degraded states fail. */
async function buildDeploys() {
  await createDashboardCatalog();
  const run = (id: number, actionId: string, entity: string) => ({
    id: `00000000-0000-4000-8000-${String(id).padStart(12, "0")}`,
    actionId,
    entity: { blueprint: "deployment", identifier: entity },
    requestedByEmail: "dana@example.com",
    input: {},
  });
  for (const [i, minute] of [-30, 10, 25, 40].entries())
    await recordRunDeployment(
      getDb(),
      run(i + 1, "release", "cart-prod"),
      { version: `1.0.${i}` },
      new Date(start + minute * MIN),
    );
  await recordRunDeployment(getDb(), run(9, "rollback", "cart-prod"), { version: "1.0.1" }, new Date(start + 45 * MIN));
}

async function rollup() {
  const { rows } = await getDb().execute(sql`
    select at, kind, deployment, service, team, environment, version, action, status, actor, failed, recovery_ms
    from deployment_events order by id`);
  return rows;
}

describe("health changes written together", () => {
  it("leave the rollup exactly as writing them one at a time does", async () => {
    await buildDeploys();
    for (const change of healthChanges()) await recordHealthChange(getDb(), change);
    const oneByOne = await rollup();

    await resetDatabase();
    await buildDeploys();
    const all = healthChanges();
    // Batches of different sizes, as deliveries happen to arrive.
    for (const [from, to] of [
      [0, 1],
      [1, 13],
      [13, 14],
      [14, 45],
      [45, 60],
    ] as const)
      await getDb().transaction((tx) => recordHealthChanges(tx, all.slice(from, to)));
    const together = await rollup();

    // The sequence exercises what could differ: failed deployments, closed and still open incidents.
    expect(oneByOne.some((r) => r.kind === "deploy" && r.failed)).toBe(true);
    expect(oneByOne.filter((r) => r.status === "Degraded" && r.recovery_ms !== null).length).toBeGreaterThan(3);
    expect(oneByOne.some((r) => r.status === "Degraded" && r.recovery_ms === null)).toBe(true);
    expect(together).toEqual(oneByOne);
  });
});
