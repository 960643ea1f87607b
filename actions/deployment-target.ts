import { getOverlayPaths, readImageTag, type OverlayPaths } from "@/lib/gitops";
import type { EntityRef } from "@/lib/runs/define-action";
import type { RunPorts } from "@/lib/runs/ports";
import { readEnvironments, type PromotionEnvironment } from "./create-microservice/environments";

// Shared by promote, rollback and scale: a deployment entity resolved to its service, environment,
// image and overlay files in the GitOps repository.
export type DeploymentTarget = {
  deployment: string;
  service: string;
  team: string;
  environment: PromotionEnvironment;
  environments: PromotionEnvironment[];
  image: string;
  paths: OverlayPaths;
};

export async function resolveDeployment(
  ports: RunPorts,
  entity: EntityRef | null,
): Promise<DeploymentTarget | { error: string }> {
  if (!entity) return { error: "Pick a deployment" };
  const service = entity.relations.service?.[0];
  const envName = entity.relations.environment?.[0];
  if (!service || !envName) return { error: `Deployment ${entity.identifier} names no service or environment` };
  const environments = await readEnvironments(ports.catalog);
  const environment = environments.find((e) => e.name === envName);
  if (!environment) return { error: `Environment ${envName} is not in the catalog` };
  const team = entity.team ?? (await ports.catalog.findEntity("service", service))?.team;
  if (!team) return { error: `Service ${service} has no owning team` };
  return {
    deployment: entity.identifier,
    service,
    team,
    environment,
    environments,
    image: `${ports.gitops.registry}/${team}/${service}`,
    paths: getOverlayPaths(service, envName),
  };
}

/** The image tag an environment's overlay pins at `ref` (default: the main branch), or null. */
export async function readDeployedVersion(
  ports: RunPorts,
  target: Pick<DeploymentTarget, "image" | "paths">,
  ref?: string,
): Promise<string | null> {
  const text = await ports.forgejo.readFile(ports.gitops.owner, ports.gitops.repo, target.paths.kustomization, ref);
  return text ? readImageTag(text, target.image) : null;
}

/** The branch an environment runs from: its own for branch promotion, main otherwise. */
export const getLiveBranch = (target: Pick<DeploymentTarget, "environment">): string =>
  target.environment.promotion === "branch" ? target.environment.branch : "main";

/** Versions an environment ran, newest first, from the history of its overlay on the branch it runs from. */
export async function listVersionHistory(
  ports: RunPorts,
  target: Pick<DeploymentTarget, "image" | "paths" | "environment">,
): Promise<string[]> {
  const commits = await ports.forgejo.listCommits(ports.gitops.owner, ports.gitops.repo, {
    branch: getLiveBranch(target),
    path: target.paths.kustomization,
    limit: 50,
  });
  const versions: string[] = [];
  for (const c of commits) {
    const v = await readDeployedVersion(ports, target, c.sha);
    if (v && !versions.includes(v)) versions.push(v);
  }
  return versions;
}
