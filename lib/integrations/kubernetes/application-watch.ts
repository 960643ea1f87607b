import type { AppEvent, AppStatus } from "@/lib/cluster/cluster-port";
import { toAppStatus } from "./application-mapper";
import { applicationsApi, type ClusterLog, type KubeClients } from "./kube-client";
import { sleep } from "@/lib/sleep";

// An informer in miniature: list, then watch from the list's resourceVersion; resume from the last
// seen resourceVersion when a stream ends; relist when the server says that version expired (410);
// relist on a timer as well, which catches anything a silently stuck stream never delivered.

export type WatchLoopOptions = {
  resyncMs: number;
  retry: { initialMs: number; maxMs: number };
  log: ClusterLog;
  listApplications: () => Promise<{ items: unknown[]; resourceVersion: string }>;
  /** What is watched: Applications by default; Flux Kustomizations for deliveries. */
  resource?: { kind: string; api: { group: string; version: string; plural: string }; namespace: string; map: Mapper };
};

type Mapper = (object: unknown, fallbackNamespace?: string) => AppStatus;

type Outcome =
  | { kind: "resync" | "aborted"; rv: string }
  | { kind: "closed"; rv: string; productive: boolean }
  | { kind: "expired"; productive: boolean }
  | { kind: "failed"; rv: string; error: unknown; productive: boolean };

/** A stream that lived this long after connecting counts as having worked. */
const healthyStreamMs = 1000;

export async function runApplicationWatch(
  clients: KubeClients,
  opts: WatchLoopOptions,
  onEvent: (e: AppEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const known = new Map<string, AppStatus>();
  const emit = (type: AppEvent["type"], app: AppStatus) => {
    if (signal?.aborted) return;
    try {
      onEvent({ type, app });
    } catch (error) {
      // One consumer bug must not stop the mirror.
      opts.log.warn(`${kind} watch handler failed`, { [kind.toLowerCase()]: app.name, error: String(error) });
    }
  };
  const api = opts.resource?.api ?? applicationsApi;
  const namespace = opts.resource?.namespace ?? clients.namespace;
  const map: Mapper = opts.resource?.map ?? toAppStatus;
  const kind = opts.resource?.kind ?? "Application";
  const path = `/apis/${api.group}/${api.version}/namespaces/${encodeURIComponent(namespace)}/${api.plural}`;
  let rv: string | null = null;
  let resyncAt = 0;
  let delay = opts.retry.initialMs;

  while (!signal?.aborted) {
    try {
      if (rv === null || Date.now() >= resyncAt) {
        rv = await relist(opts, map, known, emit);
        resyncAt = Date.now() + opts.resyncMs;
      }
      const outcome = await watchOnce(clients, { path, namespace, map }, rv, resyncAt, known, emit, signal);
      if (outcome.kind === "aborted" || outcome.kind === "resync") {
        rv = outcome.rv;
        continue;
      }
      if (outcome.kind === "expired") {
        opts.log.info(`${kind} watch expired (410 Gone); relisting`, { namespace });
        rv = null;
      } else {
        rv = outcome.rv;
      }
      if (outcome.kind === "failed")
        opts.log.warn(`${kind} watch dropped; resuming`, { resourceVersion: rv, error: String(outcome.error) });
      // A stream that worked for a while resets the backoff; one that ends at once (however it ends) is
      // retried ever more slowly, so a misbehaving server never gets a tight loop of watches or lists.
      if ("productive" in outcome && outcome.productive) {
        delay = opts.retry.initialMs;
        if (outcome.kind !== "failed") continue;
      }
    } catch (error) {
      opts.log.warn(`Listing ${kind}s failed; retrying`, { retryInMs: delay, error: String(error) });
    }
    await sleep(delay, signal);
    delay = Math.min(delay * 2, opts.retry.maxMs);
  }
}

/** Brings `known` up to the current list, emitting only real differences; returns the list's resourceVersion. */
async function relist(
  opts: WatchLoopOptions,
  map: Mapper,
  known: Map<string, AppStatus>,
  emit: (type: AppEvent["type"], app: AppStatus) => void,
): Promise<string> {
  const list = await opts.listApplications();
  const seen = new Set<string>();
  for (const item of list.items) {
    const app = map(item);
    seen.add(app.name);
    const before = known.get(app.name);
    known.set(app.name, app);
    if (!before) emit("ADDED", app);
    else if (before.resourceVersion !== app.resourceVersion) emit("MODIFIED", app);
  }
  for (const [name, app] of known) {
    if (seen.has(name)) continue;
    known.delete(name);
    emit("DELETED", app);
  }
  return list.resourceVersion;
}

type WatchObject = { metadata?: { resourceVersion?: string }; code?: number; reason?: string; message?: string };

/** One watch connection, until it ends, expires, fails, the resync is due or the caller aborts. */
function watchOnce(
  clients: KubeClients,
  { path, namespace, map }: { path: string; namespace: string; map: Mapper },
  fromRv: string,
  resyncAt: number,
  known: Map<string, AppStatus>,
  emit: (type: AppEvent["type"], app: AppStatus) => void,
  signal?: AbortSignal,
): Promise<Outcome> {
  return new Promise((resolve) => {
    // An abort during the relist: addEventListener would never fire for it.
    if (signal?.aborted) return resolve({ kind: "aborted", rv: fromRv });
    let rv = fromRv;
    let settled = false;
    let connectedAt: number | null = null;
    let received = 0;
    const productive = () => received > 0 || (connectedAt !== null && Date.now() - connectedAt >= healthyStreamMs);
    let controller: AbortController | undefined;
    const finish = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      controller?.abort();
      resolve(outcome);
    };
    const onAbort = () => finish({ kind: "aborted", rv });
    const timer = setTimeout(() => finish({ kind: "resync", rv }), Math.max(0, resyncAt - Date.now()));
    signal?.addEventListener("abort", onAbort, { once: true });

    const onLine = (type: string, object: WatchObject) => {
      if (settled) return;
      received += 1;
      if (type === "ADDED" || type === "MODIFIED" || type === "DELETED") {
        const app = map(object, namespace);
        rv = app.resourceVersion || rv;
        if (type === "DELETED") known.delete(app.name);
        else known.set(app.name, app);
        emit(type, app);
      } else if (type === "BOOKMARK") {
        rv = object.metadata?.resourceVersion ?? rv;
      } else if (type === "ERROR") {
        // The watch cache answers an expired resourceVersion with 200 and an ERROR event holding a 410 Status.
        received -= 1;
        if (object.code === 410) finish({ kind: "expired", productive: productive() });
        else
          finish({
            kind: "failed",
            rv,
            productive: productive(),
            error: new Error(`watch error ${object.code ?? "?"} ${object.reason ?? ""}: ${object.message ?? ""}`),
          });
      }
    };
    const onDone = (error: unknown) => {
      // Straight from etcd an expired watch is a plain HTTP 410 instead.
      if (error && (error as { statusCode?: number }).statusCode === 410)
        finish({ kind: "expired", productive: productive() });
      else if (error) finish({ kind: "failed", rv, productive: productive(), error });
      else finish({ kind: "closed", rv, productive: productive() });
    };
    clients.watch.watch(path, { resourceVersion: fromRv, allowWatchBookmarks: true }, onLine, onDone).then(
      (c) => {
        controller = c;
        if (settled) c.abort();
        else connectedAt = Date.now();
      },
      (error: unknown) => finish({ kind: "failed", rv, productive: false, error }),
    );
  });
}

/**
 * Waits until `list` answers (the kind's CRD is installed), checking again at each resync and
 * saying so once: a cluster may run only one of ArgoCD and Flux, and the other engine's watch has
 * nothing to watch rather than a failure to retry (and warn about) every few seconds. Returns the
 * list for the watch, whose first call hands over the answer already received (no second list);
 * null when aborted first.
 */
export async function waitUntilInstalled<T>(
  list: () => Promise<T>,
  isNotInstalled: (error: unknown) => boolean,
  opts: { resyncMs: number; log: ClusterLog; message: string; fields: Record<string, unknown> },
  signal?: AbortSignal,
): Promise<(() => Promise<T>) | null> {
  let told = false;
  while (!signal?.aborted) {
    const answer = await list().then(
      (value) => ({ value }),
      (error: unknown) => (isNotInstalled(error) ? null : { error }),
    );
    if (answer) {
      let first: Promise<T> | null = "error" in answer ? Promise.reject(answer.error) : Promise.resolve(answer.value);
      // Not awaited until the watch asks: mark a rejection as handled meanwhile.
      first.catch(() => {});
      return () => {
        const pending = first;
        first = null;
        return pending ?? list();
      };
    }
    if (!told) opts.log.info(opts.message, opts.fields);
    told = true;
    await sleep(opts.resyncMs, signal);
  }
  return null;
}
