import type { AppHealth, AppSync } from "@/lib/cluster/cluster-port";

// The JSON files the sandbox cluster and its simulator share. Each file has one writer: the port
// writes applications/ and operations/, only the simulator writes status/, so no read-modify-write
// of one process can undo another's.

export type AppSource = { repoURL: string; path: string; targetRevision: string };

/** `<root>/applications/<name>.json`: the Application as applied. */
export type StoredApplication = {
  /** New for every create after a delete: status written for an older incarnation is ignored. */
  uid: string;
  /** Bumped when a re-apply changes the manifest, like metadata.generation. */
  generation: number;
  createdAt: string;
  name: string;
  namespace: string;
  /** The slipway.io/entity annotation; notifications are only sent for Applications that name one. */
  entity: string | null;
  source: AppSource;
  destination: { server: string | null; namespace: string | null };
  automated: boolean;
  historyLimit: number;
  /** sha256 of the parsed manifest: an identical re-apply writes nothing. */
  digest: string;
  manifest: string;
  /**
   * Set on a Flux delivery (stored under `<root>/flux/`): the simulator plays Flux for it and
   * notifies like notification-controller, with these `event.toolkit.fluxcd.io/` annotations
   * (prefix removed) as the events' metadata. Absent on Applications.
   */
  flux?: { eventMetadata: Record<string, string> };
};

/** `<root>/operations/<name>.json`: the last sync asked for; pending until status.handledRequestId names it. */
export type SyncRequest = { id: string; revision: string | null; requestedAt: string };

export type SimContainer = { name: string; image: string };

export type SimWorkload = {
  kind: "Deployment" | "CronJob";
  name: string;
  namespace: string;
  replicas: number;
  containers: SimContainer[];
  /** Hash of the pod template: only a changed template replaces pods. */
  templateHash: string;
  readyReplicas: number;
  updatedReplicas: number;
  /** Set while pods are still starting; readiness is derived from the time elapsed since startedAt. */
  rollout: { startedAt: string; startReady: number } | null;
  degradedMessage: string | null;
};

export type OperationPhase = "Running" | "Succeeded" | "Failed" | "Error";

export type OperationState = {
  phase: OperationPhase;
  message: string | null;
  revision: string | null;
  initiatedBy: "automated" | "manual";
  startedAt: string;
  finishedAt: string | null;
};

/** Like ArgoCD's status.history: one entry per successful sync operation, oldest first. */
export type HistoryEntry = {
  id: number;
  revision: string;
  deployStartedAt: string;
  deployedAt: string;
  images: string[];
  source: AppSource;
  initiatedBy: "automated" | "manual";
};

/** `<root>/status/<name>.json`, written by the simulator only. */
export type SimStatus = {
  uid: string;
  version: number;
  observedGeneration: number;
  health: AppHealth;
  healthMessage: string | null;
  sync: AppSync;
  revision: string | null;
  reconciledAt: string | null;
  operation: OperationState | null;
  handledRequestId: string | null;
  /** Git tree of the exported source at `revision`: an equal tree cannot render differently. */
  sourceTree: string | null;
  renderedHash: string | null;
  workloads: SimWorkload[];
  history: HistoryEntry[];
  /** The last failed sync, so automated retries back off instead of failing every tick. */
  failure: { key: string; attempts: number; at: string } | null;
  /** `deployed` is sent once per revision, like the on-deployed trigger's `oncePer`. */
  lastDeployedRevision: string | null;
  /** Notifications carry strictly increasing observedAt so the webhook can order them. */
  lastEventAt: string | null;
};

export function createInitialStatus(uid: string): SimStatus {
  return {
    uid,
    version: 0,
    observedGeneration: 0,
    health: "Missing",
    healthMessage: null,
    sync: "OutOfSync",
    revision: null,
    reconciledAt: null,
    operation: null,
    handledRequestId: null,
    sourceTree: null,
    renderedHash: null,
    workloads: [],
    history: [],
    failure: null,
    lastDeployedRevision: null,
    lastEventAt: null,
  };
}
