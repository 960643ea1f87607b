import { commitWithRetry, ensureGitopsRepo } from "@/actions/gitops-repo";
import {
  getApplicationName,
  getOverlayPaths,
  renderAppRepo,
  renderGitopsService,
  setImageTag,
  type Language,
  type Resources,
  type Template,
} from "@/lib/gitops";
import type { RunPorts } from "@/lib/runs/ports";

// The demo services get what create-microservice gives a new service (app repository, GitOps tree
// with overlays, Applications the cluster reconciles), so every day-2 action works on them. It is
// written in bulk (one app commit per service, a few GitOps commits for all of them) to keep the
// first start fast, and every part is skipped when already there, so it can run on every start.

export type DemoEnvironment = { name: string; production: boolean };

export type DemoGitopsService = {
  name: string;
  team: string;
  language: Language;
  framework: string;
  template: Template;
  port: number;
  database: boolean;
  redis: boolean;
  public: boolean;
  /** Per environment: replicas, resources and the versions it ran, oldest first (the last is current). */
  environments: Record<string, { replicas: number; resources: Resources; versions: string[] }>;
};

export type DemoGitopsResult = { repositories: Record<string, string>; committed: string[]; applied: number };

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function seedDemoGitops(
  ports: RunPorts,
  services: DemoGitopsService[],
  environments: DemoEnvironment[],
): Promise<DemoGitopsResult> {
  const { forgejo, cluster, gitops } = ports;
  const gitopsRepo = await ensureGitopsRepo(forgejo, gitops);
  const repositories: Record<string, string> = {};
  const rendered = new Map<string, Record<string, string>>();
  // A few services at a time: git's process start-up, not the CPU, is what each one waits on.
  await inBatches(services, 4, async (s) => {
    const image = `${gitops.registry}/${s.team}/${s.name}`;
    const spec = { ...s, image, version: s.environments[environments[0]!.name]!.versions[0]! };
    await forgejo.ensureOrg(s.team);
    const repo = await forgejo.ensureRepo({
      owner: s.team,
      name: s.name,
      description: `${s.name} (${s.template}), owned by ${s.team}`,
    });
    repositories[s.name] = repo.htmlUrl;
    if (!(await forgejo.branchHead(s.team, s.name, repo.defaultBranch))) {
      const files = renderAppRepo(spec, { gitopsRepoUrl: gitopsRepo.cloneUrl, devEnvironment: environments[0]!.name });
      await forgejo.commitFiles({
        owner: s.team,
        repo: s.name,
        branch: repo.defaultBranch,
        message: `Scaffold ${s.name} from the ${s.template} template\n\nDemo data seeded by Slipway`,
        changes: Object.entries(files).map(([path, content]) => ({ path, content })),
        expectedHead: null,
      });
    }
    rendered.set(
      s.name,
      renderGitopsService(spec, {
        environments: environments.map((e) => ({
          name: e.name,
          production: e.production,
          replicas: s.environments[e.name]!.replicas,
          resources: s.environments[e.name]!.resources,
        })),
        gitopsRepoUrl: gitopsRepo.cloneUrl,
        appRepoUrl: repo.cloneUrl,
        domain: gitops.domain,
        catalogUrl: `${gitops.portalUrl}/catalog/service/${s.name}`,
      }),
    );
  });

  const head = await forgejo.branchHead(gitops.owner, gitops.repo, gitopsRepo.defaultBranch);
  const present = new Set(head ? await forgejo.listFiles(gitops.owner, gitops.repo, "services", head) : []);
  const missing = services.filter((s) => !present.has(getOverlayPaths(s.name, environments[0]!.name).kustomization));
  // The overlays' history holds the versions each environment ran, so rollback has somewhere to go:
  // the first commit adds every file at the oldest version, each later one moves the image tags on.
  const rounds = Math.max(0, ...missing.flatMap((s) => Object.values(s.environments).map((e) => e.versions.length)));
  for (let round = 0; round < rounds && missing.length > 0; round++) {
    const changes: { path: string; content: string }[] = [];
    for (const s of missing) {
      const files = rendered.get(s.name)!;
      const image = `${gitops.registry}/${s.team}/${s.name}`;
      const overlays = new Set(environments.map((e) => getOverlayPaths(s.name, e.name).kustomization));
      if (round === 0)
        for (const [path, content] of Object.entries(files)) if (!overlays.has(path)) changes.push({ path, content });
      for (const e of environments) {
        const versions = s.environments[e.name]!.versions;
        // Shorter trails reach their current version early and stay there.
        const at = Math.max(0, versions.length - rounds + round);
        if (round > 0 && at === Math.max(0, versions.length - rounds + round - 1)) continue;
        const path = getOverlayPaths(s.name, e.name).kustomization;
        changes.push({ path, content: setImageTag(files[path]!, image, versions[at]!) });
      }
    }
    if (changes.length === 0) continue;
    await commitWithRetry(forgejo, gitops, async () => ({
      message:
        round === 0
          ? `Add the demo services: base, overlays and Applications\n\n${missing.map((s) => s.name).join(", ")}`
          : `Demo history: releases and promotions, step ${round} of ${rounds - 1}`,
      changes,
    }));
  }

  let applied = 0;
  for (const s of services)
    for (const e of environments) {
      const name = getApplicationName(s.name, e.name);
      if (await cluster.getApplication(name)) continue;
      await cluster.applyApplication(name, rendered.get(s.name)![getOverlayPaths(s.name, e.name).application]!);
      applied++;
    }
  return { repositories, committed: missing.map((s) => s.name), applied };
}
