// The cluster as actions see it. The ArgoCD/Kubernetes issue adds the real adapter (server-side
// apply, watches) and the sandbox GitOps simulator; until then the sandbox records Applications.
export type ClusterPort = {
  /** Creates or updates an ArgoCD Application from its manifest (YAML); idempotent. */
  applyApplication(name: string, manifest: string): Promise<{ name: string; recorded: string }>;
};
