import { randomUUID } from "node:crypto";
import path from "node:path";
import {
  ApplicationNotFoundError,
  ClusterConflictError,
  type AppEvent,
  type AppStatus,
  type ClusterPort,
} from "@/lib/cluster/cluster-port";
import { toStoredApplication } from "./application-manifest";
import { currentStatus, toAppStatus, toWorkloadStatus } from "./app-status";
import { createSandboxObjects } from "./cluster-objects";
import { createStateStore } from "./state-store";
import type { HistoryEntry } from "./state-types";
import { sleep } from "@/lib/sleep";

export type SandboxClusterOptions = {
  /** Where the state files live (e.g. `<data dir>/cluster`); shared with startSimulator. */
  root: string;
  /** The sandbox git root; only the simulator reads git, the port accepts it so both are configured alike. */
  gitRoot?: string;
  /** The namespace ArgoCD watches; manifests naming another are refused like the real adapter does. */
  namespace?: string;
  /** How often watchApplications re-reads the state files. */
  pollMs?: number;
};

export type SandboxCluster = ClusterPort & {
  /** The Application's deployment history (oldest first), like `argocd app history`; null when it does not exist. */
  getHistory(name: string): Promise<HistoryEntry[] | null>;
};

/**
 * The cluster of sandbox mode: Applications and their simulated status live in JSON files under
 * `root`, so the web process (this port) and the worker (startSimulator) share them.
 */
export function createSandboxCluster(options: SandboxClusterOptions): SandboxCluster {
  const store = createStateStore(path.resolve(options.root));
  const namespace = options.namespace ?? "argocd";
  const pollMs = options.pollMs ?? 200;

  async function getApplication(name: string): Promise<AppStatus | null> {
    const app = await store.readApplication(name);
    return app ? toAppStatus(app, await store.readStatus(name)) : null;
  }

  async function listApplications(): Promise<AppStatus[]> {
    const apps = await Promise.all((await store.listApplicationNames()).map(getApplication));
    return apps.filter((a): a is AppStatus => a !== null);
  }

  return {
    ...createSandboxObjects(path.resolve(options.root)),
    async applyApplication(name, manifest) {
      const previous = await store.readApplication(name);
      const next = toStoredApplication(name, manifest, namespace, previous);
      if (previous?.digest !== next.digest) await store.writeApplication(next);
      return { name, recorded: store.applicationFile(name) };
    },
    getApplication,
    listApplications,
    async watchApplications(onEvent, opts) {
      const signal = opts?.signal;
      const known = new Map<string, AppStatus>();
      // Polling the files is the sandbox's watch: nothing to reconnect, and every poll is a full relist.
      while (!signal?.aborted) {
        // A failed read (say, a file being replaced on a slow disk) is retried on the next poll.
        const listed = await listApplications().catch(() => null);
        if (listed && !signal?.aborted) diffApplications(known, listed, onEvent);
        await sleep(pollMs, signal);
      }
    },
    async listWorkloads(ns) {
      const names = await store.listApplicationNames();
      const workloads = await Promise.all(
        names.map(async (name) => {
          const app = await store.readApplication(name);
          if (!app) return [];
          return currentStatus(app, await store.readStatus(name)).workloads.filter(
            (w) => w.kind === "Deployment" && w.namespace === ns,
          );
        }),
      );
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
    async getHistory(name) {
      const app = await store.readApplication(name);
      return app ? currentStatus(app, await store.readStatus(name)).history : null;
    },
  };
}

/** Emits what changed since the last poll and updates `known` to the listed state. */
function diffApplications(known: Map<string, AppStatus>, listed: AppStatus[], onEvent: (e: AppEvent) => void): void {
  const seen = new Set<string>();
  for (const app of listed) {
    seen.add(app.name);
    const before = known.get(app.name);
    if (before && before.resourceVersion === app.resourceVersion) continue;
    known.set(app.name, app);
    onEvent({ type: before ? "MODIFIED" : "ADDED", app });
  }
  for (const [name, app] of known) {
    if (seen.has(name)) continue;
    known.delete(name);
    onEvent({ type: "DELETED", app });
  }
}
