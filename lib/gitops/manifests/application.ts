import { getApplicationName, getClusterApplicationName, getDeploymentEntity, getNamespace } from "../names";
import { getOverlayPaths } from "../paths";
import type { ServiceSpec } from "../service-spec";
import type { ResolvedEnvironment, ResolvedGitopsOptions } from "./gitops-options";

// Triggers named in Slipway's argocd-notifications config; each posts an entity payload to /api/webhooks/argocd.
export const notificationTriggers = [
  "on-sync-succeeded",
  "on-sync-failed",
  "on-health-degraded",
  "on-deployed",
] as const;
export const notificationService = "slipway";

/**
 * No `ignoreDifferences` on /spec/replicas (a common default): the scale action commits replica
 * counts to git, and ignoring the field would let ArgoCD report Synced while nothing scaled.
 */
export function renderApplication(
  spec: ServiceSpec,
  env: ResolvedEnvironment,
  opts: ResolvedGitopsOptions,
  cluster?: ResolvedEnvironment["clusters"][number],
) {
  const name = cluster
    ? getClusterApplicationName(spec.name, env.name, cluster.name)
    : getApplicationName(spec.name, env.name);
  // Every cluster's Application reports to the one deployment entity, which aggregates them.
  const annotations: Record<string, string> = {
    "slipway.io/entity": getDeploymentEntity(spec.name, env.name),
    "slipway.io/service": spec.name,
    "slipway.io/environment": env.name,
    ...(cluster ? { "slipway.io/cluster": cluster.name } : {}),
  };
  for (const trigger of notificationTriggers) {
    annotations[`notifications.argoproj.io/subscribe.${trigger}.${notificationService}`] = "";
  }
  // ArgoCD shows `link.argocd.argoproj.io/*` annotations as links on the application page.
  if (opts.catalogUrl) annotations["link.argocd.argoproj.io/slipway"] = opts.catalogUrl;
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    metadata: {
      name,
      namespace: opts.argocdNamespace,
      labels: {
        "app.kubernetes.io/name": spec.name,
        "app.kubernetes.io/managed-by": "slipway",
        "slipway.io/team": spec.team,
        "slipway.io/environment": env.name,
        ...(cluster ? { "slipway.io/cluster": cluster.name } : {}),
      },
      annotations,
      // Deleting the Application also deletes what it deployed (the delete action relies on it).
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: {
      project: opts.argocdProject,
      source: {
        repoURL: opts.gitopsRepoUrl,
        targetRevision: env.branch ?? opts.targetRevision,
        path: getOverlayPaths(spec.name, env.name).dir,
      },
      destination: { server: cluster?.server ?? opts.destinationServer, namespace: getNamespace(spec.team, env) },
      info: [{ name: "Source repository", value: opts.appRepoUrl }],
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ["CreateNamespace=true", "PruneLast=true"],
        retry: { limit: 5, backoff: { duration: "5s", factor: 2, maxDuration: "3m" } },
      },
      revisionHistoryLimit: 10,
    },
  };
}
