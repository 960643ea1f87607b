import { can, type Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { getRun } from "@/lib/runs/run-store";
import { findRunGate, gateBlockReason, type RunGate } from "./gate";

export type RunGateView = RunGate & { blockedReason: string | null; mayOverride: boolean };

/** The run's gate as the run page and the approver see it; null when the run had no gate. */
export async function getRunGateView(
  runId: string,
  user: SessionUser,
  authorize: Authorize,
): Promise<RunGateView | null> {
  const run = await getRun(runId);
  authorize("read", { kind: "run", requestedBy: run.requestedBy });
  const gate = await findRunGate(runId);
  if (!gate) return null;
  const blockedReason = gateBlockReason(gate);
  const mayOverride =
    blockedReason !== null && run.status === "awaiting_approval" && can(user, "update", { kind: "gate", runId });
  return { ...gate, blockedReason, mayOverride };
}
