import http from "node:http";
import type { AddressInfo } from "node:net";
import { clone, type JsonObject, type KubeObject, resourceTypes } from "./kube-objects";
import { KubeError } from "./kube-status";
import { ObjectStore } from "./object-store";
import { routeRequest, sendJson, type RouteContext } from "./kube-routes";
import { bookmarkEvent, type WatchConnection } from "./watch-stream";

// A loopback stand-in for kube-apiserver serving applications.argoproj.io and apps/v1 Deployments,
// with hooks to play ArgoCD (status, finalizers) and to break things (compaction, dropped watches).

export type FakeKubeApiOptions = {
  /** Bearer token clients must send. */
  token?: string;
  startResourceVersion?: number;
  /** How an expired watch is refused: a 200 stream with an ERROR event (watch cache) or a plain HTTP 410. */
  expiredWatchAs?: "event" | "http";
};

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | null;
  body: string;
};
/** Runs before the next `times` (default 1) matching requests; throwing a KubeError fails the request. */
export type Interception = { method: string; path?: RegExp; times?: number; run: () => void };

const applications = resourceTypes.applications!;
const kustomizations = resourceTypes.kustomizations!;
const gitRepositories = resourceTypes.gitrepositories!;
const deployments = resourceTypes.deployments!;
const controller = "argocd-application-controller";

export type FakeKubeApi = Awaited<ReturnType<typeof startFakeKubeApi>>;

export async function startFakeKubeApi(options: FakeKubeApiOptions = {}) {
  const token = options.token ?? "fake-kube-token";
  const store = new ObjectStore(options.startResourceVersion);
  const connections = new Set<WatchConnection>();
  const ctx: RouteContext = {
    store,
    connections,
    settings: { expiredAs: options.expiredWatchAs ?? "event" },
    snapshots: new Map(),
  };
  const requests: RecordedRequest[] = [];
  const interceptions: Interception[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = Buffer.concat(chunks).toString();
      requests.push({
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        contentType: req.headers["content-type"] ?? null,
        body,
      });
      handle(req, res, url, body).catch((error: unknown) => {
        const failure = error instanceof KubeError ? error : new KubeError(500, "InternalError", String(error));
        if (!res.headersSent) sendJson(res, failure.code, failure.toStatus());
        else res.destroy();
      });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: string) {
    if (req.headers.authorization !== `Bearer ${token}`) throw new KubeError(401, "Unauthorized", "Unauthorized");
    const hit = interceptions.find((i) => i.method === req.method && (!i.path || i.path.test(url.pathname)));
    if (hit) {
      hit.times = (hit.times ?? 1) - 1;
      if (hit.times <= 0) interceptions.splice(interceptions.indexOf(hit), 1);
      hit.run();
    }
    await routeRequest(ctx, req, res, url, body);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    get resourceVersion() {
      return store.resourceVersion;
    },
    getApplication: (name: string, namespace = "argocd") => store.get(applications, namespace, name),
    /** Writes as ArgoCD's controller does (an update of the whole object; Applications have no status subresource). */
    setApplicationStatus(name: string, status: JsonObject, namespace = "argocd"): KubeObject {
      return store.update(
        applications,
        namespace,
        name,
        (current) => ({ ...current, status: clone(status) }),
        controller,
      );
    },
    updateApplication(
      name: string,
      change: (current: KubeObject) => JsonObject,
      manager: string,
      namespace = "argocd",
    ): KubeObject {
      return store.update(applications, namespace, name, change, manager);
    },
    /** Server-side apply of a whole Application by another client (kubectl, ArgoCD's own app-of-apps...). */
    applyApplication(object: JsonObject, manager = "kubectl", namespace = "argocd"): KubeObject {
      const name = String((object.metadata as JsonObject).name);
      return store.apply(applications, namespace, name, object, manager, true).object;
    },
    /** Deletes an Application outright, finalizers and all. */
    deleteApplication(name: string, namespace = "argocd"): void {
      store.delete(applications, namespace, name);
      if (store.get(applications, namespace, name))
        store.update(
          applications,
          namespace,
          name,
          (current) => ({ ...current, metadata: { ...current.metadata, finalizers: [] } }),
          controller,
        );
    },
    /** ArgoCD's part of a deletion: once its finalizer goes, the object goes. */
    removeFinalizers(name: string, namespace = "argocd"): KubeObject {
      return store.update(
        applications,
        namespace,
        name,
        (current) => ({ ...current, metadata: { ...current.metadata, finalizers: [] } }),
        controller,
      );
    },
    getFluxObject: (kind: "Kustomization" | "GitRepository", name: string, namespace = "flux-system") =>
      store.get(kind === "Kustomization" ? kustomizations : gitRepositories, namespace, name),
    /** Writes as kustomize-controller does (the status subresource; modelled as a whole-object update). */
    setKustomizationStatus(name: string, status: JsonObject, namespace = "flux-system"): KubeObject {
      return store.update(
        kustomizations,
        namespace,
        name,
        (current) => ({ ...current, status: clone(status) }),
        "kustomize-controller",
      );
    },
    putDeployment(namespace: string, deployment: JsonObject): KubeObject {
      const name = String((deployment.metadata as JsonObject).name);
      return store.apply(
        deployments,
        namespace,
        name,
        { apiVersion: "apps/v1", kind: "Deployment", ...deployment },
        "kube-controller-manager",
        true,
      ).object;
    },
    /** Forgets the event history: watches resuming from any older resourceVersion get 410 Expired. */
    compactHistory: () => store.compact(),
    /** Cuts every open watch (abruptly, or like a server-side timeout when graceful). */
    dropWatches(opts: { graceful?: boolean } = {}): number {
      const open = [...connections];
      for (const c of open) c.close(opts.graceful ?? false);
      return open.length;
    },
    /** Open watches stay connected but stop delivering: a stream that silently died. */
    muteWatches(muted = true): void {
      for (const c of connections) c.muted = muted;
    },
    sendBookmarks(): void {
      for (const c of connections) if (c.bookmarks) c.write(bookmarkEvent(c.type, store.resourceVersion));
    },
    get openWatches(): number {
      return connections.size;
    },
    intercept(interception: Interception): void {
      interceptions.push({ ...interception });
    },
    /** The next `times` (default 1) matching requests fail with this Status. */
    failNext(fault: {
      method: string;
      path?: RegExp;
      times?: number;
      code: number;
      reason: string;
      message: string;
    }): void {
      interceptions.push({
        ...fault,
        run: () => {
          throw new KubeError(fault.code, fault.reason, fault.message);
        },
      });
    },
    async close(): Promise<void> {
      for (const c of connections) c.close(false);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
