// npm run bench:webhook [-- events senders] — ArgoCD webhook ingestion: events/s and webhook-to-API latency; prints figures, asserts nothing.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as webhook from "@/app/api/webhooks/argocd/route";
import { ensureBuiltinBlueprints } from "@/db/seed";
import { createEntity } from "@/lib/catalog/entities";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { closeDb, setDatabaseUrl } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { argocdWebhookSecret } from "@/lib/deployments/webhook-secret";

const DEPLOYMENTS = 100;
const EVENTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 8);

const pct = (s: number[], p: number) =>
  ([...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(1);

let clock = Date.parse("2026-11-22T00:00:00Z");
function event(i: number) {
  clock += 1000;
  const healthy = i % 2 === 0;
  return {
    event: "status",
    entity: `deployment/svc-${i % DEPLOYMENTS}-dev`,
    observedAt: new Date(clock).toISOString(),
    properties: healthy
      ? { status: "Healthy", ready_replicas: 2, replicas: 2 }
      : { status: "Progressing", ready_replicas: 1, replicas: 2 },
  };
}

async function post(body: unknown): Promise<Response> {
  const req = new Request("http://bench/api/webhooks/argocd", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${argocdWebhookSecret()}` },
    body: JSON.stringify(body),
  });
  return webhook.POST(req, { params: Promise.resolve({}) });
}

async function pool<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-bench-"));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 54338 });
try {
  await applyMigrations(pg.url);
  setDatabaseUrl(pg.url);
  await ensureBuiltinBlueprints();
  await createEntity("environment", { identifier: "dev", properties: {}, relations: {} });
  for (let i = 0; i < DEPLOYMENTS; i++) {
    await createEntity("service", {
      identifier: `svc-${i}`,
      properties: { language: "go", port: 8080 },
      relations: {},
    });
    await createEntity("deployment", {
      identifier: `svc-${i}-dev`,
      properties: {},
      relations: { service: `svc-${i}`, environment: "dev" },
    });
  }
  const events = Array.from({ length: EVENTS }, (_, i) => event(i));
  let t = performance.now();
  await pool(events, async (e) => void (await post(e)).status);
  const secs = (performance.now() - t) / 1000;
  console.log(
    `ingested ${EVENTS} status changes (${CONCURRENCY} concurrent senders)   ${(EVENTS / secs).toFixed(0)} events/s`,
  );

  t = performance.now();
  await pool(events.slice(0, 1000), async (e) => void (await post(e)).status);
  console.log(
    `re-delivered 1000 duplicates                             ${(1000 / ((performance.now() - t) / 1000)).toFixed(0)} events/s`,
  );

  // Latency: from sending a change to reading it back through the catalog.
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const e = event(i);
    const start = performance.now();
    await post(e);
    const seen = await getEntity("deployment", e.entity.replace("deployment/", ""));
    if (seen.properties.status !== e.properties.status) throw new Error("change not visible");
    samples.push(performance.now() - start);
  }
  console.log(
    `webhook → visible through the API                        p50 ${pct(samples, 50)} ms   p99 ${pct(samples, 99)} ms`,
  );
} finally {
  await closeDb();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
