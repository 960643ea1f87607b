import type { AppEvent, AppStatus, ClusterPort } from "@/lib/cluster/cluster-port";
import { getEnv } from "@/lib/env";
import { deploymentOfDeleted, ensureDeploymentFor } from "@/lib/imports/argocd-import";
import { markOriginsMissingFor } from "@/lib/imports/origins";
import { logger } from "@/lib/logger";
import { applyArgocdEvent } from "./apply-status";
import { argocdEventSchema } from "./argocd-event";

/**
 * The watch half of status mirroring (connected mode): every change the cluster reports for an
 * Application (or a Flux delivery's Kustomization) is applied to its deployment entity, as the webhook would. It fills gaps when
 * notifications are lost; the ordering rule keeps a late watch event from overwriting a newer webhook
 * state. Only states with ArgoCD's own reconcile time are mirrored. Applications Slipway did not
 * create are imported first (lib/imports/argocd-import.ts); a deleted Application leaves its
 * deployment Missing, never deleted.
 */
export function startStatusMirror(cluster: ClusterPort): { stop(): Promise<void> } {
  const controller = new AbortController();
  const pattern = getEnv().SLIPWAY_IMPORT_ARGOCD_NAME_PATTERN;
  const apply = async (app: AppStatus, entity: string, observedAt: string, properties: Record<string, unknown>) => {
    // Through the webhook's own schema: one shape, one set of rules for both paths.
    const event = argocdEventSchema.parse({ entity, event: "status", app: app.name, observedAt, properties });
    await applyArgocdEvent(event, { source: "argocd-watch" });
  };
  const mirror = async (app: AppStatus) => {
    try {
      const entity = await ensureDeploymentFor(app, pattern);
      if (!entity || !app.reconciledAt) return;
      await apply(app, entity, app.reconciledAt, {
        status: app.health,
        sync_status: app.sync,
        revision: app.revision ?? undefined,
        health_message: app.healthMessage ?? undefined,
      });
    } catch (err) {
      logger.warn("status mirror could not apply an Application", {
        app: app.name,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  };
  const markMissing = async (app: AppStatus) => {
    try {
      const entity = await deploymentOfDeleted(app, pattern);
      if (!entity) return;
      await markOriginsMissingFor("deployment", entity);
      await apply(app, entity, new Date().toISOString(), {
        status: "Missing",
        health_message: `Application ${app.namespace}/${app.name} no longer exists`,
      });
    } catch (err) {
      logger.debug("status mirror could not mark a deleted Application Missing", {
        app: app.name,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  };
  const onEvent = (e: AppEvent) => void (e.type === "DELETED" ? markMissing(e.app) : mirror(e.app));
  // Flux deliveries' Kustomizations report to their deployments like Applications do; only those
  // naming their deployment (Slipway's): importing is ArgoCD's, and every Flux install has
  // Kustomizations of its own (flux-system) that are nobody's deployment.
  const onDelivery = (e: AppEvent) => void (e.app.entity ? onEvent(e) : undefined);
  const watching = Promise.all([
    cluster.watchApplications(onEvent, { signal: controller.signal }),
    cluster.watchDeliveries(onDelivery, { signal: controller.signal }),
  ]);
  return {
    async stop() {
      controller.abort();
      await watching.catch(() => {});
    },
  };
}
