import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import { runs, runSteps } from "@/db/schema";
import { listAudit } from "@/lib/audit/list-audit";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { getDb } from "@/lib/db/client";
import { forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { until } from "@/tests/until";
import { describeWorkers, workerProcesses, type WorkerProcess } from "@/tests/worker-processes";
import { getRunDetail, listRunLogs } from "./run-store";
import type { Run } from "./types";

// Issue 12: a worker paused (SIGSTOP) longer than the stale threshold is replaced by another; when it
// continues (SIGCONT) it must find its claim lost and do nothing: no compensation, no status change,
// no log line, no commit.
setupTestDatabase();

const STALE_SECONDS = 3;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "slipway-fencing-"));
const startWorker = workerProcesses({ SLIPWAY_RUN_STALE_SECONDS: String(STALE_SECONDS) });
let workers: WorkerProcess[] = [];

async function request(action: string, entity: string | undefined, input: Record<string, unknown>) {
  const res = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action },
    body: { entity, input },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

/** `promise`, failing with what the workers did: a timeout alone says nothing about why. */
function reportingWorkers<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((err: Error) => {
    throw new Error(`${err.message}\n${describeWorkers(workers)}`);
  });
}

/** SIGSTOPs the worker whose claim the run carries and returns it. */
async function pauseHolder(runId: string): Promise<WorkerProcess> {
  const [row] = await getDb().select({ worker: runs.workerId }).from(runs).where(eq(runs.id, runId));
  const pid = Number(row?.worker?.split(":").pop());
  const holder = workers.find((w) => w.child.pid === pid);
  if (!holder) throw new Error(`run ${runId} is held by ${row?.worker}, not by a test worker`);
  holder.child.kill("SIGSTOP");
  return holder;
}

/** Everything the run shows: status, steps, log lines and audit trail. */
async function runState(runId: string) {
  const audit = await listAudit({ target: `run:${runId}`, limit: 100 });
  return { run: await getRunDetail(runId), logs: await listRunLogs(runId), audit: audit.items };
}

/** The stale worker's process-log line saying it lost its claim on the run. */
const lostClaimReport = (worker: WorkerProcess, runId: string) =>
  Promise.resolve(
    worker
      .stderr()
      .split("\n")
      .slice(0, -1) // the last piece may be a line still being written
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg: string; runId?: string })
      .find((l) => l.runId === runId && l.msg.includes("lost its claim")),
  );

/**
 * Lets the replaced worker continue until it reports the lost claim, and checks that the run
 * looks exactly as it did before (nothing written after the claim was lost) and ended once.
 */
async function resumeStaleWorker(stale: WorkerProcess, runId: string) {
  const done = await reportingWorkers(
    until("the run to end on the other worker", async () => {
      const { status } = await getRunDetail(runId);
      return status !== "running" && status !== "waiting" && status;
    }),
  ).catch((err: Error) => {
    // Never leave it stopped: the next tests need two workers.
    stale.child.kill("SIGCONT");
    throw err;
  });
  expect(done).toBe("succeeded");
  const before = await runState(runId);
  stale.child.kill("SIGCONT");
  // Read after the report (or after 20 s without one: then the comparison shows what it did instead).
  const lost = await until(
    "the stale worker to report its lost claim",
    async () => lostClaimReport(stale, runId),
    20_000,
  ).catch(() => undefined);
  const after = await runState(runId);
  expect(after).toEqual(before);
  expect(lost?.msg, stale.stderr()).toBe("worker lost its claim on the run; stopping without compensating");
  const messages = after.logs.map((l) => l.message);
  expect(messages.filter((m) => m === "Succeeded")).toHaveLength(1);
  expect(messages.filter((m) => /Failed|undoing|Compensat/.test(m))).toEqual([]);
  expect(after.audit.filter((a) => a.verb === "run.succeed")).toHaveLength(1);
  expect(after.audit.filter((a) => a.verb === "run.fail" || a.verb === "run.cancel")).toEqual([]);
  expect(after.run.steps.filter((s) => s.status !== "succeeded")).toEqual([]);
}

beforeAll(async () => {
  await seedTeamAndEnvironments();
  // Five dev replicas roll out one pod every 700 ms: the run waits long enough to be paused there.
  await call(entityRoute.PATCH, {
    method: "PATCH",
    params: { blueprint: "environment", entity: "dev" },
    body: { properties: { min_replicas: 5 } },
  });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } },
  });
  workers = [startWorker(), startWorker()];
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("a worker paused past the stale threshold", () => {
  it("paused while create-microservice waits for the rollout: the run succeeds once on the other worker and nothing is undone", async () => {
    const name = "fenced-api";
    const runId = await request("create-microservice", undefined, {
      name,
      team: "payments",
      language: "go",
      template: "microservice",
    });
    const rollout = `rollout-${name}-dev`;
    await until(
      "the rollout wait",
      async () => {
        const [row] = await getDb()
          .select({ status: runSteps.status })
          .from(runSteps)
          .where(eq(runSteps.key, rollout))
          .limit(1);
        return row?.status === "running";
      },
      60_000,
      25,
    );
    const stale = await pauseHolder(runId);
    await resumeStaleWorker(stale, runId);

    const git = forgejoPort();
    expect(await git.getRepo("payments", name)).not.toBeNull();
    for (const file of [`services/${name}/overlays/dev/kustomization.yaml`, `argocd/apps/${name}-dev.yaml`])
      expect(await git.readFile("platform", "gitops", file), file).not.toBeNull();
    const commits = await git.listCommits("platform", "gitops", { branch: "main", limit: 20 });
    expect(commits.filter((c) => c.message.startsWith("Remove"))).toEqual([]);
    expect(await findEntity("service", name)).not.toBeNull();
    for (const env of ["dev", "staging", "prod"])
      expect(await findEntity("deployment", `${name}-${env}`)).not.toBeNull();
  }, 120_000);

  it("paused inside a commit step: the new holder commits, the stale worker neither commits nor deletes the repository", async () => {
    const gateFile = path.join(tmp, "gate");
    const runId = await request("test-steps", "cart", {
      steps: 3,
      repo: "payments/fenced-steps",
      pauseInside: 2,
      gateFile,
    });
    await reportingWorkers(
      until("the pause inside step-2", async () =>
        (await listRunLogs(runId)).some((l) => l.message === "paused inside step-2"),
      ),
    );
    const stale = await pauseHolder(runId);
    fs.writeFileSync(gateFile, "go");
    await resumeStaleWorker(stale, runId);

    const git = forgejoPort();
    expect(await git.getRepo("payments", "fenced-steps")).not.toBeNull();
    const commits = await git.listCommits("payments", "fenced-steps", { branch: "main", limit: 10 });
    expect(commits.map((c) => c.message.trim())).toEqual(["step 3", "step 2", "step 1"]);
  }, 120_000);
});

describe("a worker busy in a CPU-bound step", () => {
  it("keeps its claim for longer than the stale threshold: the heartbeat does not wait for the event loop", async () => {
    const runId = await request("test-steps", "cart", { steps: 1, busyMs: (STALE_SECONDS + 6) * 1000 });
    const done = await reportingWorkers(
      until(
        "the run to end",
        async () => {
          const run = await getRunDetail(runId);
          return run.status !== "running" && run.status !== "waiting" && run.status !== "queued" && run;
          // With a heartbeat on the event loop, the two workers take the run from each other forever.
        },
        40_000,
      ),
    );
    expect(done.status, done.error ?? "").toBe("succeeded");
    const messages = (await listRunLogs(runId)).map((l) => l.message);
    expect(messages.filter((m) => m.startsWith("Resumed by worker"))).toEqual([]);
    expect(messages.filter((m) => m === "executing step-1")).toHaveLength(1);
  }, 60_000);
});
