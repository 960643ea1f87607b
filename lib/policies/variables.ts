import { search } from "@jmespath-community/jmespath";

// Kyverno's `{{ … }}` variables: JMESPath over the request and the rule's context. A string that is
// one variable takes the value's type (a list stays a list); variables inside text become text.
// Inner variables resolve first: `{{ a[?x == '{{ b }}'] }}`.

export type VariableContext = Record<string, unknown>;

export class UnresolvedVariableError extends Error {}

const INNERMOST = /\{\{([^{}]*)\}\}/g;
const WHOLE = /^\s*\{\{([^{}]*)\}\}\s*$/;

export function evaluateExpression(expression: string, ctx: VariableContext): unknown {
  const expr = expression.trim();
  try {
    return search(ctx as never, expr) ?? null;
  } catch (err) {
    throw new UnresolvedVariableError(`cannot resolve {{${expr}}}: ${(err as Error).message}`);
  }
}

const asText = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

export function substituteString(text: string, ctx: VariableContext): unknown {
  let current = text;
  for (let depth = 0; depth < 10; depth++) {
    const whole = WHOLE.exec(current);
    if (whole) return evaluateExpression(whole[1]!, ctx);
    if (!current.includes("{{")) return current;
    const next = current.replace(INNERMOST, (_m, expr: string) => asText(evaluateExpression(expr, ctx)));
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Substitutes every string in `value`, keys left alone. */
export function substitute(value: unknown, ctx: VariableContext): unknown {
  if (typeof value === "string") return substituteString(value, ctx);
  if (Array.isArray(value)) return value.map((v) => substitute(v, ctx));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ctx)]));
  return value;
}
