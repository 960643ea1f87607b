// npm run bench:dashboards — each dashboard API's latency over HTTP against the production build
// (`next start`), at 2,000 services × 3 environments with a year of history. Prints figures, asserts nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { ensureBuiltinBlueprints } from "@/db/seed";
import { createApiToken } from "@/lib/auth/tokens";
import { ensureUser } from "@/lib/auth/users";
import { closeDb, getDb, setDatabaseUrl } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { generateDashboardHistory } from "./dashboards-data";

export type DashboardsBenchOptions = {
  services?: number;
  rounds?: number;
  pgPort?: number;
  httpPort?: number;
  log?: (line: string) => void;
};
export type DashboardsBenchFigure = { view: string; url: string; p50: number; p95: number; max: number };

const pct = (s: number[], p: number) =>
  [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;

// Views as people use them: first pages, a filter, a later page, each period.
const REQUESTS: [string, string][] = [
  ["catalog", "/api/v1/dashboards/catalog"],
  ["catalog", "/api/v1/dashboards/catalog?team=team-07&health=Healthy&environment=prod"],
  ["catalog", "/api/v1/dashboards/catalog?sort=team&order=desc&limit=100"],
  ["pipeline", "/api/v1/dashboards/pipeline?period=30d"],
  ["pipeline", "/api/v1/dashboards/pipeline?period=90d&team=team-03"],
  ["resources", "/api/v1/dashboards/resources?period=30d"],
  ["resources", "/api/v1/dashboards/resources?period=90d&team=team-12&environment=prod"],
  ["dora", "/api/v1/dashboards/dora?period=7d"],
  ["dora", "/api/v1/dashboards/dora?period=30d"],
  ["dora", "/api/v1/dashboards/dora?period=90d"],
  ["dora", "/api/v1/dashboards/dora?period=90d&team=team-05"],
  ["dora", "/api/v1/dashboards/dora?period=custom&from=2026-01-01&to=2026-06-30&service=svc-00042"],
  ["dora (CSV)", "/api/v1/dashboards/dora?period=90d&format=csv&table=services"],
];

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Generates the data, starts the production server on it and measures every view's p50/p95. */
export async function runDashboardsBench(opts: DashboardsBenchOptions = {}): Promise<DashboardsBenchFigure[]> {
  const log = opts.log ?? console.log;
  const services = opts.services ?? 2000;
  const rounds = opts.rounds ?? 60;
  const httpPort = opts.httpPort ?? Number(process.env.BENCH_HTTP_PORT ?? 3338);
  if (!existsSync(path.join(".next", "BUILD_ID")))
    throw new Error("No production build: run `npm run build` (or `npm start` once) first");
  const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-bench-dash-"));
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: opts.pgPort ?? Number(process.env.BENCH_PG_PORT ?? 54339),
  });
  let server: ChildProcess | undefined;
  try {
    await applyMigrations(pg.url);
    setDatabaseUrl(pg.url);
    await ensureBuiltinBlueprints();
    let t = performance.now();
    const counts = await generateDashboardHistory(getDb(), services, new Date());
    log(`generated ${JSON.stringify(counts)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const identity = { id: "bench", email: "bench@slipway.local", name: "Bench", groups: ["slipway-sres"] };
    await ensureUser(getDb(), identity);
    const token = (await createApiToken(identity, { name: "bench", scopes: ["read"] })).secret;
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    server = spawn(process.execPath, [nextBin, "start", "-p", String(httpPort), "-H", "127.0.0.1"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: pg.url,
        AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
        SLIPWAY_DATA_DIR: dir,
        SLIPWAY_LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    });
    t = performance.now();
    await waitForHttp(`http://127.0.0.1:${httpPort}/api/health`, server);
    log(
      `next start answered after ${((performance.now() - t) / 1000).toFixed(1)} s; ${rounds} requests per row (after 3 warm-up)\n`,
    );
    const figures: DashboardsBenchFigure[] = [];
    for (const [view, url] of REQUESTS) {
      const get = async () => {
        const res = await fetch(`http://127.0.0.1:${httpPort}${url}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
      for (let i = 0; i < 3; i++) await get();
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const start = performance.now();
        await get();
        samples.push(performance.now() - start);
      }
      const f = { view, url, p50: pct(samples, 50), p95: pct(samples, 95), max: Math.max(...samples) };
      figures.push(f);
      log(
        `${view.padEnd(11)} p50 ${f.p50.toFixed(1).padStart(6)} ms  p95 ${f.p95.toFixed(1).padStart(6)} ms  max ${f.max.toFixed(1).padStart(6)} ms  ${url.replace("/api/v1/dashboards/", "")}`,
      );
    }
    return figures;
  } finally {
    server?.kill("SIGTERM");
    await closeDb();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await runDashboardsBench({ services: Number(process.argv[2] ?? 2000) });
}
