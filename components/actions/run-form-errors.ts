import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import type { FieldErrors } from "@/lib/http/client";

export type SplitErrors = { extraErrors: ErrorSchema; entity: string[]; other: string[] };

/**
 * A 422's field map keyed by input paths ("target_environment", "a.b") split three ways: those
 * rjsf can show under a schema field, the entity picker's, and the rest (shown in the alert), so
 * no server message is silently dropped.
 */
export function splitFieldErrors(fields: FieldErrors, schema: RJSFSchema): SplitErrors {
  const known = new Set(Object.keys(schema.properties ?? {}));
  const tree: Record<string, unknown> = {};
  const entity: string[] = [];
  const other: string[] = [];
  for (const [path, messages] of Object.entries(fields)) {
    const parts = path.split(".");
    if (parts[0] === "entity") {
      entity.push(...messages);
    } else if (parts[0] && known.has(parts[0])) {
      let node = tree;
      for (const part of parts) node = (node[part] ??= {}) as Record<string, unknown>;
      node.__errors = messages;
    } else {
      other.push(...messages.map((m) => (path === "_" ? m : `${path}: ${m}`)));
    }
  }
  return { extraErrors: tree as ErrorSchema, entity, other };
}
