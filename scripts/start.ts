// npm start — database (embedded unless DATABASE_URL), migrations, built-ins and demo data,
// a production build when sources changed, then the web server and the worker side by side,
// each restarted with backoff when it dies (and the embedded PostgreSQL too).
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBuiltinBlueprints, seedDemoCatalog } from "@/db/seed";
import { ensureDemoGitops } from "@/db/seed-demo-gitops";
import { LOCKS, withAdvisoryLock } from "@/lib/db/advisory-lock";
import { prepareDatabase } from "@/lib/db/bootstrap";
import { syncActionRegistry } from "@/lib/runs/action-mirror";
import { closeDb, setDatabaseUrl } from "@/lib/db/client";
import { childEnv, EnvError, getEnv } from "@/lib/env";
import { runPorts, wire } from "@/lib/wiring";
import type { EmbeddedDb } from "@/lib/db/embedded";
import { buildIsCurrent, markBuilt } from "./build-if-needed";
import { ensureKustomize } from "./ensure-kustomize";
import { standaloneServer } from "./standalone";
import { supervise } from "./supervise";

const dev = process.argv.includes("--dev");
const say = (line: string) => console.log(`[slipway] ${line}`);

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (e) {
  console.error(e instanceof EnvError ? e.message : e);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");
// The worker runs with tsx as a loader in one process: the tsx CLI would put it in a child process
// that survives a SIGKILL of the CLI.
const tsxLoader = pathToFileURL(require.resolve("tsx")).href;
const children = new Set<ChildProcess>();
let stopping = false;

wire();
// Without a cluster the worker plays ArgoCD and renders overlays with kustomize: find or build it
// while the database and the web build get ready.
const connectedCluster = Boolean(env.SLIPWAY_KUBECONFIG || env.SLIPWAY_KUBE_IN_CLUSTER);
const kustomize = connectedCluster ? null : ensureKustomize(say);

const db = await prepareDatabase(say).catch((e: unknown) => {
  // One line, no stack: the message says what failed and what to do.
  console.error(`[slipway] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
setDatabaseUrl(db.url);
// Replicas starting together take turns: the first creates blueprints and seeds, the others find them.
// It runs while the web app builds (a first start's two slow parts side by side); both end before serving.
const startupData = withAdvisoryLock(db.adminUrl, LOCKS.startupData, async () => {
  const created = await ensureBuiltinBlueprints();
  say(`Registered ${await syncActionRegistry()} actions`);
  if (created > 0) say(`Created ${created} built-in blueprints`);
  const seedStart = Date.now();
  if (env.SLIPWAY_SEED_DEMO && (await seedDemoCatalog()))
    say(
      `Seeded the demo catalog (3 teams, 12 services, dev/staging/prod, five weeks of history) in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );
  // Every start: completes demo services that have no repositories or Applications yet (a catalog
  // seeded by an older version too); a no-op once they are there.
  if (env.SLIPWAY_SEED_DEMO) {
    const gitStart = Date.now();
    const made = await ensureDemoGitops(runPorts("slipway seed")).catch((e: unknown) => {
      console.error(`[slipway] Could not give the demo services their repositories: ${String(e)}`);
      return null;
    });
    if (made && made.committed.length + made.applied > 0)
      say(
        `Gave ${made.committed.length} demo services their repositories and GitOps overlays and applied ${made.applied} Applications in ${((Date.now() - gitStart) / 1000).toFixed(1)} s`,
      );
  }
}).then(
  () => closeDb(),
  (e: unknown) => {
    console.error(
      `[slipway] Preparing the built-in and demo data failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    process.exit(1);
  },
);

// Telemetry off: installs are often air-gapped, and nothing should phone home by default.
// The standalone server runs from .next/standalone: relative paths would resolve there.
const childEnvironment = childEnv({
  DATABASE_URL: db.url,
  NODE_ENV: dev ? "development" : "production",
  NEXT_TELEMETRY_DISABLED: "1",
  SLIPWAY_DATA_DIR: path.resolve(env.SLIPWAY_DATA_DIR),
});

function run(args: string[], environment: NodeJS.ProcessEnv = childEnvironment, ipc = false): ChildProcess {
  // Over an IPC channel the worker notices this launcher being killed and stops instead of lingering.
  const stdio: StdioOptions = ipc ? ["inherit", "inherit", "inherit", "ipc"] : "inherit";
  const child: ChildProcess = spawn(process.execPath, args, { stdio, env: environment });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

let embedded: EmbeddedDb | null = db.embedded;
// Settled while the database is up; a restart of the embedded server replaces it until it is back.
let databaseUp: Promise<void> = Promise.resolve();

/** The embedded server dying would leave the worker crash-looping: start it again, or stop cleanly. */
function watchEmbeddedDatabase(server: EmbeddedDb): void {
  void server.exited.then(async (how) => {
    if (stopping) return;
    console.error(`[slipway] embedded PostgreSQL exited (${how}); restarting it`);
    let back: () => void = () => {};
    databaseUp = new Promise((resolve) => (back = resolve));
    for (let attempt = 1; attempt <= 5 && !stopping; attempt++) {
      await new Promise((r) => setTimeout(r, 1000 * 2 ** (attempt - 1)));
      try {
        embedded = await server.restart();
        say("Embedded PostgreSQL is back");
        back();
        watchEmbeddedDatabase(embedded);
        return;
      } catch (e) {
        console.error(`[slipway] restarting embedded PostgreSQL failed (attempt ${attempt} of 5): ${String(e)}`);
      }
    }
    console.error("[slipway] embedded PostgreSQL cannot be restarted (see above); stopping");
    void shutdown(1);
  });
}
if (embedded) watchEmbeddedDatabase(embedded);

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, children.size > 0 ? 1500 : 0));
    for (const c of children) c.kill("SIGKILL");
    await embedded?.stop().catch(() => {});
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

if (!dev && !buildIsCurrent()) {
  say("Building the web app (first start on a new machine takes a few minutes)…");
  const started = Date.now();
  const code = await new Promise<number | null>((resolve) => run([nextBin, "build"]).on("exit", resolve));
  if (code !== 0) {
    console.error("[slipway] The build failed; see the output above.");
    await shutdown(1);
  }
  markBuilt();
  say(`Build finished in ${Math.round((Date.now() - started) / 1000)} s`);
}

await startupData;
const kustomizeReady = await kustomize;
if (kustomizeReady?.binary) childEnvironment.SLIPWAY_KUSTOMIZE = kustomizeReady.binary;
else if (kustomizeReady)
  console.error(
    `[slipway] GitOps runs will fail: ${kustomizeReady.problem}; set SLIPWAY_KUSTOMIZE to a kustomize or kubectl`,
  );

// Web server and worker: restarted with backoff when they die. The worker is stateless between jobs
// (pg-boss keeps the queue, runs resume from their checkpoints), so restarting it is safe.
const supervision = {
  say: (line: string) => console.error(`[slipway] ${line}`),
  stopping: () => stopping,
  beforeRestart: () => databaseUp,
};
// Production serves from the standalone output (what the image ships); `next start` only for a build
// made before it. HOSTNAME: the standalone server binds to it, and containers set it to their name.
const server = dev ? null : standaloneServer();
const webEnvironment = { ...childEnvironment, PORT: String(env.PORT), HOSTNAME: "0.0.0.0" };
// Left to itself V8 lets the heap of a busy web process grow to hundreds of MB of garbage before a
// full collection (a burst of webhook deliveries through Next.js: +230 MB); a limit makes it collect
// sooner. The live heap at 100,000 entities stays far below it (README "Performance").
const heap = !dev && env.SLIPWAY_WEB_HEAP_MB > 0 ? [`--max-old-space-size=${env.SLIPWAY_WEB_HEAP_MB}`] : [];
supervise({
  ...supervision,
  name: "web server",
  start: () =>
    server
      ? run([...heap, server], webEnvironment)
      : run([...heap, nextBin, dev ? "dev" : "start", "-p", String(env.PORT)]),
  onGiveUp: () => void shutdown(1),
});
if (env.SLIPWAY_WORKER) {
  supervise({
    ...supervision,
    name: "worker",
    start: () => run(["--import", tsxLoader, "worker/index.ts"], childEnvironment, true),
    onGiveUp: () => void shutdown(1),
  });
}

// Announce readiness once the web server answers.
for (let i = 0; i < 120 && !stopping; i++) {
  const ok = await fetch(`http://127.0.0.1:${env.PORT}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) {
    say(`Slipway is ready at http://localhost:${env.PORT}`);
    break;
  }
  await new Promise((r) => setTimeout(r, 1000));
}
