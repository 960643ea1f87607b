import { type JsonObject, qualifiedName, type ResourceType } from "./kube-objects";

// kube-apiserver answers every failure with a `Status` object; clients key off `code` and `reason`.

export type StatusCause = { type: string; message: string; field?: string };

export class KubeError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: JsonObject;

  constructor(code: number, reason: string, message: string, details?: JsonObject) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): JsonObject {
    return statusObject(this.code, this.reason, this.message, this.details);
  }
}

export function statusObject(code: number, reason: string, message: string, details?: JsonObject): JsonObject {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: code < 400 ? "Success" : "Failure",
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

const detailsOf = (type: ResourceType, name: string): JsonObject => ({ name, group: type.group, kind: type.plural });

export const notFound = (type: ResourceType, name: string) =>
  new KubeError(404, "NotFound", `${qualifiedName(type)} "${name}" not found`, detailsOf(type, name));

export const alreadyExists = (type: ResourceType, name: string) =>
  new KubeError(409, "AlreadyExists", `${qualifiedName(type)} "${name}" already exists`, detailsOf(type, name));

export const staleResourceVersion = (type: ResourceType, name: string) =>
  new KubeError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedName(type)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsOf(type, name),
  );

export function applyConflict(
  type: ResourceType,
  name: string,
  conflicts: { manager: string; field: string }[],
): KubeError {
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  const causes = conflicts.map((c) => ({
    type: "FieldManagerConflict",
    message: `conflict with "${c.manager}" using ${apiVersion}`,
    field: c.field,
  }));
  const lines = conflicts.map((c) => `- ${c.field} (owned by "${c.manager}")`).join("\n");
  const message = `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"}: ${causes.map((c) => `${c.message}: ${c.field}`).join(", ")}\n${lines}`;
  return new KubeError(409, "Conflict", message, { ...detailsOf(type, name), causes });
}

export const invalid = (type: ResourceType, name: string, message: string) =>
  new KubeError(422, "Invalid", `${type.kind} "${name}" is invalid: ${message}`, detailsOf(type, name));

export const badRequest = (message: string) => new KubeError(400, "BadRequest", message);

export const expired = (requested: string, oldest: number) =>
  new KubeError(410, "Expired", `too old resource version: ${requested} (${oldest})`);
