/** What compensation did after a failure: steps undone, undos that failed, finished steps with no undo. */
export type CompensationSummary = { undone: string[]; failed: string[]; kept: string[] };

const list = (keys: string[]) => keys.join(", ");

/**
 * One truthful sentence per outcome, for the run's log and error: a failed release whose overlay
 * commit has no undo must not read as if everything were put back.
 */
export function describeCompensation({ undone, failed, kept }: CompensationSummary): string {
  if (undone.length + failed.length + kept.length === 0) return "Nothing had been changed yet, so nothing was undone.";
  const parts: string[] = [];
  parts.push(undone.length > 0 ? `Undone: ${list(undone)}.` : "Nothing was undone.");
  if (failed.length > 0) parts.push(`Could not undo: ${list(failed)} (see the log).`);
  if (kept.length > 0) parts.push(`Still in effect (these steps have no undo): ${list(kept)}.`);
  return parts.join(" ");
}
