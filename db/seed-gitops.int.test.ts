import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import { updateEntity } from "@/lib/catalog/entities";
import { getEntityDetail } from "@/lib/catalog/entity-lookup";
import { readImageTag, readScale } from "@/lib/gitops";
import { executeRun } from "@/lib/runs/execute-run";
import { findRecoveryOffer } from "@/lib/runs/recovery";
import { getRunDetail } from "@/lib/runs/run-store";
import type { Run } from "@/lib/runs/types";
import { clusterPort, forgejoPort, runPorts } from "@/lib/wiring";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { runSimulatorDuringTests } from "@/tests/simulator";
import { seedDemoCatalog } from "./seed";
import { ensureDemoGitops } from "./seed-demo-gitops";

setupTestDatabase();
runSimulatorDuringTests();

const overlay = (path: string) => forgejoPort().readFile("platform", "gitops", path);
const gitopsCommits = async () =>
  (await forgejoPort().listCommits("platform", "gitops", { branch: "main", limit: 100 })).length;

async function runToEnd(action: string, entity: string, input: Record<string, unknown>, approvers: string[] = []) {
  const requested = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action },
    body: { entity, input },
  });
  expect(requested.status, JSON.stringify(requested.json)).toBe(201);
  for (const user of approvers) {
    const res = await call(decisionsRoute.POST, {
      as: { user },
      params: { run: requested.json.id },
      body: { decision: "approve", changeTicket: "CHG-7" },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
  await executeRun(requested.json.id, "test-worker");
  const run = await getRunDetail(requested.json.id);
  expect(run.status, run.error ?? "").toBe("succeeded");
  return run;
}

beforeAll(async () => {
  expect(await seedDemoCatalog()).toBe(true);
}, 60_000);

describe("the demo services are seeded through the create-microservice path", () => {
  it(
    "gives every demo service an app repository, overlays with version history and Applications",
    { timeout: 120_000 },
    async () => {
      const first = await ensureDemoGitops(runPorts("test seed"));
      expect(first?.committed).toHaveLength(12);
      expect(first?.applied).toBe(36);
      const repo = await forgejoPort().getRepo("payments", "ledger");
      expect(repo).not.toBeNull();
      expect(await forgejoPort().listFiles("payments", "ledger", "")).toContain("Dockerfile");
      expect((await getEntityDetail("service", "ledger")).properties.repository).toBe(repo!.htmlUrl);
      const ledgerStaging = (await overlay("services/ledger/overlays/staging/replica-patch.yaml"))!;
      expect(ledgerStaging).toContain("replicas: 2");
      // The overlay pins the version the catalog shows, and history has older ones to roll back to.
      const dep = await getEntityDetail("deployment", "ledger-staging");
      const kustomization = (await overlay("services/ledger/overlays/staging/kustomization.yaml"))!;
      expect(readImageTag(kustomization, "registry.local/payments/ledger")).toBe(dep.properties.version);
      expect((await clusterPort().listApplications()).length).toBe(36);
    },
  );

  it("creates nothing twice when it runs again", async () => {
    const commits = await gitopsCommits();
    const again = await ensureDemoGitops(runPorts("test seed"));
    expect(again).toMatchObject({ committed: [], applied: 0 });
    expect(await gitopsCommits()).toBe(commits);
    expect(await seedDemoCatalog()).toBe(false);
  });

  it("lets scale, release, promote and rollback run on a seeded service", { timeout: 240_000 }, async () => {
    await runToEnd("scale", "ledger-staging", { replicas: 3, reason: "More headroom for month end" }, ["sam"]);
    const scale = readScale({
      replicaPatch: (await overlay("services/ledger/overlays/staging/replica-patch.yaml"))!,
      resourcePatch: (await overlay("services/ledger/overlays/staging/resource-patch.yaml"))!,
    });
    expect(scale.replicas).toBe(3);

    await runToEnd("release", "payment-gateway-dev", { version: "2.0.0" });
    expect(
      readImageTag(
        (await overlay("services/payment-gateway/overlays/dev/kustomization.yaml"))!,
        "registry.local/payments/payment-gateway",
      ),
    ).toBe("2.0.0");
    await runToEnd("promote", "payment-gateway-dev", { target_environment: "staging" }, ["sam"]);
    const staging = () => overlay("services/payment-gateway/overlays/staging/kustomization.yaml");
    expect(readImageTag((await staging())!, "registry.local/payments/payment-gateway")).toBe("2.0.0");

    const refused = await call(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "rollback" },
      body: { entity: "payment-gateway-staging", input: { target_version: "9.9.9", reason: "checking the offer" } },
    });
    // The seeded history offers the versions staging ran before.
    const offered = errorOf(refused).fields?.target_version?.[0] ?? "";
    expect(offered).toMatch(/it ran 2\.0\.0, \d+\.\d+\.\d+, \d+\.\d+\.\d+/);
    const previous = offered.split("it ran ")[1]!.split(", ")[1]!;
    await runToEnd("rollback", "payment-gateway-staging", { target_version: previous, reason: "2.0.0 is too slow" }, [
      "sam",
    ]);
    expect(readImageTag((await staging())!, "registry.local/payments/payment-gateway")).toBe(previous);
  });

  it(
    "says truthfully after a failed release that its overlay commit is still in effect",
    { timeout: 120_000 },
    async () => {
      const requested = await call<Run>(actionRunsRoute.POST, {
        as: { user: "dana" },
        params: { action: "release" },
        body: { entity: "payment-gateway-dev", input: { version: "3.0.0-broken" } },
      });
      await executeRun(requested.json.id, "test-worker");
      const run = await getRunDetail(requested.json.id);
      expect(run.status).toBe("failed");
      expect(run.error).toContain("Nothing was undone. Still in effect (these steps have no undo): commit-release");
      expect(run.error).not.toContain("undoing finished steps");
      // The webhook would have reported it; this test's simulator sends none.
      await updateEntity("deployment", "payment-gateway-dev", {
        properties: { status: "Degraded", version: "3.0.0-broken" },
      });
      expect(await findRecoveryOffer(run)).toEqual({
        deployment: "payment-gateway-dev",
        environment: "dev",
        version: "2.0.0",
        current: "3.0.0-broken",
      });
    },
  );

  it("keeps the degraded demo deployment degraded for real: its overlay pins an image that never pulls", async () => {
    const staging = (await overlay("services/fraud-detector/overlays/staging/kustomization.yaml"))!;
    const dep = await getEntityDetail("deployment", "fraud-detector-staging");
    expect(dep.properties.status).toBe("Degraded");
    expect(readImageTag(staging, "registry.local/payments/fraud-detector")).toBe(dep.properties.version);
    expect(dep.properties.version).toMatch(/-broken$/);
  });
});
