import type { CatalogPort } from "@/lib/catalog/catalog-port";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import type { ForgejoPort } from "@/lib/git/forgejo-port";

export type GitopsSettings = {
  /** Owner and name of the GitOps repository (SLIPWAY_GITOPS_REPO). */
  owner: string;
  repo: string;
  registry: string;
  domain: string;
  /** Public URL of the portal, for links written into repositories and Applications. */
  portalUrl: string;
};

/** Everything an executor may touch; built per run by lib/runs/create-ports.ts. */
export type RunPorts = {
  forgejo: ForgejoPort;
  catalog: CatalogPort;
  cluster: ClusterPort;
  gitops: GitopsSettings;
};
