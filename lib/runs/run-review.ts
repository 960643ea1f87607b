import { reviewChange, type ChangeReview } from "./change-review";
import { getRunWiring } from "./run-wiring";
import type { Run } from "./types";

/** The approver's view of a run's proposal (null: the action proposes nothing before it runs). */
export async function findRunReview(run: Run): Promise<ChangeReview | null> {
  if (!run.proposal) return null;
  const { forgejo, gitops } = getRunWiring().portsFor(`review of run ${run.id}`);
  return reviewChange({ forgejo, gitops }, run.proposal);
}
