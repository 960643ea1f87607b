import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as shippedRoute from "@/app/api/v1/policies/shipped/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import * as gateRoute from "@/app/api/v1/runs/[run]/gate/route";
import * as overrideRoute from "@/app/api/v1/runs/[run]/gate/override/route";
import * as withdrawRoute from "@/app/api/v1/runs/[run]/withdraw/route";
import { listAudit } from "@/lib/audit/list-audit";
import { recordHealthChange } from "@/lib/dashboards/record-health";
import { getDb } from "@/lib/db/client";
import { executeRun } from "@/lib/runs/execute-run";
import { inputSchemaFor } from "@/lib/runs/input-options";
import { getRunDetail } from "@/lib/runs/run-store";
import type { Run } from "@/lib/runs/types";
import { forgejoPort } from "@/lib/wiring";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { entityRoute } from "@/tests/routes";
import { runSimulatorDuringTests } from "@/tests/simulator";
import { gateClock, type RunGate } from "./gate";

setupTestDatabase();
runSimulatorDuringTests();

type GateView = RunGate & { blockedReason: string | null };
const prodDir = "services/payment-service/overlays/prod";

const request = (action: string, entity: string, input: Record<string, unknown>, user = "dana") =>
  call<Run>(actionRunsRoute.POST, { as: { user }, params: { action }, body: { entity, input } });
const approve = (run: string, user: string) =>
  call(decisionsRoute.POST, { as: { user }, params: { run }, body: { decision: "approve", changeTicket: "CHG-7" } });
const gateOf = async (run: string) =>
  (await call<GateView>(gateRoute.GET, { as: { user: "carl" }, params: { run } })).json;
const failing = (g: GateView) =>
  g.checks.filter((c) => c.result === "fail").map((c) => `${c.policy}/${c.rule} ${c.resource}`);
const patchEnv = (env: string, properties: Record<string, unknown>) =>
  call(entityRoute.PATCH, {
    as: { user: "ada" },
    params: { blueprint: "environment", entity: env },
    body: { properties },
  });

async function runToEnd(runId: string, approvers: string[] = []) {
  for (const user of approvers) expect((await approve(runId, user)).status).toBe(200);
  await executeRun(runId, "test-worker");
  const run = await getRunDetail(runId);
  expect(run.status, run.error ?? "").toBe("succeeded");
}

/** Edits prod overlay files on main, as a person fixing (or breaking) the manifests would. */
async function editProd(edit: (files: Record<string, string>) => Record<string, string | null>) {
  const git = forgejoPort();
  const files: Record<string, string> = {};
  for (const f of ["kustomization.yaml", "ingress.yaml"])
    files[f] = (await git.readFile("platform", "gitops", `${prodDir}/${f}`)) ?? "";
  const head = await git.branchHead("platform", "gitops", "main");
  await git.commitFiles({
    owner: "platform",
    repo: "gitops",
    branch: "main",
    expectedHead: head,
    message: "hand edit",
    changes: Object.entries(edit(files)).map(([f, content]) =>
      content === null ? { path: `${prodDir}/${f}`, delete: true } : { path: `${prodDir}/${f}`, content },
    ),
  });
}

beforeAll(async () => {
  await seedTeamAndEnvironments();
  const created = await request("create-microservice", "", {
    name: "payment-service",
    team: "payments",
    language: "java",
    database: true,
    public: true,
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  await runToEnd(created.json.id);
  await runToEnd((await request("release", "payment-service-dev", { version: "0.2.0" })).json.id);
  await runToEnd((await request("promote", "payment-service-dev", { target_environment: "staging" })).json.id, ["sam"]);
  const installed = await call<{ name: string }[]>(shippedRoute.POST, { as: { user: "ada" } });
  expect(installed.status).toBe(200);
  expect(installed.json.map((p) => p.name)).toContain("require-network-policy");
  expect((await patchEnv("prod", { namespace_labels: { "pci-zone": "true" } })).status).toBe(200);
}, 120_000);

afterEach(() => {
  gateClock.now = () => new Date();
});

describe("policy gates before production", () => {
  let blocked = "";

  it("shows the failing PCI rule with Kyverno's message and refuses approval while no NetworkPolicy exists", async () => {
    await editProd((f) => ({
      "kustomization.yaml": f["kustomization.yaml"]!.replace("  - network-policy.yaml\n", ""),
    }));
    const res = await request("promote", "payment-service-staging", {
      target_environment: "prod",
      change_ticket: "CHG-7",
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.status).toBe("awaiting_approval");
    blocked = res.json.id;
    const gate = await gateOf(blocked);
    expect(failing(gate)).toEqual([
      "require-network-policy/check-network-policy-exists Deployment/payments-prod/payment-service",
    ]);
    const check = gate.checks.find((c) => c.rule === "check-network-policy-exists")!;
    expect(check.message).toBe("Network policy required for all PCI zone deployments");
    // The baseline holds for what Slipway renders; nothing is passed that was not evaluated.
    expect(gate.checks.filter((c) => c.policy === "require-probes").map((c) => c.result)).toEqual(["pass"]);
    expect(gate.blockedReason).toContain("require-network-policy/check-network-policy-exists");

    const refused = await approve(blocked, "sam");
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toContain("policy check");
  });

  it("lets an admin override a failing gate with a reason, audited and shown on the run", async () => {
    const notAdmin = await call(overrideRoute.POST, {
      as: { user: "sam" },
      params: { run: blocked },
      body: { reason: "We accept this for one day" },
    });
    expect(notAdmin.status).toBe(403);
    const noReason = await call(overrideRoute.POST, {
      as: { user: "ada" },
      params: { run: blocked },
      body: { reason: "" },
    });
    expect(errorOf(noReason).fields?.reason).toBeDefined();

    const done = await call<RunGate>(overrideRoute.POST, {
      as: { user: "ada" },
      params: { run: blocked },
      body: { reason: "Card data flows only through the mesh here; CHG-7 adds the policy" },
    });
    expect(done.status).toBe(200);
    const gate = await gateOf(blocked);
    expect(gate.override).toMatchObject({ by: "ada@slipway.local", reason: expect.stringContaining("CHG-7") });
    expect(gate.blockedReason).toBeNull();
    const audit = await listAudit({ verb: "run.gate_override", target: `run:${blocked}`, limit: 10 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actor: "ada@slipway.local",
      data: { reason: expect.stringContaining("CHG-7") },
    });
    expect((await approve(blocked, "sam")).status).toBe(200);
    expect((await call(withdrawRoute.POST, { as: { user: "dana" }, params: { run: blocked } })).status).toBe(200);
  });

  it("passes once the NetworkPolicy is back, and the promotion can be approved", async () => {
    await editProd((f) => ({
      "kustomization.yaml": f["kustomization.yaml"]!.replace(
        "  - ingress.yaml\n",
        "  - ingress.yaml\n  - network-policy.yaml\n",
      ),
    }));
    const res = await request("promote", "payment-service-staging", {
      target_environment: "prod",
      change_ticket: "CHG-7",
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const gate = await gateOf(res.json.id);
    expect(failing(gate)).toEqual([]);
    expect(gate.checks.find((c) => c.rule === "check-network-policy-exists")?.result).toBe("pass");
    expect((await approve(res.json.id, "sam")).status).toBe(200);
    expect((await call(withdrawRoute.POST, { as: { user: "dana" }, params: { run: res.json.id } })).status).toBe(200);
  });

  it("catches an unencrypted storage class and an Ingress without TLS in a phi-enabled namespace", async () => {
    expect((await patchEnv("prod", { namespace_labels: { "phi-enabled": "true" } })).status).toBe(200);
    await editProd((f) => ({
      "pvc.yaml": [
        "apiVersion: v1",
        "kind: PersistentVolumeClaim",
        "metadata:",
        "  name: payment-records",
        "spec:",
        "  storageClassName: standard",
        "  accessModes: [ReadWriteOnce]",
        "  resources: { requests: { storage: 5Gi } }",
        "",
      ].join("\n"),
      "ingress.yaml": f["ingress.yaml"]!.replace(/\n  tls:\n(    .*\n|      .*\n)*/, "\n"),
      "kustomization.yaml": f["kustomization.yaml"]!.replace("  - ingress.yaml\n", "  - ingress.yaml\n  - pvc.yaml\n"),
    }));
    const res = await request("scale", "payment-service-prod", { replicas: 4, reason: "Black Friday" });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const gate = await gateOf(res.json.id);
    expect(failing(gate).sort()).toEqual([
      "hipaa-phi-protection/require-audit-annotations Deployment/payments-prod/payment-service",
      "hipaa-phi-protection/require-encrypted-volumes PersistentVolumeClaim/payments-prod/payment-records",
      "hipaa-phi-protection/require-tls-ingress Ingress/payments-prod/payment-service",
    ]);
    const messages = gate.checks.filter((c) => c.result === "fail").map((c) => c.message);
    expect(messages.some((m) => m.includes("PHI data must use encrypted storage classes"))).toBe(true);
    expect(messages.some((m) => m.includes("All PHI-handling services must use TLS"))).toBe(true);
    expect((await approve(res.json.id, "sam")).status).toBe(409);
  });

  it("refuses a promotion before the soak time in staging has passed, saying when, and allows it after", async () => {
    expect((await patchEnv("prod", { soak_minutes: 30, namespace_labels: { "phi-enabled": "false" } })).status).toBe(
      200,
    );
    const healthyAt = new Date(Date.now() + 60_000);
    await recordHealthChange(getDb(), {
      deployment: "payment-service-staging",
      status: "Healthy",
      version: "0.2.0",
      at: healthyAt,
    });
    gateClock.now = () => new Date(healthyAt.getTime() + 10 * 60_000);
    const early = await request("promote", "payment-service-staging", {
      target_environment: "prod",
      change_ticket: "CHG-8",
    });
    expect(early.status).toBe(422);
    const allowedAt = new Date(healthyAt.getTime() + 30 * 60_000).toISOString();
    expect(errorOf(early).fields?.target_environment?.[0]).toContain(`allowed from ${allowedAt}`);
    // The promote form says so before anyone submits it.
    const schema = await inputSchemaFor(
      "promote",
      { type: "object", properties: { target_environment: { type: "string" } } },
      { blueprint: "deployment", identifier: "payment-service-staging" },
      "dana@slipway.local",
    );
    const described = (schema.properties as Record<string, { description?: string }>).target_environment;
    expect(described?.description).toContain(
      `prod needs 0.2.0 Healthy in staging for 30 min: allowed from ${allowedAt}`,
    );

    gateClock.now = () => new Date(healthyAt.getTime() + 31 * 60_000);
    const late = await request("promote", "payment-service-staging", {
      target_environment: "prod",
      change_ticket: "CHG-8",
    });
    expect(late.status, JSON.stringify(late.json)).toBe(201);
  });
});
