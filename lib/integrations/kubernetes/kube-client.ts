import {
  ApiException,
  AppsV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from "@kubernetes/client-node";

export const applicationsApi = { group: "argoproj.io", version: "v1alpha1", plural: "applications" } as const;
export const kustomizationsApi = {
  group: "kustomize.toolkit.fluxcd.io",
  version: "v1",
  plural: "kustomizations",
} as const;
export const gitRepositoriesApi = {
  group: "source.toolkit.fluxcd.io",
  version: "v1",
  plural: "gitrepositories",
} as const;
export const fieldManager = "slipway";

export type KubeClients = {
  config: KubeConfig;
  custom: CustomObjectsApi;
  apps: AppsV1Api;
  watch: Watch;
  namespace: string;
};

export type ClusterLog = {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
};

export function createKubeClients(opts: {
  kubeconfigPath?: string;
  inCluster?: boolean;
  namespace: string;
}): KubeClients {
  const config = new KubeConfig();
  if (opts.inCluster) config.loadFromCluster();
  else if (opts.kubeconfigPath) config.loadFromFile(opts.kubeconfigPath);
  // loadFromDefault would read KUBECONFIG behind lib/env.ts's back: configuration is explicit.
  else throw new Error("createKubernetesCluster needs a kubeconfigPath or inCluster: true");
  return {
    config,
    custom: config.makeApiClient(CustomObjectsApi),
    apps: config.makeApiClient(AppsV1Api),
    watch: new Watch(config),
    namespace: opts.namespace,
  };
}

/**
 * The generated client picks `application/json-patch+json` for every PATCH; the Content-Type
 * header is replaced per call by a middleware (the body is still JSON, which is valid YAML).
 */
export const serverSideApply = () => setHeaderOptions("Content-Type", PatchStrategy.ServerSideApply);
export const mergePatch = () => setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

export type KubeStatusCause = { type?: string; message?: string; field?: string };
export type KubeStatus = { code: number; reason: string; message: string; causes: KubeStatusCause[] };

/** The Status the API server answered with, from an ApiException (its body is the raw JSON text). */
export function readKubeStatus(error: unknown): KubeStatus | null {
  if (!(error instanceof ApiException)) return null;
  const raw: unknown = error.body;
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
    if (parsed && typeof parsed === "object") body = parsed as Record<string, unknown>;
  } catch {
    // not a Status: keep the HTTP code
  }
  const details = (body.details ?? {}) as { causes?: KubeStatusCause[] };
  return {
    code: error.code,
    reason: typeof body.reason === "string" ? body.reason : "",
    message: typeof body.message === "string" ? body.message : `HTTP ${error.code}`,
    causes: Array.isArray(details.causes) ? details.causes : [],
  };
}

/** Any other failure of the API server, without the SDK's header dump in the message. */
export class KubernetesApiError extends Error {
  readonly status: number;
  readonly reason: string;

  constructor(what: string, status: KubeStatus) {
    super(
      `Kubernetes ${what} failed with HTTP ${status.code}${status.reason ? ` ${status.reason}` : ""}: ${status.message}`,
    );
    this.name = "KubernetesApiError";
    this.status = status.code;
    this.reason = status.reason;
  }
}

/** Runs an SDK call; API errors come out as KubernetesApiError, everything else unchanged. */
export async function callKube<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = readKubeStatus(error);
    throw status ? new KubernetesApiError(what, status) : error;
  }
}
