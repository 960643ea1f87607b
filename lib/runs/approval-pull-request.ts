import { and, eq, inArray, sql } from "drizzle-orm";
import { runs, runSteps } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { requireActionDefinition } from "./action-mirror";
import type { EntityRef } from "./define-action";
import { createRequestContext, runUnclaimedStep } from "./request-context";
import { appendRunLog, getRun, notifyRun } from "./run-store";
import { getRunWiring } from "./run-wiring";
import type { ChangeProposal, Run } from "./types";

// The GitOps pull request of a run awaiting approval: opened when the run is requested, a comment
// for every decision, closed when the request is declined, withdrawn or expires (merged by the
// executor once approved). Every side effect is a checkpointed step with an idempotent body.

const portsFor = (run: Run) => getRunWiring().portsFor(`run ${run.id} (${run.requestedByEmail})`);

/** Runs the action's `propose` for a run that awaits approval and stores what approvers will see. */
export async function proposeChange(run: Run, entity: EntityRef | null): Promise<ChangeProposal | null> {
  const def = requireActionDefinition(run.actionId);
  if (!def.propose || run.status !== "awaiting_approval") return null;
  const ctx = createRequestContext({
    runId: run.id,
    actor: { id: run.requestedBy, email: run.requestedByEmail },
    entity,
    changeTicket: run.changeTicket,
    ports: portsFor(run),
  });
  try {
    const proposal = await def.propose(ctx, run.input);
    await getDb().update(runs).set({ proposal }).where(eq(runs.id, run.id));
    await notifyRun(run.id);
    return proposal;
  } catch (err) {
    // The request stands: the executor prepares the change itself once the run is approved.
    const message = err instanceof Error ? err.message : String(err);
    await appendRunLog(run.id, "warn", `Could not prepare the change for review: ${message}`);
    logger.warn("proposing a change failed", { runId: run.id, error: message });
    return null;
  }
}

const marker = (runId: string, key: string) => `<!-- slipway:${runId}:${key} -->`;

/** Comments on the run's pull request once (a retried step finds its marker and does not repeat it). */
async function commentOnce(run: Run, key: string, body: string): Promise<void> {
  const pr = run.proposal?.pullRequest;
  if (!pr) return;
  const { forgejo, gitops } = portsFor(run);
  await runUnclaimedStep(run.id, key, async () => {
    const tag = marker(run.id, key);
    const comments = await forgejo.listPullRequestComments(gitops.owner, gitops.repo, pr.number);
    if (!comments.some((c) => c.body.includes(tag)))
      await forgejo.commentOnPullRequest(gitops.owner, gitops.repo, pr.number, `${body}\n\n${tag}`);
    return true;
  });
}

/** Reports a failed side effect on the run instead of failing the decision that caused it. */
async function bestEffort(run: Run, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await appendRunLog(run.id, "warn", `Could not ${what} on the pull request: ${message}`);
  }
}

export type DecisionNote = {
  userId: string;
  email: string;
  decision: "approve" | "decline";
  comment: string;
  changeTicket: string | null;
  approvals: number;
};

/** Records one person's decision on the pull request, with the progress it makes. */
export async function recordDecisionOnPullRequest(runId: string, d: DecisionNote): Promise<void> {
  const run = await getRun(runId);
  const needed = run.policy?.approvers ?? 0;
  const lines = [
    d.decision === "approve"
      ? `✅ Approved by ${d.email} in Slipway (${d.approvals} of ${needed} approvals).`
      : `❌ Declined by ${d.email} in Slipway.`,
    ...(d.comment ? [`> ${d.comment}`] : []),
    ...(d.changeTicket ? [`Change ticket: ${d.changeTicket}`] : []),
  ];
  await bestEffort(run, "record the decision", () => commentOnce(run, `decision-${d.userId}`, lines.join("\n\n")));
}

/** Closes the run's pull request (declined, withdrawn or expired), saying why in a comment first. */
export async function closeProposalPullRequest(runId: string, why: string): Promise<void> {
  const run = await getRun(runId);
  const pr = run.proposal?.pullRequest;
  if (!pr) return;
  await bestEffort(run, "close the request", async () => {
    await commentOnce(run, "close-comment", `🚫 ${why}; Slipway closes this pull request.`);
    const { forgejo, gitops } = portsFor(run);
    await runUnclaimedStep(run.id, "close-pull-request", async () => {
      const closed = await forgejo.closePullRequest(gitops.owner, gitops.repo, pr.number);
      return { state: closed.state };
    });
    await appendRunLog(run.id, "info", `Closed pull request #${pr.number}: ${why}`);
  });
}

const MAX_CLOSE_ATTEMPTS = 6;

const ENDED_REASONS: Record<string, string> = {
  declined: "The request was declined",
  cancelled: "The request was withdrawn or expired",
};

/**
 * Closes pull requests of requests that ended without running (declined, withdrawn, expired) whose
 * close did not go through at the time (Forgejo unreachable, a process stopped): the worker's sweep.
 */
export async function closeAbandonedPullRequests(limit = 20): Promise<number> {
  const rows = await getDb()
    .select({ id: runs.id, status: runs.status })
    .from(runs)
    .where(
      and(
        inArray(runs.status, ["declined", "cancelled"]),
        sql`${runs.proposal}->'pullRequest' is not null and ${runs.proposal}->'pullRequest' <> 'null'::jsonb`,
        // A cancelled run that started has its pull request in the executor's hands.
        sql`${runs.startedAt} is null`,
        sql`not exists (select 1 from ${runSteps} where ${runSteps.runId} = ${runs.id}
              and ${runSteps.key} = 'close-pull-request' and ${runSteps.status} = 'succeeded')`,
        // A pull request that cannot be closed (deleted in Forgejo) is not retried for ever.
        sql`(select coalesce(sum(${runSteps.attempts}), 0) from ${runSteps} where ${runSteps.runId} = ${runs.id}
              and ${runSteps.key} in ('close-comment', 'close-pull-request')) < ${MAX_CLOSE_ATTEMPTS}`,
      ),
    )
    .limit(limit);
  for (const r of rows) await closeProposalPullRequest(r.id, ENDED_REASONS[r.status] ?? "The request ended");
  return rows.length;
}
