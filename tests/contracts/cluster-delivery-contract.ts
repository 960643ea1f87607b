import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DeliveryNotFoundError,
  InvalidManifestError,
  type AppEvent,
  type ClusterPort,
} from "@/lib/cluster/cluster-port";
import { defaultEnvironments } from "@/lib/gitops/manifests/gitops-options";
import { getFluxDeliveryPath } from "@/lib/gitops/names";
import { renderGitopsService } from "@/lib/gitops/render-gitops-service";
import { until } from "@/tests/until";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";

// The ClusterPort's Flux half, as every adapter must behave (sandbox files, Kubernetes API): the
// same cases run against each. Status mapping is adapter-specific (the simulator's reconcile, the
// Kustomization's conditions) and is tested beside each adapter.

export type DeliveryContractTarget = { cluster: ClusterPort; close(): Promise<void> };

/** The GitRepository + Kustomization create-microservice commits for payment-service in a Flux dev. */
export function renderDevDelivery(service = "payment-service"): { name: string; manifest: string } {
  const environments = defaultEnvironments.map((e) => (e.name === "dev" ? { ...e, engine: "flux" as const } : e));
  const files = renderGitopsService(makeSpec({ name: service }), makeOptions({ environments }));
  const name = `${service}-dev`;
  return { name, manifest: files[getFluxDeliveryPath(name)]! };
}

export function describeDeliveryContract(adapter: string, start: () => Promise<DeliveryContractTarget>): void {
  describe(`${adapter}: Flux deliveries (contract)`, () => {
    let target: DeliveryContractTarget;
    beforeEach(async () => {
      target = await start();
    });
    afterEach(async () => {
      await target.close();
    });
    const { name, manifest } = renderDevDelivery();

    it("applies a delivery idempotently; it is read, listed, and is not an Application", async () => {
      const { cluster } = target;
      expect(await cluster.getDelivery(name)).toBeNull();
      const applied = await cluster.applyDelivery(name, manifest);
      expect(applied.name).toBe(name);
      expect(await cluster.applyDelivery(name, manifest)).toMatchObject({ name });
      const delivery = await cluster.getDelivery(name);
      expect(delivery).toMatchObject({ name, namespace: "flux-system", entity: "deployment/payment-service-dev" });
      expect((await cluster.listDeliveries()).map((d) => d.name)).toEqual([name]);
      expect(await cluster.getApplication(name)).toBeNull();
      expect(await cluster.listApplications()).toEqual([]);
    });

    it("refuses manifests that are not the named GitRepository + Kustomization, and writes nothing", async () => {
      const { cluster } = target;
      const kustomizationOnly = manifest.split(/^---$/m)[1]!;
      const cases = [
        ["not YAML", "kind: [unclosed"],
        ["no Kustomization", manifest.split(/^---$/m)[0]!],
        ["no GitRepository", kustomizationOnly],
        ["another name", manifest.replaceAll(`name: ${name}`, "name: other")],
        ["another namespace", manifest.replaceAll("namespace: flux-system", "namespace: default")],
        [
          "an older API version",
          manifest.replace("kustomize.toolkit.fluxcd.io/v1", "kustomize.toolkit.fluxcd.io/v1beta2"),
        ],
      ] as const;
      for (const [label, text] of cases)
        await expect(cluster.applyDelivery(name, text), label).rejects.toBeInstanceOf(InvalidManifestError);
      expect(await cluster.listDeliveries()).toEqual([]);
    });

    it("refreshes an existing delivery; refreshing a missing one is not found", async () => {
      const { cluster } = target;
      await expect(cluster.refreshDelivery(name)).rejects.toBeInstanceOf(DeliveryNotFoundError);
      await cluster.applyDelivery(name, manifest);
      await expect(cluster.refreshDelivery(name)).resolves.toBeUndefined();
    });

    it("watches: ADDED for what exists, DELETED after a delete; deleting twice succeeds", async () => {
      const { cluster } = target;
      await cluster.applyDelivery(name, manifest);
      const events: AppEvent[] = [];
      const controller = new AbortController();
      const watching = cluster.watchDeliveries((e) => events.push(e), { signal: controller.signal });
      try {
        await until("ADDED", async () => events.some((e) => e.type === "ADDED" && e.app.name === name));
        await cluster.deleteDelivery(name);
        await cluster.deleteDelivery(name);
        expect(await cluster.getDelivery(name)).toBeNull();
        await until("DELETED", async () => events.some((e) => e.type === "DELETED" && e.app.name === name));
      } finally {
        controller.abort();
        await watching;
      }
    });
  });
}
