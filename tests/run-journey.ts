import { expect } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import { executeRun } from "@/lib/runs/execute-run";
import { getRunDetail } from "@/lib/runs/run-store";
import type { Run } from "@/lib/runs/types";
import { call } from "./db";

// Journey tests drive actions through the real routes, then execute the run in-process as a worker would.

export async function requestRun(
  action: string,
  entity: string | undefined,
  input: Record<string, unknown>,
  user = "dana",
): Promise<Run> {
  const res = await call<Run>(actionRunsRoute.POST, { as: { user }, params: { action }, body: { entity, input } });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
}

/** Approves as each of `approvers`, executes the run and expects it to succeed. */
export async function approveAndExecute(runId: string, approvers: string[] = []) {
  for (const user of approvers) {
    const res = await call(decisionsRoute.POST, {
      as: { user },
      params: { run: runId },
      body: { decision: "approve" },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
  await executeRun(runId, "journey-worker");
  const run = await getRunDetail(runId);
  expect(run.status, run.error ?? "").toBe("succeeded");
  return run;
}
