import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/tests/db";
import { until } from "@/tests/until";
import { testStepsRuns } from "@/tests/test-steps-runs";
import { workerProcesses } from "@/tests/worker-processes";
import { getRunDetail } from "./run-store";

setupTestDatabase();

const { tmp, requestSteps, messages, count } = testStepsRuns("slipway-drain-");
// A long stale threshold: the handed-back run must be resumed because it was handed back, not
// because its heartbeat went stale.
const startWorker = workerProcesses({ SLIPWAY_RUN_STALE_SECONDS: "300" });

describe("a worker stopped with SIGTERM", () => {
  it("hands its run back at the next step and exits; another worker finishes it, each step executed once", async () => {
    const gate = path.join(tmp, "gate");
    const first = startWorker();
    const runId = await requestSteps({ steps: 3, pauseAfter: 1, gateFile: gate });
    await until("the run to pause after step 1", async () => (await messages(runId)).includes("paused after step-1"));
    const second = startWorker();
    const exited = new Promise<number | null>((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGTERM");
    // The first worker waits for its run to reach a step boundary; open the gate to let it get there.
    fs.writeFileSync(gate, "go");
    expect(await exited, first.stderr()).toBe(0);

    const done = await until("the run to end", async () => {
      const run = await getRunDetail(runId);
      return run.status === "succeeded" || run.status === "failed" ? run : undefined;
    });
    expect(done.status, second.stderr()).toBe("succeeded");
    const log = await messages(runId);
    for (let i = 1; i <= 3; i++) expect(count(log, `executing step-${i}`), `step-${i}`).toBe(1);
    expect(log.some((m) => m.startsWith("Handed back by worker") && m.endsWith("(stopping)"))).toBe(true);
    expect(log.some((m) => m.startsWith("Resumed by worker"))).toBe(true);
    expect(done.steps.map((s) => [s.key, s.status, s.attempts])).toEqual(
      [1, 2, 3].map((i) => [`step-${i}`, "succeeded", 1]),
    );
    second.child.kill("SIGKILL");
  }, 120_000);

  it("hands back a run waiting on the outside world at once, and the wait goes on elsewhere", async () => {
    const waitFile = path.join(tmp, "wait");
    const first = startWorker();
    const runId = await requestSteps({ steps: 1, waitFile });
    await until("the run to wait", async () => (await getRunDetail(runId)).status === "waiting");
    const second = startWorker();
    const exited = new Promise<number | null>((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGTERM");
    expect(await exited, first.stderr()).toBe(0);
    await until("another worker to wait", async () => (await messages(runId)).some((m) => m.startsWith("Resumed by")));
    fs.writeFileSync(waitFile, "ready");
    const done = await until("the run to end", async () => {
      const run = await getRunDetail(runId);
      return run.status === "succeeded" || run.status === "failed" ? run : undefined;
    });
    expect(done.status, second.stderr()).toBe("succeeded");
    expect(count(await messages(runId), "executing step-1")).toBe(1);
  }, 120_000);
});

describe("a worker whose supervisor is gone", () => {
  it("stops by itself when the IPC channel it was started with closes (its supervisor died)", async () => {
    const worker = startWorker();
    await until("the worker to be ready", async () => worker.child.connected && worker.child.pid);
    const exited = new Promise<number | null>((resolve) => worker.child.once("exit", resolve));
    // What the worker sees when the test process that started it is killed.
    worker.child.disconnect();
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("still running"), 20_000))]);
    expect(code, worker.stderr()).toBe(0);
  });
});
