import type { FieldHint } from "./define-action";
import { findActionDefinition, getRunWiring } from "./run-wiring";
import { findRunEntity } from "./run-entity";

type FieldSchema = Record<string, unknown>;

// A hint becomes plain JSON Schema (default, minimum, maximum) plus `x-current`, which the form uses
// to leave an unchanged pre-filled value out of the request.
function applyHint(field: FieldSchema, hint: FieldHint): FieldSchema {
  const out: FieldSchema = { ...field };
  const messages = { ...((field["x-messages"] as Record<string, unknown>) ?? {}) };
  if (hint.current !== undefined) Object.assign(out, { default: hint.current, "x-current": hint.current });
  if (hint.minimum !== undefined) out.minimum = hint.minimum;
  if (hint.maximum !== undefined) out.maximum = hint.maximum;
  if (hint.note) {
    out.description = [field.description, hint.note].filter(Boolean).join(". ");
    if (hint.minimum !== undefined) messages.minimum = hint.note;
    if (hint.maximum !== undefined) messages.maximum = hint.note;
  }
  if (Object.keys(messages).length > 0) out["x-messages"] = messages;
  return out;
}

/**
 * The action's input JSON Schema for a form acting on `entity`: fields with entity-dependent choices
 * (the versions an environment ran, the environments after this one) become enums with the first
 * choice preselected (the next environment, the version before); hints pre-fill current values and
 * narrow ranges. A failure to compute either leaves the plain schema: the server checks on submit anyway.
 */
export async function inputSchemaFor(
  actionId: string,
  baseSchema: Record<string, unknown>,
  entity: { blueprint: string; identifier: string } | null,
  actor: string,
): Promise<Record<string, unknown>> {
  const def = findActionDefinition(actionId);
  if ((!def?.options && !def?.formHints) || !entity) return baseSchema;
  const ref = await findRunEntity(entity.blueprint, entity.identifier);
  if (!ref) return baseSchema;
  const ports = getRunWiring().portsFor(actor);
  const [choices, hints] = await Promise.all([
    (def.options?.(ref, ports) ?? Promise.resolve({})).catch(() => ({}) as Record<string, string[]>),
    (def.formHints?.(ref, ports) ?? Promise.resolve({})).catch(() => ({}) as Record<string, FieldHint>),
  ]);
  const properties = { ...((baseSchema.properties as Record<string, FieldSchema>) ?? {}) };
  for (const [field, values] of Object.entries(choices)) {
    if (properties[field] && values.length > 0)
      properties[field] = { ...properties[field], enum: values, default: values[0] };
  }
  for (const [field, hint] of Object.entries(hints)) {
    if (properties[field]) properties[field] = applyHint(properties[field], hint);
  }
  return { ...baseSchema, properties };
}
