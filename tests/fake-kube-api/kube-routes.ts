import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseYaml } from "yaml";
import {
  apiVersionOf,
  isObject,
  type Json,
  type JsonObject,
  mergePatch,
  resourceTypes,
  type ResourceType,
} from "./kube-objects";
import { badRequest, KubeError, notFound } from "./kube-status";
import type { ObjectStore } from "./object-store";
import { serveWatch, type WatchConnection, type WatchSettings } from "./watch-stream";

// The REST surface of kube-apiserver for namespaced resources, as far as Slipway uses it.

export type RouteContext = {
  store: ObjectStore;
  connections: Set<WatchConnection>;
  settings: WatchSettings;
  snapshots: Map<string, { items: JsonObject[]; rv: number }>;
};

const routePattern = /^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/;

export function sendJson(res: ServerResponse, code: number, body: Json): void {
  res.writeHead(code, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function routeRequest(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: string,
): Promise<void> {
  const match = routePattern.exec(url.pathname);
  const type = match ? resourceTypes[decodeURIComponent(match[4]!)] : undefined;
  if (!match || !type || type.group !== match[1] || type.version !== match[2])
    throw new KubeError(404, "NotFound", "the server could not find the requested resource");
  const namespace = decodeURIComponent(match[3]!);
  const name = match[5] === undefined ? undefined : decodeURIComponent(match[5]);
  const query = url.searchParams;
  const method = req.method ?? "GET";

  if (name === undefined) {
    if (method === "GET" && ["true", "1"].includes(query.get("watch") ?? ""))
      return serveWatch(ctx.store, type, namespace, query, res, ctx.connections, ctx.settings);
    if (method === "GET") return sendJson(res, 200, listPage(ctx, type, namespace, query));
    if (method === "POST")
      return sendJson(res, 201, ctx.store.create(type, namespace, parseJson(body), managerOf(req, query)));
  } else {
    if (method === "GET") {
      const object = ctx.store.get(type, namespace, name);
      if (!object) throw notFound(type, name);
      return sendJson(res, 200, object);
    }
    if (method === "PATCH") return patch(ctx, req, res, type, namespace, name, query, body);
    if (method === "PUT") return sendJson(res, 200, replace(ctx, req, type, namespace, name, query, body));
    if (method === "DELETE") return sendJson(res, 200, ctx.store.delete(type, namespace, name));
  }
  throw new KubeError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`);
}

function patch(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  type: ResourceType,
  namespace: string,
  name: string,
  query: URLSearchParams,
  body: string,
): void {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
  const force = query.get("force");
  if (contentType === "application/apply-patch+yaml") {
    const manager = query.get("fieldManager");
    if (!manager)
      throw new KubeError(
        422,
        "Invalid",
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      );
    const applied = parseYamlObject(body);
    const result = ctx.store.apply(type, namespace, name, applied, manager, force === "true");
    return sendJson(res, result.created ? 201 : 200, result.object);
  }
  if (force !== null)
    throw new KubeError(
      422,
      "Invalid",
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
  if (contentType === "application/merge-patch+json") {
    const patchBody = parseJson(body);
    return sendJson(
      res,
      200,
      ctx.store.update(
        type,
        namespace,
        name,
        (current) => mergePatch(current, patchBody) as JsonObject,
        managerOf(req, query),
        patchBody,
      ),
    );
  }
  // Strategic merge patch is refused for custom resources by the real server too; JSON patch is simply not modelled.
  throw new KubeError(
    415,
    "UnsupportedMediaType",
    `the body of the request was in an unknown format - accepted media types include: application/apply-patch+yaml, application/merge-patch+json`,
  );
}

function replace(
  ctx: RouteContext,
  req: IncomingMessage,
  type: ResourceType,
  namespace: string,
  name: string,
  query: URLSearchParams,
  body: string,
): JsonObject {
  const object = parseJson(body);
  const rv = isObject(object.metadata) ? object.metadata.resourceVersion : undefined;
  // Custom resources refuse unconditional updates.
  if (rv === undefined || rv === "")
    throw new KubeError(
      422,
      "Invalid",
      `${type.kind}.${type.group} "${name}" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update`,
    );
  return ctx.store.update(type, namespace, name, () => object, managerOf(req, query), object);
}

function listPage(ctx: RouteContext, type: ResourceType, namespace: string, query: URLSearchParams): JsonObject {
  const limit = Number(query.get("limit") ?? "0");
  const token = query.get("continue");
  let snapshot: { items: JsonObject[]; rv: number };
  let offset = 0;
  if (token) {
    const [id, at] = Buffer.from(token, "base64url").toString().split(":");
    const found = id ? ctx.snapshots.get(id) : undefined;
    if (!found)
      throw new KubeError(
        410,
        "Expired",
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
      );
    snapshot = found;
    offset = Number(at);
  } else {
    snapshot = { items: ctx.store.list(type, namespace), rv: ctx.store.resourceVersion };
  }
  const end = limit > 0 ? offset + limit : snapshot.items.length;
  const metadata: JsonObject = { resourceVersion: String(snapshot.rv) };
  if (end < snapshot.items.length) {
    // Later pages come from the same snapshot: one consistent list, like etcd at the first page's revision.
    const id = String(snapshot.rv) + Math.random().toString(36).slice(2);
    ctx.snapshots.set(id, snapshot);
    metadata.continue = Buffer.from(`${id}:${end}`).toString("base64url");
    metadata.remainingItemCount = snapshot.items.length - end;
  }
  return {
    apiVersion: apiVersionOf(type),
    kind: `${type.kind}List`,
    metadata,
    items: snapshot.items.slice(offset, end),
  };
}

/** Without ?fieldManager the server names the manager after the client's user agent. */
function managerOf(req: IncomingMessage, query: URLSearchParams): string {
  return query.get("fieldManager") ?? (req.headers["user-agent"] ?? "unknown").split("/")[0]!;
}

function parseJson(body: string): JsonObject {
  try {
    const value = JSON.parse(body) as Json;
    if (isObject(value)) return value;
  } catch {
    // reported below
  }
  throw badRequest("the request body is not a JSON object");
}

function parseYamlObject(body: string): JsonObject {
  let value: unknown;
  try {
    value = parseYaml(body);
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
  if (!isObject(value as Json)) throw badRequest("the apply patch is not an object");
  return value as JsonObject;
}
