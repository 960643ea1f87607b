import pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import * as readyRoute from "@/app/api/ready/route";
import * as metricsRoute from "@/app/metrics/route";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as runRoute from "@/app/api/v1/runs/[run]/route";
import * as webhookRoute from "@/app/api/webhooks/argocd/route";
import { argocdWebhookSecret } from "@/lib/deployments/webhook-secret";
import { serveMetrics } from "@/lib/metrics/metrics-server";
import { streamRun } from "@/lib/runs/run-stream";
import type { Run } from "@/lib/runs/types";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import { until } from "@/tests/until";

setupTestDatabase();

const TOKEN = "integration-tests-metrics-token";
const scrape = async (token: string | null = TOKEN) => {
  const res = await metricsRoute.GET(
    new Request("http://slipway.test/metrics", { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
};
/** The value of one sample, e.g. `slipway_runs{status="queued"}`. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};
const ready = async () => {
  const res = await readyRoute.GET(new Request("http://slipway.test/api/ready"), { params: Promise.resolve({}) });
  return { status: res.status, json: (await res.json()) as { ready: boolean; checks: Record<string, unknown> } };
};

beforeAll(async () => {
  await call(entitiesRoute.POST, {
    params: { blueprint: "team" },
    body: { identifier: "payments", properties: { oidc_group: "team-payments" } },
  });
  await call(entitiesRoute.POST, { params: { blueprint: "environment" }, body: { identifier: "dev" } });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } },
  });
  await call(entitiesRoute.POST, {
    params: { blueprint: "deployment" },
    body: { identifier: "cart-dev", team: "payments", relations: { service: "cart", environment: "dev" } },
  });
});

describe("GET /metrics", () => {
  it("refuses a scrape without the token", async () => {
    expect((await scrape(null)).status).toBe(401);
    expect((await scrape("not-the-metrics-token")).status).toBe(401);
  });

  it("counts runs by status from the database and times API routes by their template", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await call<Run>(actionRunsRoute.POST, {
        as: { user: "dana" },
        params: { action: "test-steps" },
        body: { entity: "cart", input: { steps: 1 } },
      });
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    await call(runRoute.GET, { as: { user: "dana" }, params: { run: ids[0]! }, url: `/api/v1/runs/${ids[0]}` });
    const { status, text, type } = await scrape();
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    expect(sample(text, 'slipway_runs{status="queued"}')).toBe(3);
    expect(sample(text, 'slipway_runs{status="succeeded"}')).toBe(0);
    expect(sample(text, 'slipway_run_queue_jobs{state="created"}')).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'slipway_http_request_duration_seconds_count{method="GET",route="/api/v1/runs/{run}",status="200"}'),
    ).toBe(1);
    expect(text).not.toContain(ids[0]);
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  it("counts ArgoCD events by outcome and observes the status lag of applied ones", async () => {
    const before = await scrape();
    const count = (t: string, outcome: string) =>
      sample(t, `slipway_argocd_events_total{source="argocd",outcome="${outcome}"}`) ?? 0;
    const deliver = (body: unknown) =>
      webhookRoute.POST(
        new Request("http://slipway.test/api/webhooks/argocd", {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${argocdWebhookSecret()}` },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
    const event = (at: string) => ({
      entity: "cart-dev",
      blueprint: "deployment",
      properties: { status: "Healthy", sync_status: "Synced", last_sync: at, revision: at },
    });
    const now = Date.now();
    expect((await deliver(event(new Date(now - 2000).toISOString()))).status).toBe(200);
    expect((await deliver(event(new Date(now - 2000).toISOString()))).status).toBe(200);
    expect((await deliver(event(new Date(now - 60_000).toISOString()))).status).toBe(200);
    const { text } = await scrape();
    expect(count(text, "applied") - count(before.text, "applied")).toBe(1);
    expect(count(text, "duplicate") - count(before.text, "duplicate")).toBe(1);
    expect(count(text, "stale") - count(before.text, "stale")).toBe(1);
    const lagCount = (t: string) => sample(t, "slipway_status_lag_seconds_count") ?? 0;
    expect(lagCount(text) - lagCount(before.text)).toBe(1);
    // The applied event said it was observed two seconds before it arrived.
    expect(sample(text, 'slipway_status_lag_seconds_bucket{le="1"}')).toBe(
      sample(before.text, 'slipway_status_lag_seconds_bucket{le="1"}') ?? 0,
    );
  });

  it("counts open server-sent event streams", async () => {
    const res = await call<Run>(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "test-steps" },
      body: { entity: "cart", input: { steps: 1 } },
    });
    expect(res.status).toBe(201);
    const open = async () => sample((await scrape()).text, 'slipway_sse_clients{stream="run"}') ?? 0;
    const before = await open();
    const abort = new AbortController();
    const reader = streamRun(res.json.id, 0, abort.signal).getReader();
    await reader.read();
    await until("the stream to be counted", async () => (await open()) === before + 1);
    abort.abort();
    await until("the closed stream to be uncounted", async () => (await open()) === before);
  });
});

describe("a worker's own /metrics (SLIPWAY_WORKER_METRICS_PORT)", () => {
  it("serves the same text format behind the same token, and nothing else", async () => {
    const server = serveMetrics(0);
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const ok = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("# TYPE slipway_runs gauge");
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      server.close();
    }
  });
});

describe("GET /api/ready", () => {
  it("is ready with the database, this build's migrations and the queue", async () => {
    const { status, json } = await ready();
    expect(json.checks).toEqual({ database: { ok: true }, migrations: { ok: true }, queue: { ok: true } });
    expect(status).toBe(200);
  });

  it("answers 503 naming the migration the database lacks", async () => {
    const admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ id: number; hash: string; created_at: string }>(
        "select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1",
      );
      const last = rows[0]!;
      await admin.query("delete from drizzle.__drizzle_migrations where id = $1", [last.id]);
      try {
        const { status, json } = await ready();
        expect(status).toBe(503);
        expect(json.ready).toBe(false);
        expect(json.checks.database).toEqual({ ok: true });
        expect(json.checks.migrations).toEqual({ ok: false, error: expect.stringMatching(/^not applied: 00\d\d_/) });
      } finally {
        await admin.query("insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)", [
          last.id,
          last.hash,
          last.created_at,
        ]);
      }
    } finally {
      await admin.end();
    }
    expect((await ready()).status).toBe(200);
  });
});
