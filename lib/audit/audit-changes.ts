export type FieldChange = {
  field: string;
  kind: "added" | "removed" | "changed";
  before?: string;
  after?: string;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

// Nested maps (properties, relations) become dotted fields: "properties.replicas".
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, value);
}

/**
 * The before/after of an audit row as one line per field, or null when the row holds no
 * before/after (sign-ins, token events, … whose data is shown as plain fields instead).
 */
export function toFieldChanges(data: Record<string, unknown>): FieldChange[] | null {
  if (!("before" in data) && !("after" in data)) return null;
  const before = new Map<string, unknown>();
  const after = new Map<string, unknown>();
  flatten(data.before ?? {}, "", before);
  flatten(data.after ?? {}, "", after);
  const fields = [...new Set([...before.keys(), ...after.keys()])].sort();
  return fields.map((field): FieldChange => {
    const [b, a] = [before.get(field), after.get(field)];
    if (!before.has(field)) return { field, kind: "added", after: show(a) };
    if (!after.has(field)) return { field, kind: "removed", before: show(b) };
    return { field, kind: "changed", before: show(b), after: show(a) };
  });
}

/** Plain fields of a row without before/after, nested values as JSON. */
export function toPlainFields(data: Record<string, unknown>): { field: string; value: string }[] {
  const flat = new Map<string, unknown>();
  flatten(data, "", flat);
  return [...flat].map(([field, value]) => ({ field, value: show(value) }));
}
