import path from "node:path";
import { createCatalogPort } from "@/lib/catalog/catalog-port";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import { createSandboxCluster, type RemoteGit } from "@/lib/integrations/sandbox-cluster";
import { createKubernetesCluster } from "@/lib/integrations/kubernetes/kubernetes-cluster";
import { getEnv } from "@/lib/env";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { createForgejoAdapter } from "@/lib/integrations/forgejo/forgejo-adapter";
import { createSandboxForgejo } from "@/lib/integrations/sandbox-git/sandbox-forgejo";
import type { RunPorts } from "./ports";

export function portalUrl(): string {
  const env = getEnv();
  return env.AUTH_URL ?? `http://localhost:${env.PORT}`;
}

/** The git server of this install: Forgejo when configured, else bare repositories in the data dir. */
export function createForgejoPort(): ForgejoPort {
  const env = getEnv();
  if (env.SLIPWAY_FORGEJO_URL && env.SLIPWAY_FORGEJO_TOKEN)
    return createForgejoAdapter({ url: env.SLIPWAY_FORGEJO_URL, token: env.SLIPWAY_FORGEJO_TOKEN });
  return createSandboxForgejo({ root: sandboxClusterPaths().gitRoot, baseUrl: portalUrl() });
}

/** The cluster: the Kubernetes API when configured, else the sandbox's stand-in under the data dir. */
export function createClusterPort(): ClusterPort {
  const env = getEnv();
  if (env.SLIPWAY_KUBECONFIG || env.SLIPWAY_KUBE_IN_CLUSTER) {
    return createKubernetesCluster({
      kubeconfigPath: env.SLIPWAY_KUBECONFIG,
      inCluster: env.SLIPWAY_KUBE_IN_CLUSTER,
      argocdNamespace: env.SLIPWAY_ARGOCD_NAMESPACE,
    });
  }
  return createSandboxCluster(sandboxClusterPaths());
}

/** Where the sandbox cluster keeps its state and where its simulator reads git from. */
export function sandboxClusterPaths(): { root: string; gitRoot: string } {
  const dataDir = path.resolve(getEnv().SLIPWAY_DATA_DIR);
  return { root: path.join(dataDir, "cluster"), gitRoot: path.join(dataDir, "git") };
}

/** The real Forgejo the simulated cluster fetches GitOps repositories from, when one is configured. */
export function simulatorRemote(): RemoteGit | undefined {
  const env = getEnv();
  return env.SLIPWAY_FORGEJO_URL && env.SLIPWAY_FORGEJO_TOKEN
    ? { baseUrl: env.SLIPWAY_FORGEJO_URL, token: env.SLIPWAY_FORGEJO_TOKEN }
    : undefined;
}

/** Ports for one run, acting as `actor` in the catalog's audit trail. */
export function createRunPorts(opts: { actor: string }): RunPorts {
  const env = getEnv();
  const [owner, repo] = env.SLIPWAY_GITOPS_REPO.split("/") as [string, string];
  return {
    forgejo: createForgejoPort(),
    catalog: createCatalogPort(opts.actor),
    cluster: createClusterPort(),
    gitops: {
      owner,
      repo,
      registry: env.SLIPWAY_IMAGE_REGISTRY,
      domain: env.SLIPWAY_APPS_DOMAIN,
      portalUrl: portalUrl(),
    },
  };
}
