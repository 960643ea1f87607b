import { beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { peerForgejo } from "@/tests/peers";
import { entityRoute } from "@/tests/routes";
import { approveAndExecute, requestRun } from "@/tests/run-journey";
import { runSimulatorDuringTests } from "@/tests/simulator";

// Promotion by branch against a real Gitea: the pull request from pinned main into `production` is
// opened and merged in Gitea; the simulator, fetching every branch like ArgoCD's repo-server, syncs
// prod's Application (which follows `production`) at the merge.

setupTestDatabase();
runSimulatorDuringTests();

const gitea = peerForgejo();
const git = forgejoPort;
const service = `ledger-${Date.now().toString(36)}`;

beforeAll(async () => {
  expect(getEnv().mode).toBe("connected");
  await seedTeamAndEnvironments(1);
  const prod = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "prod" },
    body: { properties: { promotion: "branch", branch: "production" } },
  });
  expect(prod.status, JSON.stringify(prod.json)).toBe(200);
});

describe("promotion by branch against a real Gitea", () => {
  it("merges main into production through a Gitea pull request and waits for prod at the merge", async () => {
    await approveAndExecute(
      (
        await requestRun("create-microservice", undefined, {
          name: service,
          team: "payments",
          language: "go",
          database: false,
          public: false,
        })
      ).id,
    );
    const promote = await requestRun("promote", `${service}-staging`, {
      target_environment: "prod",
      change_ticket: "CHG-8080",
    });
    expect(promote.status).toBe("awaiting_approval");
    const number = promote.proposal!.pullRequest!.number;
    const res = await fetch(`${gitea.url}/api/v1/repos/platform/gitops/pulls/${number}`, {
      headers: { Authorization: `token ${gitea.token}` },
    });
    expect(await res.json()).toMatchObject({ state: "open", base: { ref: "production" } });

    const run = await approveAndExecute(promote.id, ["sam", "sofia"]);
    const merged = (await git().getPullRequest("platform", "gitops", number))!;
    expect(merged.state).toBe("merged");
    expect(run.result).toMatchObject({ mergeSha: merged.mergeSha });
    expect(await git().branchHead("platform", "gitops", "production")).toBe(merged.mergeSha);
    expect(await clusterPort().getApplication(`${service}-prod`)).toMatchObject({
      sync: "Synced",
      health: "Healthy",
      revision: merged.mergeSha,
    });
  });
});
