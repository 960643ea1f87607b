import { execFile, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import { sleep } from "@/lib/sleep";

// Long-running peer servers (Gitea, Dex, etcd, kube-apiserver, ArgoCD, ...) started by the test tiers:
// output goes to a log file whose tail is shown when a peer fails, and every child dies with this process.

export type PeerProcess = {
  name: string;
  logFile: string;
  child: ChildProcess;
  stop(): Promise<void>;
  exited(): boolean;
  /** How it ended ("exit code 1", "signal SIGKILL", "could not start: ..."); undefined while it runs. */
  exitReason(): string | undefined;
};

export type StartProcessOptions = {
  cwd?: string;
  /** The child's whole environment; default ours. */
  env?: NodeJS.ProcessEnv;
  logDir: string;
  /**
   * Run the child under `setpriv --pdeathsig KILL` (when installed): the exit and signal hooks below
   * cannot run when this process is SIGKILLed, the kernel's parent-death signal still does.
   */
  killWithParent?: boolean;
};

const SETPRIV = "/usr/bin/setpriv";
const STOP_GRACE_MS = 10_000;

const running = new Set<ChildProcess>();
const killAll = () => {
  for (const child of running) child.kill("SIGKILL");
};
process.once("exit", killAll);

let signalHooksInstalled = false;
// Node ends on these signals without running "exit" listeners, which would leave the children behind.
function installSignalHooks() {
  if (signalHooksInstalled) return;
  signalHooksInstalled = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAll();
      // Our listener is gone now, so the re-raised signal ends the process the way it would have.
      process.kill(process.pid, signal);
    });
  }
}

export function logTail(logFile: string, lines = 30): string {
  if (!existsSync(logFile)) return "(no log)";
  return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

export function startProcess(name: string, command: string, args: string[], opts: StartProcessOptions): PeerProcess {
  installSignalHooks();
  const logFile = path.join(opts.logDir, `${name}.log`);
  const fd = openSync(logFile, "a");
  writeSync(fd, `# ${command} ${args.join(" ")}\n`);
  const [file, argv] =
    opts.killWithParent && existsSync(SETPRIV)
      ? [SETPRIV, ["--pdeathsig", "KILL", "--", command, ...args]]
      : [command, args];
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  running.add(child);
  let reason: string | undefined;
  const done = new Promise<void>((resolve) => {
    const end = (why: string) => {
      if (reason) return;
      reason = why;
      running.delete(child);
      resolve();
    };
    child.once("exit", (code, signal) => end(signal ? `signal ${signal}` : `exit code ${code}`));
    // Also emitted when a kill fails, which leaves a started child running.
    child.on("error", (error) => {
      if (child.pid === undefined) end(`could not start: ${error.message}`);
    });
  });
  return {
    name,
    logFile,
    child,
    exited: () => reason !== undefined,
    exitReason: () => reason,
    async stop() {
      if (reason) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await done;
      clearTimeout(timer);
    },
  };
}

/** Children started and stopped together; stop() goes last-started first, dependents before what they need. */
export type ProcessGroup = {
  start(name: string, command: string, args: string[], opts?: Pick<StartProcessOptions, "cwd" | "env">): PeerProcess;
  stop(): Promise<void>;
};

export function processGroup(defaults: Omit<StartProcessOptions, "cwd" | "env">): ProcessGroup {
  const members: PeerProcess[] = [];
  return {
    start(name, command, args, opts = {}) {
      const proc = startProcess(name, command, args, { ...defaults, ...opts });
      members.push(proc);
      return proc;
    },
    async stop() {
      for (const proc of members.splice(0).reverse()) await proc.stop();
    },
  };
}

/**
 * Polls `probe` every 250 ms until it returns true. Fails fast, with its log's tail, when one of `procs`
 * exits; on timeout the error carries the probe's last error and the tail of every log.
 */
export async function waitUntil(
  what: string,
  procs: PeerProcess[],
  probe: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  for (;;) {
    const dead = procs.find((p) => p.exited());
    if (dead)
      throw new Error(
        `${dead.name} exited (${dead.exitReason()}) while waiting for ${what}; last lines of ${dead.logFile}:\n${logTail(dead.logFile)}`,
      );
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      const tails = procs
        .map((p) => `--- last lines of ${p.logFile}:\n${logTail(p.logFile, procs.length > 1 ? 15 : 30)}`)
        .join("\n");
      throw new Error(
        `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ""}\n${tails}`,
      );
    }
    await sleep(250);
  }
}

export type HttpResponse = { status: number; body: string };

/** One GET over http or https; `insecure` accepts any certificate (self-signed health endpoints). */
export function httpGet(url: string, insecure = false): Promise<HttpResponse> {
  const get = url.startsWith("https:") ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 3000, rejectUnauthorized: !insecure }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: timeout`)));
    req.on("error", reject);
  });
}

/** Polls `url` until `ok` says so (default: any status below 500); fails fast, with the log's tail, if a peer exits. */
export function waitForHttp(
  url: string,
  procs: PeerProcess | PeerProcess[],
  timeoutMs = 120_000,
  check: { insecure?: boolean; ok?: (res: HttpResponse) => boolean } = {},
): Promise<void> {
  const ok = check.ok ?? ((res: HttpResponse) => res.status < 500);
  return waitUntil(url, [procs].flat(), async () => ok(await httpGet(url, check.insecure)), timeoutMs);
}

/** Polls until something accepts connections on 127.0.0.1:`port`. */
export function waitForTcp(port: number, procs: PeerProcess | PeerProcess[], timeoutMs = 120_000): Promise<void> {
  const connects = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
  return waitUntil(`127.0.0.1:${port}`, [procs].flat(), connects, timeoutMs);
}

/** Runs a one-shot command (a peer's CLI) and returns its stdout; the error carries its output. */
export function runCommand(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: opts.cwd, env: opts.env ?? process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new Error(
              `${path.basename(command)} ${args.join(" ")} failed: ${error.message}\n${stderr}${stdout}`.trim(),
            ),
          );
        else resolve(stdout);
      },
    );
  });
}
