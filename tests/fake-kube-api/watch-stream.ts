import type { ServerResponse } from "node:http";
import { apiVersionOf, type JsonObject, type ResourceType } from "./kube-objects";
import { expired, KubeError } from "./kube-status";
import type { ObjectStore } from "./object-store";

// `?watch=true`: one JSON object per line, as long as the connection lives. Like the watch cache,
// an expired resourceVersion is answered with 200 and a single ERROR event carrying a 410 Status.

export type WatchConnection = {
  type: ResourceType;
  namespace: string;
  bookmarks: boolean;
  /** Muted connections stay open but receive nothing (a stuck stream). */
  muted: boolean;
  write(event: JsonObject): void;
  close(graceful: boolean): void;
};

export type WatchSettings = { expiredAs: "event" | "http" };

export function serveWatch(
  store: ObjectStore,
  type: ResourceType,
  namespace: string,
  query: URLSearchParams,
  res: ServerResponse,
  connections: Set<WatchConnection>,
  settings: WatchSettings,
): void {
  const requested = query.get("resourceVersion") ?? "";
  let backlog: JsonObject[];
  if (requested === "" || requested === "0") {
    // "Any" or "most recent": the current state as synthetic ADDED events, then changes.
    backlog = store.list(type, namespace).map((object) => ({ type: "ADDED", object }));
  } else {
    const rv = Number(requested);
    if (!Number.isInteger(rv) || rv < 0)
      throw new KubeError(400, "BadRequest", `invalid resource version: ${requested}`);
    const events = store.eventsSince(type, namespace, rv);
    if (!events) {
      const gone = expired(requested, store.oldestResourceVersion);
      if (settings.expiredAs === "http") throw gone;
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(`${JSON.stringify({ type: "ERROR", object: gone.toStatus() })}\n`);
      return;
    }
    backlog = events.map((e) => ({ type: e.type, object: e.object }));
  }

  res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
  res.flushHeaders();
  const connection: WatchConnection = {
    type,
    namespace,
    bookmarks: query.get("allowWatchBookmarks") === "true",
    muted: false,
    write: (event) => {
      if (!connection.muted && !res.writableEnded) res.write(`${JSON.stringify(event)}\n`);
    },
    close: (graceful) => (graceful ? res.end() : res.destroy()),
  };
  for (const event of backlog) connection.write(event);
  const unsubscribe = store.subscribe((e) => {
    if (e.resource === type.plural && e.namespace === namespace) connection.write({ type: e.type, object: e.object });
  });
  connections.add(connection);

  const timeoutSeconds = Number(query.get("timeoutSeconds") ?? "0");
  const timer = timeoutSeconds > 0 ? setTimeout(() => res.end(), timeoutSeconds * 1000) : null;
  res.on("close", () => {
    unsubscribe();
    connections.delete(connection);
    if (timer) clearTimeout(timer);
  });
}

export function bookmarkEvent(type: ResourceType, rv: number): JsonObject {
  return {
    type: "BOOKMARK",
    object: { kind: type.kind, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(rv) } },
  };
}
