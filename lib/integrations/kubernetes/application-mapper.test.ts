import { describe, expect, it } from "vitest";
import { toAppStatus } from "./application-mapper";

describe("toAppStatus", () => {
  const meta = { name: "web-dev", namespace: "argocd", resourceVersion: "42" };

  it("takes the first revision of a multi-source Application", () => {
    expect(
      toAppStatus({ metadata: meta, status: { sync: { status: "Synced", revisions: ["r1", "r2"] } } }),
    ).toMatchObject({ sync: "Synced", revision: "r1" });
  });

  it("falls back to Unknown for values this version of Slipway does not know", () => {
    expect(
      toAppStatus({ metadata: meta, status: { health: { status: "Exploded" }, sync: { status: "Maybe" } } }),
    ).toMatchObject({ health: "Unknown", sync: "Unknown" });
  });

  it("explains a Degraded app by its first Degraded resource, never a Healthy app", () => {
    const resources = [{ kind: "Deployment", name: "web", health: { status: "Degraded", message: "crash loop" } }];
    expect(toAppStatus({ metadata: meta, status: { health: { status: "Degraded" }, resources } }).healthMessage).toBe(
      "Deployment/web: crash loop",
    );
    expect(
      toAppStatus({ metadata: meta, status: { health: { status: "Healthy" }, resources } }).healthMessage,
    ).toBeNull();
  });

  it("rejects an object without a name", () => {
    expect(() => toAppStatus({ metadata: {} })).toThrow();
  });
});
