// npm run bench:simulator — latency from a status change in the sandbox ArgoCD simulator to the
// deployment entity showing it through the API (simulator → webhook → catalog); prints figures.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import * as webhook from "@/app/api/webhooks/argocd/route";
import { ensureBuiltinBlueprints } from "@/db/seed";
import { createEntity } from "@/lib/catalog/entities";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { closeDb, setDatabaseUrl } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { createSandboxCluster, startSimulator } from "@/lib/integrations/sandbox-cluster";
import { createGitopsFixture, svc } from "@/tests/sandbox-cluster/gitops-fixture";

const DEPLOYS = Number(process.argv[2] ?? 10);
const SECRET = "bench-secret-bench-secret";
// The webhook checks its own secret: give it ours before anything reads the configuration.
process.env.SLIPWAY_ARGOCD_WEBHOOK_SECRET = SECRET;
const pct = (s: number[], p: number) =>
  ([...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(0);

const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-bench-"));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 54337 });
const fx = await createGitopsFixture();
const latencies: number[] = [];
// The portal's webhook, in process: each delivery is applied, then read back through the catalog.
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", async () => {
    const event = JSON.parse(body) as { observedAt?: string; entity: string };
    const answer = await webhook.POST(
      new Request("http://bench/api/webhooks/argocd", {
        method: "POST",
        headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" },
        body,
      }),
      { params: Promise.resolve({}) },
    );
    if (answer.status === 200 && event.observedAt) {
      await getEntity("deployment", event.entity.replace("deployment/", ""));
      latencies.push(Date.now() - Date.parse(event.observedAt));
    }
    res.writeHead(answer.status).end();
  });
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const simulator = startSimulator({
  root: fx.clusterRoot,
  gitRoot: fx.gitRoot,
  webhook: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, secret: SECRET },
  log: { info: () => {}, warn: () => {} },
});
try {
  await applyMigrations(pg.url);
  setDatabaseUrl(pg.url);
  await ensureBuiltinBlueprints();
  await createEntity("environment", { identifier: "dev", properties: {}, relations: {} });
  await createEntity("service", { identifier: svc, properties: { language: "node", port: 8080 }, relations: {} });
  await createEntity("deployment", {
    identifier: `${svc}-dev`,
    properties: {},
    relations: { service: svc, environment: "dev" },
  });

  await createSandboxCluster({ root: fx.clusterRoot, gitRoot: fx.gitRoot }).applyApplication(
    `${svc}-dev`,
    fx.applicationManifest,
  );
  for (let i = 1; i <= DEPLOYS; i++) {
    const tag = `0.1.${i}`;
    await fx.setDevImageTag(tag);
    for (let t = 0; t < 300 && (await getEntity("deployment", `${svc}-dev`)).properties.version !== tag; t++)
      await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`${DEPLOYS} rollouts, ${latencies.length} status changes (simulator: 250 ms tick, 700 ms per pod)`);
  console.log(
    `status change in the simulator → visible through the API   p50 ${pct(latencies, 50)} ms   p99 ${pct(latencies, 99)} ms`,
  );
} finally {
  await simulator.stop();
  server.close();
  await closeDb();
  await pg.stop();
  await fx.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
