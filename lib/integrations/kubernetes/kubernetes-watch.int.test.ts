import { afterEach, describe, expect, it, vi } from "vitest";
import { parse as parseYaml } from "yaml";
import type { JsonObject } from "@/tests/fake-kube-api/kube-objects";
import { recordWatch, renderDevApplication, startFakeCluster } from "@/tests/fake-kube-api/start-fake-cluster";

// watchApplications against the fake API server: resume, relist on 410, periodic resync.

type Started = Awaited<ReturnType<typeof startFakeCluster>>;
let env: Started | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const healthy = { health: { status: "Healthy" }, sync: { status: "Synced", revision: "a1" } };
const progressing = { health: { status: "Progressing" }, sync: { status: "Synced", revision: "a2" } };
const degraded = {
  health: { status: "Degraded", message: "image pull back-off" },
  sync: { status: "Synced", revision: "a3" },
};

const lists = (e: Started) =>
  e.fake.requests.filter((r) => r.method === "GET" && r.path.endsWith("/applications") && r.query.watch === undefined);
const watches = (e: Started) => e.fake.requests.filter((r) => r.query.watch === "true");
const until = (fn: () => void, timeout = 5000) => vi.waitFor(fn, { timeout, interval: 10 });

async function withApps(names: string[], adapter: Parameters<typeof startFakeCluster>[0] = {}) {
  env = await startFakeCluster(adapter);
  for (const name of names) await env.cluster.applyApplication(`${name}-dev`, renderDevApplication(name).manifest);
  return env;
}

describe("watchApplications", () => {
  it("starts with ADDED for what exists, then delivers ADDED, MODIFIED and DELETED as they happen", async () => {
    const { cluster, fake } = await withApps(["alpha"]);
    const watch = recordWatch(cluster);
    await until(() => expect(watch.lines()).toEqual(["ADDED alpha-dev Unknown"]));

    await cluster.applyApplication("beta-dev", renderDevApplication("beta").manifest);
    fake.setApplicationStatus("alpha-dev", healthy);
    await cluster.deleteApplication("beta-dev");
    // ArgoCD's finalizer keeps it until ArgoCD has cleaned up.
    fake.removeFinalizers("beta-dev");
    await until(() =>
      expect(watch.lines()).toEqual([
        "ADDED alpha-dev Unknown",
        "ADDED beta-dev Unknown",
        "MODIFIED alpha-dev Healthy",
        "MODIFIED beta-dev Unknown",
        "DELETED beta-dev Unknown",
      ]),
    );
    expect(watch.events[2]!.app).toMatchObject({ sync: "Synced", revision: "a1" });
    await watch.stop();
    await until(() => expect(fake.openWatches).toBe(0));
  });

  it("resumes from the last resourceVersion after a dropped connection, losing and repeating nothing", async () => {
    const e = await withApps(["alpha"]);
    const watch = recordWatch(e.cluster);
    await until(() => expect(watch.events).toHaveLength(1));
    await until(() => expect(e.fake.openWatches).toBe(1));
    const lastSeen = watch.events[0]!.app.resourceVersion;

    // Everything below happens while the client is disconnected.
    expect(e.fake.dropWatches()).toBe(1);
    e.fake.setApplicationStatus("alpha-dev", progressing);
    e.fake.setApplicationStatus("alpha-dev", healthy);
    e.fake.applyApplication(renderJson("gamma"));
    await until(() =>
      expect(watch.lines()).toEqual([
        "ADDED alpha-dev Unknown",
        "MODIFIED alpha-dev Progressing",
        "MODIFIED alpha-dev Healthy",
        "ADDED gamma-dev Unknown",
      ]),
    );
    expect(watches(e).map((r) => r.query.resourceVersion)).toEqual([expect.any(String), lastSeen]);
    expect(lists(e)).toHaveLength(1);

    // A server-side timeout (clean end of stream) resumes the same way.
    e.fake.dropWatches({ graceful: true });
    e.fake.setApplicationStatus("gamma-dev", degraded);
    await until(() => expect(watch.lines().at(-1)).toBe("MODIFIED gamma-dev Degraded"));
    expect(watch.events.at(-1)!.app.healthMessage).toBe("image pull back-off");
    expect(lists(e)).toHaveLength(1);
    await watch.stop();
  });

  it.each(["event", "http"] as const)(
    "relists after 410 Gone (as %s) and resumes watching from the new list",
    async (expiredWatchAs) => {
      const e = await withApps(["alpha", "beta"], { fake: { expiredWatchAs } });
      const watch = recordWatch(e.cluster);
      await until(() => expect(watch.events).toHaveLength(2));
      await until(() => expect(e.fake.openWatches).toBe(1));

      e.fake.dropWatches();
      e.fake.setApplicationStatus("alpha-dev", degraded);
      e.fake.deleteApplication("beta-dev");
      e.fake.applyApplication(renderJson("gamma"));
      // The history the client would resume from is gone.
      e.fake.compactHistory();
      await until(() =>
        expect(watch.lines()).toEqual([
          "ADDED alpha-dev Unknown",
          "ADDED beta-dev Unknown",
          "MODIFIED alpha-dev Degraded",
          "ADDED gamma-dev Unknown",
          "DELETED beta-dev Unknown",
        ]),
      );
      expect(lists(e)).toHaveLength(2);
      expect(e.logs.some((l) => l.msg.includes("410"))).toBe(true);

      e.fake.setApplicationStatus("gamma-dev", healthy);
      await until(() => expect(watch.lines().at(-1)).toBe("MODIFIED gamma-dev Healthy"));
      expect(lists(e)).toHaveLength(2);
      await watch.stop();
    },
  );

  it("a periodic resync catches a change a stuck stream never delivered", async () => {
    const e = await withApps(["alpha"], { adapter: { resyncSeconds: 0.5 } });
    const watch = recordWatch(e.cluster);
    await until(() => expect(watch.events).toHaveLength(1));
    await until(() => expect(e.fake.openWatches).toBe(1));
    e.fake.muteWatches();
    e.fake.setApplicationStatus("alpha-dev", healthy);
    await until(() => expect(watch.lines()).toEqual(["ADDED alpha-dev Unknown", "MODIFIED alpha-dev Healthy"]), 3000);
    expect(lists(e).length).toBeGreaterThanOrEqual(2);
    // Unchanged objects are not re-delivered by a resync.
    await new Promise((r) => setTimeout(r, 700));
    expect(watch.lines()).toEqual(["ADDED alpha-dev Unknown", "MODIFIED alpha-dev Healthy"]);
    await watch.stop();
  });

  it("keeps its place through bookmarks, so compaction after one needs no relist", async () => {
    const e = await withApps(["alpha"]);
    const watch = recordWatch(e.cluster);
    await until(() => expect(watch.events).toHaveLength(1));
    await until(() => expect(e.fake.openWatches).toBe(1));
    expect(watches(e)[0]!.query.allowWatchBookmarks).toBe("true");
    // Writes elsewhere move the resourceVersion on without an event this watch would see.
    e.fake.putDeployment("payments-dev", { metadata: { name: "payment-service" }, spec: { replicas: 1 } });
    e.fake.sendBookmarks();
    await new Promise((r) => setTimeout(r, 50));
    e.fake.dropWatches();
    e.fake.compactHistory();
    e.fake.setApplicationStatus("alpha-dev", healthy);
    await until(() => expect(watch.lines()).toEqual(["ADDED alpha-dev Unknown", "MODIFIED alpha-dev Healthy"]));
    expect(lists(e)).toHaveLength(1);
    await watch.stop();
  });

  it("on a cluster without ArgoCD (Flux only): waits quietly for the CRD, then watches", async () => {
    const e = await withApps([], { adapter: { resyncSeconds: 0.05 } });
    e.fake.failNext({
      method: "GET",
      path: /applications/,
      code: 404,
      reason: "NotFound",
      message: "the server could not find the requested resource",
      times: 3,
    });
    const watch = recordWatch(e.cluster);
    await until(() => expect(e.logs.some((l) => l.msg.startsWith("ArgoCD is not installed"))).toBe(true));
    await e.cluster.applyApplication("alpha-dev", renderDevApplication("alpha").manifest);
    await until(() => expect(watch.lines()).toEqual(["ADDED alpha-dev Unknown"]));
    await watch.stop();
    expect(e.logs.filter((l) => l.level === "warn")).toEqual([]);
    expect(e.logs.filter((l) => l.msg.startsWith("ArgoCD is not installed"))).toHaveLength(1);
  });

  it("keeps retrying while the API server refuses, and returns once aborted", async () => {
    const e = await withApps([], { token: "wrong-token" });
    const watch = recordWatch(e.cluster);
    await until(() => expect(e.logs.filter((l) => l.level === "warn").length).toBeGreaterThanOrEqual(3));
    await watch.stop();
    expect(watch.events).toEqual([]);
  });
});

function renderJson(service: string): JsonObject {
  return parseYaml(renderDevApplication(service).manifest) as JsonObject;
}
