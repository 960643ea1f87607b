import {
  clone,
  deepEqual,
  deepMerge,
  deletePath,
  fieldName,
  getPath,
  type FieldPath,
  type JsonObject,
  leafPaths,
  overlaps,
  pathKey,
  changedPaths,
} from "./kube-objects";

// A small model of server-side apply field ownership (structured-merge-diff): enough for conflicts,
// forced takeovers, co-ownership of equal values and removal of fields an applier stops sending.
// Lists are atomic (no listType=map/set merging).

export type FieldManager = {
  manager: string;
  operation: "Apply" | "Update";
  time: string;
  fields: Map<string, FieldPath>;
};
/** Keyed by manager and operation, like managedFields entries: one manager may both apply and update. */
export type Owners = Map<string, FieldManager>;

const ownerKey = (manager: string, operation: FieldManager["operation"]) => `${operation}:${manager}`;
const copyOwners = (owners: Owners): Owners =>
  new Map([...owners].map(([key, m]) => [key, { ...m, fields: new Map(m.fields) }]));

// Identity and server-maintained fields are never owned.
const untracked: FieldPath[] = [
  ["apiVersion"],
  ["kind"],
  ["metadata", "name"],
  ["metadata", "namespace"],
  ["metadata", "uid"],
  ["metadata", "resourceVersion"],
  ["metadata", "generation"],
  ["metadata", "creationTimestamp"],
  ["metadata", "deletionTimestamp"],
  ["metadata", "managedFields"],
];

export function ownablePaths(object: JsonObject): FieldPath[] {
  return leafPaths(object).filter((path) => !untracked.some((u) => overlaps(u, path) && path.length >= u.length));
}

export function stripUntracked(object: JsonObject): JsonObject {
  const copy = clone(object);
  for (const path of untracked) deletePath(copy, path);
  return copy;
}

export type ApplyResult = { object: JsonObject; owners: Owners; conflicts: { manager: string; field: string }[] };

/** Applies `applied` for `manager` onto `current`; with conflicts and no force nothing changes. */
export function applyFields(
  current: JsonObject,
  owners: Owners,
  applied: JsonObject,
  manager: string,
  force: boolean,
  now: string,
): ApplyResult {
  const paths = ownablePaths(applied);
  const self = ownerKey(manager, "Apply");
  const next = copyOwners(owners);
  const conflicts: { manager: string; field: string }[] = [];
  const takeovers: { owner: string; key: string }[] = [];
  for (const [other, owned] of next) {
    if (other === self) continue;
    for (const [key, theirs] of owned.fields) {
      for (const mine of paths) {
        if (!overlaps(mine, theirs) || deepEqual(getPath(current, mine), getPath(applied, mine))) continue;
        conflicts.push({ manager: owned.manager, field: fieldName(mine) });
        takeovers.push({ owner: other, key });
      }
    }
  }
  if (conflicts.length > 0 && !force) return { object: current, owners, conflicts };
  for (const t of takeovers) next.get(t.owner)?.fields.delete(t.key);

  const object = clone(current);
  const previous = next.get(self)?.fields ?? new Map<string, FieldPath>();
  const appliedKeys = new Set(paths.map(pathKey));
  for (const [key, path] of previous) {
    if (appliedKeys.has(key) || paths.some((p) => overlaps(p, path))) continue;
    const ownedElsewhere = [...next].some(
      ([key, m]) => key !== self && [...m.fields.values()].some((f) => overlaps(f, path)),
    );
    if (!ownedElsewhere) deletePath(object, path);
  }
  deepMerge(object, stripUntracked(applied));
  setManager(next, manager, "Apply", paths, now);
  return { object, owners: pruneEmpty(next), conflicts: [] };
}

/** An update (PUT, merge patch): the updater takes every field it changed; updates never conflict. */
export function recordUpdate(
  before: JsonObject,
  after: JsonObject,
  owners: Owners,
  manager: string,
  now: string,
): Owners {
  const changed = changedPaths(stripUntracked(before), stripUntracked(after));
  if (changed.length === 0) return owners;
  const self = ownerKey(manager, "Update");
  const next = copyOwners(owners);
  for (const [key, m] of next) {
    if (key === self) continue;
    for (const [fieldKey, path] of m.fields) if (changed.some((c) => overlaps(c, path))) m.fields.delete(fieldKey);
  }
  const present = changed.filter((path) => getPath(after, path) !== undefined);
  const kept = [...(next.get(self)?.fields.values() ?? [])].filter((p) => getPath(after, p) !== undefined);
  setManager(next, manager, "Update", [...kept, ...present], now);
  return pruneEmpty(next);
}

function setManager(
  owners: Owners,
  manager: string,
  operation: FieldManager["operation"],
  paths: FieldPath[],
  now: string,
) {
  const key = ownerKey(manager, operation);
  const fields = new Map(paths.map((p) => [pathKey(p), p]));
  const old = owners.get(key);
  // The timestamp moves only when ownership does, so a no-op apply leaves the object untouched.
  const unchanged =
    old !== undefined && fields.size === old.fields.size && [...fields.keys()].every((k) => old.fields.has(k));
  owners.set(key, { manager, operation, fields, time: unchanged ? old.time : now });
}

function pruneEmpty(owners: Owners): Owners {
  for (const [key, m] of owners) if (m.fields.size === 0) owners.delete(key);
  return owners;
}

/** metadata.managedFields as the API returns it (FieldsV1). */
export function renderManagedFields(owners: Owners, apiVersion: string, withTime = true): JsonObject[] {
  return [...owners.values()].map((m) => {
    const fieldsV1: JsonObject = {};
    for (const path of m.fields.values()) {
      let node = fieldsV1;
      for (const key of path) {
        const child = node[`f:${key}`];
        node = (node[`f:${key}`] =
          child && typeof child === "object" && !Array.isArray(child) ? child : {}) as JsonObject;
      }
    }
    return {
      manager: m.manager,
      operation: m.operation,
      apiVersion,
      ...(withTime ? { time: m.time } : {}),
      fieldsType: "FieldsV1",
      fieldsV1,
    };
  });
}
