import path from "node:path";
import { builtinActions, testActions } from "@/actions/registry";
import { createCatalogPort } from "@/lib/catalog/catalog-port";
import type { ClusterPort } from "@/lib/cluster/cluster-port";
import { getEnv } from "@/lib/env";
import type { ForgejoPort } from "@/lib/git/forgejo-port";
import { createForgejoAdapter } from "@/lib/integrations/forgejo/forgejo-adapter";
import { createKubernetesCluster } from "@/lib/integrations/kubernetes/kubernetes-cluster";
import { createSandboxCluster, type RemoteGit } from "@/lib/integrations/sandbox-cluster";
import { createSandboxForgejo } from "@/lib/integrations/sandbox-git/sandbox-forgejo";
import { lazyRunPorts, type GitopsSettings, type RunPorts } from "@/lib/runs/ports";
import { installRunWiring } from "@/lib/runs/run-wiring";

// The composition root: the one place that picks adapters from the environment and knows the
// actions. Entry points (instrumentation.ts for the web server, the worker, scripts, test set-up)
// call wire() once; lib/ code receives what it needs from here instead of importing actions/.

export function portalUrl(): string {
  const env = getEnv();
  return env.AUTH_URL ?? `http://localhost:${env.PORT}`;
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

// Once per process: Next.js may evaluate this module more than once (instrumentation and route bundles).
const built = ((globalThis as { [key: symbol]: unknown })[Symbol.for("slipway.adapters")] ??= {}) as {
  forgejo?: ForgejoPort;
  cluster?: ClusterPort;
};

/** The git server of this install: Forgejo when configured, else bare repositories in the data dir. */
export function forgejoPort(): ForgejoPort {
  const env = getEnv();
  built.forgejo ??=
    env.SLIPWAY_FORGEJO_URL && env.SLIPWAY_FORGEJO_TOKEN
      ? createForgejoAdapter({ url: env.SLIPWAY_FORGEJO_URL, token: env.SLIPWAY_FORGEJO_TOKEN })
      : createSandboxForgejo({ root: sandboxClusterPaths().gitRoot, baseUrl: portalUrl() });
  return built.forgejo;
}

/** The cluster: the Kubernetes API when configured, else the sandbox's stand-in under the data dir. */
export function clusterPort(): ClusterPort {
  const env = getEnv();
  built.cluster ??=
    env.SLIPWAY_KUBECONFIG || env.SLIPWAY_KUBE_IN_CLUSTER
      ? createKubernetesCluster({
          kubeconfigPath: env.SLIPWAY_KUBECONFIG,
          inCluster: env.SLIPWAY_KUBE_IN_CLUSTER,
          argocdNamespace: env.SLIPWAY_ARGOCD_NAMESPACE,
        })
      : createSandboxCluster(sandboxClusterPaths());
  return built.cluster;
}

function gitopsSettings(): GitopsSettings {
  const env = getEnv();
  const [owner, repo] = env.SLIPWAY_GITOPS_REPO.split("/") as [string, string];
  return {
    owner,
    repo,
    registry: env.SLIPWAY_IMAGE_REGISTRY,
    domain: env.SLIPWAY_APPS_DOMAIN,
    portalUrl: portalUrl(),
    ...(env.SLIPWAY_FLUX_GIT_SECRET ? { fluxGitSecret: env.SLIPWAY_FLUX_GIT_SECRET } : {}),
  };
}

/** Ports acting as `actor` in the catalog's audit trail; each adapter is built when first used. */
export function runPorts(actor: string): RunPorts {
  return lazyRunPorts({
    forgejo: forgejoPort,
    cluster: clusterPort,
    catalog: () => createCatalogPort(actor),
    gitops: gitopsSettings,
  });
}

/** Hands the actions and the ports to lib/runs. Idempotent; call it before serving or working. */
export function wire(): void {
  const actions = getEnv().SLIPWAY_TEST_ACTIONS ? [...builtinActions, ...testActions] : builtinActions;
  installRunWiring({ actions, portsFor: runPorts });
}
