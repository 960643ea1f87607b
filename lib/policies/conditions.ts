import { compareQuantities, parseQuantity } from "./quantity";
import type { Condition, Conditions } from "./types";
import { substitute, type VariableContext } from "./variables";
import { matchWildcard } from "./wildcard";

// Kyverno's conditions (preconditions and validate.deny): `any` holds when one holds, `all` when
// every one does; a bare list is `all`. Operators as pkg/engine/variables/operator defines them.

export class UnsupportedOperatorError extends Error {}

export function evaluateConditions(conditions: Conditions | undefined, ctx: VariableContext): boolean {
  if (!conditions) return true;
  if (Array.isArray(conditions)) return conditions.every((c) => evaluateCondition(c, ctx));
  const anyOk = !conditions.any?.length || conditions.any.some((c) => evaluateCondition(c, ctx));
  const allOk = !conditions.all?.length || conditions.all.every((c) => evaluateCondition(c, ctx));
  return anyOk && allOk;
}

export function evaluateCondition(condition: Condition, ctx: VariableContext): boolean {
  const key = substitute(condition.key ?? null, ctx);
  const value = substitute(condition.value ?? null, ctx);
  const op = (condition.operator ?? "").toLowerCase();
  switch (op) {
    case "equals":
    case "equal":
      return isEqual(key, value);
    case "notequals":
    case "notequal":
      return !isEqual(key, value);
    case "anyin":
      return toList(key).some((k) => inSet(k, value));
    case "allin":
    case "in":
      return toList(key).every((k) => inSet(k, value));
    case "anynotin":
      return toList(key).some((k) => !inSet(k, value));
    case "allnotin":
    case "notin":
      return toList(key).every((k) => !inSet(k, value));
    case "greaterthan":
      return compareNumeric(key, value, (c) => c > 0);
    case "greaterthanorequals":
      return compareNumeric(key, value, (c) => c >= 0);
    case "lessthan":
      return compareNumeric(key, value, (c) => c < 0);
    case "lessthanorequals":
      return compareNumeric(key, value, (c) => c <= 0);
    default:
      throw new UnsupportedOperatorError(`operator ${condition.operator ?? "(none)"} is not supported`);
  }
}

const scalarText = (v: unknown) => (typeof v === "string" ? v : v === null || v === undefined ? "" : String(v));

function toList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(scalarText);
  return [scalarText(v)];
}

function valueSet(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(scalarText);
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(scalarText);
    } catch {
      // not JSON: one value
    }
    return [value];
  }
  return [scalarText(value)];
}

function inSet(key: string, value: unknown): boolean {
  return valueSet(value).some((v) => matchWildcard(v, key) || matchWildcard(key, v));
}

function isEqual(key: unknown, value: unknown): boolean {
  if (typeof value === "string" && (typeof key === "string" || typeof key === "number" || typeof key === "boolean")) {
    const k = String(key);
    if (matchWildcard(value, k)) return true;
    const a = parseQuantity(k);
    const b = parseQuantity(value);
    return a !== null && b !== null && compareQuantities(a, b) === 0;
  }
  if (typeof key === "string" && (typeof value === "number" || typeof value === "boolean"))
    return key === String(value);
  return JSON.stringify(key) === JSON.stringify(value);
}

function compareNumeric(key: unknown, value: unknown, test: (cmp: number) => boolean): boolean {
  const a = typeof key === "number" ? key : parseQuantity(scalarText(key));
  const b = typeof value === "number" ? value : parseQuantity(scalarText(value));
  if (a === null || b === null) return false;
  return test(compareQuantities(a, b));
}
