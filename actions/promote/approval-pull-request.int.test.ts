import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import * as withdrawRoute from "@/app/api/v1/runs/[run]/withdraw/route";
import { runSteps } from "@/db/schema";
import { listAudit } from "@/lib/audit/list-audit";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { getDb } from "@/lib/db/client";
import { expireApprovals } from "@/lib/runs/approvals";
import {
  closeAbandonedPullRequests,
  closeProposalPullRequest,
  proposeChange,
  recordDecisionOnPullRequest,
} from "@/lib/runs/approval-pull-request";
import { executeRun } from "@/lib/runs/execute-run";
import { findRunEntity } from "@/lib/runs/run-entity";
import { getRun, getRunDetail } from "@/lib/runs/run-store";
import type { Run, RunDetail } from "@/lib/runs/types";
import { reviewChange } from "@/lib/runs/change-review";
import { forgejoPort, runPorts } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { runSimulatorDuringTests } from "@/tests/simulator";

setupTestDatabase();
runSimulatorDuringTests();

const git = forgejoPort;
const request = (entity: string, input: Record<string, unknown>, user = "dana") =>
  call<Run>(actionRunsRoute.POST, { as: { user }, params: { action: "promote" }, body: { entity, input } });
const decide = (runId: string, user: string, body: Record<string, unknown> = {}) =>
  call<RunDetail>(decisionsRoute.POST, {
    as: { user },
    params: { run: runId },
    body: { decision: "approve", ...body },
  });
const comments = async (pr: number) =>
  (await git().listPullRequestComments("platform", "gitops", pr)).map((c) => c.body);
const step = async (runId: string, key: string) => (await getRunDetail(runId)).steps.find((s) => s.key === key);

async function runToEnd(runId: string, approvers: string[] = []) {
  for (const user of approvers) expect((await decide(runId, user)).status).toBe(200);
  await executeRun(runId, "test-worker");
  const run = await getRunDetail(runId);
  expect(run.status, run.error ?? "").toBe("succeeded");
  return run;
}

async function release(version: string) {
  const res = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action: "release" },
    body: { entity: "ledger-dev", input: { version } },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  await runToEnd(res.json.id);
}

async function requestOk(entity: string, input: Record<string, unknown>, user = "dana") {
  const res = await request(entity, input, user);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

beforeAll(async () => {
  await seedTeamAndEnvironments();
  const created = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action: "create-microservice" },
    body: { input: { name: "ledger", team: "payments", language: "go" } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  await runToEnd(created.json.id);
  await release("0.2.0");
}, 120_000);

describe("the GitOps pull request of a promotion awaiting approval", () => {
  it("is opened at request time, shows the change, records each decision and is merged once approved", async () => {
    await runToEnd((await requestOk("ledger-dev", { target_environment: "staging" })).id, ["sam"]);
    const run = await requestOk("ledger-staging", { target_environment: "prod", change_ticket: "CHG-4711" });
    expect(run.status).toBe("awaiting_approval");
    expect(run.changeTicket).toBe("CHG-4711");
    expect(run.proposal).toMatchObject({
      service: "ledger",
      deployment: "ledger-prod",
      environment: { from: "staging", to: "prod" },
      version: { from: "0.1.0", to: "0.2.0" },
      appRepo: { owner: "payments", name: "ledger" },
      overlay: "services/ledger/overlays/prod",
    });
    const number = run.proposal!.pullRequest!.number;
    const pr = await git().getPullRequest("platform", "gitops", number);
    expect(pr).toMatchObject({ state: "open", title: "Promote ledger 0.2.0 from staging to prod" });
    expect(pr!.body).toContain("Change ticket: CHG-4711");
    expect(run.links.map((l) => l.kind)).toEqual(["pull-request"]);

    expect((await decide(run.id, "sam", { comment: "looks right" })).json.status).toBe("awaiting_approval");
    expect((await comments(number)).join("\n")).toContain(
      "Approved by sam@slipway.local in Slipway (1 of 2 approvals)",
    );
    expect((await git().getPullRequest("platform", "gitops", number))!.state).toBe("open");

    const done = await runToEnd(run.id, ["sofia"]);
    const merged = await git().getPullRequest("platform", "gitops", number);
    expect(merged!.state).toBe("merged");
    expect(await git().getPullRequest("platform", "gitops", number + 1)).toBeNull();
    // Opened once, at request time: the executor replayed the step instead of running it again.
    expect(done.steps.find((s) => s.key === "open-pull-request")).toMatchObject({ status: "succeeded", attempts: 1 });
    const [head] = await git().listCommits("platform", "gitops", { branch: "main", limit: 1 });
    expect(head).toMatchObject({ sha: merged!.mergeSha });
    expect(head!.message).toContain("Change ticket: CHG-4711");
    expect((await getEntity("deployment", "ledger-prod")).properties.change_ticket).toBe("CHG-4711");
    expect((await comments(number)).join("\n")).toContain(
      "Approved by sofia@slipway.local in Slipway (2 of 2 approvals)",
    );
  });

  it("records a ticket only an approver gave on the deployment and in the merge commit", async () => {
    await release("0.3.0");
    await runToEnd((await requestOk("ledger-dev", { target_environment: "staging" })).id, ["sam"]);
    const run = await requestOk("ledger-staging", { target_environment: "prod" });
    expect(run.changeTicket).toBeNull();
    expect((await decide(run.id, "sam", { changeTicket: "CHG-9000" })).status).toBe(200);
    const done = await runToEnd(run.id, ["sofia"]);
    expect(done.changeTicket).toBe("CHG-9000");
    expect((await getEntity("deployment", "ledger-prod")).properties.change_ticket).toBe("CHG-9000");
    const [head] = await git().listCommits("platform", "gitops", { branch: "main", limit: 1 });
    expect(head!.message).toContain("Change ticket: CHG-9000");
  });

  it("is closed, with a comment saying why, when the request is declined, withdrawn or expires", async () => {
    await release("0.4.0");
    const declined = await requestOk("ledger-dev", { target_environment: "staging" });
    expect((await decide(declined.id, "sam", { decision: "decline", comment: "not this week" })).status).toBe(200);
    const first = declined.proposal!.pullRequest!.number;
    expect((await git().getPullRequest("platform", "gitops", first))!.state).toBe("closed");
    const said = (await comments(first)).join("\n");
    expect(said).toContain("Declined by sam@slipway.local in Slipway");
    expect(said).toContain("not this week");
    expect(said).toContain("Slipway closes this pull request");

    const withdrawn = await requestOk("ledger-dev", { target_environment: "staging" });
    const second = withdrawn.proposal!.pullRequest!.number;
    expect(second).not.toBe(first);
    expect((await call(withdrawRoute.POST, { as: { user: "dana" }, params: { run: withdrawn.id } })).status).toBe(200);
    expect((await git().getPullRequest("platform", "gitops", second))!.state).toBe("closed");
    expect((await comments(second)).join("\n")).toContain("Withdrawn by dana@slipway.local");

    const expiring = await requestOk("ledger-dev", { target_environment: "staging" });
    const third = expiring.proposal!.pullRequest!.number;
    await getDb().execute(
      sql`update runs set approval_expires_at = now() - interval '1 minute' where id = ${expiring.id}`,
    );
    expect(await expireApprovals()).toBe(1);
    expect((await getRun(expiring.id)).status).toBe("cancelled");
    expect((await git().getPullRequest("platform", "gitops", third))!.state).toBe("closed");
    expect((await comments(third)).join("\n")).toContain("The approval request expired");
  });

  it("opens and comments once when a step is retried after its side effect but before its checkpoint", async () => {
    const run = await requestOk("ledger-dev", { target_environment: "staging" });
    const number = run.proposal!.pullRequest!.number;
    // A crash after Forgejo answered, before the step was recorded, leaves the step running.
    const reset = (key: string) =>
      getDb()
        .update(runSteps)
        .set({ status: "running" })
        .where(and(eq(runSteps.runId, run.id), eq(runSteps.key, key)));
    await reset("open-pull-request");
    const again = await proposeChange(await getRun(run.id), await findRunEntity("deployment", "ledger-dev"));
    expect(again!.pullRequest!.number).toBe(number);
    expect(await step(run.id, "open-pull-request")).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await git().getPullRequest("platform", "gitops", number + 1)).toBeNull();

    await decide(run.id, "sam", { decision: "decline" });
    const decisionKey = (await getRunDetail(run.id)).steps.find((s) => s.key.startsWith("decision-"))!.key;
    await reset(decisionKey);
    await reset("close-comment");
    await reset("close-pull-request");
    await recordDecisionOnPullRequest(run.id, {
      userId: decisionKey.slice("decision-".length),
      email: "sam@slipway.local",
      decision: "decline",
      comment: "",
      changeTicket: null,
      approvals: 0,
    });
    await closeProposalPullRequest(run.id, "Declined by sam@slipway.local");
    const all = await comments(number);
    expect(all.filter((c) => c.includes("Declined by sam@slipway.local in Slipway"))).toHaveLength(1);
    expect(all.filter((c) => c.includes("Slipway closes this pull request"))).toHaveLength(1);
    expect((await git().getPullRequest("platform", "gitops", number))!.state).toBe("closed");
  });
});

describe("the worker's sweep", () => {
  it("closes the pull request of a request that ended while the close could not go through", async () => {
    const run = await requestOk("ledger-dev", { target_environment: "staging" });
    const number = run.proposal!.pullRequest!.number;
    // Declined while Forgejo was unreachable: the run ended, its pull request is still open.
    await getDb().execute(sql`update runs set status = 'declined', finished_at = now() where id = ${run.id}`);
    expect((await git().getPullRequest("platform", "gitops", number))!.state).toBe("open");
    expect(await closeAbandonedPullRequests()).toBe(1);
    expect((await git().getPullRequest("platform", "gitops", number))!.state).toBe("closed");
    expect((await comments(number)).join("\n")).toContain("The request was declined; Slipway closes this pull request");
    expect(await closeAbandonedPullRequests()).toBe(0);
  });
});

describe("what approvers read", () => {
  it("renders the overlay before and after a promotion and a scale with kustomize, as a unified diff", async () => {
    const ports = { forgejo: git(), gitops: runPorts("review test").gitops };
    const promotion = await requestOk("ledger-dev", { target_environment: "staging" });
    const promoted = await reviewChange(ports, promotion.proposal!);
    expect(promoted.diffError).toBeNull();
    expect(promoted.diff).toMatch(/^-\s+image: registry\.local\/payments\/ledger:0\.\d\.0$/m);
    expect(promoted.diff).toMatch(/^\+\s+image: registry\.local\/payments\/ledger:0\.4\.0$/m);
    // No tags in the app repository: said, not guessed.
    expect(promoted.commits).toEqual([]);
    expect(promoted.commitsNote).toContain("No commits found between the tags of");

    const requested = await call<Run>(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "scale" },
      body: { entity: "ledger-prod", input: { replicas: 5, reason: "month end" } },
    });
    expect(requested.status, JSON.stringify(requested.json)).toBe(201);
    const scale = requested.json;
    expect(scale.status).toBe("awaiting_approval");
    expect(scale.proposal).toMatchObject({ environment: { to: "prod" }, pullRequest: null });
    const scaled = await reviewChange(ports, scale.proposal!);
    expect(scaled.diff).toMatch(/^-\s+replicas: \d+$/m);
    expect(scaled.diff).toMatch(/^\+\s+replicas: 5$/m);
    // Proposing wrote nothing: the commit waits for the approvals.
    expect((await git().listCommits("platform", "gitops", { branch: "main", limit: 1 }))[0]!.sha).toBe(
      scale.proposal!.base,
    );
  });
});

describe("promotion order", () => {
  it("refuses to skip an environment without an admin's override, and audits the override", async () => {
    const skip = await request("ledger-dev", { target_environment: "prod" });
    expect(skip.status).toBe(422);
    expect(errorOf(skip).fields?.target_environment?.[0]).toContain(
      "dev promotes to staging first; skipping to prod needs an admin override with a reason",
    );
    const notAdmin = await request("ledger-dev", { target_environment: "prod", override_reason: "hotfix" });
    expect(notAdmin.status).toBe(422);
    expect(errorOf(notAdmin).fields?.override_reason).toEqual(["Only an admin may override the promotion order"]);

    const override = await requestOk(
      "ledger-dev",
      { target_environment: "prod", override_reason: "Security fix, staging is down", change_ticket: "CHG-1" },
      "ada",
    );
    expect(override.status).toBe("awaiting_approval");
    expect(override.proposal).toMatchObject({ environment: { from: "dev", to: "prod" } });
    const audit = await listAudit({ target: `run:${override.id}`, limit: 20 });
    expect(audit.items.find((a) => a.verb === "run.override")).toMatchObject({
      actor: "ada@slipway.local",
      data: { reason: "Security fix, staging is down" },
    });
  });
});
