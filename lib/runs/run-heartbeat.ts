import { Worker } from "node:worker_threads";
import { databaseUrl } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * How often a worker refreshes `heartbeat_at` of the runs it holds: a fifth of
 * SLIPWAY_RUN_STALE_SECONDS, at most 3 s. A run is taken over only after five heartbeats in a row
 * went missing, which a busy database or a short GC pause does not cause, while a stall longer than
 * the threshold (SIGSTOP, CPU starvation) does; fencing makes that takeover safe.
 */
export function heartbeatPeriodMs(): number {
  return Math.min(3000, (getEnv().SLIPWAY_RUN_STALE_SECONDS * 1000) / 5);
}

type Held = { runId: string; token: number; workerId: string; controller: AbortController };
type ThreadMessage = { type: "lost"; runId: string; token: number } | { type: "error"; message: string };

// One heartbeat thread per process, shared by the runs it executes.
const state: { thread: Worker | null; held: Map<string, Held> } = { thread: null, held: new Map() };

function heartbeatThread(): Worker {
  if (state.thread) return state.thread;
  const thread = new Worker(new URL("./heartbeat-thread.mjs", import.meta.url), {
    workerData: { databaseUrl: databaseUrl(), periodMs: heartbeatPeriodMs() },
  });
  thread.unref();
  thread.on("message", (m: ThreadMessage) => {
    if (m.type === "error") return logger.warn("heartbeat failed; retrying", { error: m.message });
    state.held.get(`${m.runId}:${m.token}`)?.controller.abort();
  });
  thread.on("error", (err) => logger.error("heartbeat thread crashed", { error: err.message }));
  thread.on("exit", () => {
    // The next hold starts a new thread, which is told about every run still held.
    if (state.thread === thread) state.thread = null;
  });
  for (const { runId, token, workerId } of state.held.values())
    thread.postMessage({ type: "hold", runId, token, workerId });
  state.thread = thread;
  return thread;
}

/**
 * Starts beating for a claim. The signal aborts when the heartbeat finds the claim gone, so the
 * executor stops at its next fenced write or port call even when it was idle (a rollout wait).
 */
export function holdHeartbeat(runId: string, token: number, workerId: string) {
  const key = `${runId}:${token}`;
  const controller = new AbortController();
  state.held.set(key, { runId, token, workerId, controller });
  heartbeatThread().postMessage({ type: "hold", runId, token, workerId });
  return {
    signal: controller.signal,
    release: () => {
      state.held.delete(key);
      state.thread?.postMessage({ type: "release", runId, token, workerId });
    },
  };
}

/** The claims this process holds right now (a stopping worker hands back those still running). */
export function heldClaims(): { runId: string; token: number; workerId: string }[] {
  return [...state.held.values()].map(({ runId, token, workerId }) => ({ runId, token, workerId }));
}
