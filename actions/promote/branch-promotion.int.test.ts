import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import { reviewChange } from "@/lib/runs/change-review";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail } from "@/lib/runs/run-store";
import type { Run, RunDetail } from "@/lib/runs/types";
import { clusterPort, forgejoPort, runPorts } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { entityRoute } from "@/tests/routes";
import { runSimulatorDuringTests } from "@/tests/simulator";

// Acceptance (issue 17): prod promotes by branch. Main carries every environment's overlay; the
// `production` branch, which prod's Application follows, lags main until a promotion merges it.

setupTestDatabase();
runSimulatorDuringTests();

const git = forgejoPort;
const overlay = "services/ledger/overlays/prod/kustomization.yaml";
const head = (branch: string) => git().branchHead("platform", "gitops", branch);
const call$ = (action: string, entity: string, input: Record<string, unknown>, user = "dana") =>
  call<Run>(actionRunsRoute.POST, { as: { user }, params: { action }, body: { entity, input } });
const decide = (runId: string, user: string, body: Record<string, unknown> = {}) =>
  call<RunDetail>(decisionsRoute.POST, {
    as: { user },
    params: { run: runId },
    body: { decision: "approve", ...body },
  });

async function requestOk(action: string, entity: string, input: Record<string, unknown>, user = "dana") {
  const res = await call$(action, entity, input, user);
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

async function runToEnd(runId: string, approvers: string[] = []) {
  for (const user of approvers) expect((await decide(runId, user)).status).toBe(200);
  await executeRun(runId, "test-worker");
  const run = await getRunDetail(runId);
  expect(run.status, run.error ?? "").toBe("succeeded");
  return run;
}

beforeAll(async () => {
  await seedTeamAndEnvironments();
  const prod = await call(entityRoute.PATCH, {
    params: { blueprint: "environment", entity: "prod" },
    body: { properties: { promotion: "branch", branch: "production" } },
  });
  expect(prod.status, JSON.stringify(prod.json)).toBe(200);
  const created = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action: "create-microservice" },
    body: { input: { name: "ledger", team: "payments", language: "go" } },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  await runToEnd(created.json.id);
}, 120_000);

describe("promotion by branch", () => {
  it("creates the environment's branch from main before the service's manifests land", async () => {
    const production = await head("production");
    expect(production).not.toBeNull();
    expect(await git().readFile("platform", "gitops", overlay, production!)).toBeNull();
    const app = await git().readFile("platform", "gitops", "argocd/apps/ledger-prod.yaml");
    expect(app).toContain("targetRevision: production");
    expect(await git().readFile("platform", "gitops", "argocd/apps/ledger-staging.yaml")).toContain(
      "targetRevision: main",
    );
  });

  it("opens a pull request from main into production at request time, merges it once approved and waits for the engine", async () => {
    const before = (await head("production"))!;
    const main = (await head("main"))!;
    const run = await requestOk("promote", "ledger-staging", { target_environment: "prod", change_ticket: "CHG-1" });
    expect(run.status).toBe("awaiting_approval");
    const number = run.proposal!.pullRequest!.number;
    const pr = await git().getPullRequest("platform", "gitops", number);
    expect(pr).toMatchObject({ state: "open", base: "production" });
    expect(await head(pr!.head)).toBe(main);
    expect(run.proposal).toMatchObject({
      deployment: "ledger-prod",
      version: { from: null, to: "0.1.0" },
      base: before,
      merge: { branch: "production", head: main },
    });
    // The approver's card: main's commits the branch lacks, and prod's overlay rendered at both heads.
    const review = await reviewChange(runPorts("test"), run.proposal!);
    expect(review.commitsIn).toContain("not yet on production");
    expect(review.commits.map((c) => c.message)).toEqual([expect.stringContaining("Add ledger")]);
    expect(review.diffError).toBeNull();
    expect(review.diff).toContain("+        image: registry.local/payments/ledger:0.1.0");

    // The requester never approves their own run.
    expect((await decide(run.id, "dana")).status).toBe(403);
    const done = await runToEnd(run.id, ["sam", "sofia"]);
    const merged = (await git().getPullRequest("platform", "gitops", number))!;
    expect(merged.state).toBe("merged");
    expect(await head("production")).toBe(merged.mergeSha);
    expect(await head("main")).toBe(main);
    const [mergeCommit] = await git().listCommits("platform", "gitops", { branch: "production", limit: 1 });
    expect(mergeCommit!.message).toContain("Change ticket: CHG-1");
    const app = await clusterPort().getApplication("ledger-prod");
    expect(app).toMatchObject({ sync: "Synced", health: "Healthy", revision: merged.mergeSha });
    expect(done.steps.map((s) => s.key)).toEqual(expect.arrayContaining(["merge-pull-request", "rollout-ledger-prod"]));
  });

  it("refuses a promotion when the branch already has everything main has", async () => {
    const res = await call$("promote", "ledger-staging", { target_environment: "prod" });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json)).toContain("production already has everything main has");
  });

  it("sets the version main carries for prod with a release, which changes nothing prod runs", async () => {
    const before = await head("production");
    const release = await requestOk("release", "ledger-prod", { version: "0.2.0" });
    expect((await decide(release.id, "sam", { changeTicket: "CHG-3" })).status).toBe(200);
    const done = await runToEnd(release.id, ["sofia"]);
    expect(await git().readFile("platform", "gitops", overlay, (await head("main"))!)).toContain("newTag: 0.2.0");
    expect(await head("production")).toBe(before);
    expect(done.steps.map((s) => s.key)).not.toContain("rollout-ledger-prod");
    expect((await clusterPort().getApplication("ledger-prod"))!.revision).toBe(before);
  });

  it("closes the pull request on decline and leaves the branch untouched", async () => {
    const before = await head("production");
    const run = await requestOk("promote", "ledger-staging", { target_environment: "prod" });
    expect(run.proposal!.version).toEqual({ from: "0.1.0", to: "0.2.0" });
    expect((await decide(run.id, "sam", { decision: "decline", comment: "not today" })).status).toBe(200);
    expect((await git().getPullRequest("platform", "gitops", run.proposal!.pullRequest!.number))!.state).toBe("closed");
    expect(await head("production")).toBe(before);
  });

  it("rolls back with a commit on the branch carrying the reason, and waits for the engine", async () => {
    await runToEnd(
      (await requestOk("promote", "ledger-staging", { target_environment: "prod", change_ticket: "CHG-2" })).id,
      ["sam", "sofia"],
    );
    const main = await head("main");
    const run = await requestOk(
      "rollback",
      "ledger-prod",
      { target_version: "0.1.0", reason: "0.2.0 drops payments" },
      "sam",
    );
    const done = await runToEnd(run.id);
    const [commit] = await git().listCommits("platform", "gitops", { branch: "production", limit: 1 });
    expect(commit!.message).toContain("Reason: 0.2.0 drops payments");
    expect(await head("production")).toBe(commit!.sha);
    expect(await git().readFile("platform", "gitops", overlay, commit!.sha)).toContain("newTag: 0.1.0");
    // Main keeps what it carries for prod; the rollback is on the branch prod follows.
    expect(await head("main")).toBe(main);
    expect(await git().readFile("platform", "gitops", overlay, main!)).toContain("newTag: 0.2.0");
    expect(await clusterPort().getApplication("ledger-prod")).toMatchObject({
      health: "Healthy",
      revision: commit!.sha,
    });
    expect(done.result).toMatchObject({ version: "0.1.0", commit: commit!.sha });
  });
  it("keeps a rollback through a merge that does not touch the overlay; a pull request main already reached is closed", async () => {
    const created = await call<Run>(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "create-microservice" },
      body: { input: { name: "vault", team: "payments", language: "go" } },
    });
    await runToEnd(created.json.id);
    const ledger = await requestOk("promote", "ledger-staging", { target_environment: "prod", change_ticket: "CHG-4" });
    const vault = await requestOk("promote", "vault-staging", { target_environment: "prod", change_ticket: "CHG-5" });
    // Main's ledger overlay has not moved since the rollback on production: the merge keeps 0.1.0.
    expect(ledger.proposal!.version).toEqual({ from: "0.1.0", to: "0.1.0" });
    const review = await reviewChange(runPorts("test"), ledger.proposal!);
    expect(review.diff).toBe("");
    expect(vault.proposal!.version).toEqual({ from: null, to: "0.1.0" });

    await runToEnd(ledger.id, ["sam", "sofia"]);
    const production = await head("production");
    expect(await git().readFile("platform", "gitops", overlay, production!)).toContain("newTag: 0.1.0");
    expect(
      await git().readFile("platform", "gitops", "services/vault/overlays/prod/kustomization.yaml", production!),
    ).not.toBeNull();
    const done = await runToEnd(vault.id, ["sam", "sofia"]);
    expect((await git().getPullRequest("platform", "gitops", vault.proposal!.pullRequest!.number))!.state).toBe(
      "closed",
    );
    const said = await git().listPullRequestComments("platform", "gitops", vault.proposal!.pullRequest!.number);
    expect(said.map((c) => c.body).join("\n")).toContain("production already has everything this pull request brings");
    expect(await head("production")).toBe(production);
    expect(done.result).toMatchObject({ mergeSha: production });
    expect(await clusterPort().getApplication("vault-prod")).toMatchObject({ health: "Healthy", revision: production });
  });
});
