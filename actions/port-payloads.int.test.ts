import { beforeAll, describe, expect, it } from "vitest";
import * as webhookRoute from "@/app/api/webhooks/actions/route";
import { readImageTag, readScale } from "@/lib/gitops";
import type { Run } from "@/lib/runs/types";
import { apiTokenFor } from "@/tests/auth";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { entitiesRoute, entityRoute } from "@/tests/routes";
import { approveAndExecute, requestRun } from "@/tests/run-journey";
import { runSimulatorDuringTests } from "@/tests/simulator";
import { forgejoPort } from "@/lib/wiring";

// Port's action payloads, copied as Port sends them, on the Port-compatible webhook: each against a
// catalog where it is valid, run to the end, and checked in the GitOps repository and the catalog.

setupTestDatabase();
runSimulatorDuringTests();

const createPayload = {
  action: "create_microservice",
  inputs: {
    name: "payment-service",
    team: "backend-team",
    language: "java",
    framework: "spring-boot",
    template: "api-service",
    port: 8080,
    database: true,
    redis: false,
    public: true,
  },
};
const onDeployment = (identifier: string) => ({ identifier, blueprint: "deployment" });

const tokens = { dana: "", carl: "" };
const send = (body: unknown, as: keyof typeof tokens = "dana") =>
  call<{ run: Run; created: boolean }>(webhookRoute.POST, { as: { token: tokens[as] }, body });
const git = forgejoPort;
const overlay = (env: string, file = "kustomization.yaml") =>
  git().readFile("platform", "gitops", `services/payment-service/overlays/${env}/${file}`);
const imageTag = async (env: string) =>
  readImageTag((await overlay(env))!, "registry.local/backend-team/payment-service");
const entity = async (blueprint: string, id: string) =>
  (
    await call<{ team: string | null; properties: Record<string, unknown> }>(entityRoute.GET, {
      params: { blueprint, entity: id },
    })
  ).json;

beforeAll(async () => {
  for (const [i, env] of ["dev", "staging", "prod"].entries()) {
    const res = await call(entitiesRoute.POST, {
      params: { blueprint: "environment" },
      body: {
        identifier: env,
        properties: { order: i, production: env === "prod", min_replicas: env === "prod" ? 2 : 1, max_replicas: 10 },
      },
    });
    expect(res.status).toBe(201);
  }
  tokens.dana = await apiTokenFor("dana", ["actions"]);
  tokens.carl = await apiTokenFor("carl", ["actions"]);
});

describe("Port's action payloads on POST /api/webhooks/actions", () => {
  it("answers the create payload naming a team the catalog lacks with a 422 on team, storing nothing", async () => {
    const res = await send(createPayload);
    expect(res.status).toBe(422);
    expect(errorOf(res).fields).toEqual({ team: ['Team "backend-team" does not exist'] });
  });

  it("creates payment-service from the create payload with inputs once the team exists", async () => {
    // dana's OIDC group makes her a member of backend-team; carl, a developer elsewhere, is told he is not.
    const team = await call(entitiesRoute.POST, {
      params: { blueprint: "team" },
      body: { identifier: "backend-team", properties: { oidc_group: "team-payments" } },
    });
    expect(team.status).toBe(201);
    const outsider = await send(createPayload, "carl");
    expect(outsider.status).toBe(403);
    expect(errorOf(outsider).message).toBe("You are not a member of team backend-team");

    const res = await send(createPayload);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.run).toMatchObject({ actionId: "create-microservice", status: "queued", via: "webhook" });
    expect(res.json.run.input).toMatchObject(createPayload.inputs);
    await approveAndExecute(res.json.run.id);
    const service = await entity("service", "payment-service");
    expect(service.team).toBe("backend-team");
    expect(service.properties).toMatchObject({ language: "java", framework: "spring-boot", port: 8080 });
    expect(await imageTag("prod")).toBe("0.1.0");
  }, 60_000);

  it("refuses a payload that sends inputs both as properties and as inputs", async () => {
    const res = await send({ ...createPayload, properties: { name: "other-service" } });
    expect(res.status).toBe(422);
    expect(errorOf(res).fields?.inputs).toEqual(["Send the action's inputs as properties or as inputs, not both"]);
  });

  it("promotes staging to prod from the promote payload after two SREs approve", async () => {
    await approveAndExecute((await requestRun("release", "payment-service-dev", { version: "0.2.0" })).id);
    const toStaging = await requestRun("promote", "payment-service-dev", { target_environment: "staging" });
    await approveAndExecute(toStaging.id, ["sam"]);

    const res = await send({
      action: "promote_deployment",
      entity: onDeployment("payment-service-staging"),
      properties: { target_environment: "prod", run_tests: true, change_ticket: "CHG-12345" },
      context: { userEmail: "developer@company.com", runId: "run_12345" },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.run).toMatchObject({ actionId: "promote", policy: { approvers: 2, changeTicket: true } });
    await approveAndExecute(res.json.run.id, ["sam", "sofia"]);
    expect(await imageTag("prod")).toBe("0.2.0");
    expect((await entity("deployment", "payment-service-prod")).properties.promoted_from).toBe("staging");
  }, 60_000);

  it("rolls staging back from the rollback payload, with the reason in the commit", async () => {
    const res = await send({
      action: "rollback_deployment",
      entity: onDeployment("payment-service-staging"),
      properties: { target_version: "0.1.0", reason: "0.2.0 leaks database connections" },
      context: { runId: "run_rollback" },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.run.actionId).toBe("rollback");
    await approveAndExecute(res.json.run.id, ["sam"]);
    expect(await imageTag("staging")).toBe("0.1.0");
    const [last] = await git().listCommits("platform", "gitops", { branch: "main", limit: 1 });
    expect(last!.message).toContain("Reason: 0.2.0 leaks database connections");
  }, 60_000);

  it("scales staging from the scale payload to 10 replicas with the new limits", async () => {
    const res = await send({
      action: "scale_resources",
      entity: onDeployment("payment-service-staging"),
      properties: { replicas: 10, cpu_limit: "2000m", memory_limit: "2Gi", reason: "Black Friday traffic surge" },
      context: { runId: "run_scale" },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.run.actionId).toBe("scale");
    await approveAndExecute(res.json.run.id, ["sam"]);
    const scale = readScale({
      replicaPatch: (await overlay("staging", "replica-patch.yaml"))!,
      resourcePatch: (await overlay("staging", "resource-patch.yaml"))!,
    });
    expect(scale).toMatchObject({ replicas: 10, limits: { cpu: "2000m", memory: "2Gi" } });
  }, 60_000);
});
