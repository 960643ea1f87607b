/** Where a service's files live in the GitOps repo; actions edit these paths and nothing else. */
export type OverlayPaths = {
  dir: string;
  kustomization: string;
  replicaPatch: string;
  resourcePatch: string;
  networkPolicy: string;
  ingress: string;
  namespace: string;
  application: string;
};

export function getServiceDir(svc: string): string {
  return `services/${svc}`;
}

export function getBaseDir(svc: string): string {
  return `${getServiceDir(svc)}/base`;
}

export function getOverlayPaths(svc: string, env: string): OverlayPaths {
  const dir = `${getServiceDir(svc)}/overlays/${env}`;
  return {
    dir,
    kustomization: `${dir}/kustomization.yaml`,
    replicaPatch: `${dir}/replica-patch.yaml`,
    resourcePatch: `${dir}/resource-patch.yaml`,
    // Only production overlays have one; only public services have an ingress.
    networkPolicy: `${dir}/network-policy.yaml`,
    ingress: `${dir}/ingress.yaml`,
    // Only Flux environments' overlays have one (ArgoCD creates the namespace itself).
    namespace: `${dir}/namespace.yaml`,
    application: `argocd/apps/${svc}-${env}.yaml`,
  };
}
