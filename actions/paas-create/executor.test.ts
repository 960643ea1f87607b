import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scaleAction } from "@/actions/scale";
import { getCapabilityElementFile, getPaasFile } from "@/lib/gitops/paas";
import { findEntity } from "@/lib/catalog/entity-lookup";
import {
  entityRef,
  gitopsFile,
  lastGitopsCommit,
  setupServiceForExecutorTests,
  testRun,
} from "@/tests/action-executor";
import { executePaasDelete } from "../paas-delete/executor";
import { paasDeleteAction } from "../paas-delete";
import { executePaasUpdate } from "../paas-update/executor";
import { paasUpdateInput } from "../paas-update/schema";
import { executePaasCreate } from "./executor";
import { paasCreateAction } from "./index";
import { paasCreateInput } from "./schema";

setupServiceForExecutorTests("ledger");

const paasRef = { apiVersion: "cpet.belastingdienst.nl/v1alpha1", kind: "Paas", name: "shop" };
const input = paasCreateInput.parse({
  name: "shop",
  team: "payments",
  capabilities: ["argocd", "tekton", "vault"],
  namespaces: ["prod"],
  cpu_quota: "4",
  memory_quota: "4Gi",
  storage_quota: "10Gi",
});

describe("paas actions", () => {
  it("create commits the Paas and its capability elements, applies them and records the entity", async () => {
    const run = testRun();
    await executePaasCreate(run.ctx, input);
    const paas = parse((await gitopsFile(getPaasFile("shop")))!);
    expect(paas.spec.capabilities).toEqual({
      argocd: { enabled: true },
      tekton: { enabled: true },
      vault: { enabled: true },
    });
    expect(paas.spec.quota).toEqual({ "limits.cpu": "4", "limits.memory": "4Gi", "requests.storage": "10Gi" });
    expect(await gitopsFile(getCapabilityElementFile("shop", "tekton"))).toContain("namespace: shop-tekton");
    expect(await gitopsFile(getCapabilityElementFile("shop", "grafana"))).toBeNull();
    const cluster = run.ctx.ports.cluster;
    expect(((await cluster.getObject(paasRef)) as { spec: unknown }).spec).toEqual(paas.spec);
    expect(await cluster.listListElements("paas-vault")).toEqual([
      { paas: "shop", service: "vault", namespace: "shop-vault", requestor: "payments" },
    ]);
    expect(await cluster.listListElements("paas-grafana")).toEqual([]);
    expect((await findEntity("paas", "shop"))?.properties).toMatchObject({
      capabilities: ["argocd", "tekton", "vault"],
    });

    // A resumed or repeated run finds everything in place: no second commit.
    const head = await lastGitopsCommit();
    await executePaasCreate(testRun().ctx, input);
    expect((await lastGitopsCommit()).sha).toBe(head.sha);
    expect(await paasCreateAction.check!(input, null, run.ctx.ports)).toEqual({
      name: ["A Paas named shop already exists"],
    });
  });

  it("refuses quotas that are not Kubernetes quantities, naming the field", () => {
    const bad = paasCreateInput.safeParse({ ...input, memory_quota: "lots" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["memory_quota"]);
  });

  it("scale refuses to go beyond the quota of the service's Paas, naming quota, used and asked", async () => {
    const ports = testRun().ctx.ports;
    await ports.catalog.upsertEntity("service", {
      identifier: "ledger",
      title: "ledger",
      team: "payments",
      properties: {},
      relations: { paas: "shop" },
    });
    const staging = await entityRef("deployment", "ledger-staging");
    expect(await scaleAction.check!({ replicas: 2, reason: "fits the quota" }, staging, ports)).toBeNull();
    const refused = await scaleAction.check!({ replicas: 8, reason: "beyond the quota" }, staging, ports);
    expect(refused?.replicas?.[0]).toBe("Exceeds quota shop (limits.cpu 4): 1.5 used, 4 asked");
    const paasDelete = await paasDeleteAction.check!({ confirm: "shop" }, await entityRef("paas", "shop"), ports);
    expect(paasDelete).toEqual({ entity: ["Services still placed in shop: ledger"] });
    await ports.catalog.upsertEntity("service", {
      identifier: "ledger",
      title: "ledger",
      team: "payments",
      properties: {},
      relations: { paas: null },
    });
  });

  it("update turns capabilities off and delete removes everything", async () => {
    const entity = await entityRef("paas", "shop");
    const run = testRun({ entity });
    await executePaasUpdate(run.ctx, paasUpdateInput.parse({ ...input, capabilities: ["argocd"], namespaces: [] }));
    expect(await gitopsFile(getCapabilityElementFile("shop", "tekton"))).toBeNull();
    expect(await run.ctx.ports.cluster.listListElements("paas-tekton")).toEqual([]);
    expect(await run.ctx.ports.cluster.listListElements("paas-argocd")).toHaveLength(1);

    await executePaasDelete(testRun({ entity: await entityRef("paas", "shop") }).ctx);
    expect(await gitopsFile(getPaasFile("shop"))).toBeNull();
    expect(await run.ctx.ports.cluster.getObject(paasRef)).toBeNull();
    expect(await run.ctx.ports.cluster.listListElements("paas-argocd")).toEqual([]);
    expect(await findEntity("paas", "shop")).toBeNull();
  });
});
