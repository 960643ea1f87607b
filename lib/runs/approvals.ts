import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { runApprovals, runs } from "@/db/schema";
import { appendAudit, SYSTEM_ACTOR } from "@/lib/audit/append-audit";
import { can, type Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { AppError, invalid } from "@/lib/errors";
import { closeProposalPullRequest, recordDecisionOnPullRequest } from "./approval-pull-request";
import { findRunGate, gateBlockReason } from "@/lib/policies/gate";
import { appendRunLog, getRun } from "./run-store";
import { enqueueRun } from "./queue";
import { transitionRun } from "./transitions";
import type { Run } from "./types";

export const decisionSchema = z.object({
  decision: z.enum(["approve", "decline"]),
  comment: z.string().trim().max(2000).default(""),
  changeTicket: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});
export type Decision = z.infer<typeof decisionSchema>;

export const EXPIRED_MESSAGE = "The approval request expired";

/** Whether `user` may decide on `run` at all (role from the run's policy; never the requester). */
export function mayApprove(user: SessionUser, run: Run): boolean {
  if (run.status !== "awaiting_approval" || !run.policy || run.requestedBy === user.id) return false;
  return can(user, "approve", { kind: "action", id: run.actionId, allowedRoles: run.policy.roles });
}

/**
 * Approve or decline. The requester never counts; each person decides once; a change ticket is
 * needed where the policy says so (from the request or an approver); enough approvals queue the run.
 */
export async function decideRun(runId: string, user: SessionUser, authorize: Authorize, d: Decision): Promise<Run> {
  const run = await getRun(runId);
  if (run.status !== "awaiting_approval")
    throw new AppError("conflict", `The run is ${run.status.replace("_", " ")}, not awaiting approval`);
  if (run.requestedBy === user.id)
    throw new AppError("forbidden", "You requested this run; someone else has to approve it");
  authorize("approve", { kind: "action", id: run.actionId, allowedRoles: run.policy!.roles });
  if (run.approvalExpiresAt && new Date(run.approvalExpiresAt) <= new Date()) {
    await expireRun(run);
    throw new AppError("conflict", `${EXPIRED_MESSAGE} at ${run.approvalExpiresAt}; request the run again`);
  }
  if (d.decision === "approve") {
    const blocked = gateBlockReason(await findRunGate(runId));
    if (blocked) throw new AppError("conflict", blocked);
  }
  const policy = run.policy!;
  const requestTicket =
    typeof run.input.change_ticket === "string" && run.input.change_ticket ? run.input.change_ticket : null;
  let approvals = 0;
  let ticketUsed: string | null = null;
  const queued = await getDb().transaction(async (tx) => {
    const earlier = await tx
      .select({ userId: runApprovals.userId, decision: runApprovals.decision, changeTicket: runApprovals.changeTicket })
      .from(runApprovals)
      .where(eq(runApprovals.runId, runId));
    if (earlier.some((a) => a.userId === user.id)) throw new AppError("conflict", "You already decided on this run");
    const ticket = d.changeTicket ?? requestTicket ?? earlier.find((a) => a.changeTicket)?.changeTicket ?? null;
    if (d.decision === "approve" && policy.changeTicket && !ticket) {
      throw invalid({ changeTicket: ["This environment needs a change ticket (e.g. CHG-12345)"] });
    }
    await tx.insert(runApprovals).values({
      runId,
      userId: user.id,
      userEmail: user.email,
      decision: d.decision,
      comment: d.comment,
      changeTicket: d.changeTicket ?? null,
    });
    if (d.decision === "decline") {
      await transitionRun(tx, run, "declined", {
        actor: user.email,
        verb: "run.decline",
        patch: { error: `Declined by ${user.email}${d.comment ? `: ${d.comment}` : ""}` },
        data: { comment: d.comment },
      });
      return false;
    }
    approvals = earlier.filter((a) => a.decision === "approve").length + 1;
    ticketUsed = ticket;
    const complete = approvals >= policy.approvers && (!policy.changeTicket || Boolean(ticket));
    if (complete) {
      await transitionRun(tx, run, "queued", {
        actor: user.email,
        verb: "run.approve",
        // The executor records the ticket the run was approved under (the requester's or an approver's).
        patch: { changeTicket: ticket },
        data: { approvals, changeTicket: ticket, comment: d.comment },
      });
    } else {
      // Not a status change, but an approval all the same: audited on its own.
      await appendAudit(tx, {
        actor: user.email,
        verb: "run.approve",
        target: `run:${runId}`,
        data: { approvals, needed: policy.approvers, comment: d.comment, changeTicket: d.changeTicket ?? null },
      });
    }
    return complete;
  });
  const verb = d.decision === "approve" ? "approved" : "declined";
  await appendRunLog(
    runId,
    "info",
    `${verb[0]!.toUpperCase()}${verb.slice(1)} by ${user.email}${d.comment ? `: ${d.comment}` : ""}`,
  );
  await recordDecisionOnPullRequest(runId, {
    userId: user.id,
    email: user.email,
    decision: d.decision,
    comment: d.comment,
    changeTicket: d.changeTicket ?? (d.decision === "approve" ? ticketUsed : null),
    approvals,
  });
  if (d.decision === "decline") await closeProposalPullRequest(runId, `Declined by ${user.email}`);
  if (queued) await enqueueRun(runId);
  return getRun(runId);
}

async function expireRun(run: Run): Promise<void> {
  await getDb().transaction(async (tx) => {
    await transitionRun(tx, run, "cancelled", {
      actor: SYSTEM_ACTOR,
      verb: "run.expire",
      patch: { error: EXPIRED_MESSAGE },
    });
  });
  await appendRunLog(run.id, "warn", EXPIRED_MESSAGE);
  await closeProposalPullRequest(run.id, EXPIRED_MESSAGE);
}

/** Cancels every run whose approval request has expired (the worker's sweep calls this). */
export async function expireApprovals(): Promise<number> {
  const stale = await getDb()
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.status, "awaiting_approval"), lt(runs.approvalExpiresAt, sql`now()`)));
  for (const { id } of stale) await expireRun(await getRun(id)).catch(() => {});
  return stale.length;
}

/** The requester takes back a request that is still waiting for approvers. */
export async function withdrawRun(runId: string, user: SessionUser, authorize: Authorize): Promise<Run> {
  const run = await getRun(runId);
  authorize("delete", { kind: "run", requestedBy: run.requestedBy });
  if (run.status !== "awaiting_approval")
    throw new AppError(
      "conflict",
      `The run is ${run.status.replace("_", " ")}; only a request awaiting approval can be withdrawn`,
    );
  await getDb().transaction((tx) =>
    transitionRun(tx, run, "cancelled", {
      actor: user.email,
      verb: "run.withdraw",
      patch: { error: `Withdrawn by ${user.email}` },
    }),
  );
  await appendRunLog(runId, "info", `Withdrawn by ${user.email}`);
  await closeProposalPullRequest(runId, `Withdrawn by ${user.email}`);
  return getRun(runId);
}
