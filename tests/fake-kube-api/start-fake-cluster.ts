import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AppEvent } from "@/lib/cluster/cluster-port";
import { renderGitopsService } from "@/lib/gitops/render-gitops-service";
import { getOverlayPaths } from "@/lib/gitops/paths";
import { makeOptions, makeSpec } from "@/tests/gitops/fixtures";
import { type FakeKubeApiOptions, startFakeKubeApi } from "./fake-kube-api";
import { writeKubeconfig } from "./kubeconfig";
import {
  createKubernetesCluster,
  type KubernetesClusterOptions,
} from "@/lib/integrations/kubernetes/kubernetes-cluster";

export type LogLine = { level: "info" | "warn"; msg: string; data?: Record<string, unknown> };

/** The real adapter, configured from a kubeconfig file, against a fresh fake API server. */
export async function startFakeCluster(
  opts: { fake?: FakeKubeApiOptions; adapter?: Partial<KubernetesClusterOptions>; token?: string } = {},
) {
  const fake = await startFakeKubeApi(opts.fake);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-kube-"));
  const kubeconfigPath = await writeKubeconfig(dir, { url: fake.url, token: opts.token ?? fake.token });
  const logs: LogLine[] = [];
  const cluster = createKubernetesCluster({
    kubeconfigPath,
    watchRetry: { initialMs: 20, maxMs: 200 },
    log: {
      info: (msg, data) => logs.push({ level: "info", msg, data }),
      warn: (msg, data) => logs.push({ level: "warn", msg, data }),
    },
    ...opts.adapter,
  });
  return {
    fake,
    cluster,
    logs,
    async close() {
      await fake.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The Application manifest the create-microservice action commits for `service` in dev. */
export function renderDevApplication(service = "payment-service"): { name: string; manifest: string } {
  const files = renderGitopsService(makeSpec({ name: service }), makeOptions());
  return { name: `${service}-dev`, manifest: files[getOverlayPaths(service, "dev").application]! };
}

/** Starts watchApplications, keeping every event; stop() aborts and waits for it to return. */
export function recordWatch(cluster: {
  watchApplications: (cb: (e: AppEvent) => void, o: { signal: AbortSignal }) => Promise<void>;
}) {
  const events: AppEvent[] = [];
  const controller = new AbortController();
  const running = cluster.watchApplications((e) => events.push(e), { signal: controller.signal });
  return {
    events,
    /** Compact view for assertions: "TYPE name health". */
    lines: () => events.map((e) => `${e.type} ${e.app.name} ${e.app.health}`),
    async stop() {
      controller.abort();
      await running;
    },
  };
}
