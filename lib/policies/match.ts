import type { K8sObject, LabelSelector, MatchBlock, NamespaceLabels, ResourceDescription } from "./types";
import { matchWildcard } from "./wildcard";

// Kyverno's match/exclude blocks: `resources` (one description), `any` (one of), `all` (each of).
// Namespace selectors read the namespace's labels, which the rendered bundle does not carry: the
// caller passes them (the environment's namespace labels; the CLI's values file).

export function matchesBlock(block: MatchBlock | undefined, obj: K8sObject, labels: NamespaceLabels): boolean {
  if (!block) return false;
  if (block.any?.length) return block.any.some((f) => matchesDescription(f.resources, obj, labels));
  if (block.all?.length) return block.all.every((f) => matchesDescription(f.resources, obj, labels));
  return block.resources ? matchesDescription(block.resources, obj, labels) : false;
}

export function matchesKind(kinds: string[], obj: K8sObject): boolean {
  const [group, version] = splitApiVersion(obj.apiVersion ?? "");
  return kinds.some((entry) => {
    const parts = entry.split("/");
    const kind = parts.pop() ?? "";
    if (!matchWildcard(kind, obj.kind ?? "")) return false;
    if (parts.length === 0) return true;
    if (parts.length === 1) return matchWildcard(parts[0]!, version) && group === "";
    return matchWildcard(parts[0]!, group) && matchWildcard(parts[1]!, version);
  });
}

function splitApiVersion(apiVersion: string): [string, string] {
  const i = apiVersion.indexOf("/");
  return i < 0 ? ["", apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}

function matchesDescription(d: ResourceDescription | undefined, obj: K8sObject, labels: NamespaceLabels): boolean {
  if (!d) return false;
  if (d.kinds?.length && !matchesKind(d.kinds, obj)) return false;
  const name = obj.metadata?.name ?? "";
  const namespace = obj.metadata?.namespace ?? "";
  if (d.name && !matchWildcard(d.name, name)) return false;
  if (d.names?.length && !d.names.some((n) => matchWildcard(n, name))) return false;
  if (d.namespaces?.length) {
    const ns = obj.kind === "Namespace" ? name : namespace;
    if (!d.namespaces.some((n) => matchWildcard(n, ns))) return false;
  }
  if (d.namespaceSelector) {
    if (!namespace && obj.kind !== "Namespace") return false;
    const nsLabels = obj.kind === "Namespace" ? (obj.metadata?.labels ?? {}) : (labels[namespace] ?? {});
    if (!matchesSelector(d.namespaceSelector, nsLabels)) return false;
  }
  if (d.selector && !matchesSelector(d.selector, obj.metadata?.labels ?? {})) return false;
  if (d.annotations) {
    const annotations = obj.metadata?.annotations ?? {};
    for (const [k, v] of Object.entries(d.annotations))
      if (!Object.keys(annotations).some((ak) => matchWildcard(k, ak) && matchWildcard(v, annotations[ak] ?? "")))
        return false;
  }
  return true;
}

export function matchesSelector(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== String(v)) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = (e.values ?? []).map(String);
    switch (e.operator) {
      case "In":
        if (!has || !values.includes(labels[e.key]!)) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[e.key]!)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
