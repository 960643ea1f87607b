import { entityActivity } from "@/db/schema";
import type { Executor } from "./relations";

// The entity timeline: catalog edits now; runs, promotions and ArgoCD status changes later.
export async function recordActivity(
  db: Executor,
  entityId: number,
  entry: { kind: string; message: string; actor?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await db.insert(entityActivity).values({
    entityId,
    kind: entry.kind,
    message: entry.message,
    actor: entry.actor ?? null,
    data: entry.data ?? {},
  });
}

/** Names of top-level properties whose value differs between two versions. */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}
