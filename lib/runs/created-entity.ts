import { findEntity } from "@/lib/catalog/entity-lookup";
import { getAction } from "./action-mirror";
import type { Run } from "./types";

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * The entity a create action's run makes: its blueprint is the action's, its identifier the run's
 * `name` input. `exists` says whether the catalog has it now (not yet, or removed by compensation).
 */
export async function findCreatedEntity(
  run: Pick<Run, "actionId" | "entity" | "input" | "result">,
): Promise<{ blueprint: string; identifier: string; exists: boolean } | null> {
  if (run.entity) return null;
  const action = await getAction(run.actionId).catch(() => null);
  if (action?.trigger !== "create") return null;
  const identifier = str(run.result?.identifier) ?? str(run.input.name);
  if (!identifier) return null;
  const entity = await findEntity(action.blueprint, identifier).catch(() => null);
  return { blueprint: action.blueprint, identifier, exists: entity !== null };
}
