import { matchWildcard } from "./wildcard";
import { compareQuantities, parseQuantity } from "./quantity";

// Kyverno's scalar patterns (pkg/engine/pattern): `a|b` any of, `a&b` all of, operators `!`, `>`,
// `<`, `>=`, `<=`, ranges `1-5` / `!1-5`, quantities ("512Mi") and wildcards (`*`, `?`).

type Op = "" | "!" | ">" | "<" | ">=" | "<=";

const IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;
const NOT_IN_RANGE = /^([-|+]?\d+(?:\.\d+)?[A-Za-z]*)!-([-|+]?\d+(?:\.\d+)?[A-Za-z]*)$/;

export function matchScalar(value: unknown, pattern: unknown): boolean {
  if (typeof pattern === "boolean") return typeof value === "boolean" && value === pattern;
  if (typeof pattern === "number") return matchNumber(value, pattern);
  if (pattern === null || pattern === undefined) return matchNil(value);
  if (typeof pattern === "string") return matchStringPatterns(value, pattern);
  if (typeof pattern === "object" && !Array.isArray(pattern))
    return typeof value === "object" && value !== null && !Array.isArray(value);
  return false;
}

function matchNumber(value: unknown, pattern: number): boolean {
  if (typeof value === "number") return value === pattern;
  if (typeof value === "string") {
    const parsed = Number.isInteger(pattern) ? parseIntStrict(value) : Number.parseFloat(value);
    return parsed !== null && !Number.isNaN(parsed) && parsed === pattern;
  }
  return false;
}

function parseIntStrict(text: string): number | null {
  return /^[+-]?\d+$/.test(text) ? Number(text) : null;
}

function matchNil(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "number") return value === 0;
  if (typeof value === "string") return value === "";
  if (typeof value === "boolean") return !value;
  return false;
}

function matchStringPatterns(value: unknown, pattern: string): boolean {
  if (value === pattern) return true;
  return pattern.split("|").some((alternative) =>
    alternative
      .trim()
      .split("&")
      .every((part) => matchStringPattern(value, part.trim())),
  );
}

function operatorOf(pattern: string): Op {
  if (pattern.length < 2) return "";
  if (pattern.startsWith(">=")) return ">=";
  if (pattern.startsWith("<=")) return "<=";
  if (pattern.startsWith(">")) return ">";
  if (pattern.startsWith("<")) return "<";
  if (pattern.startsWith("!")) return "!";
  return "";
}

function matchStringPattern(value: unknown, pattern: string): boolean {
  const op = operatorOf(pattern);
  if (op === "") {
    const notInRange = NOT_IN_RANGE.exec(pattern);
    if (notInRange)
      return matchStringPattern(value, `< ${notInRange[1]}`) || matchStringPattern(value, `> ${notInRange[2]}`);
    const inRange = IN_RANGE.exec(pattern);
    if (inRange) return matchStringPattern(value, `>= ${inRange[1]}`) && matchStringPattern(value, `<= ${inRange[2]}`);
  }
  const operand = pattern.slice(op.length).trim();
  const quantity = compareAsQuantity(value, operand, op);
  if (quantity !== null) return quantity;
  return compareAsString(value, operand, op);
}

function numberAsString(value: unknown): string | null {
  if (value === null || value === undefined) return "0";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(6);
  return null;
}

function compareAsQuantity(value: unknown, operand: string, op: Op): boolean | null {
  const pattern = parseQuantity(operand);
  const text = numberAsString(value);
  const actual = text === null ? null : parseQuantity(text);
  if (pattern === null || actual === null) return null;
  const cmp = compareQuantities(actual, pattern);
  switch (op) {
    case "":
      return cmp === 0;
    case "!":
      return cmp !== 0;
    case ">":
      return cmp > 0;
    case "<":
      return cmp < 0;
    case ">=":
      return cmp >= 0;
    case "<=":
      return cmp <= 0;
    default: {
      const unreachable: never = op;
      return unreachable;
    }
  }
}

function compareAsString(value: unknown, operand: string, op: Op): boolean {
  if (op !== "" && op !== "!") return false;
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "boolean") text = String(value);
  else if (typeof value === "number")
    text = Number.isInteger(value) ? String(value) : value.toExponential().toUpperCase();
  else return false;
  const matched = matchWildcard(operand, text);
  return op === "!" ? !matched : matched;
}
