import { logger } from "@/lib/logger";
import { createNotification } from "@/lib/notifications/notifications";
import { postToNotificationWebhook } from "@/lib/notifications/webhook";
import type { RunPorts } from "@/lib/runs/ports";
import {
  claimDevEnvironmentEvent,
  listDevEnvironmentsExpiringBy,
  releaseDevEnvironmentEvent,
  type DevEnvironmentRow,
} from "./dev-environment-store";
import { removeDevEnvironment } from "./teardown";
import { formatDuration, parseTtl, warningLeadMs } from "./ttl";

// The expiry job (worker, every minute through a pg-boss schedule): tells owners ahead of time,
// then removes environments whose time is up. The clock is a parameter, so tests move it. Each
// warning and each removal is claimed in the database first, so job instances racing each other
// (two workers, a slow tick overlapping the next) do each once.

export const EXPIRY_QUEUE = "dev-environment-expiry";
/** The longest warning lead (warningLeadMs): environments further from expiry are not read. */
const lookAheadMs = 3_600_000;

export type ExpirySweep = { warned: string[]; removed: string[] };

export async function sweepDevEnvironments(opts: {
  now: Date;
  ports: Pick<RunPorts, "cluster" | "catalog">;
  portalUrl: string;
}): Promise<ExpirySweep> {
  const now = opts.now.getTime();
  const result: ExpirySweep = { warned: [], removed: [] };
  for (const env of await listDevEnvironmentsExpiringBy(new Date(now + lookAheadMs))) {
    const expiresAt = new Date(String(env.properties.expires_at));
    if (Number.isNaN(expiresAt.getTime())) continue;
    const link = `${opts.portalUrl}/catalog/dev-environment/${env.identifier}`;
    if (expiresAt.getTime() <= now) {
      if (await removeExpired(env, expiresAt, opts.ports, link)) result.removed.push(env.identifier);
      continue;
    }
    const ttl = parseTtl(String(env.properties.ttl ?? "")) ?? lookAheadMs;
    if (expiresAt.getTime() - warningLeadMs(ttl) > now) continue;
    if (!(await claimDevEnvironmentEvent(env.identifier, expiresAt, "warned"))) continue;
    const message = `Dev environment ${env.identifier} expires in ${formatDuration(expiresAt.getTime() - now)} (${expiresAt.toISOString()}) and will be removed; extend its time to live to keep it.`;
    await tellOwner(env, message, link);
    result.warned.push(env.identifier);
  }
  return result;
}

async function removeExpired(
  env: DevEnvironmentRow,
  expiresAt: Date,
  ports: Pick<RunPorts, "cluster" | "catalog">,
  link: string,
): Promise<boolean> {
  if (!(await claimDevEnvironmentEvent(env.identifier, expiresAt, "removed"))) return false;
  try {
    await removeDevEnvironment(ports, env);
  } catch (error) {
    await releaseDevEnvironmentEvent(env.identifier, expiresAt, "removed");
    logger.warn("could not remove an expired dev environment; the next tick retries", {
      environment: env.identifier,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
  await tellOwner(env, `Dev environment ${env.identifier} reached its time to live and was removed.`, link);
  return true;
}

async function tellOwner(env: DevEnvironmentRow, message: string, link: string): Promise<void> {
  const owner = typeof env.properties.owner === "string" ? env.properties.owner : null;
  if (owner) await createNotification({ userEmail: owner, message, link });
  await postToNotificationWebhook(`${owner ? `${owner}: ` : ""}${message} <${link}|Open>`);
}
