import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import type { Run } from "@/lib/runs/types";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { entityRoute } from "@/tests/routes";
import { approveAndExecute } from "@/tests/run-journey";
import { runSimulatorDuringTests } from "@/tests/simulator";

// Promotion by branch with Flux as prod's engine: prod's GitRepository follows
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

beforeAll(async () => {
  await seedTeamAndEnvironments();
  const prod = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "prod" },
    body: { properties: { promotion: "branch", branch: "production", engine: "flux" } },
  });
  expect(prod.status, JSON.stringify(prod.json)).toBe(200);
  await approveAndExecute(
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
    await approveAndExecute(run.id, ["sam", "sofia"]);
    const merged = (await git().getPullRequest("platform", "gitops", number))!;
    expect(merged.state).toBe("merged");
    expect(await clusterPort().getDelivery("ledger-prod")).toMatchObject({
      health: "Healthy",
      revision: merged.mergeSha,
    });
  });
});
