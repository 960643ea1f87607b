import { beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { readImageTag } from "@/lib/gitops";
import { forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { peerForgejo } from "@/tests/peers";
import { entityRoute } from "@/tests/routes";
import { approveAndExecute, requestRun } from "@/tests/run-journey";
import { runSimulatorDuringTests } from "@/tests/simulator";

// Connected mode against a real Gitea: create-microservice scaffolds real repositories and the
// GitOps layout, promote merges a real pull request. No cluster here, so the simulator plays
// ArgoCD, fetching the GitOps repository from Gitea like ArgoCD's repo-server would.

setupTestDatabase();
runSimulatorDuringTests();

const gitea = peerForgejo();
const git = forgejoPort;
// Unique per run, so the file can run again against the same Gitea.
const service = `ledger-${Date.now().toString(36)}`;
const image = `registry.local/payments/${service}`;

async function giteaApi<T>(pathname: string): Promise<{ status: number; json: T }> {
  const res = await fetch(`${gitea.url}/api/v1${pathname}`, { headers: { Authorization: `token ${gitea.token}` } });
  return { status: res.status, json: (await res.json()) as T };
}

beforeAll(async () => {
  expect(getEnv().mode).toBe("connected");
  await seedTeamAndEnvironments(1);
});

describe("create-microservice and promote against a real Gitea", () => {
  it("scaffolds the application repository and the GitOps layout in Gitea", async () => {
    const run = await approveAndExecute(
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
    const repoLink = run.links.find((l) => l.kind === "repository");
    expect(repoLink?.url.startsWith(gitea.url)).toBe(true);

    const gitops = await giteaApi<{ full_name: string; private: boolean }>("/repos/platform/gitops");
    expect(gitops.status).toBe(200);
    const files = await git().listFiles("platform", "gitops", `services/${service}`);
    expect(files).toEqual(
      expect.arrayContaining([
        `services/${service}/base/kustomization.yaml`,
        `services/${service}/overlays/dev/kustomization.yaml`,
        `services/${service}/overlays/prod/kustomization.yaml`,
      ]),
    );
    const commits = await giteaApi<{ commit: { message: string } }[]>("/repos/platform/gitops/commits?limit=5");
    expect(commits.json.some((c) => c.commit.message.includes(service))).toBe(true);

    // The simulated cluster synced the dev Application from Gitea's copy, as ArgoCD would.
    const dev = await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "deployment", entity: `${service}-dev` },
    });
    expect(dev.status).toBe(200);
  });

  it("promotes a release from dev to staging through a pull request merged in Gitea", async () => {
    await approveAndExecute((await requestRun("release", `${service}-dev`, { version: "0.2.0" })).id);
    const promote = await requestRun("promote", `${service}-dev`, { target_environment: "staging" });
    expect(promote.status).toBe("awaiting_approval");
    const run = await approveAndExecute(promote.id, ["sam"]);

    const number = run.result!.pullRequest as number;
    const pull = await giteaApi<{ merged: boolean; base: { ref: string } }>(`/repos/platform/gitops/pulls/${number}`);
    expect(pull.json).toMatchObject({ merged: true, base: { ref: "main" } });
    const staging = await git().readFile(
      "platform",
      "gitops",
      `services/${service}/overlays/staging/kustomization.yaml`,
    );
    expect(readImageTag(staging!, image)).toBe("0.2.0");
  });
});
