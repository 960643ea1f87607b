import { randomUUID } from "node:crypto";
import path from "node:path";
import {
  ApplicationNotFoundError,
  ClusterConflictError,
  DeliveryNotFoundError,
  type ClusterPort,
} from "@/lib/cluster/cluster-port";
import { toStoredApplication } from "./application-manifest";
import { currentStatus, toWorkloadStatus } from "./app-status";
import { createSandboxObjects } from "./cluster-objects";
import { toStoredDelivery } from "./delivery-manifest";
import { createStateStore, getFluxRoot, type StateStore } from "./state-store";
import type { HistoryEntry } from "./state-types";
import { createStoreView } from "./store-view";

export type SandboxClusterOptions = {
  /** Where the state files live (e.g. `<data dir>/cluster`); shared with startSimulator. */
  root: string;
  /** The sandbox git root; only the simulator reads git, the port accepts it so both are configured alike. */
  gitRoot?: string;
  /** The namespace ArgoCD watches; manifests naming another are refused like the real adapter does. */
  namespace?: string;
  /** Where Flux's objects live; delivery manifests naming another are refused. */
  fluxNamespace?: string;
  /** How often watchApplications re-reads the state files. */
  pollMs?: number;
};

export type SandboxCluster = ClusterPort & {
  /** The Application's deployment history (oldest first), like `argocd app history`; null when it does not exist. */
  getHistory(name: string): Promise<HistoryEntry[] | null>;
};

/**
 * The cluster of sandbox mode: Applications and their simulated status live in JSON files under
 * `root`, Flux deliveries under `root/flux` in the same layout, so the web process (this port) and
 * the worker (startSimulator) share them.
 */
export function createSandboxCluster(options: SandboxClusterOptions): SandboxCluster {
  const store = createStateStore(path.resolve(options.root));
  const namespace = options.namespace ?? "argocd";
  const pollMs = options.pollMs ?? 200;
  const fluxNamespace = options.fluxNamespace ?? "flux-system";
  const fluxStore = createStateStore(getFluxRoot(path.resolve(options.root)));

  const applications = createStoreView(store, pollMs);
  const deliveries = createStoreView(fluxStore, pollMs);

  return {
    ...createSandboxObjects(path.resolve(options.root)),
    async applyApplication(name, manifest) {
      const previous = await store.readApplication(name);
      const next = toStoredApplication(name, manifest, namespace, previous);
      if (previous?.digest !== next.digest) await store.writeApplication(next);
      return { name, recorded: store.applicationFile(name) };
    },
    getApplication: applications.get,
    listApplications: applications.list,
    watchApplications: applications.watch,
    async listWorkloads(ns) {
      const workloads = await Promise.all([store, fluxStore].map((s) => listStoreWorkloads(s, ns)));
      return workloads.flat().map(toWorkloadStatus);
    },
    async refreshApplication(name) {
      // The simulator compares every Application with git on each tick; there is nothing to hurry.
      if (!(await store.readApplication(name))) throw new ApplicationNotFoundError(name);
    },
    async requestSync(name, revision) {
      const app = await store.readApplication(name);
      if (!app) throw new ApplicationNotFoundError(name);
      const pending = await store.readRequest(name);
      const status = currentStatus(app, await store.readStatus(name));
      // Like the real adapter: one operation at a time.
      if (pending && pending.id !== status.handledRequestId)
        throw new ClusterConflictError(
          name,
          "OperationInProgress",
          `Application ${name}: another operation is already in progress`,
        );
      await store.writeRequest(name, {
        id: randomUUID(),
        revision: revision ?? null,
        requestedAt: new Date().toISOString(),
      });
    },
    async deleteApplication(name) {
      if (!(await store.readApplication(name))) return;
      await store.removeApplication(name);
    },
    async applyDelivery(name, manifest) {
      const previous = await fluxStore.readApplication(name);
      const next = toStoredDelivery(name, manifest, fluxNamespace, previous);
      if (previous?.digest !== next.digest) await fluxStore.writeApplication(next);
      return { name, recorded: fluxStore.applicationFile(name) };
    },
    getDelivery: deliveries.get,
    listDeliveries: deliveries.list,
    watchDeliveries: deliveries.watch,
    async refreshDelivery(name) {
      // Like refreshApplication: the simulator fetches every source on each tick.
      if (!(await fluxStore.readApplication(name))) throw new DeliveryNotFoundError(name);
    },
    async deleteDelivery(name) {
      if (await fluxStore.readApplication(name)) await fluxStore.removeApplication(name);
    },
    async getHistory(name) {
      const app = await store.readApplication(name);
      return app ? currentStatus(app, await store.readStatus(name)).history : null;
    },
  };
}

async function listStoreWorkloads(store: StateStore, ns: string) {
  const workloads = await Promise.all(
    (await store.listApplicationNames()).map(async (name) => {
      const app = await store.readApplication(name);
      if (!app) return [];
      return currentStatus(app, await store.readStatus(name)).workloads.filter(
        (w) => w.kind === "Deployment" && w.namespace === ns,
      );
    }),
  );
  return workloads.flat();
}
