import { and, asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, runs } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { setupTestDatabase } from "@/tests/db";
import { ClaimLostError } from "./run-claim";
import { createRunContext } from "./run-context";
import { markRunWaiting } from "./transitions";
import type { RunStatus } from "./types";

setupTestDatabase();

async function insertRun(status: RunStatus): Promise<string> {
  const [row] = await getDb()
    .insert(runs)
    .values({
      actionId: "test-steps",
      status,
      input: {},
      requestedBy: "dana",
      requestedByEmail: "dana@example.com",
      via: "api",
      attempts: 1,
      workerId: "w",
    })
    .returning({ id: runs.id });
  return row!.id;
}

const claimOf = (runId: string) => ({ runId, token: 1, workerId: "w", signal: new AbortController().signal });

async function statusOf(runId: string): Promise<string | undefined> {
  const [row] = await getDb().select({ status: runs.status }).from(runs).where(eq(runs.id, runId));
  return row?.status;
}

async function waitAudit(runId: string) {
  return getDb()
    .select({ verb: auditLog.verb, actor: auditLog.actor, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.target, `run:${runId}`), like(auditLog.verb, "run.wait%")))
    .orderBy(asc(auditLog.id));
}

describe("a run waiting on the outside world", () => {
  it("goes running → waiting → running through the state machine, audited each time", async () => {
    const runId = await insertRun("running");
    const { ctx } = createRunContext({
      claim: claimOf(runId),
      actor: { id: "dana", email: "dana@example.com" },
      policy: null,
      entity: null,
      ports: {},
    });
    const seen: (string | undefined)[] = [];
    for (const key of ["rollout-1", "rollout-2"]) {
      await ctx.waitUntil(
        key,
        async () => {
          seen.push(await statusOf(runId));
          return { done: true };
        },
        { intervalMs: 1 },
      );
      expect(await statusOf(runId)).toBe("running");
    }
    expect(seen).toEqual(["waiting", "waiting"]);
    const rows = await waitAudit(runId);
    expect(rows.map((r) => [r.verb, r.data])).toEqual([
      ["run.wait", { from: "running", to: "waiting", step: "rollout-1" }],
      ["run.wait_end", { from: "waiting", to: "running", step: "rollout-1" }],
      ["run.wait", { from: "running", to: "waiting", step: "rollout-2" }],
      ["run.wait_end", { from: "waiting", to: "running", step: "rollout-2" }],
    ]);
    expect(rows.every((r) => r.actor === "system")).toBe(true);
  });

  it("refuses a run that moved on meanwhile (ended, or claimed by another worker), and audits nothing for it", async () => {
    const ended = await insertRun("cancelled");
    await expect(markRunWaiting(claimOf(ended), true, "rollout")).rejects.toThrow(ClaimLostError);
    expect(await statusOf(ended)).toBe("cancelled");
    const taken = await insertRun("running");
    await getDb().update(runs).set({ attempts: 2, workerId: "other" }).where(eq(runs.id, taken));
    await expect(markRunWaiting(claimOf(taken), true, "rollout")).rejects.toThrow(ClaimLostError);
    expect(await statusOf(taken)).toBe("running");
    expect(await waitAudit(ended)).toEqual([]);
    expect(await waitAudit(taken)).toEqual([]);
  });
});
