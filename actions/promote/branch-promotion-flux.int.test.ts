import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail } from "@/lib/runs/run-store";
import type { Run } from "@/lib/runs/types";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { entityRoute } from "@/tests/routes";
import { runSimulatorDuringTests } from "@/tests/simulator";

// Promotion by branch with Flux as prod's engine (seed 003's model): prod's GitRepository follows
// `production`; a promotion merges main into it and the run ends when the Kustomization is Ready at
// the merge.

setupTestDatabase();
runSimulatorDuringTests();

const git = forgejoPort;

async function requestOk(action: string, entity: string | undefined, input: Record<string, unknown>) {
  const res = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action },
    body: { entity, input },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

async function runToEnd(runId: string, approvers: string[] = []) {
  for (const user of approvers) {
    const res = await call(decisionsRoute.POST, {
      as: { user },
      params: { run: runId },
      body: { decision: "approve" },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
  await executeRun(runId, "test-worker");
  const run = await getRunDetail(runId);
  expect(run.status, run.error ?? "").toBe("succeeded");
  return run;
}

beforeAll(async () => {
  await seedTeamAndEnvironments();
  const prod = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "prod" },
    body: { properties: { promotion: "branch", branch: "production", engine: "flux" } },
  });
  expect(prod.status, JSON.stringify(prod.json)).toBe(200);
  await runToEnd(
    (await requestOk("create-microservice", undefined, { name: "ledger", team: "payments", language: "go" })).id,
  );
}, 120_000);

describe("promotion by branch with Flux", () => {
  it("merges main into production and ends when Flux reports the merge Ready", async () => {
    expect(await git().readFile("platform", "gitops", "flux/apps/ledger-prod.yaml")).toContain("branch: production");
    const run = await requestOk("promote", "ledger-staging", { target_environment: "prod", change_ticket: "CHG-9" });
    const number = run.proposal!.pullRequest!.number;
    expect(await git().getPullRequest("platform", "gitops", number)).toMatchObject({
      state: "open",
      base: "production",
    });
    await runToEnd(run.id, ["sam", "sofia"]);
    const merged = (await git().getPullRequest("platform", "gitops", number))!;
    expect(merged.state).toBe("merged");
    expect(await clusterPort().getDelivery("ledger-prod")).toMatchObject({
      health: "Healthy",
      revision: merged.mergeSha,
    });
  });
});
