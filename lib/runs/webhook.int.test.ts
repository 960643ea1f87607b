import { beforeAll, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/actions/route";
import { apiTokenFor } from "@/tests/auth";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import type { Run } from "./types";

setupTestDatabase();

// Port's promotion payload shape, sent to the test-only promotion (no git needed); the real
// `promote` receives the literal seed payload in actions/gitops-journey.int.test.ts.
const seedPayload = {
  action: "test-promote",
  entity: { identifier: "payment-service-staging", blueprint: "deployment" },
  properties: { target_environment: "prod", run_tests: true, change_ticket: "CHG-12345" },
  context: { userEmail: "developer@company.com", runId: "run_12345" },
};

let token = "";
beforeAll(async () => {
  await call(entitiesRoute.POST, {
    params: { blueprint: "team" },
    body: { identifier: "payments", properties: { oidc_group: "team-payments" } },
  });
  await call(entitiesRoute.POST, { params: { blueprint: "environment" }, body: { identifier: "staging" } });
  await call(entitiesRoute.POST, {
    params: { blueprint: "environment" },
    body: { identifier: "prod", properties: { production: true } },
  });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "payment-service", team: "payments", properties: { language: "java", port: 8080 } },
  });
  const dep = await call(entitiesRoute.POST, {
    params: { blueprint: "deployment" },
    body: {
      identifier: "payment-service-staging",
      team: "payments",
      relations: { service: "payment-service", environment: "staging" },
    },
  });
  expect(dep.status).toBe(201);
  token = await apiTokenFor("dana", ["actions"]);
});

describe("POST /api/webhooks/actions (Port-compatible)", () => {
  it("creates the same run as the UI from a payload of Port's shape, with prod's approvals", async () => {
    const res = await call<{ run: Run; created: boolean }>(webhookRoute.POST, { as: { token }, body: seedPayload });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.run).toMatchObject({
      actionId: "test-promote",
      status: "awaiting_approval",
      via: "webhook",
      externalId: "run_12345",
      entity: { blueprint: "deployment", identifier: "payment-service-staging" },
      input: { target_environment: "prod", run_tests: true, change_ticket: "CHG-12345" },
      requestedByEmail: "dana@slipway.local",
      policy: { approvers: 2, changeTicket: true },
    });
  });

  it("returns the existing run when the same context.runId is sent again", async () => {
    const first = await call<{ run: Run }>(webhookRoute.POST, {
      as: { token },
      body: { ...seedPayload, context: { runId: "run_retry" } },
    });
    const again = await call<{ run: Run; created: boolean }>(webhookRoute.POST, {
      as: { token },
      body: { ...seedPayload, context: { runId: "run_retry" } },
    });
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    expect(again.json.run.id).toBe(first.json.run.id);
  });

  it("creates one run when two deliveries with the same context.runId race", async () => {
    const body = { ...seedPayload, context: { runId: "run_race" } };
    const results = await Promise.all(
      [1, 2, 3].map(() => call<{ run: Run; created: boolean }>(webhookRoute.POST, { as: { token }, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.json.run.id)).size).toBe(1);
  });

  it("scopes context.runId per requester: another user's runId never returns their run", async () => {
    await call(entitiesRoute.POST, {
      params: { blueprint: "team" },
      body: { identifier: "checkout", properties: { oidc_group: "team-checkout" } },
    });
    await call(entitiesRoute.POST, {
      params: { blueprint: "service" },
      body: { identifier: "cart", team: "checkout", properties: { language: "node", port: 8080 } },
    });
    await call(entitiesRoute.POST, {
      params: { blueprint: "deployment" },
      body: { identifier: "cart-staging", team: "checkout", relations: { service: "cart", environment: "staging" } },
    });
    const carl = await apiTokenFor("carl", ["actions"]);
    const danas = await call<{ run: Run }>(webhookRoute.POST, {
      as: { token },
      body: { ...seedPayload, context: { runId: "run_shared" } },
    });
    const carls = await call<{ run: Run; created: boolean }>(webhookRoute.POST, {
      as: { token: carl },
      body: {
        ...seedPayload,
        entity: { identifier: "cart-staging", blueprint: "deployment" },
        context: { runId: "run_shared" },
      },
    });
    expect(carls.status, JSON.stringify(carls.json)).toBe(201);
    expect(carls.json.run.id).not.toBe(danas.json.run.id);
    expect(carls.json.run).toMatchObject({ requestedByEmail: "carl@slipway.local", externalId: "run_shared" });
    // Dana's retry still finds her own run, not Carl's.
    const retry = await call<{ run: Run; created: boolean }>(webhookRoute.POST, {
      as: { token },
      body: { ...seedPayload, context: { runId: "run_shared" } },
    });
    expect(retry.json).toMatchObject({ created: false, run: { id: danas.json.run.id } });
  });

  it("validates like the UI: 422 with field errors, 404 for unknown actions, 401 without a token", async () => {
    const bad = await call(webhookRoute.POST, {
      as: { token },
      body: { ...seedPayload, properties: { target_environment: "moon" } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toHaveProperty("target_environment");
    const wrongBlueprint = await call(webhookRoute.POST, {
      as: { token },
      body: { ...seedPayload, entity: { identifier: "payment-service", blueprint: "service" } },
    });
    expect(wrongBlueprint.json.error.fields).toHaveProperty(["entity.blueprint"]);
    expect(
      (await call(webhookRoute.POST, { as: { token }, body: { ...seedPayload, action: "launch_rockets" } })).status,
    ).toBe(404);
    expect((await call(webhookRoute.POST, { as: "anonymous", body: seedPayload })).status).toBe(401);
  });
});
