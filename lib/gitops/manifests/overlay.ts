import { getApplicationName, getDatabaseClusterName, getEnvConfigMapName, getHost, getNamespace } from "../names";
import { getOverlayPaths } from "../paths";
import { getRuntimeProfile } from "../runtime";
import { isBatch, type ServiceSpec } from "../service-spec";
import { toYamlFile } from "../yaml-file";
import type { ResolvedEnvironment, ResolvedGitopsOptions } from "./gitops-options";
import { renderIngress, renderNetworkPolicy } from "./traffic";
import { getContainersPath } from "./workload";

const overlayHeader = (env: string) =>
  `Overlay for ${env}. Slipway's promote, rollback and scale actions edit \`images\`,\nreplica-patch.yaml and resource-patch.yaml; keep hand edits elsewhere.`;

function getWorkloadRef(spec: ServiceSpec) {
  return isBatch(spec)
    ? { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: spec.name } }
    : { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: spec.name } };
}

/** Nest `leaf` under `path` as plain objects (patches repeat the workload's shape). */
function nestUnder(path: string[], leaf: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((acc, key) => ({ [key]: acc }), leaf) as Record<string, unknown>;
}

export function renderReplicaPatch(spec: ServiceSpec, replicas: number) {
  const path = isBatch(spec) ? ["spec", "jobTemplate", "spec", "parallelism"] : ["spec", "replicas"];
  return { ...getWorkloadRef(spec), ...nestUnder(path, replicas) };
}

export function renderResourcePatch(spec: ServiceSpec, env: ResolvedEnvironment) {
  const resources = env.resources ?? getRuntimeProfile(spec.language).resources;
  return { ...getWorkloadRef(spec), ...nestUnder(getContainersPath(spec), [{ name: spec.name, resources }]) };
}

// JSON6902 rather than strategic merge: kustomize has no schema for the CNPG CRD.
function renderDatabasePatch(spec: ServiceSpec) {
  return {
    target: { group: "postgresql.cnpg.io", version: "v1", kind: "Cluster", name: getDatabaseClusterName(spec.name) },
    patch: toYamlFile([
      { op: "replace", path: "/spec/instances", value: 3 },
      { op: "replace", path: "/spec/storage/size", value: "10Gi" },
    ]),
  };
}

function renderEnvLiterals(spec: ServiceSpec, env: ResolvedEnvironment, opts: ResolvedGitopsOptions): string[] {
  const literals = [
    `ENVIRONMENT=${env.name}`,
    `LOG_LEVEL=${env.production ? "INFO" : "DEBUG"}`,
    "METRICS_ENABLED=true",
  ];
  if (spec.public) literals.push(`PUBLIC_URL=https://${getHost(spec.name, env, opts.domain)}`);
  return literals;
}

function renderKustomization(spec: ServiceSpec, env: ResolvedEnvironment, opts: ResolvedGitopsOptions) {
  const resources = ["../../base"];
  if (env.engine === "flux") resources.push("namespace.yaml");
  if (spec.public) resources.push("ingress.yaml");
  if (env.production) resources.push("network-policy.yaml");
  const patches: unknown[] = [{ path: "replica-patch.yaml" }, { path: "resource-patch.yaml" }];
  if (spec.database && env.production) patches.push(renderDatabasePatch(spec));
  return {
    apiVersion: "kustomize.config.k8s.io/v1beta1",
    kind: "Kustomization",
    namespace: getNamespace(spec.team, env),
    resources,
    labels: [
      {
        pairs: {
          "app.kubernetes.io/instance": getApplicationName(spec.name, env.name),
          "slipway.io/environment": env.name,
        },
        includeTemplates: true,
      },
    ],
    images: [{ name: spec.image, newTag: spec.version }],
    patches,
    configMapGenerator: [{ name: getEnvConfigMapName(spec.name), literals: renderEnvLiterals(spec, env, opts) }],
  };
}

/**
 * A Flux Kustomization's `targetNamespace` must exist (ArgoCD's CreateNamespace has no Flux
 * counterpart). Every service of the team shares it, so Flux creates it when missing and never
 * updates or prunes it: deleting one service must not take its neighbours' namespace with it.
 */
export function renderFluxNamespace(spec: ServiceSpec, env: ResolvedEnvironment) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: getNamespace(spec.team, env),
      annotations: {
        "kustomize.toolkit.fluxcd.io/ssa": "IfNotPresent",
        "kustomize.toolkit.fluxcd.io/prune": "disabled",
      },
    },
  };
}

export function renderOverlay(
  spec: ServiceSpec,
  env: ResolvedEnvironment,
  opts: ResolvedGitopsOptions,
): Record<string, string> {
  const paths = getOverlayPaths(spec.name, env.name);
  const header = overlayHeader(env.name);
  const files: Record<string, string> = {
    [paths.kustomization]: toYamlFile(renderKustomization(spec, env, opts), header),
    [paths.replicaPatch]: toYamlFile(renderReplicaPatch(spec, env.replicas), header),
    [paths.resourcePatch]: toYamlFile(renderResourcePatch(spec, env), header),
  };
  if (env.engine === "flux") files[paths.namespace] = toYamlFile(renderFluxNamespace(spec, env), header);
  if (spec.public) files[paths.ingress] = toYamlFile(renderIngress(spec, env, opts), header);
  if (env.production) files[paths.networkPolicy] = toYamlFile(renderNetworkPolicy(spec, opts), header);
  return files;
}
