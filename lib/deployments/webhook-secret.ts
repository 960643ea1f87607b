import { createHmac, timingSafeEqual } from "node:crypto";
import { getAuthSecret } from "@/lib/auth/secret";
import { getEnv } from "@/lib/env";

/**
 * The secret ArgoCD's notification webhook must present. Configured explicitly for a real ArgoCD;
 * without a cluster the simulator is the only sender, so one is derived from AUTH_SECRET and
 * neither it nor tests need setup. Null: the webhook is not configured and refuses everything.
 */
export function argocdWebhookSecret(): string | null {
  const env = getEnv();
  if (env.SLIPWAY_ARGOCD_WEBHOOK_SECRET) return env.SLIPWAY_ARGOCD_WEBHOOK_SECRET;
  if (env.SLIPWAY_KUBECONFIG || env.SLIPWAY_KUBE_IN_CLUSTER) return null;
  return createHmac("sha256", getAuthSecret()).update("argocd-webhook").digest("base64url");
}

/**
 * The HMAC key Flux's notification-controller signs with (the `token` of its generic-hmac
 * Provider's Secret). Like ArgoCD's: configured for a real cluster, derived from AUTH_SECRET in the
 * sandbox, null (refuse everything) with a cluster and none configured.
 */
export function fluxWebhookSecret(): string | null {
  const env = getEnv();
  if (env.SLIPWAY_FLUX_WEBHOOK_SECRET) return env.SLIPWAY_FLUX_WEBHOOK_SECRET;
  if (env.SLIPWAY_KUBECONFIG || env.SLIPWAY_KUBE_IN_CLUSTER) return null;
  return createHmac("sha256", getAuthSecret()).update("flux-webhook").digest("base64url");
}

/** Constant-time check of `Authorization: Bearer <secret>` (or the `X-Slipway-Secret` header). */
export function hasWebhookSecret(headers: Headers): boolean {
  const expected = argocdWebhookSecret();
  if (!expected) return false;
  const given = headers.get("x-slipway-secret") ?? headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
