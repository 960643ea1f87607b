import { isDeepStrictEqual } from "node:util";

// Plain-JSON helpers shared by the fake API server: objects as kube-apiserver stores them.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type KubeMetadata = {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  generation: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  managedFields?: JsonObject[];
};

export type KubeObject = JsonObject & { apiVersion: string; kind: string; metadata: KubeMetadata & JsonObject };

export type ResourceType = { group: string; version: string; plural: string; kind: string };

export const resourceTypes: Record<string, ResourceType> = {
  applications: { group: "argoproj.io", version: "v1alpha1", plural: "applications", kind: "Application" },
  deployments: { group: "apps", version: "v1", plural: "deployments", kind: "Deployment" },
  applicationsets: { group: "argoproj.io", version: "v1alpha1", plural: "applicationsets", kind: "ApplicationSet" },
  kustomizations: {
    group: "kustomize.toolkit.fluxcd.io",
    version: "v1",
    plural: "kustomizations",
    kind: "Kustomization",
  },
  gitrepositories: {
    group: "source.toolkit.fluxcd.io",
    version: "v1",
    plural: "gitrepositories",
    kind: "GitRepository",
  },
};

export const apiVersionOf = (type: ResourceType) => (type.group ? `${type.group}/${type.version}` : type.version);
export const qualifiedName = (type: ResourceType) => (type.group ? `${type.plural}.${type.group}` : type.plural);

/** A field path, e.g. ["spec", "source", "targetRevision"]; arrays are atomic leaves. */
export type FieldPath = string[];

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
export const deepEqual = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);
export const clone = <T>(value: T): T => structuredClone(value);
export const pathKey = (path: FieldPath) => JSON.stringify(path);
export const fieldName = (path: FieldPath) => `.${path.join(".")}`;

export function getPath(value: Json | undefined, path: FieldPath): Json | undefined {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Removes the field and any objects left empty above it. */
export function deletePath(target: JsonObject, path: FieldPath): void {
  const [head, ...rest] = path;
  if (head === undefined || !(head in target)) return;
  const child = target[head];
  if (rest.length === 0) delete target[head];
  else if (isObject(child)) {
    deletePath(child, rest);
    if (Object.keys(child).length === 0) delete target[head];
  }
}

/** Leaves of a JSON object: scalars, arrays and empty objects. */
export function leafPaths(value: Json | undefined, prefix: FieldPath = []): FieldPath[] {
  if (isObject(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
  }
  return prefix.length > 0 ? [prefix] : [];
}

/** Objects merge key by key; anything else in `source` replaces what `target` had (apply semantics). */
export function deepMerge(target: JsonObject, source: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] = isObject(existing) && isObject(value) ? deepMerge(existing, value) : clone(value);
  }
  return target;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** Leaf paths whose values differ between two versions of an object. */
export function changedPaths(before: JsonObject, after: JsonObject): FieldPath[] {
  const seen = new Map<string, FieldPath>();
  for (const path of [...leafPaths(before), ...leafPaths(after)]) seen.set(pathKey(path), path);
  return [...seen.values()].filter((path) => !deepEqual(getPath(before, path), getPath(after, path)));
}

export const overlaps = (a: FieldPath, b: FieldPath) => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
};
