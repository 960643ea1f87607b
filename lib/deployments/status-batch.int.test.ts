import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/argocd/route";
import { auditLog } from "@/db/schema";
import { createEntity } from "@/lib/catalog/entities";
import { findEntityRow } from "@/lib/catalog/entity-lookup";
import { getDb } from "@/lib/db/client";
import { childEnv } from "@/lib/env";
import { setupTestDatabase, tamperWithAuditLog } from "@/tests/db";
import { argocdWebhookSecret } from "./webhook-secret";

setupTestDatabase();

const DEPLOYMENTS = 20;
const base = Date.parse("2026-11-30T09:00:00Z");

async function deliver(body: unknown): Promise<{ status: number; outcome?: string }> {
  const res = await webhookRoute.POST(
    new Request("http://slipway.test/api/webhooks/argocd", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${argocdWebhookSecret()}` },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  const json = (await res.json()) as { outcome?: string };
  return { status: res.status, outcome: json.outcome };
}

const eventFor = (d: number, i: number) => ({
  event: "status",
  entity: `svc-${d}-dev`,
  observedAt: new Date(base + i * 1000).toISOString(),
  properties: { status: i % 2 === 0 ? "Progressing" : "Healthy", version: `1.0.${i}` },
});

function runAuditVerify(): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/audit-verify.ts"], {
      cwd: process.cwd(),
      env: childEnv({ DATABASE_URL: inject("databaseUrl"), DATABASE_ADMIN_URL: inject("adminDatabaseUrl") }),
    });
    let stdout = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

beforeAll(async () => {
  await createEntity("team", { identifier: "payments", properties: {}, relations: {} });
  await createEntity("environment", { identifier: "dev", properties: {}, relations: {} });
  for (let d = 0; d < DEPLOYMENTS; d++) {
    await createEntity("service", {
      identifier: `svc-${d}`,
      team: "payments",
      properties: { language: "go" },
      relations: {},
    });
    await createEntity("deployment", {
      identifier: `svc-${d}-dev`,
      team: "payments",
      properties: {},
      relations: { service: `svc-${d}`, environment: "dev" },
    });
  }
}, 60_000);

describe("status events delivered together (group commit)", () => {
  const auditedBefore = { rows: 0 };

  it("gives each delivery its own outcome, as one at a time would, and audits every change", async () => {
    auditedBefore.rows = await getDb().$count(auditLog);
    // Per deployment: events 1..5 in order, event 5 again (a duplicate), then event 0 (older: stale).
    const bodies = Array.from({ length: DEPLOYMENTS }, (_, d) => [
      ...[1, 2, 3, 4, 5].map((i) => eventFor(d, i)),
      eventFor(d, 5),
      eventFor(d, 0),
    ]);
    // Concurrent senders, each keeping its deployment's order: arrivals interleave across deployments.
    const answers = await Promise.all(
      bodies.map(async (events) => {
        const got = [];
        for (const e of events) got.push(await deliver(e));
        return got;
      }),
    );
    for (const got of answers)
      expect(got).toEqual([
        ...Array.from({ length: 5 }, () => ({ status: 200, outcome: "applied" })),
        { status: 200, outcome: "duplicate" },
        { status: 200, outcome: "stale" },
      ]);
    for (let d = 0; d < DEPLOYMENTS; d++)
      expect((await findEntityRow("deployment", `svc-${d}-dev`))?.properties).toMatchObject({
        status: "Healthy",
        version: "1.0.5",
      });
    expect((await getDb().$count(auditLog)) - auditedBefore.rows).toBe(DEPLOYMENTS * 5);
  });

  it("writes deliveries arriving together in one transaction, rows still chained one by one", async () => {
    const before = await getDb().$count(auditLog);
    const answers = await Promise.all(Array.from({ length: DEPLOYMENTS }, (_, d) => deliver(eventFor(d, 6))));
    expect(answers.every((a) => a.outcome === "applied")).toBe(true);
    // One batch's rows share the time the batch took the chain lock: fewer distinct times than rows.
    const { rows } = await getDb().execute<{ batches: number; total: number }>(
      sql`select count(distinct at)::int as batches, count(*)::int as total from (select at from audit_log order by id desc limit ${DEPLOYMENTS}) t`,
    );
    expect(rows[0]!.total).toBe(DEPLOYMENTS);
    expect(rows[0]!.batches).toBeLessThan(DEPLOYMENTS);
    expect(await getDb().$count(auditLog)).toBe(before + DEPLOYMENTS);
  });

  it("keeps each deployment's arrival order while two batches are in flight", async () => {
    // Every deployment's events 10..14 sent back to back without waiting for answers, deployments interleaved.
    const sent: Promise<{ status: number; outcome?: string }>[] = [];
    for (let i = 10; i <= 14; i++) for (let d = 0; d < DEPLOYMENTS; d++) sent.push(deliver(eventFor(d, i)));
    const answers = await Promise.all(sent);
    expect(answers.filter((a) => a.outcome !== "applied")).toEqual([]);
    for (let d = 0; d < DEPLOYMENTS; d++) {
      const row = await findEntityRow("deployment", `svc-${d}-dev`);
      expect(row?.properties.version).toBe("1.0.14");
      const { rows } = await getDb().execute<{ version: string }>(
        sql`select data->>'version' as version from entity_activity where entity_id = ${row!.id} and kind = 'status'
            order by id desc limit 5`,
      );
      expect(rows.map((r) => r.version).reverse()).toEqual(["1.0.10", "1.0.11", "1.0.12", "1.0.13", "1.0.14"]);
    }
  });

  it("audit:verify passes, then names a row changed inside a batch", async () => {
    const ok = await runAuditVerify();
    expect(ok.code, ok.stdout).toBe(0);
    const { rows } = await getDb().execute<{ id: number }>(
      sql`select id::int from audit_log where target like 'entity:deployment/%' order by id desc offset 5 limit 1`,
    );
    const id = rows[0]!.id;
    await tamperWithAuditLog(
      sql`update audit_log set data = jsonb_set(data, '{after,properties,status}', '"Degraded"') where id = ${id}`,
    );
    const out = await runAuditVerify();
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(new RegExp(`^Audit log TAMPERED at row ${id}: hash does not match`));
  });
});
