// npm run bench — the whole portal over HTTP at 10k and 100k entities (1M with --with-1m): generator,
// production build, autocannon, webhook ingestion, status latency, run throughput, RSS, browser smoke.
// Prints one table and writes it as JSON under bench/results/. Figures only: nothing is asserted.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchSize, type SizeResult } from "./lib/phases";
import { renderTable } from "./lib/report";
import { AUTH_SECRET } from "./lib/server";

// The token this process creates is audited: its head checkpoint must be signed with the portal's key.
process.env.AUTH_SECRET = AUTH_SECRET;

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const sizes = (arg("sizes") ?? "10000,100000").split(",").map(Number);
if (process.argv.includes("--with-1m")) sizes.push(1_000_000);
const seconds = Number(arg("seconds") ?? 5);
// One connection: latency as one client sees it (issue 22 measured sequential requests too), not queueing.
const connections = Number(arg("connections") ?? 1);
const runs = Number(arg("runs") ?? 8);
// Ports of their own (overridable), so the bench runs beside a started portal and the test servers.
const basePort = Number(arg("port") ?? 3126);
const basePgPort = Number(arg("pg-port") ?? 54356);
// The ArgoCD ingestion listener of each size's portal (SLIPWAY_INGEST_PORT).
const baseIngestPort = Number(arg("ingest-port") ?? basePort + 20);

const started = Date.now();
const loadBefore = os.loadavg();
const say = (line: string) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const results: SizeResult[] = [];
for (const [i, entities] of sizes.entries()) {
  results.push(
    await benchSize({
      entities,
      port: basePort + i,
      pgPort: basePgPort + i,
      ingestPort: baseIngestPort + i,
      load: { connections, seconds },
      // Run throughput does not depend on the catalog's size: measured once, at 100k (or the last size).
      runs: entities === 100_000 || (i === sizes.length - 1 && !sizes.includes(100_000)) ? runs : 0,
      log: say,
    }),
  );
}
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "",
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  loadBefore: loadBefore.map((l) => Math.round(l * 10) / 10),
  loadAfter: os.loadavg().map((l) => Math.round(l * 10) / 10),
};
const report = {
  at: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine,
  settings: { seconds, connections, runs },
  sizes: results,
};
console.log(`\n${renderTable(results)}\n`);
console.log(
  `${machine.cpus} cores (${machine.cpuModel}), ${machine.memGiB} GiB; load average ${machine.loadBefore[0]} before, ${machine.loadAfter[0]} after; ${report.durationSeconds} s in all; autocannon ${connections} connections × ${seconds} s per row`,
);
const dir = path.join("bench", "results");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${report.at.replace(/[:.]/g, "-")}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written to ${file}`);
