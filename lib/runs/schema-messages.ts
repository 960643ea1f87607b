import type { z } from "zod";

// The messages an action's zod schema gives (e.g. "Service name must start with a lowercase letter"),
// carried into its JSON Schema as `x-messages`, so the form's own validation says them too instead of
// `must match pattern "^[a-z]"`. Validators ignore the unknown keyword.

export type SchemaMessages = {
  pattern?: Record<string, string>;
  minLength?: string;
  maxLength?: string;
  minimum?: string;
  maximum?: string;
};

const KEYWORD_OF_CHECK: Record<string, keyof Omit<SchemaMessages, "pattern">> = {
  min_length: "minLength",
  max_length: "maxLength",
  greater_than: "minimum",
  less_than: "maximum",
};

type CheckDef = { check?: string; format?: string; pattern?: RegExp; error?: (issue: unknown) => unknown };

function messageOf(def: CheckDef): string | null {
  const message = def.error?.({});
  return typeof message === "string" && message !== "" ? message : null;
}

/** The custom messages of a schema's own checks (the ones without a message keep the validator's). */
export function collectMessages(schema: z.core.$ZodType): SchemaMessages | null {
  const checks = ((schema._zod.def as { checks?: { _zod: { def: CheckDef } }[] }).checks ?? []).map((c) => c._zod.def);
  const out: SchemaMessages = {};
  for (const def of checks) {
    const message = messageOf(def);
    if (!message) continue;
    if (def.check === "string_format" && def.format === "regex" && def.pattern)
      out.pattern = { ...out.pattern, [def.pattern.source]: message };
    const keyword = def.check ? KEYWORD_OF_CHECK[def.check] : undefined;
    if (keyword) out[keyword] = message;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** A `z.toJSONSchema` override adding `x-messages` where the schema has custom messages. */
export function addSchemaMessages(ctx: { zodSchema: z.core.$ZodType; jsonSchema: Record<string, unknown> }): void {
  const messages = collectMessages(ctx.zodSchema);
  if (messages) ctx.jsonSchema["x-messages"] = messages;
}
