import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { afterAll, inject } from "vitest";
import { childEnv } from "@/lib/env";

// `--import tsx` keeps the worker in this one process: the tsx CLI would run it in a child that a
// SIGKILL (or SIGSTOP) of the CLI leaves running.
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** A worker process and what it logged to stderr (warnings and errors, JSON lines). */
export type WorkerProcess = { child: ChildProcess; stderr: () => string };

/** Whether each worker still runs, and what it logged: for the message of a test that timed out. */
export function describeWorkers(workers: WorkerProcess[]): string {
  return workers
    .map(({ child, stderr }) => {
      const state =
        child.exitCode !== null || child.signalCode ? `exited (${child.exitCode ?? child.signalCode})` : "running";
      return `worker ${child.pid}: ${state}\n${stderr().slice(-3000)}`;
    })
    .join("\n");
}

/**
 * Real worker processes (`npm start` runs the same file) pointed at the test database; killed after
 * the file's tests. `env` adds settings, e.g. a short SLIPWAY_RUN_STALE_SECONDS.
 */
export function workerProcesses(env: Record<string, string> = {}) {
  const started: ChildProcess[] = [];
  afterAll(() => {
    for (const w of started) {
      w.kill("SIGCONT");
      w.kill("SIGKILL");
    }
  });
  return function startWorker(): WorkerProcess {
    const child = spawn(process.execPath, ["--import", tsxLoader, "worker/index.ts"], {
      env: childEnv({
        DATABASE_URL: inject("databaseUrl"),
        SLIPWAY_TEST_ACTIONS: "true",
        SLIPWAY_RUN_STALE_SECONDS: "5",
        SLIPWAY_LOG_LEVEL: "warn",
        ...env,
      }),
      // The IPC channel closes if this test process dies unexpectedly: the worker then stops too.
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    started.push(child);
    return { child, stderr: () => stderr };
  };
}
