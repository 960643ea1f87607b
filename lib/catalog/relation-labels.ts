import type { Blueprint } from "./types";

// Relation labels in words ("Deployments of this service") instead of "deployment via service ←".

type BlueprintNames = Pick<Blueprint, "identifier" | "title" | "relations">;

export function pluralOf(title: string): string {
  // "Paas" is already plural as people say it.
  if (/aas$/i.test(title)) return title;
  if (/(s|x|ch|sh)$/i.test(title)) return `${title}es`;
  if (/[^aeiou]y$/i.test(title)) return `${title.slice(0, -1)}ies`;
  return `${title}s`;
}

// Relations whose title reads as a verb phrase: "Depends on" → "that depend on".
const VERB_PHRASES: Record<string, string> = { "depends on": "that depend on" };

/** The label of an outgoing relation: its title, or its name split into words. */
export function outgoingRelationLabel(name: string, def: { title?: string }): string {
  if (def.title) return def.title;
  const words = name
    .replace(/[-_]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The label of an incoming relation on an entity of `here`: entities of `from` pointing at it through
 * `relation`. `from` may be unknown (a blueprint deleted since), then its identifier stands in.
 */
export function incomingRelationLabel(
  here: BlueprintNames,
  from: BlueprintNames | undefined,
  relation: string,
): string {
  const fromTitle = from ? pluralOf(from.title) : "Entities";
  const thisOne = `this ${here.title.toLowerCase()}`;
  const def = from?.relations[relation];
  const relTitle = outgoingRelationLabel(relation, def ?? {});
  if (relation === here.identifier || relTitle.toLowerCase() === here.title.toLowerCase())
    return `${fromTitle} of ${thisOne}`;
  const verb = VERB_PHRASES[relTitle.toLowerCase()];
  if (verb) return `${fromTitle} ${verb} ${thisOne}`;
  return `${fromTitle} with ${thisOne} as ${relTitle.toLowerCase()}`;
}
