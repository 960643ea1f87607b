import { describe, expect, it } from "vitest";
import { findEntity } from "@/lib/catalog/entity-lookup";
import { devNamespaceRef } from "@/lib/dev-environments/teardown";
import { entityRef, setupServiceForExecutorTests, testRun } from "@/tests/action-executor";
import { devEnvironmentDeleteAction } from "../dev-environment-delete";
import { executeDevEnvironmentDelete } from "../dev-environment-delete/executor";
import { devEnvironmentExtendTtlAction } from "../dev-environment-extend-ttl";
import { executeDevEnvironmentExtendTtl } from "../dev-environment-extend-ttl/executor";
import { executeDevEnvironmentCreate } from "./executor";
import { devEnvironmentCreateAction } from "./index";
import { devEnvironmentCreateInput } from "./schema";

setupServiceForExecutorTests("ledger");

const input = devEnvironmentCreateInput.parse({
  name: "feature-payment-v2",
  team: "payments",
  branch: "feature/payment-v2",
  ttl: "7d",
  services: [{ name: "ledger" }],
  databases: [{ name: "payments-db", seed_data: "sample-data-v1" }],
  resources: { requests: { cpu: "4", memory: "8Gi" }, limits: { cpu: "8", memory: "16Gi" } },
});

describe("dev environment actions", () => {
  it("create makes the namespace, one Application per service from the branch, and the entity", async () => {
    const run = testRun();
    const result = await executeDevEnvironmentCreate(run.ctx, input);
    expect(result.url).toBe("https://feature-payment-v2.dev.apps.example.com");
    const app = await run.ctx.ports.cluster.getApplication("dev-feature-payment-v2-ledger");
    expect(app).not.toBeNull();
    expect(await run.ctx.ports.cluster.getObject(devNamespaceRef("feature-payment-v2"))).toMatchObject({
      metadata: { name: "dev-feature-payment-v2", annotations: { "slipway.io/owner": "dana@example.com" } },
    });
    const entity = await findEntity("dev-environment", "feature-payment-v2");
    expect(entity?.team).toBe("payments");
    expect(entity?.properties).toMatchObject({
      owner: "dana@example.com",
      branch: "feature/payment-v2",
      ttl: "7d",
      namespace: "dev-feature-payment-v2",
      services: [{ name: "ledger", branch: "feature/payment-v2" }],
      databases: [{ name: "payments-db", type: "postgres", seed_data: "sample-data-v1" }],
    });
    const ttlMs = Date.parse(String(entity?.properties.expires_at)) - Date.now();
    expect(ttlMs).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(run.links).toEqual([expect.objectContaining({ kind: "environment", url: result.url })]);
  });

  it("check applies the team's limits and refuses unknown services, naming the fields", async () => {
    const ports = testRun().ctx.ports;
    const check = (over: Record<string, unknown>) =>
      devEnvironmentCreateAction.check!(devEnvironmentCreateInput.parse({ ...input, ...over }), null, ports);
    expect(await check({ name: "another" })).toBeNull();
    expect(await check({ name: "feature-payment-v2" })).toEqual({
      name: ["A dev environment named feature-payment-v2 already exists"],
    });
    expect(await check({ name: "too-long", ttl: "8d" })).toEqual({ ttl: ["Team payments allows at most 7d"] });
    expect(await check({ name: "x", services: [{ name: "nope" }] })).toEqual({
      "services.0.name": ["Service nope is not in the catalog"],
    });
    await ports.catalog.patchProperties("team", "payments", { dev_env_max_live: 1 });
    expect(await check({ name: "second" })).toEqual({
      team: ["Team payments already has 1 live dev environments (at most 1)"],
    });
    await ports.catalog.patchProperties("team", "payments", { dev_env_max_live: 5 });
  });

  it("extend moves the expiry within the team's limit; delete removes everything", async () => {
    const entity = await entityRef("dev-environment", "feature-payment-v2");
    const before = Date.parse(String(entity.properties.expires_at));
    const ports = testRun().ctx.ports;
    expect(await devEnvironmentExtendTtlAction.check!({ extend_by: "1d" }, entity, ports)).toEqual({
      extend_by: ["Team payments allows at most 7d from now"],
    });
    await ports.catalog.patchProperties("dev-environment", "feature-payment-v2", {
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    const shorter = await entityRef("dev-environment", "feature-payment-v2");
    expect(await devEnvironmentExtendTtlAction.check!({ extend_by: "1d" }, shorter, ports)).toBeNull();
    const { expires_at } = await executeDevEnvironmentExtendTtl(testRun({ entity: shorter }).ctx, { extend_by: "1d" });
    expect(Date.parse(expires_at) - Date.parse(String(shorter.properties.expires_at))).toBe(86_400_000);
    expect(Date.parse(expires_at)).toBeLessThan(before);

    const current = await entityRef("dev-environment", "feature-payment-v2");
    expect(await devEnvironmentDeleteAction.check!({}, current, ports)).toBeNull();
    const run = testRun({ entity: current });
    await executeDevEnvironmentDelete(run.ctx);
    expect(await ports.cluster.getApplication("dev-feature-payment-v2-ledger")).toBeNull();
    expect(await ports.cluster.getObject(devNamespaceRef("feature-payment-v2"))).toBeNull();
    expect(await findEntity("dev-environment", "feature-payment-v2")).toBeNull();
    // Resumed after the last step: every step is a no-op the second time.
    await executeDevEnvironmentDelete(testRun({ entity: current }).ctx);
  });
});
