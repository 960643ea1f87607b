import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail } from "@/lib/runs/run-store";
import type { Run } from "@/lib/runs/types";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { runSimulatorDuringTests } from "@/tests/simulator";
import { entityRoute } from "@/tests/routes";
import { forgejoPort, runPorts } from "@/lib/wiring";

setupTestDatabase();
runSimulatorDuringTests();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-create-"));
const ports = (run: Run) => runPorts(`run ${run.id}`);
const clone = (cloneUrl: string, dir: string) => {
  execFileSync("git", ["clone", "-q", cloneUrl, dir]);
  return (rel: string) => fs.existsSync(path.join(dir, rel));
};
const request = async (input: Record<string, unknown>) => {
  const res = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action: "create-microservice" },
    body: { input },
  });
  return res;
};

beforeAll(async () => {
  await seedTeamAndEnvironments();
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("create-microservice", () => {
  it("creates the app repo, the GitOps tree, the service and its deployments, and hands over the dev Application", async () => {
    const res = await request({
      name: "payment-service",
      team: "payments",
      language: "java",
      template: "api-service",
      port: 8080,
      database: true,
      public: true,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    await executeRun(res.json.id, "test-worker", ports);
    const run = await getRunDetail(res.json.id);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.links.map((l) => l.kind)).toEqual(["repository", "commit", "commit"]);

    const forgejo = forgejoPort();
    const app = await forgejo.getRepo("payments", "payment-service");
    const appHas = clone(app!.cloneUrl, path.join(tmp, "app"));
    for (const f of ["README.md", "Dockerfile", ".forgejo/workflows/ci.yaml"]) expect(appHas(f), f).toBe(true);

    const gitops = await forgejo.getRepo("platform", "gitops");
    const has = clone(gitops!.cloneUrl, path.join(tmp, "gitops"));
    for (const f of [
      "base/deployment.yaml",
      "base/service.yaml",
      "base/serviceaccount.yaml",
      "base/configmap.yaml",
      "base/kustomization.yaml",
    ])
      expect(has(`services/payment-service/${f}`), f).toBe(true);
    for (const env of ["dev", "staging", "prod"]) {
      expect(has(`services/payment-service/overlays/${env}/kustomization.yaml`)).toBe(true);
      expect(has(`argocd/apps/payment-service-${env}.yaml`)).toBe(true);
      expect(has(`services/payment-service/overlays/${env}/network-policy.yaml`)).toBe(env === "prod");
    }

    const service = await call<{ team: string; properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "service", entity: "payment-service" },
    });
    expect(service.json).toMatchObject({
      team: "payments",
      properties: { repository: app!.htmlUrl, database: true, public: true },
    });
    for (const env of ["dev", "staging", "prod"]) {
      const dep = await call<{ relations: Record<string, string[]> }>(entityRoute.GET, {
        params: { blueprint: "deployment", entity: `payment-service-${env}` },
      });
      expect(dep.json.relations).toMatchObject({ service: ["payment-service"], environment: [env] });
    }
    expect(run.result).toMatchObject({
      deployments: ["payment-service-dev", "payment-service-staging", "payment-service-prod"],
    });
  });

  it("checks names and the catalog before creating anything", async () => {
    const count = async () => (await getDb().execute(sql`select count(*)::int as n from runs`)).rows[0];
    const before = await count();
    const bad = await request({ name: "Payment_Service", team: "payments", language: "java" });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).fields?.name?.join(" ")).toContain("lowercase");
    const taken = await request({ name: "payment-service", team: "payments", language: "java" });
    expect(errorOf(taken).fields?.name).toEqual(["A service named payment-service already exists"]);
    const noTeam = await request({ name: "ghost", team: "ghosts", language: "go" });
    expect(noTeam.status).toBe(422);
    expect(errorOf(noTeam).fields?.team).toEqual(['Team "ghosts" does not exist']);
    expect(await count()).toEqual(before);
  });

  it("resumes after a crash between creating the repository and recording it, without creating it twice", async () => {
    const res = await request({ name: "ledger-api", team: "payments", language: "go", template: "microservice" });
    const runId = res.json.id;
    // The first worker creates the repository, then "dies" before the step's checkpoint is stored.
    const crashing = (run: Run) => {
      const p = ports(run);
      const forgejo: ForgejoPort = {
        ...p.forgejo,
        ensureRepo: async (input) => {
          await p.forgejo.ensureRepo(input);
          return new Promise(() => {});
        },
      };
      return { ...p, forgejo };
    };
    void executeRun(runId, "doomed-worker", crashing);
    const root = path.resolve(getEnv().SLIPWAY_DATA_DIR, "git");
    await expect
      .poll(() => fs.existsSync(path.join(root, "payments", "ledger-api.git")), { timeout: 20_000 })
      .toBe(true);
    await getDb().execute(
      sql`update runs set worker_id = 'dead', heartbeat_at = now() - interval '1 hour' where id = ${runId}`,
    );

    await executeRun(runId, "rescuer", ports);
    const run = await getRunDetail(runId);
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.steps.find((s) => s.key === "create-app-repo")).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(fs.readdirSync(path.join(root, "payments")).filter((d) => d.startsWith("ledger-api"))).toEqual([
      "ledger-api.git",
    ]);
    const commits = await forgejoPort().listCommits("payments", "ledger-api", {
      branch: "main",
    });
    expect(commits).toHaveLength(1);
  });
});
