import type http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-audit";
import { getDb } from "@/lib/db/client";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { INGEST_PATH, serveArgocdIngest } from "./ingest-server";
import { argocdWebhookSecret } from "./webhook-secret";

setupTestDatabase();

let server: http.Server;
let base: string;

beforeAll(async () => {
  await call(entitiesRoute.POST, { params: { blueprint: "team" }, body: { identifier: "payments" } });
  await call(entitiesRoute.POST, { params: { blueprint: "environment" }, body: { identifier: "dev" } });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } },
  });
  const dep = await call(entitiesRoute.POST, {
    params: { blueprint: "deployment" },
    body: { identifier: "cart-dev", team: "payments", relations: { service: "cart", environment: "dev" } },
  });
  expect(dep.status).toBe(201);
  server = await serveArgocdIngest(0, "127.0.0.1");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

type Answer = { outcome?: string; error?: { code: string; fields?: Record<string, string[]> } };
async function post(body: unknown, secret: string | null = argocdWebhookSecret(), path = INGEST_PATH) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), json: (await res.json()) as Answer };
}
const status = (at: string, value: string, version: string) => ({
  event: "status",
  entity: "deployment/cart-dev",
  observedAt: at,
  properties: { status: value, version },
});
const auditRows = async () =>
  Number((await getDb().execute<{ n: number }>(sql`select count(*)::int as n from audit_log`)).rows[0]!.n);
const properties = async () =>
  (
    await call<{ properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint: "deployment", entity: "cart-dev" },
    })
  ).json.properties;

describe(`the ingestion listener (POST ${INGEST_PATH} on SLIPWAY_INGEST_PORT)`, () => {
  it("refuses a missing or wrong secret with 401 and bad bodies with 400, changing nothing", async () => {
    expect((await post(status("2026-11-22T10:00:00Z", "Healthy", "1.0.0"), null)).status).toBe(401);
    const wrong = await post(status("2026-11-22T10:00:00Z", "Healthy", "1.0.0"), "wrong-secret-wrong-secret");
    expect(wrong).toMatchObject({ status: 401, json: { error: { code: "unauthenticated" } } });
    expect((await post("{ not json")).status).toBe(400);
    const bad = await post({ entity: "cart-dev", properties: { status: "Fine" } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error?.fields ?? {})).toEqual(["properties.status"]);
    expect((await properties()).status).toBeUndefined();
  });

  it("applies a status once, answers a re-delivery as a duplicate and an older one as stale", async () => {
    const event = status("2026-11-22T10:00:00Z", "Progressing", "1.1.0");
    expect(await post(event)).toMatchObject({ status: 200, json: { outcome: "applied" } });
    expect(await post(event)).toMatchObject({ status: 200, json: { outcome: "duplicate" } });
    expect((await post(status("2026-11-22T09:00:00Z", "Degraded", "0.9.0"))).json.outcome).toBe("stale");
    expect(await properties()).toMatchObject({ status: "Progressing", version: "1.1.0" });
  });

  it("answers an unknown deployment 404, another path 404 and another method 405", async () => {
    const missing = await post({ ...status("2026-11-22T10:01:00Z", "Healthy", "1"), entity: "deployment/nope" });
    expect(missing.status).toBe(404);
    expect((await post(status("2026-11-22T10:01:00Z", "Healthy", "1"), undefined, "/api/v1/blueprints")).status).toBe(
      404,
    );
    expect((await fetch(`${base}${INGEST_PATH}`)).status).toBe(405);
  });

  it("keeps every change of concurrent deliveries in the audit chain, which still verifies", async () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      status(new Date(Date.UTC(2026, 10, 22, 11, 0, i)).toISOString(), i % 2 ? "Healthy" : "Progressing", `2.0.${i}`),
    );
    const before = await auditRows();
    const answers = await Promise.all(events.map((e) => post(e)));
    expect(answers.every((a) => a.status === 200 && ["applied", "stale"].includes(a.json.outcome ?? ""))).toBe(true);
    // One audit row per applied change, none for a stale one.
    expect((await auditRows()) - before).toBe(answers.filter((a) => a.json.outcome === "applied").length);
    // The newest event wins whatever order the deliveries were written in.
    expect(await properties()).toMatchObject({ status: "Healthy", version: "2.0.39" });
    const verification = await verifyAuditChain(getDb());
    expect(verification).toMatchObject({ ok: true });
  });
});
