import {
  getApplicationName,
  getOverlayPaths,
  getServiceDir,
  renderAppRepo,
  renderGitopsService,
  supportedFrameworks,
  type ServiceSpec,
} from "@/lib/gitops";
import type { RunContext } from "@/lib/runs/define-action";
import { getEngineOps } from "../delivery-engine";
import { commitWithRetry, ensureEnvironmentBranch, ensureGitopsRepo } from "../gitops-repo";
import { waitForRollout } from "../wait-for-rollout";
import { listDeploymentApps, readEnvironments } from "./environments";
import type { CreateMicroserviceInput } from "./schema";

export const INITIAL_VERSION = "0.1.0";

export async function executeCreateMicroservice(ctx: RunContext, input: CreateMicroserviceInput) {
  const { forgejo, catalog, cluster, gitops } = ctx.ports;
  const { name, team } = input;
  const spec: ServiceSpec = {
    ...input,
    framework: input.framework ?? supportedFrameworks[input.language][0]!,
    image: `${gitops.registry}/${team}/${name}`,
    version: INITIAL_VERSION,
  };
  const environments = await ctx.step("read-environments", () => readEnvironments(catalog));
  if (environments.length === 0) throw new Error("The catalog has no environment entities (dev, staging, prod)");

  // Checked and remembered before creating anything: on resume this answer is replayed, so the
  // repository this run creates is known to be ours and may be removed by compensation.
  await ctx.step("check-name-free", async () => {
    if (await forgejo.getRepo(team, name)) throw new Error(`Repository ${team}/${name} already exists`);
    return { free: true };
  });
  await ctx.step("ensure-team-org", () => forgejo.ensureOrg(team));
  const repo = await ctx.step(
    "create-app-repo",
    () => forgejo.ensureRepo({ owner: team, name, description: `${name} (${spec.template}), owned by ${team}` }),
    {
      compensate: (r) => forgejo.deleteRepo(r.owner, r.name),
    },
  );
  await ctx.link({ kind: "repository", url: repo.htmlUrl, title: `${team}/${name}` });

  const gitopsRepo = await ctx.step("ensure-gitops-repo", () => ensureGitopsRepo(forgejo, gitops));
  // Before the service's manifests land on main: a branch environment gets them by promotion.
  for (const branch of new Set(environments.filter((e) => e.promotion === "branch").map((e) => e.branch)))
    await ensureEnvironmentBranch(ctx, branch);
  const appCommit = await ctx.step("commit-app-skeleton", async () => {
    const head = await forgejo.branchHead(team, name, repo.defaultBranch);
    if (head) return { sha: head, htmlUrl: `${repo.htmlUrl}/commit/${head}` };
    const files = renderAppRepo(spec, { gitopsRepoUrl: gitopsRepo.cloneUrl, devEnvironment: environments[0]!.name });
    const changes = Object.entries(files).map(([path, content]) => ({ path, content }));
    return forgejo.commitFiles({
      owner: team,
      repo: name,
      branch: repo.defaultBranch,
      message: `Scaffold ${name} from the ${spec.template} template\n\nRequested by ${ctx.actor.email} (Slipway run ${ctx.runId})`,
      changes,
      expectedHead: null,
    });
  });
  await ctx.link({ kind: "commit", url: appCommit.htmlUrl, title: `${name}: scaffold ${appCommit.sha.slice(0, 8)}` });

  const gitopsFiles = renderGitopsService(spec, {
    environments: environments.map((e) => ({
      name: e.name,
      replicas: e.replicas,
      production: e.production,
      clusters: e.clusters.map((c) => ({ name: c.name, server: c.server })),
      engine: e.engine,
      // A branch-promotion environment's engine follows its branch; every other one follows main.
      branch: e.promotion === "branch" ? e.branch : undefined,
    })),
    gitopsRepoUrl: gitopsRepo.cloneUrl,
    ...(gitops.fluxGitSecret ? { fluxGitSecret: gitops.fluxGitSecret } : {}),
    appRepoUrl: repo.cloneUrl,
    domain: gitops.domain,
    catalogUrl: `${gitops.portalUrl}/catalog/service/${name}`,
  });
  const manifestCommit = await ctx.step(
    "commit-gitops-manifests",
    () =>
      commitWithRetry(forgejo, gitops, async (head) => {
        // Already there (an earlier attempt of this run committed it): nothing to do.
        if (
          head &&
          (await forgejo.readFile(
            gitops.owner,
            gitops.repo,
            getOverlayPaths(name, environments[0]!.name).kustomization,
            head,
          ))
        )
          return null;
        return {
          message: `Add ${name}: base, overlays and Applications\n\nRequested by ${ctx.actor.email} (Slipway run ${ctx.runId})`,
          changes: Object.entries(gitopsFiles).map(([path, content]) => ({ path, content })),
        };
      }),
    { compensate: () => removeServiceFromGitops(ctx, name).then(() => undefined) },
  );
  await ctx.link({ kind: "commit", url: manifestCommit.htmlUrl, title: `${gitops.owner}/${gitops.repo}: add ${name}` });

  await ctx.step(
    "register-service",
    () =>
      catalog.upsertEntity("service", {
        identifier: name,
        title: name,
        team,
        properties: {
          language: spec.language,
          framework: spec.framework,
          template: spec.template,
          port: spec.port,
          database: spec.database,
          redis: spec.redis,
          public: spec.public,
          repository: repo.htmlUrl,
          lifecycle: "experimental",
        },
        relations: input.paas ? { paas: input.paas } : {},
      }),
    { compensate: () => catalog.deleteEntity("service", name) },
  );
  const deployments = await ctx.step(
    "register-deployments",
    async () => {
      const ids: string[] = [];
      for (const env of environments) {
        const id = getApplicationName(name, env.name);
        await catalog.upsertEntity("deployment", {
          identifier: id,
          title: id,
          team,
          properties: { version: INITIAL_VERSION, status: "Unknown", sync_status: "Unknown", replicas: env.replicas },
          relations: { service: name, environment: env.name },
        });
        ids.push(id);
      }
      return ids;
    },
    {
      compensate: async (ids) => {
        for (const id of ids) await catalog.deleteEntity("deployment", id);
      },
    },
  );

  const dev = environments[0]!;
  const appNames = listDeploymentApps(getApplicationName(name, dev.name), dev);
  const engine = getEngineOps(cluster, dev.engine);
  // The step keeps its name for Flux too: a resumed run finds its checkpoint whatever the engine.
  const applied = await ctx.step("apply-dev-application", async () => {
    const names: string[] = [];
    for (const app of appNames) names.push((await engine.apply(app, gitopsFiles[engine.path(app)]!)).name);
    // A single name for single-cluster environments, as runs recorded before multi-cluster ones have it.
    return { name: names.join(", ") };
  });
  await ctx.log.info(`Handed ${engine.noun} ${applied.name} to the cluster`);
  const devKustomization = getOverlayPaths(name, dev.name).kustomization;
  await waitForRollout(ctx, appNames, {
    sha: manifestCommit.sha,
    files: { [devKustomization]: gitopsFiles[devKustomization]! },
  });
  await ctx.step("record-activity", async () => {
    await catalog.recordActivity("service", name, {
      kind: "created",
      message: `Created from the ${spec.template} template by ${ctx.actor.email}`,
      data: { run: ctx.runId, commit: manifestCommit.sha },
    });
    return true;
  });
  return { repository: repo.htmlUrl, gitopsCommit: manifestCommit.sha, deployments, serviceDir: getServiceDir(name) };
}

/** Compensation: one commit removing the service's directory and its Applications (Flux deliveries) from the GitOps repo. */
async function removeServiceFromGitops(ctx: RunContext, name: string) {
  const { forgejo, gitops } = ctx.ports;
  return commitWithRetry(forgejo, gitops, async (head) => {
    if (!head) return null;
    const files = [
      ...(await forgejo.listFiles(gitops.owner, gitops.repo, getServiceDir(name), head)),
      ...(await forgejo.listFiles(gitops.owner, gitops.repo, "argocd/apps", head)).filter((f) =>
        f.startsWith(`argocd/apps/${name}-`),
      ),
      ...(await forgejo.listFiles(gitops.owner, gitops.repo, "flux/apps", head)).filter((f) =>
        f.startsWith(`flux/apps/${name}-`),
      ),
    ];
    if (files.length === 0) return null;
    return {
      message: `Remove ${name} (run ${ctx.runId} failed)`,
      changes: files.map((path) => ({ path, delete: true as const })),
    };
  });
}
