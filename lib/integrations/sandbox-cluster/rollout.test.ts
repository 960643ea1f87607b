import { describe, expect, it } from "vitest";
import type { DesiredWorkload } from "./render-source";
import { advanceWorkload, applyWorkloads, getImageTag, summarizeHealth } from "./rollout";

const timings = { rolloutStepMs: 100, degradeAfterMs: 1_000 };
const t0 = Date.parse("2026-01-01T00:00:00Z");
const desired = (image: string, replicas = 3, templateHash = image): DesiredWorkload => ({
  kind: "Deployment",
  name: "api",
  namespace: "team-dev",
  replicas,
  containers: [{ name: "api", image }],
  templateHash,
});

describe("rollout", () => {
  it("reads image tags, not registry ports or digests", () => {
    expect(getImageTag("registry.local:5000/team/api:1.2.3-broken")).toBe("1.2.3-broken");
    expect(getImageTag("registry.local:5000/team/api")).toBeNull();
    expect(getImageTag("api:1.0@sha256:abc")).toBe("1.0");
  });

  it("makes one pod ready per step until all are, then Healthy", () => {
    const [w] = applyWorkloads([], [desired("api:1.0")], t0);
    expect(summarizeHealth([w!]).health).toBe("Progressing");
    expect(advanceWorkload(w!, t0 + 150, timings).readyReplicas).toBe(1);
    const done = advanceWorkload(w!, t0 + 300, timings);
    expect(done).toMatchObject({ readyReplicas: 3, rollout: null });
    expect(summarizeHealth([done])).toEqual({ health: "Healthy", message: null });
  });

  it("keeps running pods ready when only the replica count changes", () => {
    const live = advanceWorkload(applyWorkloads([], [desired("api:1.0")], t0)[0]!, t0 + 1_000, timings);
    const [scaled] = applyWorkloads([live], [desired("api:1.0", 5)], t0 + 2_000);
    expect(scaled).toMatchObject({ readyReplicas: 3, rollout: { startReady: 3 } });
    expect(advanceWorkload(scaled!, t0 + 2_100, timings).readyReplicas).toBe(4);
    expect(applyWorkloads([live], [desired("api:1.0", 1)], t0 + 2_000)[0]).toMatchObject({
      readyReplicas: 1,
      rollout: null,
    });
    expect(applyWorkloads([live], [desired("api:1.1")], t0 + 2_000)[0]).toMatchObject({ readyReplicas: 0 });
  });

  it("never readies a -broken image and turns Degraded after the deadline", () => {
    const [w] = applyWorkloads([], [desired("registry.local/api:0.2.0-broken")], t0);
    const waiting = advanceWorkload(w!, t0 + 999, timings);
    expect(summarizeHealth([waiting]).health).toBe("Progressing");
    const degraded = advanceWorkload(waiting, t0 + 1_000, timings);
    expect(degraded.readyReplicas).toBe(0);
    expect(summarizeHealth([degraded])).toEqual({
      health: "Degraded",
      message:
        "Deployment api: container api image registry.local/api:0.2.0-broken: ImagePullBackOff (back-off pulling image)",
    });
  });

  it("counts a CronJob as Healthy at once", () => {
    const cron = applyWorkloads([], [{ ...desired("job:1.0"), kind: "CronJob" }], t0);
    expect(summarizeHealth(cron).health).toBe("Healthy");
  });
});
