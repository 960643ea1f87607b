import { sql } from "drizzle-orm";
import { getDb, onDbClose } from "@/lib/db/client";
import { logger } from "@/lib/logger";

// Writers append their facet count changes as deltas (migration 0018) so that none of them holds a
// counter row until it commits; this folds the deltas into the counters in a short transaction of its
// own. Readers count the unfolded deltas too, so folding late costs read time, never a wrong count.

const FOLD_AFTER_MS = 1000;
let pending: NodeJS.Timeout | undefined;
// A fold asked for by a process's last write must not reopen its pool after it closed.
onDbClose(async () => {
  clearTimeout(pending);
  pending = undefined;
});

/** Folds every committed delta into the counters now; answers how many delta rows it folded. */
export async function foldFacetDeltas(): Promise<number> {
  const res = await getDb().execute<{ folded: number }>(sql`select slipway_fold_entity_facets() as folded`);
  return Number(res.rows[0]?.folded ?? 0);
}

/**
 * Asks for a fold a moment from now, after a write: the writes of that moment share one fold, so a
 * burst of webhook batches costs a fold a second rather than one each.
 */
export function requestFacetFold(): void {
  if (pending) return;
  pending = setTimeout(() => {
    // Cleared as the fold starts: a write committing while it runs may be after its snapshot, and
    // must get a fold of its own.
    pending = undefined;
    foldFacetDeltas().catch((err: unknown) =>
      logger.warn("facet fold failed; the next write asks again", { err: String(err) }),
    );
  }, FOLD_AFTER_MS);
  pending.unref();
}
