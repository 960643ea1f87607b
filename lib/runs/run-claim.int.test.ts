import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runs } from "@/db/schema";
import { listAudit } from "@/lib/audit/list-audit";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { setupTestDatabase } from "@/tests/db";
import { until } from "@/tests/until";
import { executeRun } from "./execute-run";
import { getRunDetail, listRunLogs } from "./run-store";

// The fencing itself, in one process and without timing: the claim is taken from the worker while
// its step is paused (as another worker's takeover would), then the step continues.
setupTestDatabase();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-claim-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function insertRun(input: Record<string, unknown>): Promise<string> {
  const [row] = await getDb()
    .insert(runs)
    .values({
      actionId: "test-steps",
      status: "queued",
      input,
      requestedBy: "dana",
      requestedByEmail: "dana@example.com",
      via: "api",
    })
    .returning({ id: runs.id });
  return row!.id;
}

async function runState(runId: string) {
  const audit = await listAudit({ target: `run:${runId}`, limit: 100 });
  return { run: await getRunDetail(runId), logs: await listRunLogs(runId), audit: audit.items };
}

describe("a worker whose claim was taken over mid-step", () => {
  for (const [outcome, extra] of [
    ["succeeds", {}],
    ["fails", { failAt: 2 }],
  ] as const) {
    it(`writes nothing and compensates nothing when its step then ${outcome}`, async () => {
      const gateFile = path.join(tmp, `gate-${outcome}`);
      const runId = await insertRun({ steps: 3, pauseInside: 2, gateFile, ...extra });
      const warn = vi.spyOn(logger, "warn");
      const running = executeRun(runId, "worker-a");
      await until("the pause inside step-2", async () =>
        (await listRunLogs(runId)).some((l) => l.message === "paused inside step-2"),
      );
      await getDb()
        .update(runs)
        .set({ attempts: sql`${runs.attempts} + 1`, workerId: "worker-b", heartbeatAt: sql`now()` })
        .where(eq(runs.id, runId));
      const before = await runState(runId);
      fs.writeFileSync(gateFile, "go");
      await running;

      expect(await runState(runId)).toEqual(before);
      expect(before.run.status).toBe("running");
      expect(before.run.steps.map((s) => [s.key, s.status])).toEqual([
        ["step-1", "succeeded"],
        ["step-2", "running"],
      ]);
      expect(warn).toHaveBeenCalledWith("worker lost its claim on the run; stopping without compensating", {
        runId,
        worker: "worker-a",
        attempt: 1,
      });
      warn.mockRestore();
    });
  }
});
