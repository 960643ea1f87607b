import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import * as runRoute from "@/app/api/v1/runs/[run]/route";
import * as withdrawRoute from "@/app/api/v1/runs/[run]/withdraw/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import { listAudit } from "@/lib/audit/list-audit";
import { getDb } from "@/lib/db/client";
import { call, errorOf, setupTestDatabase } from "@/tests/db";
import { entitiesRoute } from "@/tests/routes";
import type { Run, RunDetail } from "./types";

setupTestDatabase();

const request = async (target: string, extra: Record<string, unknown> = {}) => {
  const res = await call<Run>(actionRunsRoute.POST, {
    as: { user: "dana" },
    params: { action: "test-promote" },
    body: { entity: "cart-staging", input: { target_environment: target, ...extra } },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json;
};
const decide = (run: Run, user: string, body: Record<string, unknown>) =>
  call<RunDetail>(decisionsRoute.POST, {
    as: { user },
    params: { run: run.id },
    body: { decision: "approve", ...body },
  });

beforeAll(async () => {
  await call(entitiesRoute.POST, {
    params: { blueprint: "team" },
    body: { identifier: "payments", properties: { oidc_group: "team-payments" } },
  });
  for (const env of ["dev", "staging", "prod"])
    await call(entitiesRoute.POST, { params: { blueprint: "environment" }, body: { identifier: env } });
  await call(entitiesRoute.POST, {
    params: { blueprint: "service" },
    body: { identifier: "cart", team: "payments", properties: { language: "go", port: 80 } },
  });
  const dep = await call(entitiesRoute.POST, {
    params: { blueprint: "deployment" },
    body: { identifier: "cart-staging", team: "payments", relations: { service: "cart", environment: "staging" } },
  });
  expect(dep.status).toBe(201);
});

describe("approval policies", () => {
  it("queues a dev run at once and holds staging and prod runs for approval", async () => {
    expect((await request("dev")).status).toBe("queued");
    const staging = await request("staging");
    expect(staging.status).toBe("awaiting_approval");
    expect(staging.policy).toMatchObject({
      approvers: 1,
      roles: ["sre"],
      changeTicket: false,
      source: "environment staging",
    });
    expect((await request("prod")).policy).toMatchObject({ approvers: 2, changeTicket: true });
  });

  it("never lets the requester approve their own run, even an SRE", async () => {
    const run = await request("staging");
    const self = await decide(run, "dana", {});
    expect(self.status).toBe(403);
    expect(errorOf(self).message).toContain("someone else");
    // A developer who is not an SRE may not approve either.
    expect((await decide(run, "carl", {})).status).toBe(403);
    const sam = await decide(run, "sam", { comment: "looks fine" });
    expect(sam.status).toBe(200);
    expect(sam.json.status).toBe("queued");
  });

  it("needs two distinct SREs and a change ticket for prod", async () => {
    const run = await request("prod");
    const noTicket = await decide(run, "sam", {});
    expect(noTicket.status).toBe(422);
    expect(errorOf(noTicket).fields).toHaveProperty("changeTicket");
    const first = await decide(run, "sam", { changeTicket: "CHG-12345" });
    expect(first.status).toBe(200);
    expect(first.json.status).toBe("awaiting_approval");
    // The same SRE twice does not make two approvals.
    expect((await decide(run, "sam", {})).status).toBe(409);
    const second = await decide(run, "sofia", { comment: "ok for the window" });
    expect(second.status).toBe(200);
    expect(second.json.status).toBe("queued");
    const detail = await call<RunDetail>(runRoute.GET, { params: { run: run.id } });
    expect(detail.json.approvals.map((a) => [a.userEmail, a.decision, a.changeTicket])).toEqual([
      ["sam@slipway.local", "approve", "CHG-12345"],
      ["sofia@slipway.local", "approve", null],
    ]);
  });

  it("accepts the change ticket given with the request", async () => {
    const run = await request("prod", { change_ticket: "CHG-777" });
    expect((await decide(run, "sam", {})).json.status).toBe("awaiting_approval");
    expect((await decide(run, "sofia", {})).json.status).toBe("queued");
  });

  it("ends the run when an approver declines", async () => {
    const run = await request("prod");
    const declined = await decide(run, "sam", { decision: "decline", comment: "not during the freeze" });
    expect(declined.status).toBe(200);
    expect(declined.json.status).toBe("declined");
    expect(declined.json.error).toContain("not during the freeze");
    expect((await decide(run, "sofia", { changeTicket: "CHG-1" })).status).toBe(409);
  });

  it("refuses to approve an expired request and cancels it", async () => {
    const run = await request("staging");
    await getDb().execute(sql`update runs set approval_expires_at = now() - interval '1 minute' where id = ${run.id}`);
    const late = await decide(run, "sam", {});
    expect(late.status).toBe(409);
    expect(errorOf(late).message).toContain("expired");
    const after = await call<RunDetail>(runRoute.GET, { params: { run: run.id } });
    expect(after.json.status).toBe("cancelled");
  });

  it("lets the requester withdraw, and lists waiting runs in each SRE's inbox but not the requester's", async () => {
    const run = await request("staging");
    const inbox = (user: string) =>
      call<{ items: Run[] }>(runsRoute.GET, { as: { user }, url: "/api/v1/runs?view=approvals" }).then((r) =>
        r.json.items.map((i) => i.id),
      );
    expect(await inbox("sam")).toContain(run.id);
    expect(await inbox("dana")).not.toContain(run.id);
    expect(await inbox("carl")).not.toContain(run.id);
    expect(
      (await call(withdrawRoute.POST, { as: { user: "sam" }, params: { run: run.id }, method: "POST" })).status,
    ).toBe(403);
    expect(
      (await call<Run>(withdrawRoute.POST, { as: { user: "dana" }, params: { run: run.id }, method: "POST" })).json
        .status,
    ).toBe("cancelled");
    expect(await inbox("sam")).not.toContain(run.id);
  });

  it("rejects bad input with field errors and stores nothing", async () => {
    const before = await getDb().execute(sql`select count(*)::int as n from runs`);
    const bad = await call(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "test-promote" },
      body: { entity: "cart-staging", input: { target_environment: "qa" } },
    });
    expect(bad.status).toBe(422);
    expect(errorOf(bad).fields).toHaveProperty("target_environment");
    const noEntity = await call(actionRunsRoute.POST, {
      as: { user: "dana" },
      params: { action: "test-promote" },
      body: { input: { target_environment: "dev" } },
    });
    expect(errorOf(noEntity).fields).toHaveProperty("entity");
    const otherTeam = await call(actionRunsRoute.POST, {
      as: { user: "carl" },
      params: { action: "test-promote" },
      body: { entity: "cart-staging", input: { target_environment: "dev" } },
    });
    expect(otherTeam.status).toBe(403);
    const after = await getDb().execute(sql`select count(*)::int as n from runs`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("writes every request, approval and transition to the audit log", async () => {
    const verbs = new Set(
      (await listAudit({ limit: 200 })).items.filter((i) => i.target.startsWith("run:")).map((i) => i.verb),
    );
    for (const v of ["run.request", "run.approve", "run.decline", "run.expire", "run.withdraw"])
      expect(verbs).toContain(v);
  });
});
