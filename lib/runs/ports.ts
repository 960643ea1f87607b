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
  /** Secret Flux reads the GitOps repository with (SLIPWAY_FLUX_GIT_SECRET); none: a public repository. */
  fluxGitSecret?: string;
};

/** Everything an executor may touch; the composition root (lib/wiring.ts) provides them. */
export type RunPorts = {
  forgejo: ForgejoPort;
  catalog: CatalogPort;
  cluster: ClusterPort;
  gitops: GitopsSettings;
};

/**
 * Ports whose adapters are built when first read: a `check` that only asks the catalog never
 * builds a git or cluster client.
 */
export function lazyRunPorts(build: {
  forgejo: () => ForgejoPort;
  catalog: () => CatalogPort;
  cluster: () => ClusterPort;
  gitops: () => GitopsSettings;
}): RunPorts {
  let forgejo: ForgejoPort | undefined;
  let catalog: CatalogPort | undefined;
  let cluster: ClusterPort | undefined;
  let gitops: GitopsSettings | undefined;
  return {
    get forgejo() {
      return (forgejo ??= build.forgejo());
    },
    get catalog() {
      return (catalog ??= build.catalog());
    },
    get cluster() {
      return (cluster ??= build.cluster());
    },
    get gitops() {
      return (gitops ??= build.gitops());
    },
  };
}
