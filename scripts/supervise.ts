import type { ChildProcess } from "node:child_process";

export type SuperviseOptions = {
  /** "web server", "worker": the name the one-line messages use. */
  name: string;
  start: () => ChildProcess;
  say: (line: string) => void;
  /** True once the launcher is shutting down: exits are expected then. */
  stopping: () => boolean;
  /** Waited for before each restart (e.g. the database coming back). */
  beforeRestart?: () => Promise<void>;
  /** Called when the process keeps crashing right after each start; the launcher stops then. */
  onGiveUp: () => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A process that ran this long before exiting starts a fresh backoff. */
  healthyAfterMs?: number;
  /** Consecutive quick crashes before giving up. */
  maxQuickCrashes?: number;
};

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `killed by ${signal}` : `exit code ${code}`;

/**
 * Keeps a child process running: when it exits on its own, starts it again after a delay that doubles
 * with each crash in a row (1 s, 2 s, 4 s … up to 30 s), so a process that cannot start does not spin.
 */
export function supervise(opts: SuperviseOptions): void {
  const initial = opts.initialDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 30_000;
  const healthyAfter = opts.healthyAfterMs ?? 60_000;
  const maxQuickCrashes = opts.maxQuickCrashes ?? 8;
  let quickCrashes = 0;

  const launch = () => {
    const startedAt = Date.now();
    const child = opts.start();
    opts.say(`${opts.name} started (pid ${child.pid})`);
    child.once("exit", (code, signal) => {
      if (opts.stopping()) return;
      quickCrashes = Date.now() - startedAt >= healthyAfter ? 1 : quickCrashes + 1;
      if (quickCrashes > maxQuickCrashes) {
        opts.say(`${opts.name} exited (${describeExit(code, signal)}) ${maxQuickCrashes} times in a row; giving up`);
        opts.onGiveUp();
        return;
      }
      const delay = Math.min(max, initial * 2 ** (quickCrashes - 1));
      opts.say(`${opts.name} exited (${describeExit(code, signal)}); restarting in ${delay / 1000} s`);
      setTimeout(() => {
        if (opts.stopping()) return;
        void (opts.beforeRestart?.() ?? Promise.resolve()).then(() => !opts.stopping() && launch());
      }, delay);
    });
  };
  launch();
}
