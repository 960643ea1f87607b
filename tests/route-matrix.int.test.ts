import { beforeAll, describe, expect, it } from "vitest";
import { apiTokenFor, type Caller } from "./auth";
import { createNotification, listUnreadNotifications } from "@/lib/notifications/notifications";
import { runGates } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { clusterPort } from "@/lib/wiring";
import { call, setupTestDatabase } from "./db";
import { routeHandlers } from "./route-files";

const APPLICATION_YAML = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: cart-staging
  namespace: argocd
  annotations:
    slipway.io/entity: deployment/cart-staging
spec:
  project: default
  source: { repoURL: /nowhere/gitops.git, path: services/cart/overlays/staging, targetRevision: main }
  destination: { server: https://kubernetes.default.svc, namespace: payments-staging }
`;

const MATRIX_POLICY = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: matrix-policy
spec:
  rules:
    - name: has-labels
      match: { any: [{ resources: { kinds: [Deployment] } }] }
      validate: { message: "labels", pattern: { metadata: { labels: { app: "?*" } } } }
`;

// Every route handler under app/, proven three ways: anonymous → 401, signed in without permission
// → 403, permitted → success. A route file or method missing from MATRIX fails the first test, so a
// new route cannot land without saying who may call it.

setupTestDatabase();

type Case = {
  params?: Record<string, string>;
  url?: string;
  body?: unknown;
  denied: Caller;
  allowed: Caller;
  status: number;
  abortAfterMs?: number;
};

/** Routes anyone may call, each with the reason. */
const PUBLIC: Record<string, string> = {
  "GET /api/health": "load-balancer liveness probe; answers only { ok: true }",
  "GET /api/ready":
    "readiness probe (probes carry no credentials): names which check failed (database, migrations, queue), never data",
  "GET /metrics":
    "Prometheus scrape: checks its own bearer token, SLIPWAY_METRICS_TOKEN (401 without it, 404 when unset; lib/metrics tests)",
  "GET /api/auth/[...nextauth]": "Auth.js: sign-in pages, OIDC callback, session and CSRF endpoints",
  "POST /api/auth/[...nextauth]": "Auth.js: sign-in and sign-out form posts (CSRF-protected by Auth.js)",
  "POST /api/webhooks/argocd":
    "ArgoCD notifications: checks its own shared secret (401 without it; see lib/deployments tests)",
  "POST /api/webhooks/flux":
    "Flux notifications: checks its own HMAC signature (401 without it; see lib/deployments/flux-webhook tests)",
  "POST /api/webhooks/forgejo":
    "Forgejo/Gitea webhook: checks its own HMAC signature (401 without it; see lib/previews tests)",
  "GET /api/v1/openapi.json":
    "the API reference: describes routes and their input schemas, never data; clients read it before holding a token",
};

const tokens: Record<"actionsOnly" | "all" | "readOnly", string> = { actionsOnly: "", all: "", readOnly: "" };
let revocable = "";
// A portal notice addressed to dana (only she may dismiss it).
let notificationId = "";
// Runs of dana's: awaiting approval (decide, withdraw, cancel), ended (read, stream), any (rerun).
const runIds = { decide: "", withdraw: "", cancel: "", ended: "", gated: "" };
const token = (name: keyof typeof tokens): Caller => ({ token: tokens[name] });

// Built lazily: some callers are tokens created in beforeAll.
const MATRIX = (): Record<string, Case> => ({
  "GET /api/v1/blueprints": { denied: token("actionsOnly"), allowed: { user: "dana" }, status: 200 },
  "POST /api/v1/blueprints": {
    body: { identifier: "library", title: "Library", schema: { properties: {} } },
    denied: { user: "dana" },
    allowed: { user: "ada" },
    status: 201,
  },
  "GET /api/v1/blueprints/[blueprint]": {
    params: { blueprint: "service" },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "PATCH /api/v1/blueprints/[blueprint]": {
    params: { blueprint: "scratch" },
    body: { title: "Scratch pad" },
    denied: { user: "sam" },
    allowed: { user: "ada" },
    status: 200,
  },
  "DELETE /api/v1/blueprints/[blueprint]": {
    params: { blueprint: "scratch" },
    denied: { user: "dana" },
    allowed: { user: "ada" },
    status: 204,
  },
  "GET /api/v1/blueprints/[blueprint]/entities": {
    params: { blueprint: "service" },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "POST /api/v1/blueprints/[blueprint]/entities": {
    params: { blueprint: "service" },
    body: { identifier: "ledger", team: "payments", properties: { language: "go", port: 8080 } },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 201,
  },
  "GET /api/v1/blueprints/[blueprint]/entities/[entity]": {
    params: { blueprint: "service", entity: "cart" },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "GET /api/v1/blueprints/[blueprint]/facets": {
    params: { blueprint: "service" },
    url: "/api/v1/blueprints/service/facets?facet=team&facet=property.language",
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "PATCH /api/v1/blueprints/[blueprint]/entities/[entity]": {
    params: { blueprint: "service", entity: "cart" },
    body: { title: "Cart service" },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 200,
  },
  "DELETE /api/v1/blueprints/[blueprint]/entities/[entity]": {
    params: { blueprint: "service", entity: "doomed" },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 204,
  },
  "GET /api/v1/tokens": { denied: token("all"), allowed: { user: "dana" }, status: 200 },
  "POST /api/v1/tokens": {
    body: { name: "ci", scopes: ["read"] },
    denied: token("all"),
    allowed: { user: "dana" },
    status: 201,
  },
  "DELETE /api/v1/tokens/[token]": {
    params: { token: revocable },
    denied: token("all"),
    allowed: { user: "dana" },
    status: 204,
  },
  "GET /api/v1/audit": { denied: { user: "sam" }, allowed: { user: "ada" }, status: 200 },
  "GET /api/v1/imports/runs": { denied: { user: "sam" }, allowed: { user: "ada" }, status: 200 },
  "GET /api/v1/imports/conflicts": { denied: { user: "dana" }, allowed: { user: "ada" }, status: 200 },
  "POST /api/v1/imports/port": {
    body: { document: [] },
    denied: { user: "sam" },
    allowed: { user: "ada" },
    status: 200,
  },
  "GET /api/v1/imports/port/export": {
    url: "/api/v1/imports/port/export?blueprints=team",
    denied: token("readOnly"),
    allowed: { user: "ada" },
    status: 200,
  },
  "GET /api/v1/me": { denied: token("actionsOnly"), allowed: { user: "dana" }, status: 200 },
  "POST /api/v1/me/notifications/[notification]/read": {
    params: { notification: notificationId },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 204,
  },
  "GET /api/v1/dashboards/catalog": { denied: token("actionsOnly"), allowed: { user: "dana" }, status: 200 },
  "GET /api/v1/dashboards/pipeline": { denied: token("actionsOnly"), allowed: token("readOnly"), status: 200 },
  "GET /api/v1/dashboards/resources": { denied: token("actionsOnly"), allowed: { user: "sam" }, status: 200 },
  "GET /api/v1/dashboards/dora": {
    url: "/api/v1/dashboards/dora?period=custom&from=2026-01-01&to=2026-01-31&format=csv&table=daily",
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "POST /api/v1/deployments/[deployment]/sync": {
    params: { deployment: "cart-staging" },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 202,
  },
  "GET /api/v1/events": {
    url: "/api/v1/events?topics=service/cart",
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
    abortAfterMs: 300,
  },
  "GET /api/v1/search": {
    url: "/api/v1/search?q=cart",
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "GET /api/v1/actions": { denied: token("actionsOnly"), allowed: { user: "carl" }, status: 200 },
  "GET /api/v1/actions/[action]": {
    params: { action: "test-steps" },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "POST /api/v1/actions/[action]/runs": {
    params: { action: "test-steps" },
    body: { entity: "cart", input: { steps: 1 } },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 201,
  },
  "GET /api/v1/runs": { denied: token("actionsOnly"), allowed: { user: "carl" }, status: 200 },
  "GET /api/v1/runs/[run]": {
    params: { run: runIds.ended },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "GET /api/v1/runs/[run]/logs": {
    params: { run: runIds.ended },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "GET /api/v1/runs/[run]/events": {
    params: { run: runIds.ended },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "POST /api/v1/runs/[run]/decisions": {
    params: { run: runIds.decide },
    body: { decision: "approve" },
    denied: { user: "carl" },
    allowed: { user: "sam" },
    status: 200,
  },
  "POST /api/v1/runs/[run]/withdraw": {
    params: { run: runIds.withdraw },
    denied: { user: "sam" },
    allowed: { user: "dana" },
    status: 200,
  },
  "POST /api/v1/runs/[run]/cancel": {
    params: { run: runIds.cancel },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 200,
  },
  "POST /api/v1/runs/[run]/rerun": {
    params: { run: runIds.ended },
    denied: { user: "carl" },
    allowed: { user: "dana" },
    status: 201,
  },
  // A run without a gate answers null; the gated cases are in lib/policies/gates.int.test.ts.
  "GET /api/v1/runs/[run]/gate": {
    params: { run: runIds.ended },
    denied: token("actionsOnly"),
    allowed: { user: "carl" },
    status: 200,
  },
  "POST /api/v1/runs/[run]/gate/override": {
    params: { run: runIds.gated },
    body: { reason: "Accepted risk, CHG-42 tracks the fix" },
    denied: { user: "sam" },
    allowed: { user: "ada" },
    status: 200,
  },
  "GET /api/v1/policies": { denied: token("actionsOnly"), allowed: { user: "carl" }, status: 200 },
  "POST /api/v1/policies": {
    body: { yaml: MATRIX_POLICY, environments: ["prod"] },
    denied: { user: "sam" },
    allowed: { user: "ada" },
    status: 200,
  },
  "POST /api/v1/policies/shipped": { denied: { user: "dana" }, allowed: { user: "ada" }, status: 200 },
  "PATCH /api/v1/policies/[policy]": {
    params: { policy: "matrix-policy" },
    body: { environments: "*" },
    denied: { user: "sam" },
    allowed: { user: "ada" },
    status: 200,
  },
  "POST /api/webhooks/actions": {
    body: {
      action: "test-steps",
      entity: { identifier: "cart", blueprint: "service" },
      properties: { steps: 1 },
      context: { runId: "matrix-1" },
    },
    denied: token("readOnly"),
    allowed: token("all"),
    status: 201,
  },
});

type Handler = Parameters<typeof call>[0];
const handlers = (await routeHandlers()) as Map<string, Handler>;

beforeAll(async () => {
  const setup = (url: string, body: unknown, params: Record<string, string>) =>
    call(handlers.get(`POST ${url}`)!, { body, params });
  await setup(
    "/api/v1/blueprints/[blueprint]/entities",
    { identifier: "payments", properties: { oidc_group: "team-payments" } },
    { blueprint: "team" },
  );
  await setup(
    "/api/v1/blueprints/[blueprint]/entities",
    { identifier: "checkout", properties: { oidc_group: "team-checkout" } },
    { blueprint: "team" },
  );
  for (const id of ["cart", "doomed"]) {
    const res = await setup(
      "/api/v1/blueprints/[blueprint]/entities",
      { identifier: id, team: "payments", properties: { language: "go", port: 80 } },
      { blueprint: "service" },
    );
    expect(res.status).toBe(201);
  }
  expect(
    (await setup("/api/v1/blueprints", { identifier: "scratch", title: "Scratch", schema: { properties: {} } }, {}))
      .status,
  ).toBe(201);
  await createNotification({ userEmail: "dana@slipway.local", message: "Dev environment x expires soon" });
  notificationId = (await listUnreadNotifications("dana@slipway.local"))[0]!.id;
  tokens.actionsOnly = await apiTokenFor("dana", ["actions"]);
  tokens.all = await apiTokenFor("dana", ["read", "write", "actions"]);
  tokens.readOnly = await apiTokenFor("dana", ["read"]);
  await setup("/api/v1/blueprints/[blueprint]/entities", { identifier: "staging" }, { blueprint: "environment" });
  const deployment = await setup(
    "/api/v1/blueprints/[blueprint]/entities",
    { identifier: "cart-staging", team: "payments", relations: { service: "cart", environment: "staging" } },
    { blueprint: "deployment" },
  );
  expect(deployment.status).toBe(201);
  const requestAs = async (action: string, entity: string, input: unknown) => {
    const res = await call<{ id: string }>(handlers.get("POST /api/v1/actions/[action]/runs")!, {
      as: { user: "dana" },
      params: { action },
      body: { entity, input },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id;
  };
  await clusterPort().applyApplication("cart-staging", APPLICATION_YAML);
  runIds.decide = await requestAs("test-promote", "cart-staging", { target_environment: "staging" });
  runIds.withdraw = await requestAs("test-promote", "cart-staging", { target_environment: "staging" });
  runIds.cancel = await requestAs("test-promote", "cart-staging", { target_environment: "staging" });
  runIds.ended = await requestAs("test-promote", "cart-staging", { target_environment: "staging" });
  expect(
    (
      await call(handlers.get("POST /api/v1/runs/[run]/withdraw")!, {
        as: { user: "dana" },
        params: { run: runIds.ended },
        method: "POST",
      })
    ).status,
  ).toBe(200);
  // A failing policy gate for the override case (the gate itself is lib/policies' to test).
  runIds.gated = await requestAs("test-promote", "cart-staging", { target_environment: "staging" });
  await getDb()
    .insert(runGates)
    .values({
      runId: runIds.gated,
      environment: "staging",
      checks: [{ policy: "p", rule: "r", resource: "Deployment/x/y", result: "fail", message: "no" }],
      failing: 1,
    });
  const created = await call<{ id: string }>(handlers.get("POST /api/v1/tokens")!, {
    as: { user: "dana" },
    body: { name: "to revoke", scopes: ["read"] },
  });
  revocable = created.json.id;
});

describe("route matrix", () => {
  it("has an entry for every route handler under app/, and nothing else", () => {
    const declared = [...Object.keys(MATRIX()), ...Object.keys(PUBLIC)].sort();
    expect([...handlers.keys()].sort()).toEqual(declared);
  });

  it("answers anonymous callers of every non-public route with 401", async () => {
    for (const [key, c] of Object.entries(MATRIX())) {
      const res = await call(handlers.get(key)!, {
        as: "anonymous",
        params: c.params,
        url: c.url,
        body: c.body,
        method: key.split(" ")[0],
        abortAfterMs: c.abortAfterMs,
      });
      expect(res.status, key).toBe(401);
    }
  });

  it("answers signed-in callers without the permission with 403, then lets the permitted one through", async () => {
    for (const [key, c] of Object.entries(MATRIX())) {
      const method = key.split(" ")[0];
      const denied = await call(handlers.get(key)!, {
        as: c.denied,
        params: c.params,
        url: c.url,
        body: c.body,
        method,
        abortAfterMs: c.abortAfterMs,
      });
      expect(denied.status, `${key} denied: ${JSON.stringify(denied.json)}`).toBe(403);
      const allowed = await call(handlers.get(key)!, {
        as: c.allowed,
        params: c.params,
        url: c.url,
        body: c.body,
        method,
        abortAfterMs: c.abortAfterMs,
      });
      expect(allowed.status, `${key} allowed: ${JSON.stringify(allowed.json)}`).toBe(c.status);
    }
  });

  it("keeps public routes public", async () => {
    const health = await call(handlers.get("GET /api/health")!, { as: "anonymous" });
    expect(health.status).toBe(200);
    const spec = await call<{ openapi: string }>(handlers.get("GET /api/v1/openapi.json")!, { as: "anonymous" });
    expect(spec.status).toBe(200);
    expect(spec.json.openapi).toMatch(/^3\.1\./);
  });
});
