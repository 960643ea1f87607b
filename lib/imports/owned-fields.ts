import { canonicalJson } from "@/lib/audit/canonical";
import { findEntity } from "@/lib/catalog/entity-lookup";
import type { EntityUpdateInput } from "@/lib/catalog/inputs";
import { invalid, type FieldErrors } from "@/lib/errors";
import { findOrigin, type Origin } from "./origins";

// Fields an import source owns are changed at the source, not in the portal: the next import would
// silently undo a portal edit. Sending a field unchanged (a whole form) is fine.

export const ownedReason = (origin: Origin) =>
  `Owned by ${origin.source} (${origin.object}); change it there, the next import would undo it here`;

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const asList = (v: string | string[] | null | undefined) => (v == null ? [] : Array.isArray(v) ? [...v].sort() : [v]);

/** Refuses (422, one error per field) a change to a field the entity's import source owns. */
export async function checkOwnedFields(blueprint: string, identifier: string, input: EntityUpdateInput): Promise<void> {
  const origin = await findOrigin(blueprint, identifier);
  if (!origin || origin.ownedFields.length === 0) return;
  const current = await findEntity(blueprint, identifier);
  if (!current) return;
  const changed: string[] = [];
  if (input.title !== undefined && input.title !== current.title) changed.push("title");
  if (input.team !== undefined && input.team !== current.team) changed.push("team");
  for (const [k, v] of Object.entries(input.properties ?? {}))
    if (!same(current.properties[k], v)) changed.push(`properties.${k}`);
  for (const [k, v] of Object.entries(input.relations ?? {}))
    if (!same([...(current.relations[k] ?? [])].sort(), asList(v))) changed.push(`relations.${k}`);
  const fields: FieldErrors = {};
  for (const f of changed) if (origin.ownedFields.includes(f)) fields[f] = [ownedReason(origin)];
  if (Object.keys(fields).length > 0) throw invalid(fields, `Fields owned by ${origin.source} cannot be changed here`);
}
