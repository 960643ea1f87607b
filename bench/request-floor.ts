// npm run bench:floor — the per-request floor over HTTP: a production server (`npm start`: next build +
// next start) at 100k entities, token-authenticated GETs, 200 sequential requests after 20 warm-up,
// p50/p95 per query. Prints figures, asserts nothing. `measureRequestFloor` is what `npm run bench` calls.
//   npm run bench:floor [-- --entities 100000 --port 3130 --pg-port 54360 --data-dir <dir> --repeat 2]
//   npm run bench:floor -- --url http://localhost:3130 --token slw_…   (an already loaded server)
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { generatedId, loadCatalog } from "./lib/generate-catalog";

export type FloorRow = { query: string; path: string; p50: number; p95: number };
/** A query of the floor: one path, or (`pathAt`) a different one per request, so nothing is served twice. */
export type FloorQuery = { query: string; path: string; pathAt?: (i: number) => string };

/** The queries of the Backstage comparison (README), as paths on a catalog from generate-catalog.ts. */
export async function floorQueries(baseUrl: string, token: string): Promise<FloorQuery[]> {
  const base = "/api/v1/blueprints/service/entities";
  const facets = "/api/v1/blueprints/service/facets";
  const first = (await getJson(baseUrl, token, `${base}?limit=50`)) as { nextCursor: string | null };
  const cursor = encodeURIComponent(first.nextCursor ?? "");
  return [
    { query: "entity by identifier", path: `${base}/${generatedId.service(20_000)}` },
    { query: "next page via cursor", path: `${base}?limit=50&cursor=${cursor}` },
    { query: "first page without a total count", path: `${base}?limit=50` },
    { query: "sorted by name, no count", path: `${base}?limit=50&sort=title` },
    { query: "property filter", path: `${base}?limit=50&property.language=go` },
    { query: "created desc", path: `${base}?limit=50&sort=createdAt&order=desc` },
    { query: "facets (team, language)", path: `${facets}?facet=team&facet=property.language` },
    // Facet answers are kept 2 s; a different filter on each request measures counting itself.
    {
      query: "facets, filtered, never kept",
      path: `${facets}?facet=team&facet=property.language&property.port=8000`,
      pathAt: (i) => `${facets}?facet=team&facet=property.language&property.port=${8000 + (i % 1000)}`,
    },
  ];
}

async function getJson(baseUrl: string, token: string, p: string): Promise<unknown> {
  const res = await fetch(baseUrl + p, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${p} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Sequential requests (as in the table): `warmup` unmeasured, then `rounds` timed, body read included. */
export async function measureRequestFloor(opts: {
  baseUrl: string;
  token: string;
  warmup?: number;
  rounds?: number;
}): Promise<FloorRow[]> {
  const { baseUrl, token, warmup = 20, rounds = 200 } = opts;
  const rows: FloorRow[] = [];
  for (const q of await floorQueries(baseUrl, token)) {
    const probe = await fetch(baseUrl + q.path, { headers: { authorization: `Bearer ${token}` } });
    await probe.arrayBuffer();
    if (probe.status === 404) {
      rows.push({ ...q, p50: NaN, p95: NaN }); // an older build without this endpoint
      continue;
    }
    const samples: number[] = [];
    for (let i = 0; i < warmup + rounds; i++) {
      const t = performance.now();
      await getJson(baseUrl, token, q.pathAt ? q.pathAt(i) : q.path);
      if (i >= warmup) samples.push(performance.now() - t);
    }
    samples.sort((a, b) => a - b);
    rows.push({ ...q, p50: pct(samples, 50), p95: pct(samples, 95) });
  }
  return rows;
}

export function formatFloorRows(rows: FloorRow[]): string {
  return rows
    .map((r) => `${r.query.padEnd(36)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms`)
    .join("\n");
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15 * 60_000; // a first start builds Next.js
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy");
}

async function entityCount(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return Number((await client.query("select count(*) as n from entities")).rows[0].n);
  } finally {
    await client.end();
  }
}

/** A read-scoped API token for a bench user, written straight to the database (as the owner role). */
export async function createBenchToken(adminUrl: string): Promise<string> {
  const secret = `slw_${randomBytes(32).toString("base64url")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      `insert into users (id, email, name, groups) values ('bench-floor', 'bench@slipway.local', 'Bench', '["group-team-0001"]')
       on conflict (id) do nothing`,
    );
    await client.query(
      `insert into api_tokens (user_id, name, scopes, token_hash, prefix) values ('bench-floor', $1, '["read"]', $2, $3)`,
      [`floor ${Date.now()}`, createHash("sha256").update(secret).digest("hex"), secret.slice(0, 10)],
    );
  } finally {
    await client.end();
  }
  return secret;
}

type ServeOptions = { port: string; pgPort: string; dataDir: string; entities: number };

/** `npm start` on its own port and data dir, loaded with the generated catalog; resolves once it answers. */
export async function startLoadedServer(
  opts: ServeOptions,
): Promise<{ baseUrl: string; token: string; stop: () => Promise<void> }> {
  const baseUrl = `http://localhost:${opts.port}`;
  const adminUrl = `postgres://slipway:slipway@127.0.0.1:${opts.pgPort}/slipway`;
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve("tsx")).href;
  const server = spawn(process.execPath, ["--import", tsx, "scripts/start.ts"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      PORT: opts.port,
      SLIPWAY_DATA_DIR: opts.dataDir,
      SLIPWAY_PG_PORT: opts.pgPort,
      SLIPWAY_SEED_DEMO: "false",
    },
  });
  const stop = async () => {
    if (server.exitCode !== null) return;
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  };
  try {
    await waitForHealth(baseUrl, server);
    if ((await entityCount(adminUrl)) < opts.entities) {
      const t0 = performance.now();
      const shape = await loadCatalog(adminUrl, opts.entities);
      console.log(`loaded ${opts.entities} entities in ${((performance.now() - t0) / 1000).toFixed(1)} s`, shape);
    }
    return { baseUrl, token: await createBenchToken(adminUrl), stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entities: { type: "string", default: "100000" },
      port: { type: "string", default: "3130" },
      "pg-port": { type: "string", default: "54360" },
      "data-dir": { type: "string" },
      repeat: { type: "string", default: "2" },
      url: { type: "string" },
      token: { type: "string" },
      serve: { type: "boolean", default: false },
    },
  });
  const repeat = Number(values.repeat);
  if (values.url && values.token) {
    for (let i = 0; i < repeat; i++) report(await measureRequestFloor({ baseUrl: values.url, token: values.token }));
    return;
  }
  const dataDir = values["data-dir"] ?? mkdtempSync(path.join(os.tmpdir(), "slipway-floor-"));
  const server = await startLoadedServer({
    port: values.port,
    pgPort: values["pg-port"],
    dataDir,
    entities: Number(values.entities),
  });
  try {
    if (values.serve) {
      console.log(`serving: npm run bench:floor -- --url ${server.baseUrl} --token ${server.token}`);
      await new Promise((r) => process.once("SIGTERM", r));
      return;
    }
    for (let i = 0; i < repeat; i++)
      report(await measureRequestFloor({ baseUrl: server.baseUrl, token: server.token }));
  } finally {
    await server.stop();
    if (!values["data-dir"] && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(rows: FloorRow[]): void {
  console.log(
    `\nload average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  console.log(formatFloorRows(rows));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
