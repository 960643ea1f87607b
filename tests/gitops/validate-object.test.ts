import { describe, expect, it } from "vitest";
import type { K8sObject } from "./kustomize";
import { validateObject } from "./validate-object";

// The integration test trusts validateObject to fail; these prove it can.
describe("validateObject", () => {
  const deployment = (containerPort: unknown): K8sObject => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "x" },
    spec: {
      selector: { matchLabels: { a: "b" } },
      template: { spec: { containers: [{ name: "x", ports: [{ containerPort }] }] } },
    },
  });

  it("passes a valid object and fails a wrongly typed field", () => {
    expect(validateObject(deployment(8080))).toEqual([]);
    expect(validateObject(deployment("8080"))[0]).toMatch(/containerPort must be integer/);
  });

  it("fails an ArgoCD Application without a destination", () => {
    const app = {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Application",
      metadata: { name: "x" },
      spec: { project: "default" },
    };
    expect(validateObject(app)[0]).toMatch(/destination/);
  });

  it("fails a CNPG Cluster with a misspelt field or no storage", () => {
    const cluster = {
      apiVersion: "postgresql.cnpg.io/v1",
      kind: "Cluster",
      metadata: { name: "svc-db", namespace: "team-dev" },
      spec: { instances: 1, storage: { size: "1Gi" }, bootstrap: { initdb: { database: "svc", owner: "svc" } } },
    };
    expect(validateObject(cluster)).toEqual([]);
    expect(validateObject({ ...cluster, spec: { ...cluster.spec, instance: 1 } }).length).toBeGreaterThan(0);
    expect(
      validateObject({ ...cluster, spec: { instances: 1, bootstrap: cluster.spec.bootstrap } }).length,
    ).toBeGreaterThan(0);
  });

  it("fails a kind it has no schema for", () => {
    expect(validateObject({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" } })).toEqual([
      "v1/Secret s: no schema known for this kind",
    ]);
  });
});
