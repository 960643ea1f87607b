import { beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as webhookRoute from "@/app/api/webhooks/argocd/route";
import { createEntity } from "@/lib/catalog/entities";
import { getPool } from "@/lib/db/client";
import { findEntityRow } from "@/lib/catalog/entity-lookup";
import { setupTestDatabase } from "@/tests/db";
import { argocdWebhookSecret } from "./webhook-secret";

setupTestDatabase();

// The limits: every delivery answers within 5 s, and the portal stays up meanwhile.
const DELIVERY_LIMIT_MS = 5_000;
const HEALTH_LIMIT_MS = 1_000;
const N = 50;

type Answer = { status: number; retryAfter: string | null } | "timed out";

async function within<T>(ms: number, work: Promise<T>): Promise<T | "timed out"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timed out">((resolve) => (timer = setTimeout(() => resolve("timed out"), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function deliver(body: unknown): Promise<Answer> {
  const res = webhookRoute.POST(
    new Request("http://slipway.test/api/webhooks/argocd", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${argocdWebhookSecret()}` },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  const answer = await within(DELIVERY_LIMIT_MS, res);
  return answer === "timed out" ? answer : { status: answer.status, retryAfter: answer.headers.get("retry-after") };
}

async function probeHealth(): Promise<number | "timed out"> {
  const res = await within(
    HEALTH_LIMIT_MS,
    healthRoute.GET(new Request("http://slipway.test/api/health"), { params: Promise.resolve({}) }),
  );
  return res === "timed out" ? res : res.status;
}

// Event i of the one deployment: later events are newer; the last one is what must stick.
const base = Date.parse("2026-11-30T09:00:00Z");
const eventFor = (entity: string, i: number) => ({
  event: "status",
  entity,
  observedAt: new Date(base + i * 1000).toISOString(),
  properties: {
    status: i % 2 === 0 ? "Progressing" : "Healthy",
    sync_status: "Synced",
    version: `1.0.${i}`,
    revision: `rev${String(i).padStart(5, "0")}`,
    replicas: i,
  },
});

// A fixed shuffle, so the newest event is neither first nor last to arrive.
const shuffled = (n: number) => Array.from({ length: n }, (_, i) => (i * 17 + 11) % n);

beforeAll(async () => {
  await createEntity("team", { identifier: "payments", properties: {}, relations: {} });
  await createEntity("environment", { identifier: "dev", properties: {}, relations: {} });
  for (let i = 0; i <= N; i++) {
    const service = `svc-${i}`;
    await createEntity("service", {
      identifier: service,
      team: "payments",
      properties: { language: "go" },
      relations: {},
    });
    await createEntity("deployment", {
      identifier: `${service}-dev`,
      team: "payments",
      properties: {},
      relations: { service, environment: "dev" },
    });
  }
}, 120_000);

describe("ArgoCD deliveries under concurrency", () => {
  it("answers 50 deliveries for one deployment and 50 for different ones within 5 s while /api/health answers", async () => {
    const bodies = [
      ...shuffled(N).map((i) => eventFor(`svc-${N}-dev`, i)),
      ...Array.from({ length: N }, (_, i) => eventFor(`deployment/svc-${i}-dev`, i)),
    ];
    let done = false;
    const health: (number | "timed out")[] = [];
    const prober = (async () => {
      while (!done) {
        health.push(await probeHealth());
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    // Each delivery is applied (200) or answered 503 with Retry-After, which ArgoCD's notifier answers by
    // sending the event again; a busy machine may need that, a hang or a silent loss never happens.
    const answers: Answer[] = [];
    let pending = bodies;
    for (let round = 0; round < 20 && pending.length > 0; round++) {
      const got = await Promise.all(pending.map((body) => deliver(body)));
      answers.push(...got);
      pending = pending.filter((_, i) => got[i] !== "timed out" && got[i]!.status === 503);
      await new Promise((r) => setTimeout(r, 100));
    }
    done = true;
    await prober;

    expect(answers.filter((a) => a === "timed out")).toEqual([]);
    const unexpected = answers.filter((a) => a !== "timed out" && a.status !== 200 && a.status !== 503);
    expect(unexpected).toEqual([]);
    expect(answers.filter((a) => a !== "timed out" && a.status === 503 && !a.retryAfter)).toEqual([]);
    expect(pending).toEqual([]);
    expect(health.length).toBeGreaterThan(0);
    expect(health.filter((s) => s !== 200)).toEqual([]);

    const newest = eventFor(`svc-${N}-dev`, N - 1).properties;
    expect((await findEntityRow("deployment", `svc-${N}-dev`))?.properties).toMatchObject(newest);
    for (let i = 0; i < N; i++)
      expect((await findEntityRow("deployment", `svc-${i}-dev`))?.properties).toMatchObject({
        version: `1.0.${i}`,
      });
  });

  it("answers 503 (the sender retries) while another process holds the deployment's lock, then applies", async () => {
    const other = await getPool().connect();
    const late = eventFor("svc-0-dev", 100);
    try {
      await other.query("begin");
      await other.query("select pg_advisory_xact_lock(hashtext($1))", ["status:svc-0-dev"]);
      const busy = await deliver(late);
      expect(busy === "timed out" ? busy : busy.status).toBe(503);
    } finally {
      await other.query("rollback");
      other.release();
    }
    expect(await deliver(late)).toMatchObject({ status: 200 });
    expect((await findEntityRow("deployment", "svc-0-dev"))?.properties).toMatchObject({ version: "1.0.100" });
  });
});
