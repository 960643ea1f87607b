import { z } from "zod";
import { HEALTH_STATUSES, SYNC_STATUSES } from "@/lib/catalog/builtins";

// ArgoCD notification templates render absent values as "": treat them as not given.
const text = z
  .string()
  .max(4000)
  .transform((v) => (v.trim() === "" ? undefined : v.trim()))
  .optional();
const time = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || v.trim() === "" || v.startsWith("0001-01-01")) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Not a timestamp" });
      return z.NEVER;
    }
    return d.toISOString();
  });
const count = z.union([z.number().int().min(0), z.string().regex(/^\d+$/).transform(Number)]).optional();

/**
 * The body of `/api/webhooks/argocd`: the plain `argocd-notifications-cm` entity-payload templates
 * (`{ entity, blueprint, properties }`) and Slipway's richer ones (deploy/argocd/notifications-cm.yaml),
 * which add `event`, `app` and `observedAt`.
 */
export const argocdEventSchema = z.object({
  entity: z.string().trim().min(1, "Name the deployment entity (the Application's slipway.io/entity annotation)"),
  blueprint: z.literal("deployment").default("deployment"),
  event: z.enum(["sync-succeeded", "sync-failed", "sync-running", "health-degraded", "deployed", "status"]).optional(),
  app: text,
  // The cluster of a multi-cluster deployment this Application runs on (its slipway.io/cluster label).
  cluster: text,
  observedAt: time,
  properties: z
    .object({
      status: z.enum(HEALTH_STATUSES).optional(),
      sync_status: z.enum(SYNC_STATUSES).optional(),
      version: text,
      revision: text,
      replicas: count,
      ready_replicas: count,
      last_sync: time,
      health_message: text,
      degraded_at: time,
      deployed_at: time,
    })
    .strict(),
});

export type ArgocdEvent = z.infer<typeof argocdEventSchema>;

/** `deployment/cart-dev` (the annotation's form) and `cart-dev` both name the entity. */
export const entityIdentifier = (entity: string) => entity.replace(/^deployment\//, "");

/**
 * How far ahead of this server's clock an event's time may be. Beyond it the sender's clock (or
 * template) is wrong, and accepting the event would make every later real event look stale.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** When ArgoCD observed this state: the event's own time when it carries one. */
export function observedAt(e: ArgocdEvent, receivedAt: Date): Date {
  const t = e.observedAt ?? e.properties.last_sync ?? e.properties.degraded_at ?? e.properties.deployed_at;
  return t ? new Date(t) : receivedAt;
}
