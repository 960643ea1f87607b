import type { ContextEntry, K8sObject } from "./types";
import { evaluateExpression, substitute, type VariableContext } from "./variables";

// The rule's `context`: `variable` entries, and `apiCall` lookups answered from the rendered bundle
// instead of the API server — "a NetworkPolicy exists in this namespace" is asked of what the change
// would deploy. The Kyverno CLI answers the same way from the resources it is given.

export class UnsupportedContextError extends Error {}

function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) return `${lower}es`;
  if (lower.endsWith("y") && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

type ApiPath = { group: string; version: string; namespace: string; resource: string; name: string };

function parseApiPath(urlPath: string): ApiPath | null {
  const parts = urlPath.replace(/^\/+/, "").split("?")[0]!.split("/");
  let rest: string[];
  let group = "";
  let version: string;
  if (parts[0] === "api" && parts.length >= 3) {
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === "apis" && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return null;
  let namespace = "";
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  const [resource, name = ""] = rest;
  return resource ? { group, version, namespace, resource, name } : null;
}

function apiVersionParts(apiVersion: string | undefined): [string, string] {
  const v = apiVersion ?? "";
  const i = v.indexOf("/");
  return i < 0 ? ["", v] : [v.slice(0, i), v.slice(i + 1)];
}

function lookup(urlPath: string, bundle: K8sObject[]): unknown {
  const p = parseApiPath(urlPath);
  if (!p) throw new UnsupportedContextError(`cannot read ${urlPath} from the rendered manifests`);
  const found = bundle.filter((o) => {
    const [group, version] = apiVersionParts(o.apiVersion);
    return (
      group === p.group &&
      version === p.version &&
      pluralOf(o.kind ?? "") === p.resource &&
      (!p.namespace || o.metadata?.namespace === p.namespace)
    );
  });
  if (p.name) {
    const one = found.find((o) => o.metadata?.name === p.name);
    if (!one) throw new UnsupportedContextError(`${urlPath} is not in the rendered manifests`);
    return one;
  }
  return { apiVersion: "v1", kind: "List", metadata: {}, items: found };
}

/** Adds each entry to `ctx` in order (later entries may use earlier ones). */
export function loadContext(entries: ContextEntry[] | undefined, ctx: VariableContext, bundle: K8sObject[]): void {
  for (const entry of entries ?? []) {
    if (entry.apiCall) {
      const { urlPath, method, jmesPath } = entry.apiCall;
      if (!urlPath || (method && method !== "GET"))
        throw new UnsupportedContextError(`context ${entry.name}: only GET apiCalls with a urlPath are evaluated`);
      const response = lookup(String(substitute(urlPath, ctx)), bundle);
      ctx[entry.name] = jmesPath
        ? evaluateExpression(String(substitute(jmesPath, ctx)), response as VariableContext)
        : response;
    } else if (entry.variable) {
      const { value, jmesPath, default: fallback } = entry.variable;
      const base = value === undefined ? ctx : substitute(value, ctx);
      const result = jmesPath ? evaluateExpression(String(substitute(jmesPath, ctx)), base as VariableContext) : base;
      ctx[entry.name] = result ?? fallback ?? null;
    } else {
      throw new UnsupportedContextError(`context ${entry.name} needs the cluster (configMap, imageRegistry, …)`);
    }
  }
}
