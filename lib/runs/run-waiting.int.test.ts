import { and, asc, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, runs } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { setupTestDatabase } from "@/tests/db";
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
    })
    .returning({ id: runs.id });
  return row!.id;
}

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
      id: runId,
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

  it("leaves a run alone that moved on meanwhile, and audits nothing for it", async () => {
    const runId = await insertRun("cancelled");
    await markRunWaiting(runId, true, "rollout");
    await markRunWaiting(runId, false, "rollout");
    expect(await statusOf(runId)).toBe("cancelled");
    expect(await waitAudit(runId)).toEqual([]);
  });
});
