import { describe, expect, it } from "vitest";
import { argocdEventSchema } from "./argocd-event";
import { mergeProperties } from "@/lib/catalog/entities";
import { statusPatch } from "./status-patch";

const event = (app: string, properties: Record<string, unknown>) =>
  argocdEventSchema.parse({ entity: "deployment/cart-prod", app, event: "status", properties });

/** Applies events in order as the webhook would, returning the deployment's properties. */
const apply = (events: ReturnType<typeof event>[], start: Record<string, unknown> = {}) =>
  events.reduce((props, e) => mergeProperties(props, statusPatch(props, e)), start);

describe("statusPatch for a deployment spread over clusters", () => {
  const healthy = (app: string, version = "1.2.0") =>
    event(app, { status: "Healthy", sync_status: "Synced", version, revision: "abc", replicas: 2, ready_replicas: 2 });

  it("keeps each cluster's state and aggregates them: worst health wins, replicas add up", () => {
    const props = apply([healthy("cart-prod-eu-1"), healthy("cart-prod-us-1")]);
    expect(props).toMatchObject({
      status: "Healthy",
      sync_status: "Synced",
      version: "1.2.0",
      replicas: 4,
      ready_replicas: 4,
      clusters: {
        "eu-1": { status: "Healthy", version: "1.2.0" },
        "us-1": { status: "Healthy", version: "1.2.0" },
      },
    });
    const degraded = apply(
      [event("cart-prod-us-1", { status: "Degraded", health_message: "CrashLoopBackOff", ready_replicas: 0 })],
      props,
    );
    expect(degraded).toMatchObject({
      status: "Degraded",
      health_message: "us-1: CrashLoopBackOff",
      ready_replicas: 2,
      clusters: { "eu-1": { status: "Healthy" }, "us-1": { status: "Degraded", health_message: "CrashLoopBackOff" } },
    });
    const healed = apply([event("cart-prod-us-1", { status: "Healthy", ready_replicas: 2 })], degraded);
    expect(healed.status).toBe("Healthy");
    expect(healed.health_message).toBeUndefined();
    expect((healed.clusters as Record<string, object>)["us-1"]).not.toHaveProperty("health_message");
  });

  it("keeps the last common version until every cluster runs the new one", () => {
    const before = apply([healthy("cart-prod-eu-1"), healthy("cart-prod-us-1")]);
    const half = apply([healthy("cart-prod-eu-1", "1.3.0")], before);
    expect(half.version).toBe("1.2.0");
    expect(half.clusters).toMatchObject({ "eu-1": { version: "1.3.0" }, "us-1": { version: "1.2.0" } });
    expect(apply([healthy("cart-prod-us-1", "1.3.0")], half).version).toBe("1.3.0");
  });

  it("ranks OutOfSync above Synced and Progressing above Healthy", () => {
    const props = apply([
      healthy("cart-prod-eu-1"),
      event("cart-prod-us-1", { status: "Progressing", sync_status: "OutOfSync" }),
    ]);
    expect(props).toMatchObject({ status: "Progressing", sync_status: "OutOfSync" });
  });

  it("leaves a single-Application deployment (app named like the entity) without per-cluster state", () => {
    const props = apply([event("cart-prod", { status: "Healthy", sync_status: "Synced" })]);
    expect(props).toEqual({ status: "Healthy", sync_status: "Synced" });
  });

  it("changes nothing when the cluster reports what it already reported", () => {
    const props = apply([healthy("cart-prod-eu-1")]);
    expect(statusPatch(props, healthy("cart-prod-eu-1"))).toEqual({});
  });
});
