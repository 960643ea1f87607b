import { beforeAll, describe, expect, it } from "vitest";
import { deploymentEvents, runs, users } from "@/db/schema";
import { getDb } from "@/lib/db/client";
import { listOpenTeamRuns, listTeamRunsAwaitingApproval } from "@/lib/runs/team-runs";
import { seedTeamAndEnvironments } from "@/tests/catalog-seed";
import { call, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import { listDeployHistory, listEnvironmentStates } from "./service-hub";
import { listTeamMembersSeen } from "./team-hub";

setupTestDatabase();

const create = async (blueprint: string, body: Record<string, unknown>) =>
  expect((await call(entitiesRoute.POST, { params: { blueprint }, body })).status).toBe(201);

const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  await seedTeamAndEnvironments();
  await create("service", { identifier: "ledger", team: "payments", properties: { language: "go" } });
  // Created prod first: the hub orders by the environments' promotion order, not by insertion.
  for (const env of ["prod", "dev", "staging"])
    await create("deployment", {
      identifier: `ledger-${env}`,
      team: "payments",
      properties: { version: env === "dev" ? "1.1.0" : "1.0.0", status: "Healthy", replicas: 2 },
      relations: { service: "ledger", environment: env },
    });
  const db = getDb();
  const [release] = await db
    .insert(runs)
    .values([
      {
        actionId: "release",
        status: "succeeded",
        team: "payments",
        input: { version: "1.1.0", notes: "faster ledger close" },
        requestedBy: "sandbox:dana",
        requestedByEmail: "dana@slipway.local",
        via: "ui",
      },
      {
        actionId: "promote",
        status: "awaiting_approval",
        entityBlueprint: "deployment",
        entityIdentifier: "ledger-dev",
        team: "payments",
        input: { target_environment: "staging" },
        requestedBy: "sandbox:dana",
        requestedByEmail: "dana@slipway.local",
        via: "ui",
      },
      {
        actionId: "scale",
        status: "running",
        team: "payments",
        input: { replicas: 3, reason: "more load" },
        requestedBy: "sandbox:dana",
        requestedByEmail: "dana@slipway.local",
        via: "ui",
      },
      {
        actionId: "scale",
        status: "running",
        team: "checkout",
        input: { replicas: 3, reason: "other team" },
        requestedBy: "sandbox:carl",
        requestedByEmail: "carl@slipway.local",
        via: "ui",
      },
    ])
    .returning({ id: runs.id });
  const base = { kind: "deploy" as const, service: "ledger", team: "payments" };
  await db.insert(deploymentEvents).values([
    {
      ...base,
      at: at("2026-11-01T10:00:00Z"),
      deployment: "ledger-dev",
      environment: "dev",
      version: "1.0.0",
      action: "release",
      actor: "dana@slipway.local",
    },
    {
      ...base,
      at: at("2026-11-02T10:00:00Z"),
      deployment: "ledger-staging",
      environment: "staging",
      version: "1.0.0",
      action: "promote",
      actor: "sam@slipway.local",
    },
    {
      ...base,
      at: at("2026-11-03T10:00:00Z"),
      deployment: "ledger-dev",
      environment: "dev",
      version: "1.1.0",
      action: "release",
      actor: "dana@slipway.local",
      runId: release!.id,
    },
    {
      kind: "health",
      service: "ledger",
      team: "payments",
      at: at("2026-11-04T10:00:00Z"),
      deployment: "ledger-dev",
      environment: "dev",
      status: "Degraded",
    },
  ]);
  await db.insert(users).values([
    { id: "sandbox:dana", email: "dana@slipway.local", name: "Dana Okafor", groups: ["team-payments"] },
    { id: "sandbox:carl", email: "carl@slipway.local", name: "Carl Jensen", groups: ["team-checkout"] },
  ]);
});

describe("service hub", () => {
  it("lists environments in promotion order with their last deployment", async () => {
    const states = await listEnvironmentStates("ledger");
    expect(states.map((s) => s.environment)).toEqual(["dev", "staging", "prod"]);
    expect(states[0]!.properties.version).toBe("1.1.0");
    expect(states[0]!.lastDeploy).toMatchObject({ actor: "dana@slipway.local", action: "release" });
    expect(states[0]!.lastDeploy!.at).toBe("2026-11-03T10:00:00.000Z");
    expect(states[1]!.lastDeploy?.actor).toBe("sam@slipway.local");
    expect(states[2]!.lastDeploy).toBeNull();
  });

  it("gives the deployment history newest first with why, leaving health changes out", async () => {
    const history = await listDeployHistory("ledger");
    expect(history.map((h) => `${h.environment} ${h.version}`)).toEqual(["dev 1.1.0", "staging 1.0.0", "dev 1.0.0"]);
    expect(history[0]!.why).toBe("faster ledger close");
    expect(history[0]!.runId).not.toBeNull();
    expect(history[1]!.why).toBeNull();
    const dev = await listDeployHistory("ledger", { environment: "dev" });
    expect(dev.map((h) => h.version)).toEqual(["1.1.0", "1.0.0"]);
  });
});

describe("team hub", () => {
  it("lists members seen in sign-ins by the team's OIDC group", async () => {
    expect((await listTeamMembersSeen("team-payments")).map((m) => m.name)).toEqual(["Dana Okafor"]);
    expect(await listTeamMembersSeen(null)).toEqual([]);
  });

  it("lists the team's open runs and pending approvals, not other teams'", async () => {
    expect((await listOpenTeamRuns("payments")).map((r) => r.actionId)).toEqual(["scale"]);
    expect((await listTeamRunsAwaitingApproval("payments")).map((r) => r.actionId)).toEqual(["promote"]);
  });
});
