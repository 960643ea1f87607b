import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

// The portal exactly as `npm start` runs it: embedded PostgreSQL, migrations, the production build
// (rebuilt only when sources changed, scripts/build-if-needed.ts), `next start` and the worker.

export type Portal = {
  base: string;
  /** The ArgoCD ingestion listener (SLIPWAY_INGEST_PORT). */
  ingestBase: string;
  adminUrl: string;
  launcher: ChildProcess;
  stop: () => Promise<void>;
};

export const WEBHOOK_SECRET = "bench-webhook-secret-0123456789";
/** The portal's AUTH_SECRET; the bench process signs the audit head with it too when it makes its token. */
export const AUTH_SECRET = "bench-auth-secret-0123456789abcdefghijklmnop";

export async function startPortal(opts: {
  port: number;
  pgPort: number;
  ingestPort: number;
  dataDir: string;
}): Promise<Portal> {
  const launcher = spawn("npx", ["tsx", "scripts/start.ts"], {
    detached: true, // its own process group: stop() ends the launcher and everything it started
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(opts.port),
      SLIPWAY_PG_PORT: String(opts.pgPort),
      SLIPWAY_INGEST_PORT: String(opts.ingestPort),
      SLIPWAY_DATA_DIR: opts.dataDir,
      SLIPWAY_SEED_DEMO: "false",
      SLIPWAY_LOG_LEVEL: "warn",
      SLIPWAY_ARGOCD_WEBHOOK_SECRET: WEBHOOK_SECRET,
      AUTH_SECRET,
    },
  });
  let log = "";
  const keep = (b: Buffer) => void (log = (log + b.toString()).slice(-20_000));
  launcher.stdout!.on("data", keep);
  launcher.stderr!.on("data", keep);
  const base = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (launcher.exitCode !== null) return;
    const exited = new Promise((r) => launcher.once("exit", r));
    process.kill(-launcher.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    if (launcher.exitCode === null) process.kill(-launcher.pid!, "SIGKILL");
  };
  // A first start on a new machine builds Next (minutes); later starts take seconds.
  const deadline = Date.now() + 15 * 60_000;
  while (!log.includes("Slipway is ready")) {
    if (launcher.exitCode !== null || Date.now() > deadline) {
      await stop().catch(() => {});
      throw new Error(`the portal did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const ingestBase = `http://127.0.0.1:${opts.ingestPort}`;
  return { base, ingestBase, adminUrl: `postgres://slipway:slipway@127.0.0.1:${opts.pgPort}/slipway`, launcher, stop };
}

function children(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

const tree = (pid: number): number[] => [pid, ...children(pid).flatMap(tree)];
const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
};

/** Peak resident memory (VmHWM, kernel-kept high-water mark) in MB of a process and its children. */
function peakRssMb(pid: number): number {
  let kb = 0;
  for (const p of tree(pid)) {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
    kb += Number(m?.[1] ?? 0);
  }
  return Math.round(kb / 1024);
}

/** Peak RSS of the web server and of the worker, found under the launcher by their command lines. */
export function portalPeakRss(portal: Portal): { webMb: number | null; workerMb: number | null } {
  const all = tree(portal.launcher.pid!);
  const web = all.find((p) => /next(\/dist\/bin\/next)? start|next-server/.test(cmdline(p)));
  const worker = all.find((p) => cmdline(p).includes("worker/index.ts"));
  return { webMb: web ? peakRssMb(web) : null, workerMb: worker ? peakRssMb(worker) : null };
}
