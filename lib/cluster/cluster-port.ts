import { AppError } from "@/lib/errors";

// The cluster as actions and the catalog see it: ArgoCD Applications, Flux deliveries and the
// Deployments they roll out, in domain terms. Adapters: the real one on the Kubernetes API (lib/integrations/kubernetes)
// and the sandbox stand-ins; vendor objects never cross this boundary.

export type AppHealth = "Healthy" | "Progressing" | "Degraded" | "Suspended" | "Missing" | "Unknown";
export type AppSync = "Synced" | "OutOfSync" | "Unknown";

export type AppStatus = {
  name: string;
  namespace: string;
  health: AppHealth;
  healthMessage: string | null;
  sync: AppSync;
  /** The git revision ArgoCD last compared against (status.sync.revision). */
  revision: string | null;
  /** Phase of the current or last sync operation (Running, Succeeded, Failed, Error, Terminating). */
  operationPhase: string | null;
  reconciledAt: string | null;
  /** Opaque; equal values mean the same state of the object. */
  resourceVersion: string;
  /** The Application's own labels and annotations: what an import derives service and environment from. */
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /**
   * The catalog entity it reports to (the slipway.io/entity annotation, e.g. `deployment/cart-prod`):
   * every cluster's Application of a multi-cluster deployment names the same one. null when unset.
   */
  entity: string | null;
};

export type WorkloadCondition = { type: string; status: string; reason?: string; message?: string };

export type WorkloadStatus = {
  name: string;
  /** Desired replicas (spec.replicas). */
  replicas: number;
  readyReplicas: number;
  updatedReplicas: number;
  conditions: WorkloadCondition[];
  images: string[];
};

export type AppEvent = { type: "ADDED" | "MODIFIED" | "DELETED"; app: AppStatus };

export type WatchOptions = { signal?: AbortSignal };

/** A namespaced or cluster-scoped object other than an Application (a Namespace, a Paas, …). */
export type ObjectRef = { apiVersion: string; kind: string; name: string; namespace?: string };

/** The kinds applyObject accepts; anything else is an InvalidManifestError. */
export const clusterObjectKinds = ["Namespace", "Paas"] as const;

/** One element of an ApplicationSet's list generator: flat string parameters, one of them the key. */
export type ListElement = Record<string, string>;

export type ClusterPort = {
  /** Creates or updates an ArgoCD Application from its manifest (YAML); idempotent. */
  applyApplication(name: string, manifest: string): Promise<{ name: string; recorded: string }>;
  /** null when the Application does not exist. */
  getApplication(name: string): Promise<AppStatus | null>;
  listApplications(): Promise<AppStatus[]>;
  /**
   * Delivers every change of the Applications until `signal` aborts (then resolves). Starts with
   * ADDED for each existing Application; survives dropped connections and expired watches without
   * losing state, and relists periodically to catch anything a watch missed.
   */
  watchApplications(onEvent: (e: AppEvent) => void, opts?: WatchOptions): Promise<void>;
  /** The Deployments of a namespace. */
  listWorkloads(namespace: string): Promise<WorkloadStatus[]>;
  /**
   * Asks ArgoCD to compare with git now rather than at its next poll (3 minutes by default), like
   * `argocd app get --refresh`: runs call it right after committing, so status follows in seconds.
   */
  refreshApplication(name: string): Promise<void>;
  /** Asks ArgoCD to sync, like `argocd app sync` (sets the Application's `operation`). */
  requestSync(name: string, revision?: string): Promise<void>;
  /** Idempotent: deleting a missing Application succeeds. */
  deleteApplication(name: string): Promise<void>;
  /** Creates or updates an object of one of `clusterObjectKinds` from its manifest (YAML); idempotent. */
  applyObject(manifest: string): Promise<ObjectRef>;
  /** The object as the cluster has it (metadata and spec), or null when it does not exist. */
  getObject(ref: ObjectRef): Promise<Record<string, unknown> | null>;
  /** Idempotent: deleting a missing object succeeds. */
  deleteObject(ref: ObjectRef): Promise<void>;
  /**
   * Adds the element to the ApplicationSet's list generator, or replaces the one whose `key` field
   * has the same value; idempotent. The ApplicationSet itself belongs to the platform installation.
   */
  upsertListElement(applicationSet: string, key: string, element: ListElement): Promise<void>;
  /** Removes the element whose `key` field is `value`; idempotent. */
  removeListElement(applicationSet: string, key: string, value: string): Promise<void>;
  listListElements(applicationSet: string): Promise<ListElement[]>;

  // Flux, the second engine. A delivery is a GitRepository and the Kustomization applying one path
  // of it, both of the same name (`<svc>-<env>[-<cluster>]`, like an Application). Its status is
  // the Kustomization's, in the Application's terms: Ready=True → Healthy and Synced; Ready=Unknown
  // or Reconciling → Progressing; Ready=False or Stalled → Degraded with the condition's message;
  // `revision` is the commit of lastAppliedRevision (`main@sha1:<sha>` → `<sha>`), or of
  // lastAttemptedRevision when Degraded: the failure is about the commit Flux tried.

  /** Creates or updates both objects from one manifest (two YAML documents); idempotent. */
  applyDelivery(name: string, manifest: string): Promise<{ name: string; recorded: string }>;
  /** null when the Kustomization does not exist. */
  getDelivery(name: string): Promise<AppStatus | null>;
  listDeliveries(): Promise<AppStatus[]>;
  /** Like watchApplications, for the Kustomizations of deliveries. */
  watchDeliveries(onEvent: (e: AppEvent) => void, opts?: WatchOptions): Promise<void>;
  /**
   * Asks Flux to fetch the source and reconcile now rather than at the next interval, like
   * `flux reconcile kustomization --with-source` (the reconcile.fluxcd.io/requestedAt annotation).
   */
  refreshDelivery(name: string): Promise<void>;
  /** Deletes both objects; idempotent. */
  deleteDelivery(name: string): Promise<void>;
};

export type ConflictCause = { manager?: string; field?: string; message: string };

/**
 * The cluster refused a write because someone else changed the object: another field manager owns
 * the fields (apply without force), the object moved on (stale resourceVersion), or ArgoCD is
 * already running an operation. Nothing was written.
 */
export class ClusterConflictError extends AppError {
  readonly application: string;
  readonly reason: "FieldManagerConflict" | "ResourceVersionConflict" | "OperationInProgress";
  readonly causes: ConflictCause[];

  constructor(
    application: string,
    reason: ClusterConflictError["reason"],
    message: string,
    causes: ConflictCause[] = [],
  ) {
    super("conflict", message);
    this.name = "ClusterConflictError";
    this.application = application;
    this.reason = reason;
    this.causes = causes;
  }
}

export class ApplicationNotFoundError extends AppError {
  readonly application: string;

  constructor(application: string) {
    super("not_found", `Application ${application} not found`);
    this.name = "ApplicationNotFoundError";
    this.application = application;
  }
}

export class DeliveryNotFoundError extends AppError {
  readonly delivery: string;

  constructor(delivery: string) {
    super("not_found", `Flux Kustomization ${delivery} not found`);
    this.name = "DeliveryNotFoundError";
    this.delivery = delivery;
  }
}

/** The manifest handed to applyApplication (applyDelivery) is not an Application (delivery) named as asked. */
export class InvalidManifestError extends AppError {
  constructor(message: string) {
    super("bad_request", message);
    this.name = "InvalidManifestError";
  }
}
