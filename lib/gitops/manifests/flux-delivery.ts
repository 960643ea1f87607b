import { getApplicationName, getClusterApplicationName, getDeploymentEntity, getNamespace } from "../names";
import { getOverlayPaths } from "../paths";
import type { ServiceSpec } from "../service-spec";
import type { ResolvedEnvironment, ResolvedGitopsOptions } from "./gitops-options";

export const fluxSourceApiVersion = "source.toolkit.fluxcd.io/v1";
export const fluxKustomizeApiVersion = "kustomize.toolkit.fluxcd.io/v1";

/**
 * The Flux engine's counterpart of an Application: a GitRepository on the GitOps repository (the
 * environment's branch, or main) and a Kustomization applying the overlay from it, both named like
 * the Application would be. Annotations prefixed `event.toolkit.fluxcd.io/` reach Slipway's webhook
 * in every notification's metadata (entity, and cluster on multi-cluster environments).
 */
export function renderFluxDelivery(
  spec: ServiceSpec,
  env: ResolvedEnvironment,
  opts: ResolvedGitopsOptions,
  cluster?: ResolvedEnvironment["clusters"][number],
) {
  const name = cluster
    ? getClusterApplicationName(spec.name, env.name, cluster.name)
    : getApplicationName(spec.name, env.name);
  const entity = getDeploymentEntity(spec.name, env.name);
  const labels = {
    "app.kubernetes.io/name": spec.name,
    "app.kubernetes.io/managed-by": "slipway",
    "slipway.io/team": spec.team,
    "slipway.io/environment": env.name,
    ...(cluster ? { "slipway.io/cluster": cluster.name } : {}),
  };
  const annotations: Record<string, string> = {
    "slipway.io/entity": entity,
    "slipway.io/service": spec.name,
    "slipway.io/environment": env.name,
    "event.toolkit.fluxcd.io/entity": entity,
    ...(cluster ? { "slipway.io/cluster": cluster.name, "event.toolkit.fluxcd.io/cluster": cluster.name } : {}),
  };
  const metadata = { name, namespace: opts.fluxNamespace, labels, annotations };
  const gitRepository = {
    apiVersion: fluxSourceApiVersion,
    kind: "GitRepository",
    metadata,
    spec: {
      url: opts.gitopsRepoUrl,
      ref: { branch: env.branch ?? opts.targetRevision },
      interval: opts.fluxInterval,
      ...(opts.fluxGitSecret ? { secretRef: { name: opts.fluxGitSecret } } : {}),
    },
  };
  const kustomization = {
    apiVersion: fluxKustomizeApiVersion,
    kind: "Kustomization",
    metadata,
    spec: {
      sourceRef: { kind: "GitRepository", name },
      path: `./${getOverlayPaths(spec.name, env.name).dir}`,
      prune: true,
      // Ready only once the workloads are: what runs wait for.
      wait: true,
      timeout: "5m",
      interval: opts.fluxInterval,
      targetNamespace: getNamespace(spec.team, env),
      // Another cluster is reached through its kubeconfig Secret (the cluster entity's credentials).
      ...(cluster ? { kubeConfig: { secretRef: { name: `cluster-${cluster.name}` } } } : {}),
    },
  };
  return [gitRepository, kustomization] as const;
}
