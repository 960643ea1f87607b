import { DeliveryNotFoundError, type ClusterPort } from "@/lib/cluster/cluster-port";
import { runApplicationWatch, waitUntilInstalled, type WatchLoopOptions } from "./application-watch";
import { applyDeliveryManifest } from "./apply-delivery";
import {
  callKube,
  fieldManager,
  gitRepositoriesApi,
  type KubeClients,
  KubernetesApiError,
  kustomizationsApi,
  mergePatch,
} from "./kube-client";
import { toDeliveryStatus } from "./kustomization-mapper";

type DeliveryMethods = Pick<
  ClusterPort,
  "applyDelivery" | "getDelivery" | "listDeliveries" | "watchDeliveries" | "refreshDelivery" | "deleteDelivery"
>;

const pageSize = 500;
const isNotFound = (error: unknown) => error instanceof KubernetesApiError && error.status === 404;

/** Flux deliveries on the Kubernetes API: GitRepository + Kustomization custom objects in Flux's namespace. */
export function createKubernetesDeliveries(
  clients: KubeClients,
  namespace: string,
  watch: Omit<WatchLoopOptions, "listApplications" | "resource">,
): DeliveryMethods {
  const listKustomizations = () => listAll(clients, namespace);
  return {
    applyDelivery: (name, manifest) => applyDeliveryManifest(clients, namespace, name, manifest),

    async getDelivery(name) {
      try {
        const object: unknown = await callKube(`read of Kustomization ${name}`, () =>
          clients.custom.getNamespacedCustomObject({ ...kustomizationsApi, namespace, name }),
        );
        return toDeliveryStatus(object, namespace);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    async listDeliveries() {
      try {
        const { items } = await listKustomizations();
        return items.map((item) => toDeliveryStatus(item, namespace));
      } catch (error) {
        // Flux is not installed (no Kustomization CRD): there are no deliveries.
        if (isNotFound(error)) return [];
        throw error;
      }
    },

    async watchDeliveries(onEvent, opts) {
      const signal = opts?.signal;
      // Most clusters run ArgoCD only: without the CRD there is nothing to watch yet.
      const list = await waitUntilInstalled(
        listKustomizations,
        isNotFound,
        {
          ...watch,
          message: "Flux is not installed (no Kustomization CRD); not watching deliveries",
          fields: { namespace },
        },
        signal,
      );
      if (!list) return;
      await runApplicationWatch(
        clients,
        {
          ...watch,
          listApplications: list,
          resource: { kind: "Kustomization", api: kustomizationsApi, namespace, map: toDeliveryStatus },
        },
        onEvent,
        signal,
      );
    },

    async refreshDelivery(name) {
      // What `flux reconcile kustomization --with-source` sets: each controller reconciles on a new value.
      const body = { metadata: { annotations: { "reconcile.fluxcd.io/requestedAt": new Date().toISOString() } } };
      for (const api of [gitRepositoriesApi, kustomizationsApi]) {
        try {
          await callKube(`reconcile request for ${api.plural} ${name}`, () =>
            clients.custom.patchNamespacedCustomObject({ ...api, namespace, name, body, fieldManager }, mergePatch()),
          );
        } catch (error) {
          if (isNotFound(error)) throw new DeliveryNotFoundError(name);
          throw error;
        }
      }
    },

    async deleteDelivery(name) {
      // The Kustomization first: with prune it removes what it applied, then its source can go.
      for (const api of [kustomizationsApi, gitRepositoriesApi]) {
        try {
          await callKube(`delete of ${api.plural} ${name}`, () =>
            clients.custom.deleteNamespacedCustomObject({ ...api, namespace, name }),
          );
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
    },
  };
}

type ObjectList = { items?: unknown[]; metadata?: { resourceVersion?: string; continue?: string } };

async function listAll(
  clients: KubeClients,
  namespace: string,
): Promise<{ items: unknown[]; resourceVersion: string }> {
  const items: unknown[] = [];
  let resourceVersion = "";
  let token: string | undefined;
  do {
    const page = (await callKube("list of Kustomizations", () =>
      clients.custom.listNamespacedCustomObject({ ...kustomizationsApi, namespace, limit: pageSize, _continue: token }),
    )) as ObjectList;
    items.push(...(page.items ?? []));
    resourceVersion ||= page.metadata?.resourceVersion ?? "";
    token = page.metadata?.continue || undefined;
  } while (token);
  return { items, resourceVersion };
}
