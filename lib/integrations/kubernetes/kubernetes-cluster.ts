import { ApplicationNotFoundError, type ClusterPort } from "@/lib/cluster/cluster-port";
import { logger } from "@/lib/logger";
import { toAppStatus } from "./application-mapper";
import { runApplicationWatch, waitUntilInstalled } from "./application-watch";
import { applyApplicationManifest } from "./apply-application";
import { createKubernetesObjects } from "./cluster-objects";
import { createKubernetesDeliveries } from "./flux-deliveries";
import {
  applicationsApi,
  callKube,
  type ClusterLog,
  createKubeClients,
  fieldManager,
  type KubeClients,
  KubernetesApiError,
  mergePatch,
} from "./kube-client";
import { requestApplicationSync } from "./request-sync";
import { toWorkloadStatus } from "./workload-mapper";

export type KubernetesClusterOptions = {
  /** A kubeconfig file; its current context is used. */
  kubeconfigPath?: string;
  /** Use the pod's service account instead (takes precedence over kubeconfigPath). */
  inCluster?: boolean;
  /** Where ArgoCD looks for Applications. */
  argocdNamespace?: string;
  /** Where Flux's GitRepositories and Kustomizations live (flux-system). */
  fluxNamespace?: string;
  /** Full relist of Applications this often while watching. */
  resyncSeconds?: number;
  /** Backoff between watch reconnects after failures. */
  watchRetry?: { initialMs?: number; maxMs?: number };
  /** false: an apply that would take fields from another field manager fails instead (ClusterConflictError). */
  forceConflicts?: boolean;
  log?: ClusterLog;
};

const pageSize = 500;

/** The ClusterPort on a real Kubernetes API server running ArgoCD (and Flux), through @kubernetes/client-node. */
export function createKubernetesCluster(options: KubernetesClusterOptions): ClusterPort {
  const namespace = options.argocdNamespace ?? "argocd";
  const clients = createKubeClients({
    kubeconfigPath: options.kubeconfigPath,
    inCluster: options.inCluster,
    namespace,
  });
  const log = options.log ?? logger;
  const listApplications = () => listAllApplications(clients);
  const watchLoop = {
    resyncMs: (options.resyncSeconds ?? 300) * 1000,
    retry: { initialMs: options.watchRetry?.initialMs ?? 250, maxMs: options.watchRetry?.maxMs ?? 30_000 },
    log,
  };

  return {
    ...createKubernetesObjects(clients),
    ...createKubernetesDeliveries(clients, options.fluxNamespace ?? "flux-system", watchLoop),
    applyApplication: (name, manifest) =>
      applyApplicationManifest(clients, name, manifest, { forceConflicts: options.forceConflicts ?? true, log }),

    async getApplication(name) {
      try {
        const object: unknown = await callKube(`read of Application ${name}`, () =>
          clients.custom.getNamespacedCustomObject({ ...applicationsApi, namespace, name }),
        );
        return toAppStatus(object, namespace);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async listApplications() {
      const { items } = await listApplications();
      return items.map((item) => toAppStatus(item, namespace));
    },

    async watchApplications(onEvent, opts) {
      // A cluster running only Flux has no Application CRD: nothing to watch yet.
      const list = await waitUntilInstalled(
        listApplications,
        isNotFound,
        {
          ...watchLoop,
          message: "ArgoCD is not installed (no Application CRD); not watching Applications",
          fields: { namespace },
        },
        opts?.signal,
      );
      if (list) await runApplicationWatch(clients, { ...watchLoop, listApplications: list }, onEvent, opts?.signal);
    },

    async listWorkloads(workloadNamespace) {
      const deployments = [];
      let token: string | undefined;
      do {
        const page = await callKube(`list of Deployments in ${workloadNamespace}`, () =>
          clients.apps.listNamespacedDeployment({ namespace: workloadNamespace, limit: pageSize, _continue: token }),
        );
        deployments.push(...page.items);
        token = page.metadata?._continue || undefined;
      } while (token);
      return deployments.map(toWorkloadStatus);
    },

    async refreshApplication(name) {
      // ArgoCD's controller refreshes and then removes this annotation (what `argocd app get --refresh` sets).
      const body = { metadata: { annotations: { "argocd.argoproj.io/refresh": "normal" } } };
      try {
        await callKube(`refresh of Application ${name}`, () =>
          clients.custom.patchNamespacedCustomObject(
            { ...applicationsApi, namespace, name, body, fieldManager },
            mergePatch(),
          ),
        );
      } catch (error) {
        if (isNotFound(error)) throw new ApplicationNotFoundError(name);
        throw error;
      }
    },

    requestSync: (name, revision) => requestApplicationSync(clients, name, revision, fieldManager),

    async deleteApplication(name) {
      try {
        // ArgoCD's resources-finalizer then removes what the Application deployed.
        await callKube(`delete of Application ${name}`, () =>
          clients.custom.deleteNamespacedCustomObject({ ...applicationsApi, namespace, name }),
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
  };
}

const isNotFound = (error: unknown) => error instanceof KubernetesApiError && error.status === 404;

type ApplicationList = { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string } };

/** Every Application, page by page; the resourceVersion is the first page's (one consistent snapshot). */
async function listAllApplications(clients: KubeClients): Promise<{ items: unknown[]; resourceVersion: string }> {
  const items: unknown[] = [];
  let resourceVersion = "";
  let token: string | undefined;
  do {
    const page = (await callKube("list of Applications", () =>
      clients.custom.listNamespacedCustomObject({
        ...applicationsApi,
        namespace: clients.namespace,
        limit: pageSize,
        _continue: token,
      }),
    )) as ApplicationList;
    items.push(...(page.items ?? []));
    resourceVersion ||= page.metadata?.resourceVersion ?? "";
    token = page.metadata?.continue || undefined;
  } while (token);
  return { items, resourceVersion };
}
