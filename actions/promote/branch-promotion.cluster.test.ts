import { beforeAll, describe, expect, it } from "vitest";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import { getEnv } from "@/lib/env";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail } from "@/lib/runs/run-store";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { clusterEngines } from "@/tests/peers";
import { entityRoute } from "@/tests/routes";
import { approveAndExecute, requestRun } from "@/tests/run-journey";

// Promotion by branch with real parts: prod's Application follows the `production` branch of a real
// Gitea; a promotion merges main into it and the run ends when the real ArgoCD reports the merge
// Synced and Healthy.

setupTestDatabase();

const service = `ledger-${Date.now().toString(36)}`;
const gitopsRepo = () => {
  const [owner = "", repo = ""] = getEnv().SLIPWAY_GITOPS_REPO.split("/");
  return { owner, repo };
};

beforeAll(async () => {
  expect(getEnv().SLIPWAY_KUBECONFIG).toBeTruthy();
  if (!clusterEngines().has("argocd"))
    throw new Error("ArgoCD is not running in this cluster tier: run it with --engines=argocd (or argocd,flux).");
  await seedTeamAndEnvironments(1);
  const prod = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "prod" },
    body: { properties: { promotion: "branch", branch: "production" } },
  });
  expect(prod.status, JSON.stringify(prod.json)).toBe(200);
});

describe("a real ArgoCD follows a branch environment's branch", () => {
  it("promotes into prod by merging main into production; ArgoCD syncs prod at the merge", async () => {
    const created = await requestRun("create-microservice", undefined, {
      name: service,
      team: "payments",
      language: "go",
      database: false,
      public: false,
    });
    await approveAndExecute(created.id);
    const { owner, repo } = gitopsRepo();
    expect(await forgejoPort().branchHead(owner, repo, "production")).not.toBeNull();

    const promote = await requestRun("promote", `${service}-staging`, {
      target_environment: "prod",
      change_ticket: "CHG-7001",
    });
    expect(promote.status).toBe("awaiting_approval");
    const pr = await forgejoPort().getPullRequest(owner, repo, promote.proposal!.pullRequest!.number);
    expect(pr).toMatchObject({ state: "open", base: "production" });
    for (const user of ["sam", "sofia"]) {
      const res = await call(decisionsRoute.POST, {
        as: { user },
        params: { run: promote.id },
        body: { decision: "approve" },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    // The run itself waits until ArgoCD reports the merge Synced and Healthy.
    await executeRun(promote.id, "journey-worker");
    const run = await getRunDetail(promote.id);
    expect(run.status, run.error ?? "").toBe("succeeded");
    const merged = (await forgejoPort().getPullRequest(owner, repo, pr!.number))!;
    expect(merged.state).toBe("merged");
    expect(await forgejoPort().branchHead(owner, repo, "production")).toBe(merged.mergeSha);
    expect(await clusterPort().getApplication(`${service}-prod`)).toMatchObject({
      sync: "Synced",
      health: "Healthy",
      revision: merged.mergeSha,
    });
    const workload = (await clusterPort().listWorkloads("payments-prod")).find((w) => w.name === service);
    expect(workload?.readyReplicas).toBeGreaterThanOrEqual(1);
  });
});
