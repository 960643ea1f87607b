import { randomUUID } from "node:crypto";
import { applyFields, type Owners, recordUpdate, renderManagedFields } from "./field-managers";
import { apiVersionOf, clone, deepEqual, type JsonObject, type KubeObject, type ResourceType } from "./kube-objects";
import { alreadyExists, applyConflict, badRequest, notFound, staleResourceVersion } from "./kube-status";

// etcd + watch cache in miniature: one monotonically increasing resourceVersion for every write,
// an event history that watches replay from, and a compaction point older watches cannot reach.

export type StoredEvent = {
  type: "ADDED" | "MODIFIED" | "DELETED";
  rv: number;
  resource: string;
  namespace: string;
  object: KubeObject;
};
type Entry = { object: KubeObject; owners: Owners };

const keyOf = (type: ResourceType, namespace: string, name: string) => `${type.plural}/${namespace}/${name}`;

export class ObjectStore {
  private rv: number;
  private compactedRv: number;
  private readonly entries = new Map<string, Entry>();
  private history: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  constructor(startRv = 1000) {
    this.rv = startRv;
    this.compactedRv = startRv;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  get(type: ResourceType, namespace: string, name: string): KubeObject | undefined {
    const entry = this.entries.get(keyOf(type, namespace, name));
    return entry && render(entry);
  }

  list(type: ResourceType, namespace: string): KubeObject[] {
    const prefix = `${type.plural}/${namespace}/`;
    return [...this.entries.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, entry]) => render(entry));
  }

  /** Events after `rv`, or null when compaction already dropped some of them (410 Expired). */
  eventsSince(type: ResourceType, namespace: string, rv: number): StoredEvent[] | null {
    if (rv < this.compactedRv) return null;
    return this.history.filter((e) => e.rv > rv && e.resource === type.plural && e.namespace === namespace);
  }

  get oldestResourceVersion(): number {
    return this.compactedRv + 1;
  }

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets history up to now: any watch from an older resourceVersion gets 410 Expired. */
  compact(): void {
    this.compactedRv = this.rv;
    this.history = [];
  }

  apply(
    type: ResourceType,
    namespace: string,
    name: string,
    body: JsonObject,
    manager: string,
    force: boolean,
  ): { object: KubeObject; created: boolean } {
    checkIdentity(type, namespace, name, body);
    const entry = this.entries.get(keyOf(type, namespace, name));
    checkPrecondition(type, name, entry, body);
    const base: JsonObject = entry
      ? entry.object
      : { apiVersion: apiVersionOf(type), kind: type.kind, metadata: { name, namespace } };
    const result = applyFields(base, entry?.owners ?? new Map(), body, manager, force, now());
    if (result.conflicts.length > 0) throw applyConflict(type, name, result.conflicts);
    return {
      object: this.commit(type, namespace, name, entry, result.object as KubeObject, result.owners),
      created: !entry,
    };
  }

  create(type: ResourceType, namespace: string, body: JsonObject, manager: string): KubeObject {
    const name = (body.metadata as JsonObject | undefined)?.name;
    if (typeof name !== "string" || !name) throw badRequest("metadata.name: Required value: name is required");
    checkIdentity(type, namespace, name, body);
    if (this.entries.has(keyOf(type, namespace, name))) throw alreadyExists(type, name);
    const object = { ...clone(body), metadata: { ...(body.metadata as JsonObject), name, namespace } } as KubeObject;
    return this.commit(type, namespace, name, undefined, object, recordUpdate({}, object, new Map(), manager, now()));
  }

  /** PUT and PATCH: `change` computes the new object; a stale metadata.resourceVersion in `precondition` is a 409. */
  update(
    type: ResourceType,
    namespace: string,
    name: string,
    change: (current: KubeObject) => JsonObject,
    manager: string,
    precondition?: JsonObject,
  ): KubeObject {
    const entry = this.entries.get(keyOf(type, namespace, name));
    if (!entry) throw notFound(type, name);
    checkPrecondition(type, name, entry, precondition);
    const next = change(clone(entry.object)) as KubeObject;
    delete next.metadata.managedFields;
    checkIdentity(type, namespace, name, next);
    next.metadata = {
      ...next.metadata,
      uid: entry.object.metadata.uid,
      creationTimestamp: entry.object.metadata.creationTimestamp,
    };
    if (entry.object.metadata.deletionTimestamp)
      next.metadata.deletionTimestamp = entry.object.metadata.deletionTimestamp;
    return this.commit(
      type,
      namespace,
      name,
      entry,
      next,
      recordUpdate(entry.object, next, entry.owners, manager, now()),
    );
  }

  /** With finalizers the object only gets a deletionTimestamp; it goes when they are removed. */
  delete(type: ResourceType, namespace: string, name: string): KubeObject {
    const entry = this.entries.get(keyOf(type, namespace, name));
    if (!entry) throw notFound(type, name);
    const next = clone(entry.object);
    if (!next.metadata.deletionTimestamp) next.metadata.deletionTimestamp = now();
    return this.commit(type, namespace, name, entry, next, entry.owners);
  }

  private commit(
    type: ResourceType,
    namespace: string,
    name: string,
    before: Entry | undefined,
    object: KubeObject,
    owners: Owners,
  ): KubeObject {
    const key = keyOf(type, namespace, name);
    const apiVersion = apiVersionOf(type);
    const deleting = Boolean(object.metadata.deletionTimestamp) && (object.metadata.finalizers ?? []).length === 0;
    if (
      before &&
      !deleting &&
      deepEqual(comparable(before.object), comparable(object)) &&
      deepEqual(renderManagedFields(before.owners, apiVersion, false), renderManagedFields(owners, apiVersion, false))
    ) {
      return render(before);
    }
    this.rv += 1;
    const metadata = object.metadata;
    metadata.resourceVersion = String(this.rv);
    metadata.uid = before?.object.metadata.uid ?? randomUUID();
    metadata.creationTimestamp = before?.object.metadata.creationTimestamp ?? now();
    const specChanged = !before || !deepEqual({ ...before.object, metadata: null }, { ...object, metadata: null });
    metadata.generation = (before?.object.metadata.generation ?? 0) + (specChanged ? 1 : 0);
    const entry: Entry = { object: { ...object, apiVersion, kind: type.kind }, owners };
    if (deleting) this.entries.delete(key);
    else this.entries.set(key, entry);
    const rendered = render(entry);
    this.emit({
      type: deleting ? "DELETED" : before ? "MODIFIED" : "ADDED",
      rv: this.rv,
      resource: type.plural,
      namespace,
      object: rendered,
    });
    return rendered;
  }

  private emit(event: StoredEvent): void {
    this.history.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

function checkIdentity(type: ResourceType, namespace: string, name: string, body: JsonObject): void {
  if (body.apiVersion !== undefined && body.apiVersion !== apiVersionOf(type))
    throw badRequest(`apiVersion ${String(body.apiVersion)} does not match ${apiVersionOf(type)}`);
  if (body.kind !== undefined && body.kind !== type.kind)
    throw badRequest(`kind ${String(body.kind)} does not match ${type.kind}`);
  const metadata = (body.metadata ?? {}) as JsonObject;
  if (metadata.name !== undefined && metadata.name !== name)
    throw badRequest(`the name of the object (${String(metadata.name)}) does not match the name on the URL (${name})`);
  if (metadata.namespace !== undefined && metadata.namespace !== namespace)
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
}

function checkPrecondition(
  type: ResourceType,
  name: string,
  entry: Entry | undefined,
  body: JsonObject | undefined,
): void {
  const wanted = (body?.metadata as JsonObject | undefined)?.resourceVersion;
  if (wanted === undefined || wanted === null || wanted === "") return;
  if (!entry) throw notFound(type, name);
  if (wanted !== entry.object.metadata.resourceVersion) throw staleResourceVersion(type, name);
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

function comparable(object: KubeObject): JsonObject {
  const { resourceVersion: _rv, generation: _g, managedFields: _m, ...metadata } = object.metadata;
  return { ...object, metadata };
}

function render(entry: Entry): KubeObject {
  const object = clone(entry.object);
  object.metadata.managedFields = renderManagedFields(entry.owners, object.apiVersion);
  return object;
}
