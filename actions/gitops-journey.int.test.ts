import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as webhookRoute from "@/app/api/webhooks/actions/route";
import { readImageTag, readScale } from "@/lib/gitops";
import { getDb } from "@/lib/db/client";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail } from "@/lib/runs/run-store";
import type { Run } from "@/lib/runs/types";
import { apiTokenFor } from "@/tests/auth";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { runSimulatorDuringTests } from "@/tests/simulator";
import { forgejoPort } from "@/lib/wiring";
import { entityRoute } from "@/tests/routes";

setupTestDatabase();
runSimulatorDuringTests();

const git = forgejoPort;
const overlay = (env: string, file = "kustomization.yaml") =>
  git().readFile("platform", "gitops", `services/payment-service/overlays/${env}/${file}`);
const image = "registry.local/payments/payment-service";

async function request(action: string, entity: string | undefined, input: Record<string, unknown>, user = "dana") {
  return call<Run>(actionRunsRoute.POST, { as: { user }, params: { action }, body: { entity, input } });
}
async function runToEnd(runId: string, approvers: { user: string; changeTicket?: string }[] = []) {
  for (const a of approvers) {
    const res = await call(decisionsRoute.POST, {
      as: { user: a.user },
      params: { run: runId },
      body: { decision: "approve", changeTicket: a.changeTicket },
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
  const created = await request("create-microservice", undefined, {
    name: "payment-service",
    team: "payments",
    language: "java",
    database: true,
    public: true,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  await runToEnd(created.json.id);
}, 60_000);

describe("release, promote, roll back and scale through the GitOps repository", () => {
  it("releases 0.2.0 to dev and promotes it to staging through a merged pull request after an SRE approves", async () => {
    await runToEnd((await request("release", "payment-service-dev", { version: "0.2.0" })).json.id);
    expect(readImageTag((await overlay("dev"))!, image)).toBe("0.2.0");

    const promote = await request("promote", "payment-service-dev", { target_environment: "staging", run_tests: true });
    expect(promote.json.status).toBe("awaiting_approval");
    const run = await runToEnd(promote.json.id, [{ user: "sam" }]);
    expect(run.links.map((l) => l.kind)).toEqual(["pull-request", "commit"]);
    expect(readImageTag((await overlay("staging"))!, image)).toBe("0.2.0");
    const merged = await git().getPullRequest("platform", "gitops", run.result!.pullRequest as number);
    expect(merged?.state).toBe("merged");
    const dep = await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "deployment", entity: "payment-service-staging" },
    });
    expect(dep.json.properties.promoted_from).toBe("dev");
  });

  it("refuses promotions that go backwards or change nothing, before creating a run", async () => {
    const back = await request("promote", "payment-service-staging", { target_environment: "dev" });
    expect(errorOf(back).fields?.target_environment?.[0]).toContain("promotions move forward");
    const same = await request("promote", "payment-service-dev", { target_environment: "staging" });
    expect(errorOf(same).fields?.target_environment).toEqual(["staging already runs 0.2.0"]);
  });

  it("rolls staging back to a version it ran, with the reason in the commit message", async () => {
    const unknown = await request("rollback", "payment-service-staging", {
      target_version: "9.9.9",
      reason: "just because",
    });
    expect(errorOf(unknown).fields?.target_version?.[0]).toContain("it ran 0.2.0, 0.1.0");
    const rollback = await request("rollback", "payment-service-staging", {
      target_version: "0.1.0",
      reason: "0.2.0 leaks connections",
    });
    await runToEnd(rollback.json.id, [{ user: "sofia" }]);
    expect(readImageTag((await overlay("staging"))!, image)).toBe("0.1.0");
    const [last] = await git().listCommits("platform", "gitops", { branch: "main", limit: 1 });
    expect(last!.message).toContain("Reason: 0.2.0 leaks connections");
  });

  it("lets an SRE roll back prod without a second approver and marks it for review", async () => {
    await runToEnd(
      (
        await request(
          "promote",
          "payment-service-dev",
          // dev → prod skips staging: an admin's override, with the reason audited.
          { target_environment: "prod", change_ticket: "CHG-1", override_reason: "staging was rolled back" },
          "ada",
        )
      ).json.id,
      [{ user: "sam" }, { user: "sofia" }],
    );
    const rollback = await request(
      "rollback",
      "payment-service-prod",
      { target_version: "0.1.0", reason: "payments failing in prod" },
      "sam",
    );
    expect(rollback.json.status).toBe("queued");
    const run = await runToEnd(rollback.json.id);
    expect(run.result).toMatchObject({ needsReview: true });
    const reviews = await call<{ items: Run[] }>(runsRoute.GET, {
      as: { user: "sofia" },
      url: "/api/v1/runs?view=reviews",
    });
    expect(reviews.json.items.map((r) => r.id)).toEqual([run.id]);
    // Both runs reached the dashboards' rollup as production deployments of payment-service-prod.
    const deployed = await getDb().execute<{ action: string; version: string; service: string; environment: string }>(
      sql`select action, version, service, environment from deployment_events
          where kind = 'deploy' and deployment = 'payment-service-prod' order by at`,
    );
    expect(deployed.rows).toEqual([
      { action: "promote", version: "0.2.0", service: "payment-service", environment: "prod" },
      { action: "rollback", version: "0.1.0", service: "payment-service", environment: "prod" },
    ]);
  });

  it("scales prod with field errors for limits below requests and replicas out of bounds", async () => {
    const bad = await request("scale", "payment-service-prod", {
      replicas: 50,
      cpu_limit: "1m",
      memory_limit: "1Mi",
      reason: "black friday",
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(errorOf(bad).fields ?? {}).sort()).toEqual(["cpu_limit", "memory_limit", "replicas"]);
    const scale = await request("scale", "payment-service-prod", {
      replicas: 6,
      cpu_limit: "2",
      memory_limit: "2Gi",
      reason: "Black Friday traffic surge",
    });
    expect(scale.json.status).toBe("awaiting_approval");
    await runToEnd(scale.json.id, [{ user: "sam", changeTicket: "CHG-2" }, { user: "sofia" }]);
    const current = readScale({
      replicaPatch: (await overlay("prod", "replica-patch.yaml"))!,
      resourcePatch: (await overlay("prod", "resource-patch.yaml"))!,
    });
    expect(current).toMatchObject({ replicas: 6, limits: { cpu: "2", memory: "2Gi" } });
  });

  it("accepts Port's promotion payload, copied as is, on the Port-compatible webhook", async () => {
    const token = await apiTokenFor("dana", ["actions"]);
    await runToEnd((await request("release", "payment-service-dev", { version: "0.3.0" })).json.id);
    await runToEnd((await request("promote", "payment-service-dev", { target_environment: "staging" })).json.id, [
      { user: "sam" },
    ]);
    const payload = {
      action: "promote_deployment",
      entity: { identifier: "payment-service-staging", blueprint: "deployment" },
      properties: { target_environment: "prod", run_tests: true, change_ticket: "CHG-12345" },
      context: { userEmail: "developer@company.com", runId: "run_12345" },
    };
    const res = await call<{ run: Run }>(webhookRoute.POST, { as: { token }, body: payload });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.run).toMatchObject({
      actionId: "promote",
      status: "awaiting_approval",
      externalId: "run_12345",
      policy: { approvers: 2, changeTicket: true },
    });
  });
});
