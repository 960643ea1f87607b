import type { AppStatus, ClusterPort } from "@/lib/cluster/cluster-port";
import { logger } from "@/lib/logger";
import { applyArgocdEvent } from "./apply-status";
import { argocdEventSchema } from "./argocd-event";

/**
 * The watch half of status mirroring (connected mode): every change the cluster reports for an
 * Application is applied to the deployment entity of the same name, as the webhook would. It fills
 * gaps when notifications are lost; the ordering rule keeps a late watch event from overwriting a
 * newer webhook state. Only states with ArgoCD's own reconcile time are mirrored.
 */
export function startStatusMirror(cluster: ClusterPort): { stop(): Promise<void> } {
  const controller = new AbortController();
  const mirror = async (app: AppStatus) => {
    if (!app.reconciledAt) return;
    try {
      // Through the webhook's own schema: one shape, one set of rules for both paths.
      const event = argocdEventSchema.parse({
        // Per-cluster Applications (`<svc>-<env>-<cluster>`) name their shared deployment by annotation.
        entity: app.entity ?? app.name,
        event: "status",
        app: app.name,
        observedAt: app.reconciledAt,
        properties: {
          status: app.health,
          sync_status: app.sync,
          revision: app.revision ?? undefined,
          health_message: app.healthMessage ?? undefined,
        },
      });
      await applyArgocdEvent(event, { source: "argocd-watch" });
    } catch (err) {
      // Applications without a deployment entity (made outside Slipway) are not ours to mirror.
      logger.debug("status mirror skipped an Application", {
        app: app.name,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  };
  const watching = cluster.watchApplications((e) => void (e.type === "DELETED" ? undefined : mirror(e.app)), {
    signal: controller.signal,
  });
  return {
    async stop() {
      controller.abort();
      await watching.catch(() => {});
    },
  };
}
