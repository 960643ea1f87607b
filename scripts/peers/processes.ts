import { execFile, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";
import { sleep } from "@/lib/sleep";

// Long-running peer servers (Gitea, Dex, kube-apiserver, ...) started by the test tiers: output goes to
// a log file whose tail is shown when a peer fails, and every child dies with this process.

export type PeerProcess = { name: string; logFile: string; child: ChildProcess; stop(): Promise<void>; exited(): boolean };

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export function logTail(logFile: string, lines = 30): string {
  if (!existsSync(logFile)) return "(no log)";
  return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

export function startProcess(name: string, command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; logDir: string }): PeerProcess {
  const logFile = path.join(opts.logDir, `${name}.log`);
  const fd = openSync(logFile, "a");
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  running.add(child);
  let exited = false;
  const done = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      running.delete(child);
      resolve();
    }),
  );
  return {
    name,
    logFile,
    child,
    exited: () => exited,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      const killed = await Promise.race([done.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) child.kill("SIGKILL");
      await done;
    },
  };
}

/** Polls `url` until it answers with a status below 500; fails fast, with the log's tail, if the peer exits. */
export async function waitForHttp(url: string, proc: PeerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exited()) throw new Error(`${proc.name} exited during start-up; last lines of ${proc.logFile}:\n${logTail(proc.logFile)}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs / 1000}s; last lines of ${proc.logFile}:\n${logTail(proc.logFile)}`);
}

/** Runs a one-shot command (a peer's CLI) and returns its stdout; the error carries its output. */
export function runCommand(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(command)} ${args.join(" ")} failed: ${error.message}\n${stderr}${stdout}`.trim()));
      else resolve(stdout);
    });
  });
}
