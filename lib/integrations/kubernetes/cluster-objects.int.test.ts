import { afterEach, describe, expect, it } from "vitest";
import { InvalidManifestError } from "@/lib/cluster/cluster-port";
import { startFakeCluster } from "@/tests/fake-kube-api/start-fake-cluster";

// ApplicationSet list elements through the real adapter against the loopback API server.

type Started = Awaited<ReturnType<typeof startFakeCluster>>;
let env: Started | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function createApplicationSet(e: Started, name: string, generators: unknown[]) {
  const res = await fetch(`${e.fake.url}/apis/argoproj.io/v1alpha1/namespaces/argocd/applicationsets`, {
    method: "POST",
    headers: { Authorization: `Bearer ${e.fake.token}`, "content-type": "application/json" },
    body: JSON.stringify({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "ApplicationSet",
      metadata: { name, namespace: "argocd" },
      spec: { generators, template: { metadata: { name: "{{paas}}-{{service}}" }, spec: {} } },
    }),
  });
  expect(res.status).toBe(201);
}

const puts = (e: Started) => e.fake.requests.filter((r) => r.method === "PUT").length;

describe("ApplicationSet list elements (Kubernetes adapter)", () => {
  it("adds, replaces by key, leaves an unchanged element alone and removes", async () => {
    const e = (env = await startFakeCluster());
    await createApplicationSet(e, "paas-tekton", [{ list: { elements: [{ paas: "other", service: "tekton" }] } }]);
    const element = { paas: "shop", service: "tekton", namespace: "shop-tekton", requestor: "payments" };
    await e.cluster.upsertListElement("paas-tekton", "paas", element);
    expect(await e.cluster.listListElements("paas-tekton")).toEqual([{ paas: "other", service: "tekton" }, element]);
    const before = puts(e);
    await e.cluster.upsertListElement("paas-tekton", "paas", element);
    expect(puts(e)).toBe(before);
    await e.cluster.upsertListElement("paas-tekton", "paas", { ...element, requestor: "checkout" });
    expect(await e.cluster.listListElements("paas-tekton")).toEqual([
      { paas: "other", service: "tekton" },
      { ...element, requestor: "checkout" },
    ]);
    await e.cluster.removeListElement("paas-tekton", "paas", "shop");
    await e.cluster.removeListElement("paas-tekton", "paas", "shop");
    expect(await e.cluster.listListElements("paas-tekton")).toEqual([{ paas: "other", service: "tekton" }]);
  });

  it("refuses an ApplicationSet without a list generator", async () => {
    const e = (env = await startFakeCluster());
    await createApplicationSet(e, "paas-vault", [{ clusters: {} }]);
    await expect(e.cluster.upsertListElement("paas-vault", "paas", { paas: "shop" })).rejects.toBeInstanceOf(
      InvalidManifestError,
    );
  });
});
