import { canonicalJson } from "./canonical";

type Snapshot = Record<string, unknown>;
export type Changes = { before: Snapshot; after: Snapshot };

function isRecord(v: unknown): v is Snapshot {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Only the top-level keys whose value changed; a key missing from `after` was removed.
 * Keys listed in `nested` (maps such as entity properties) are diffed one level down instead of copied whole.
 */
export function diffChanges(before: Snapshot, after: Snapshot, nested: string[] = []): Changes {
  const out: Changes = { before: {}, after: {} };
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [b, a] = [before[key], after[key]];
    if (same(b, a)) continue;
    if (nested.includes(key) && isRecord(b) && isRecord(a)) {
      const inner = diffChanges(b, a);
      out.before[key] = inner.before;
      out.after[key] = inner.after;
      continue;
    }
    if (key in before) out.before[key] = b;
    if (key in after) out.after[key] = a;
  }
  return out;
}
