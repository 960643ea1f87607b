import { createHash } from "node:crypto";

export type AuditFields = {
  prevHash: string | null;
  at: Date;
  actor: string;
  verb: string;
  target: string;
  data: Record<string, unknown>;
};

function serialize(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(serialize).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    const members = Object.keys(obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${serialize(obj[k])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The value as plain JSON (what jsonb will store): Dates become strings, undefined members disappear. */
export function toJsonValue<T>(value: T): T {
  const text = JSON.stringify(value);
  return (text === undefined ? null : JSON.parse(text)) as T;
}

/**
 * JSON with object keys sorted at every depth. jsonb hands back keys in its own order and numbers
 * re-rendered, so hashing this form makes the hash computed at write time reproducible from a read.
 */
export function canonicalJson(value: unknown): string {
  return serialize(toJsonValue(value));
}

/** sha256 (hex) of the canonical row contents, chained to the previous row through prevHash. */
export function hashAuditRow(row: AuditFields): string {
  const payload = canonicalJson({
    prevHash: row.prevHash,
    at: row.at.toISOString(),
    actor: row.actor,
    verb: row.verb,
    target: row.target,
    data: row.data,
  });
  return createHash("sha256").update(payload, "utf8").digest("hex");
}
