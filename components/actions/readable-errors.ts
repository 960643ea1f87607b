import type { RJSFSchema, RJSFValidationError } from "@rjsf/utils";

// The form's own validation (ajv) says `must match pattern "^[a-z]"`; people read the schema's
// messages instead (`x-messages`, carried from the zod schema) or plain words built from the title.

type FieldSchema = RJSFSchema & { "x-messages"?: { pattern?: Record<string, string> } & Record<string, unknown> };

function fieldAt(schema: RJSFSchema, property: string): { field: FieldSchema | null; key: string } {
  const parts = property.replace(/^\./, "").split(".").filter(Boolean);
  let node: RJSFSchema | undefined = schema;
  for (const part of parts) {
    if (!node || typeof node !== "object") break;
    node = /^\d+$/.test(part)
      ? (node.items as RJSFSchema | undefined)
      : (node.properties?.[part] as RJSFSchema | undefined);
  }
  return { field: (node as FieldSchema) ?? null, key: parts.at(-1) ?? "" };
}

const asText = (v: unknown) => (typeof v === "string" ? v : null);

function readable(e: RJSFValidationError, field: FieldSchema | null, key: string): string | null {
  const name = field?.title ?? key.replace(/_/g, " ");
  const messages = field?.["x-messages"];
  const params = (e.params ?? {}) as Record<string, unknown>;
  switch (e.name) {
    case "pattern":
      return messages?.pattern?.[String(params.pattern)] ?? `${name} is not in the expected form`;
    case "minLength":
      return (
        asText(messages?.minLength) ??
        (params.limit === 1 ? `${name} is required` : `${name} needs at least ${String(params.limit)} characters`)
      );
    case "maxLength":
      return asText(messages?.maxLength) ?? `${name} has at most ${String(params.limit)} characters`;
    case "minimum":
      return asText(messages?.minimum) ?? `${name} is at least ${String(params.limit)}`;
    case "maximum":
      return asText(messages?.maximum) ?? `${name} is at most ${String(params.limit)}`;
    case "required":
      return `${name} is required`;
    case "type":
      return `${name} must be a ${params.type === "integer" ? "whole number" : String(params.type)}`;
    case "enum":
      return `Pick one of the offered ${name.toLowerCase()} choices`;
    case "format":
      return params.format === "email"
        ? `${name} must be an email address`
        : `${name} is not a valid ${String(params.format)}`;
    default:
      return null;
  }
}

/** rjsf's `transformErrors` for a schema: every message in words, none of them a regular expression. */
export function readableErrors(schema: RJSFSchema) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((e) => {
      const { field, key } = fieldAt(schema, e.property ?? "");
      const message = readable(e, field, key);
      return message ? { ...e, message, stack: message } : e;
    });
}
