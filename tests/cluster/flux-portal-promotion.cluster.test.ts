import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import { startStatusMirror } from "@/lib/deployments/status-mirror";
import { getEnv } from "@/lib/env";
import { createKubeClients, kustomizationsApi } from "@/lib/integrations/kubernetes/kube-client";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail, listRunLogs } from "@/lib/runs/run-store";
import { clusterPort, forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { FLUX_CLUSTER_ENTRIES } from "@/scripts/cluster/flux";
import { clusterEngines, peerForgejo } from "@/tests/peers";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { approveAndExecute, requestRun } from "@/tests/run-journey";
import { FLUX_NAMESPACE, readyCondition, type KustomizationStatus } from "./flux-gitops";
import { catalogShows, timed, timings } from "./portal-journey";

// The portal drives real Flux (source- and kustomize-controller built from their Go modules): every
// environment is engine=flux, prod promotes by branch (`production`). create-microservice writes
// GitRepository + Kustomization objects; a promote run opens the pull request main→production at
// request time, another user approves, the run merges it and ends only once the real
// kustomize-controller reports prod's Kustomization Ready at the merge; a rollback run commits on
// `production` and ends once Flux is Ready at that commit. The status mirror brings Flux's verdicts
// into the catalog through the Kubernetes watch of Kustomizations (no real notification-controller:
// the module proxy refuses it, see README).
//   npm run test:cluster -- --engines=flux tests/cluster/flux-portal-promotion.cluster.test.ts

setupTestDatabase();

const suffix = Date.now().toString(36);
const service = `ledger-${suffix}`;
const second = `vault-${suffix}`;
const clusters = [...FLUX_CLUSTER_ENTRIES];
let mirror: { stop(): Promise<void> } | null = null;

const gitops = () => {
  const [owner = "", repo = ""] = getEnv().SLIPWAY_GITOPS_REPO.split("/");
  return { owner, repo };
};
const head = (branch: string) => forgejoPort().branchHead(gitops().owner, gitops().repo, branch);
const readGitops = (path: string, ref?: string) => forgejoPort().readFile(gitops().owner, gitops().repo, path, ref);
const kube = () => createKubeClients({ kubeconfigPath: getEnv().SLIPWAY_KUBECONFIG, namespace: FLUX_NAMESPACE });

/** The Kustomization as kustomize-controller left it (not through Slipway's mapping). */
async function readKustomization(name: string) {
  return (await kube().custom.getNamespacedCustomObject({ ...kustomizationsApi, namespace: FLUX_NAMESPACE, name })) as {
    spec: { kubeConfig?: { secretRef?: { name?: string } } };
    status: KustomizationStatus;
  };
}
async function image(namespace: string, deployment: string) {
  const dep = await kube().apps.readNamespacedDeployment({ name: deployment, namespace });
  return { image: dep.spec?.template.spec?.containers[0]?.image, ready: dep.status?.readyReplicas ?? 0 };
}
async function approve(runId: string, users: string[], body: Record<string, unknown> = {}) {
  for (const user of users) {
    const res = await call(decisionsRoute.POST, {
      as: { user },
      params: { run: runId },
      body: { decision: "approve", ...body },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
}
async function execute(runId: string) {
  await executeRun(runId, "journey-worker");
  const run = await getRunDetail(runId);
  expect(run.status, run.error ?? "").toBe("succeeded");
  return run;
}
async function setEnvironment(name: string, body: Record<string, unknown>) {
  const res = await call(entityRoute.PATCH, { params: { blueprint: "environment", entity: name }, body });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}
/** Promote into prod: the pull request main→production is opened at request time; sam and sofia approve. */
async function promoteToProd(svc: string, ticket: string) {
  const promote = await requestRun("promote", `${svc}-staging`, { target_environment: "prod", change_ticket: ticket });
  expect(promote.status).toBe("awaiting_approval");
  const number = promote.proposal!.pullRequest!.number;
  const pr = await forgejoPort().getPullRequest(gitops().owner, gitops().repo, number);
  expect(pr).toMatchObject({ state: "open", base: "production" });
  // The requester never approves their own run.
  const own = await call(decisionsRoute.POST, {
    as: { user: "dana" },
    params: { run: promote.id },
    body: { decision: "approve" },
  });
  expect(own.status).toBe(403);
  await approve(promote.id, ["sam", "sofia"]);
  const run = await timed(`promote ${svc} ${ticket} run (merge → Flux Ready)`, () => execute(promote.id));
  const merged = (await forgejoPort().getPullRequest(gitops().owner, gitops().repo, number))!;
  expect(merged.state).toBe("merged");
  expect(await head("production")).toBe(merged.mergeSha);
  return { run, mergeSha: merged.mergeSha! };
}

beforeAll(async () => {
  if (!clusterEngines().has("flux"))
    throw new Error("Flux is not running in this cluster tier: run it with --engines=flux (or argocd,flux).");
  // A private GitOps repository, as a platform team's is: Flux reads it through the basic-auth
  // Secret the tier passes as SLIPWAY_FLUX_GIT_SECRET; create-microservice finds it there.
  const { owner, repo } = gitops();
  await forgejoPort().ensureOrg(owner);
  await forgejoPort().ensureRepo({ owner, name: repo, private: true });
  mirror = startStatusMirror(clusterPort());
  await seedTeamAndEnvironments(1);
  for (const env of ["dev", "staging"]) await setEnvironment(env, { properties: { engine: "flux" } });
  await setEnvironment("prod", { properties: { engine: "flux", promotion: "branch", branch: "production" } });
});

afterAll(async () => {
  await mirror?.stop();
  console.log(`[cluster] flux portal timings (s): ${JSON.stringify(timings)}`);
});

// The tests build on each other, in order: one service (prod on one cluster), then a second
// service once prod has two cluster entries.
describe("the portal promotes and rolls back through real Flux", () => {
  it("creates a service whose dev Kustomization real Flux reconciles from main before the run ends", async () => {
    const created = await requestRun("create-microservice", undefined, {
      name: service,
      team: "payments",
      language: "go",
      database: false,
      public: false,
    });
    const run = await timed("create-microservice run", () => approveAndExecute(created.id));
    expect(await readGitops(`flux/apps/${service}-dev.yaml`)).toContain("kind: Kustomization");
    expect(await readGitops(`argocd/apps/${service}-dev.yaml`)).toBeNull();
    expect(await readGitops(`flux/apps/${service}-prod.yaml`)).toContain("branch: production");
    const anonymous = await fetch(`${peerForgejo().url}/api/v1/repos/${gitops().owner}/${gitops().repo}`);
    expect([401, 403, 404]).toContain(anonymous.status);
    expect(await readGitops(`flux/apps/${service}-dev.yaml`)).toContain(`name: ${getEnv().SLIPWAY_FLUX_GIT_SECRET}`);
    const dev = await readKustomization(`${service}-dev`);
    expect(readyCondition(dev.status)?.status).toBe("True");
    expect(dev.status.lastAppliedRevision).toBe(`main@sha1:${run.result!.gitopsCommit}`);
    expect(await image("payments-dev", service)).toMatchObject({ ready: 1 });
    await timed("catalog shows dev Healthy (watch)", () =>
      catalogShows(`${service}-dev`, { status: "Healthy", sync_status: "Synced" }),
    );
  });

  it("promotes into prod: the run merges main into production and ends when Flux is Ready at the merge", async () => {
    const before = await head("production");
    const { run, mergeSha } = await promoteToProd(service, "CHG-17001");
    expect(mergeSha).not.toBe(before);
    expect(run.steps.map((s) => s.key)).toEqual(
      expect.arrayContaining(["merge-pull-request", `rollout-${service}-prod`]),
    );
    expect((await listRunLogs(run.id)).map((l) => l.message).join("\n")).toContain("Waiting for Flux");
    const prod = await readKustomization(`${service}-prod`);
    expect(readyCondition(prod.status)).toMatchObject({ status: "True", reason: "ReconciliationSucceeded" });
    expect(prod.status.lastAppliedRevision).toBe(`production@sha1:${mergeSha}`);
    expect(await image("payments-prod", service)).toMatchObject({ image: expect.stringMatching(/:0\.1\.0$/) });
    await timed("catalog shows prod Healthy at the merge (watch)", () =>
      catalogShows(`${service}-prod`, { status: "Healthy", sync_status: "Synced", revision: mergeSha }),
    );
  });

  it("promotes a release into prod, then rolls back with a commit on production that Flux applies", async () => {
    const release = await requestRun("release", `${service}-prod`, { version: "0.2.0" });
    await approve(release.id, ["sam"], { changeTicket: "CHG-17002" });
    await approve(release.id, ["sofia"]);
    const before = await head("production");
    await timed("release 0.2.0 on prod run (main only)", () => execute(release.id));
    // The release only changes what main carries for prod: prod runs what production has.
    expect(await head("production")).toBe(before);
    const { mergeSha } = await promoteToProd(service, "CHG-17003");
    expect((await readKustomization(`${service}-prod`)).status.lastAppliedRevision).toBe(`production@sha1:${mergeSha}`);
    expect(await image("payments-prod", service)).toMatchObject({ image: expect.stringMatching(/:0\.2\.0$/) });

    const main = await head("main");
    const rollback = await requestRun(
      "rollback",
      `${service}-prod`,
      { target_version: "0.1.0", reason: "0.2.0 drops payments" },
      "sam",
    );
    const done = await timed("rollback run (commit on production → Flux Ready)", () => execute(rollback.id));
    const [commit] = await forgejoPort().listCommits(gitops().owner, gitops().repo, { branch: "production", limit: 1 });
    expect(commit!.message).toContain("Reason: 0.2.0 drops payments");
    expect(await head("main")).toBe(main);
    expect(done.result).toMatchObject({ version: "0.1.0", commit: commit!.sha });
    const prod = await readKustomization(`${service}-prod`);
    expect(readyCondition(prod.status)?.status).toBe("True");
    expect(prod.status.lastAppliedRevision).toBe(`production@sha1:${commit!.sha}`);
    expect(await image("payments-prod", service)).toMatchObject({ image: expect.stringMatching(/:0\.1\.0$/) });
    await timed("catalog shows prod Healthy at the rollback (watch)", () =>
      catalogShows(`${service}-prod`, { status: "Healthy", revision: commit!.sha }),
    );
  });

  it("fails a promote run with Flux's message when the merged revision does not build; prod keeps what runs", async () => {
    // A hand edit on main that does not build reaches production only through a promotion.
    const { owner, repo } = gitops();
    const overlay = `services/${service}/overlays/prod/kustomization.yaml`;
    const main = (await head("main"))!;
    const kustomization = parse((await readGitops(overlay, main))!) as { resources: string[] };
    kustomization.resources.push("missing.yaml");
    await forgejoPort().commitFiles({
      owner,
      repo,
      branch: "main",
      message: "Add missing.yaml to prod",
      expectedHead: main,
      changes: [{ path: overlay, content: stringify(kustomization) }],
    });
    const running = (await readKustomization(`${service}-prod`)).status.lastAppliedRevision;
    const promote = await requestRun("promote", `${service}-staging`, {
      target_environment: "prod",
      change_ticket: "CHG-17005",
    });
    await approve(promote.id, ["sam", "sofia"]);
    await timed("promote run that Flux cannot build → failed", () => executeRun(promote.id, "journey-worker"));
    const run = await getRunDetail(promote.id);
    expect(run.status).toBe("failed");
    expect(run.error).toContain(`${service}-prod is Degraded`);
    expect(run.error).toContain("missing.yaml");
    const prod = await readKustomization(`${service}-prod`);
    expect(readyCondition(prod.status)).toMatchObject({ status: "False", reason: "BuildFailed" });
    expect(prod.status.lastAttemptedRevision).toBe(`production@sha1:${await head("production")}`);
    expect(prod.status.lastAppliedRevision).toBe(running);
    expect(await image("payments-prod", service)).toMatchObject({ image: expect.stringMatching(/:0\.1\.0$/) });
  });

  it("delivers a prod with two cluster entries through one Kustomization per cluster, and the run waits for both", async () => {
    // Both entries are the tier's one apiserver, each reached through the kubeconfig Secret
    // `cluster-<name>` the tier created for it (scripts/cluster/flux.ts).
    for (const name of clusters) {
      const res = await call(entitiesRoute.POST, {
        params: { blueprint: "cluster" },
        body: { identifier: name, properties: { region: name } },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    await setEnvironment("prod", { relations: { clusters } });
    const created = await requestRun("create-microservice", undefined, {
      name: second,
      team: "payments",
      language: "go",
      database: false,
      public: false,
    });
    await timed("second service's create-microservice run", () => approveAndExecute(created.id));
    for (const name of clusters)
      expect(await readGitops(`flux/apps/${second}-prod-${name}.yaml`)).toContain(`name: cluster-${name}`);

    const { run, mergeSha } = await promoteToProd(second, "CHG-17004");
    expect(run.steps.map((s) => s.key)).toContain(`rollout-${clusters.map((c) => `${second}-prod-${c}`).join("+")}`);
    for (const name of clusters) {
      const k = await readKustomization(`${second}-prod-${name}`);
      expect(k.spec.kubeConfig?.secretRef?.name).toBe(`cluster-${name}`);
      expect(readyCondition(k.status)?.status).toBe("True");
      expect(k.status.lastAppliedRevision).toBe(`production@sha1:${mergeSha}`);
    }
    expect(await clusterPort().getDelivery(`${second}-prod`)).toBeNull();
    const shown = await catalogShows(`${second}-prod`, { status: "Healthy", revision: mergeSha });
    // Each cluster's own entry, from its own Kustomization through the watch.
    const perCluster = (shown.clusters ?? {}) as Record<string, { status?: string; revision?: string }>;
    expect(Object.keys(perCluster).sort()).toEqual(clusters);
    for (const name of clusters) expect(perCluster[name]).toMatchObject({ status: "Healthy", revision: mergeSha });
  });
});
