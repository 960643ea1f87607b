import type { Authorize } from "@/lib/auth/permissions";
import { getRun } from "@/lib/runs/run-store";
import { findRunGate, gateBlockReason, type RunGate } from "./gate";

export type RunGateView = RunGate & { blockedReason: string | null };

/** The run's gate as the run page and the approver see it; null when the run had no gate. */
export async function getRunGateView(runId: string, authorize: Authorize): Promise<RunGateView | null> {
  const run = await getRun(runId);
  authorize("read", { kind: "run", requestedBy: run.requestedBy });
  const gate = await findRunGate(runId);
  return gate ? { ...gate, blockedReason: gateBlockReason(gate) } : null;
}
