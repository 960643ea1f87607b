import { findActionDefinition, getRunWiring } from "./run-wiring";
import { findRunEntity } from "./run-entity";

/**
 * The action's input JSON Schema for a form acting on `entity`: fields with entity-dependent choices
 * (the versions an environment ran, the environments after this one) become enums. A failure to
 * compute choices leaves the plain schema: the server checks the value on submit anyway.
 */
export async function inputSchemaFor(
  actionId: string,
  baseSchema: Record<string, unknown>,
  entity: { blueprint: string; identifier: string } | null,
  actor: string,
): Promise<Record<string, unknown>> {
  const def = findActionDefinition(actionId);
  if (!def?.options || !entity) return baseSchema;
  const ref = await findRunEntity(entity.blueprint, entity.identifier);
  if (!ref) return baseSchema;
  const choices = await def.options(ref, getRunWiring().portsFor(actor)).catch(() => ({}) as Record<string, string[]>);
  const properties = { ...((baseSchema.properties as Record<string, Record<string, unknown>>) ?? {}) };
  for (const [field, values] of Object.entries(choices)) {
    if (properties[field] && values.length > 0) properties[field] = { ...properties[field], enum: values };
  }
  return { ...baseSchema, properties };
}
