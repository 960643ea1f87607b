import { matchScalar } from "./value-pattern";
import { matchWildcard } from "./wildcard";

// Kyverno's validate.pattern (pkg/engine/validate): maps and arrays walked side by side with the
// resource, anchors on keys — `(k)` conditional, `<(k)` global, `=(k)` equality, `X(k)` negation,
// `^(k)` existence — and scalar patterns at the leaves. A failed conditional or global anchor skips
// the rule; a failed negation anchor fails it whatever else happens.

export type PatternOutcome = { ok: true } | { ok: false; skip: boolean; path: string; reason: string };

type AnchorKind = "condition" | "global" | "negation" | "equality" | "existence" | "add";
type Anchor = { kind: AnchorKind; key: string };
/** nested: a skip handed up from a deeper map or array (Kyverno's PatternError), not an anchor of this map. */
type Failure = { path: string; reason: string; skip?: "condition" | "global"; negation?: boolean; nested?: boolean };

const ANCHOR = /^([+<=X^])?\((.+)\)$/;
const KIND_BY_MODIFIER: Record<string, AnchorKind> = {
  "": "condition",
  "<": "global",
  X: "negation",
  "=": "equality",
  "^": "existence",
  "+": "add",
};

function parseAnchor(key: string): Anchor | null {
  const m = ANCHOR.exec(key);
  return m ? { kind: KIND_BY_MODIFIER[m[1] ?? ""]!, key: m[2]! } : null;
}

type Json = unknown;
type JsonMap = Record<string, Json>;
const isMap = (v: Json): v is JsonMap => typeof v === "object" && v !== null && !Array.isArray(v);

export function matchPattern(resource: Json, pattern: Json): PatternOutcome {
  const failure = validateElement(resource, pattern, "/");
  if (!failure) return { ok: true };
  return { ok: false, skip: Boolean(failure.skip) && !failure.negation, path: failure.path, reason: failure.reason };
}

function validateElement(resource: Json, pattern: Json, path: string): Failure | null {
  if (isMap(pattern)) {
    if (!isMap(resource)) return { path, reason: `pattern and resource have different structures at ${path}` };
    return validateMap(resource, pattern, path);
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(resource))
      return {
        path,
        reason: `validation rule failed at path ${path}, resource does not satisfy the expected overlay pattern`,
      };
    return validateArray(resource, pattern, path);
  }
  if (Array.isArray(resource)) {
    for (const item of resource)
      if (!matchScalar(item, pattern))
        return { path, reason: `resource value does not match '${String(pattern)}' at path ${path}` };
    return null;
  }
  if (!matchScalar(resource, pattern))
    return { path, reason: `resource value '${String(resource)}' does not match '${String(pattern)}' at path ${path}` };
  return null;
}

/** Metadata keys (labels, annotations) may be wildcards: `app.kubernetes.io/*: "?*"`. */
function expandWildcardKeys(resource: JsonMap, pattern: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const [key, value] of Object.entries(pattern)) {
    const anchor = parseAnchor(key);
    const bare = anchor ? anchor.key : key;
    if (!bare.includes("*") && !bare.includes("?")) {
      out[key] = value;
      continue;
    }
    const matches = Object.keys(resource).filter((k) => matchWildcard(bare, k));
    if (matches.length === 0) out[key] = value;
    for (const k of matches) out[anchor ? key.replace(`(${bare})`, `(${k})`) : k] = value;
  }
  return out;
}

function validateMap(resource: JsonMap, rawPattern: JsonMap, path: string): Failure | null {
  const pattern = expandWildcardKeys(resource, rawPattern);
  const anchored: [Anchor, Json][] = [];
  const plain: [string, Json, Anchor | null][] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const anchor = parseAnchor(key);
    if (anchor && anchor.kind !== "global" && anchor.kind !== "add") anchored.push([anchor, value]);
    else plain.push([key, value, anchor]);
  }
  anchored.sort((a, b) => anchorKey(a[0]).localeCompare(anchorKey(b[0])));
  const skips: Failure[] = [];
  let applied = 0;
  for (const [anchor, value] of anchored) {
    const failure = handleAnchor(anchor, value, resource, path);
    if (failure) {
      if (failure.skip) {
        skips.push(failure);
        continue;
      }
      // A sibling conditional anchor that did not hold makes this map not apply at all.
      if (skips.some((s) => !s.nested)) continue;
      return failure;
    }
    applied++;
  }
  if (skips.length > 0 && (applied === 0 || skips.some((s) => !s.nested))) return { ...skips[0]!, path, nested: true };
  // Kyverno walks the plain keys holding nested anchors first; the order only changes which failure is reported.
  for (const [key, value, anchor] of plain) {
    const failure =
      anchor?.kind === "global"
        ? handleGlobal(anchor.key, value, resource, path)
        : handlePlain(key, value, resource, path);
    if (failure) return failure;
  }
  return null;
}

const anchorKey = (a: Anchor) => `${a.kind === "condition" ? "" : a.kind}(${a.key})`;

function handleAnchor(anchor: Anchor, value: Json, resource: JsonMap, path: string): Failure | null {
  const current = `${path}${anchor.key}/`;
  const present = Object.prototype.hasOwnProperty.call(resource, anchor.key);
  switch (anchor.kind) {
    case "negation":
      return present ? { path: current, reason: `${current} is not allowed`, negation: true } : null;
    case "equality":
      return present ? validateElement(resource[anchor.key], value, current) : null;
    case "condition": {
      if (!present)
        return { path: current, reason: "conditional anchor key doesn't exist in the resource", skip: "condition" };
      const failure = validateElement(resource[anchor.key], value, current);
      return failure ? { ...failure, skip: failure.negation ? undefined : "condition", nested: false } : null;
    }
    case "existence":
      return present ? validateExistence(resource[anchor.key], value, current) : null;
    case "global":
    case "add":
      return null;
    default: {
      const unreachable: never = anchor.kind;
      return unreachable;
    }
  }
}

function handleGlobal(key: string, value: Json, resource: JsonMap, path: string): Failure | null {
  if (!Object.prototype.hasOwnProperty.call(resource, key)) return null;
  const current = `${path}${key}/`;
  const failure = validateElement(resource[key], value, current);
  return failure ? { ...failure, skip: failure.negation ? undefined : "global", nested: false } : null;
}

function handlePlain(key: string, value: Json, resource: JsonMap, path: string): Failure | null {
  const current = `${path}${key}/`;
  const actual = resource[key];
  if (value === "*")
    return actual !== undefined && actual !== null ? null : { path, reason: `${path}/${key} not found` };
  return validateElement(actual, value, current);
}

function validateExistence(resource: Json, pattern: Json, path: string): Failure | null {
  if (!Array.isArray(resource))
    return { path, reason: "Existence ^ () anchor can be used only on list/array type resource" };
  if (!Array.isArray(pattern)) return { path, reason: "Pattern has to be of list to compare against resource" };
  for (const item of pattern) {
    if (!isMap(item)) return { path, reason: "Pattern has to be of type map to compare against items in resource" };
    const found = resource.some((element, i) => validateElement(element, item, `${path}${i}/`) === null);
    if (!found) return { path, reason: `existence anchor validation failed at path ${path}` };
  }
  return null;
}

function validateArray(resource: Json[], pattern: Json[], path: string): Failure | null {
  if (pattern.length === 0) return { path, reason: "pattern Array empty" };
  const first = pattern[0];
  if (isMap(first)) {
    const skips: Failure[] = [];
    let applied = 0;
    for (let i = 0; i < resource.length; i++) {
      const failure = validateElement(resource[i], first, `${path}${i}/`);
      if (failure) {
        if (failure.skip) {
          skips.push(failure);
          continue;
        }
        return failure;
      }
      applied++;
    }
    return applied === 0 && skips.length > 0 ? { ...skips[0]!, path, nested: true } : null;
  }
  if (!Array.isArray(first)) return validateElement(resource, first, path);
  if (resource.length < pattern.length) return { path: "", reason: "validate Array failed, array length mismatch" };
  const skips: Failure[] = [];
  let applied = 0;
  for (let i = 0; i < pattern.length; i++) {
    const failure = validateElement(resource[i], pattern[i], `${path}${i}/`);
    if (failure) {
      if (failure.skip) {
        skips.push(failure);
        continue;
      }
      return failure;
    }
    applied++;
  }
  return applied === 0 && skips.length > 0 ? { ...skips[0]!, path, nested: true } : null;
}
