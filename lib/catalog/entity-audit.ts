import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { diffChanges } from "@/lib/audit/diff";
import type { Executor } from "@/lib/db/client";
import type { WriteOptions } from "./types";

type EntityState = {
  title: string;
  team: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, string[]>;
};

// What the audit log records of an entity: its editable state, not ids or timestamps.
function auditView(s: EntityState): Record<string, unknown> {
  return { title: s.title, team: s.team, properties: s.properties, relations: s.relations };
}

type Change =
  | { verb: "entity.create"; after: EntityState }
  | { verb: "entity.update"; before: EntityState; after: EntityState }
  | { verb: "entity.delete"; before: EntityState };

/** Appends the audit row for an entity change; call it last in the transaction making the change. */
export async function auditEntityChange(
  tx: Executor,
  opts: WriteOptions,
  ref: { blueprint: string; identifier: string },
  change: Change,
): Promise<void> {
  const data =
    change.verb === "entity.create"
      ? { after: auditView(change.after) }
      : change.verb === "entity.delete"
        ? { before: auditView(change.before) }
        : diffChanges(auditView(change.before), auditView(change.after), ["properties", "relations"]);
  await appendAudit(tx, {
    actor: opts.actor ?? SYSTEM_ACTOR,
    verb: change.verb,
    target: `entity:${ref.blueprint}/${ref.identifier}`,
    data,
  });
}
