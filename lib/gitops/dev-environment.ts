import { getDevApplicationName, getDevNamespace, type DevService } from "@/lib/dev-environments/names";
import { getApplicationName, getOverlayPaths } from "./index";

// The objects of a dev environment: its namespace and one ArgoCD Application per service, built from
// the service's dev overlay with the branch's image (or the image given) into the environment's
// namespace. Pure.

export type DevEnvironmentSpec = {
  name: string;
  team: string;
  owner: string;
  services: DevService[];
};

export type DevRenderOptions = { gitopsRepoUrl: string; registry: string };

/** Image tags follow branch names as CI pushes them: lowercase, `/` and other symbols as `-`. */
export const branchTag = (branch: string) =>
  branch
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 128) || "latest";

export function renderDevNamespace(spec: DevEnvironmentSpec) {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: getDevNamespace(spec.name),
      labels: {
        "app.kubernetes.io/managed-by": "slipway",
        "slipway.io/team": spec.team,
        "slipway.io/dev-environment": spec.name,
      },
      annotations: { "slipway.io/owner": spec.owner },
    },
  };
}

export function renderDevApplication(spec: DevEnvironmentSpec, service: DevService, opts: DevRenderOptions) {
  const image = service.image ?? `${opts.registry}/${spec.team}/${service.name}:${branchTag(service.branch ?? "main")}`;
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Application",
    // No namespace: the cluster port puts Applications where its ArgoCD watches.
    metadata: {
      name: getDevApplicationName(spec.name, service.name),
      labels: {
        "app.kubernetes.io/name": service.name,
        "app.kubernetes.io/managed-by": "slipway",
        "slipway.io/team": spec.team,
        "slipway.io/dev-environment": spec.name,
      },
      annotations: {
        "slipway.io/dev-environment": spec.name,
        ...(service.branch ? { "slipway.io/branch": service.branch } : {}),
      },
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: {
      project: "default",
      source: {
        repoURL: opts.gitopsRepoUrl,
        targetRevision: "main",
        path: getOverlayPaths(service.name, "dev").dir,
        kustomize: {
          namespace: getDevNamespace(spec.name),
          images: [image],
        },
      },
      destination: { server: "https://kubernetes.default.svc", namespace: getDevNamespace(spec.name) },
      info: [{ name: "Dev environment of", value: `${service.name} (${getApplicationName(service.name, "dev")})` }],
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 5 } },
    },
  };
}
