import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as cancelRoute from "@/app/api/v1/runs/[run]/cancel/route";
import { listAudit } from "@/lib/audit/list-audit";
import { call, setupTestDatabase } from "@/tests/db";
import { until } from "@/tests/until";
import { testStepsRuns } from "@/tests/test-steps-runs";
import { workerProcesses } from "@/tests/worker-processes";
import { executeRun } from "./execute-run";
import { getRunDetail } from "./run-store";
import type { Run } from "./types";

setupTestDatabase();

const { tmp, requestSteps, messages, count } = testStepsRuns("slipway-worker-");
const startWorker = workerProcesses();

describe("durable runs", () => {
  it("finishes a run whose worker was SIGKILLed mid-run on a new worker, each step executed exactly once", async () => {
    const gate = path.join(tmp, "gate-1");
    const { child: first } = startWorker();
    const runId = await requestSteps({ steps: 4, pauseAfter: 2, gateFile: gate });
    await until("the run to pause after step 2", async () => (await messages(runId)).includes("paused after step-2"));
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    startWorker();
    fs.writeFileSync(gate, "go");
    const done = await until("the run to end", async () => {
      const run = await getRunDetail(runId);
      return run.status === "succeeded" || run.status === "failed" ? run : undefined;
    });
    expect(done.status).toBe("succeeded");
    const log = await messages(runId);
    for (let i = 1; i <= 4; i++) expect(count(log, `executing step-${i}`), `step-${i}`).toBe(1);
    expect(log.some((m) => m.startsWith("Resumed by worker"))).toBe(true);
    expect(done.steps.map((s) => [s.key, s.status, s.attempts])).toEqual(
      [1, 2, 3, 4].map((i) => [`step-${i}`, "succeeded", 1]),
    );
    const verbs = (await listAudit({ target: `run:${runId}`, limit: 20 })).items.map((i) => i.verb);
    expect(verbs).toEqual(expect.arrayContaining(["run.request", "run.start", "run.resume", "run.succeed"]));
  }, 120_000);

  it("undoes finished steps, newest first, when a later step fails", async () => {
    const runId = await requestSteps({ steps: 4, failAt: 3 });
    await executeRun(runId, "test-worker");
    const run = await getRunDetail(runId);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^step-3 failed on purpose\. /);
    expect(run.steps.map((s) => [s.key, s.status])).toEqual([
      ["step-1", "compensated"],
      ["step-2", "compensated"],
      ["step-3", "failed"],
    ]);
    const log = await messages(runId);
    expect(log.indexOf("compensating step-2")).toBeLessThan(log.indexOf("compensating step-1"));
    expect(log).not.toContain("executing step-4");
  });

  it("stops a running run at its next step when cancelled, and compensates", async () => {
    const gate = path.join(tmp, "gate-2");
    const runId = await requestSteps({ steps: 3, pauseAfter: 1, gateFile: gate });
    const running = executeRun(runId, "test-worker");
    await until("the pause", async () => (await messages(runId)).includes("paused after step-1"));
    const cancel = await call<Run>(cancelRoute.POST, { as: { user: "dana" }, params: { run: runId }, method: "POST" });
    expect(cancel.json.cancelRequested).toBe(true);
    fs.writeFileSync(gate, "go");
    await running;
    const run = await getRunDetail(runId);
    expect(run.status).toBe("cancelled");
    expect(run.steps.map((s) => [s.key, s.status])).toEqual([["step-1", "compensated"]]);
  });

  it("shows `waiting` while a step waits for the outside world, then succeeds or fails with its message", async () => {
    for (const [name, content, status] of [
      ["ok", "ready", "succeeded"],
      ["bad", "fail: Degraded", "failed"],
    ] as const) {
      const file = path.join(tmp, `wait-${name}`);
      const runId = await requestSteps({ steps: 1, waitFile: file });
      const running = executeRun(runId, "test-worker");
      await until("the waiting status", async () => (await getRunDetail(runId)).status === "waiting");
      fs.writeFileSync(file, content);
      await running;
      const run = await getRunDetail(runId);
      expect(run.status).toBe(status);
      if (status === "failed") expect(run.error).toMatch(/^wait-file says: fail: Degraded\. /);
    }
  });

  it("executes a run only once when two workers are handed it", async () => {
    const runId = await requestSteps({ steps: 2 });
    await Promise.all([executeRun(runId, "worker-a"), executeRun(runId, "worker-b")]);
    const log = await messages(runId);
    expect(count(log, "executing step-1")).toBe(1);
    expect((await getRunDetail(runId)).status).toBe("succeeded");
  });
});
