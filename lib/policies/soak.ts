import { sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { GateSettings } from "./gate-settings";

// Soak time: a version goes on only after it has been Healthy in the previous environment for the
// target's `soak_minutes`, read from the deployments' health history (deployment_events).

export type SoakTarget = { sourceDeployment: string; sourceEnvironment: string; service: string; version: string };

export type SoakState = { healthySince: Date | null; allowedAt: Date | null };

export async function readSoakState(t: SoakTarget, minutes: number): Promise<SoakState> {
  const { rows } = await getDb().execute<{
    kind: string;
    at: string;
    status: string | null;
    version: string | null;
  }>(sql`
    (select kind, at, status, version from deployment_events
      where deployment = ${t.sourceDeployment} and kind = 'health' order by at desc, id desc limit 1)
    union all
    (select kind, at, status, version from deployment_events
      where deployment = ${t.sourceDeployment} and kind = 'deploy' order by at desc, id desc limit 1)`);
  const health = rows.find((r) => r.kind === "health");
  const deploy = rows.find((r) => r.kind === "deploy");
  if (!health || health.status !== "Healthy") return { healthySince: null, allowedAt: null };
  const healthAt = new Date(health.at);
  let since: Date | null = null;
  // Healthy since the last health change; a later deployment of this version restarts the clock.
  if (deploy?.version === t.version && new Date(deploy.at) > healthAt) since = new Date(deploy.at);
  else if (health.version === t.version) since = healthAt;
  return { healthySince: since, allowedAt: since ? new Date(since.getTime() + minutes * 60_000) : null };
}

/** 422 unless the soak time passed and the optional health check answers 2xx. */
export async function checkSoak(t: SoakTarget, settings: GateSettings, now: Date, fetchImpl: typeof fetch = fetch) {
  if (settings.soakMinutes > 0) {
    const state = await readSoakState(t, settings.soakMinutes);
    if (!state.allowedAt)
      throw new AppError("validation", "Soak time not met", {
        target_environment: [
          `${settings.environment} needs ${t.version} Healthy in ${t.sourceEnvironment} for ${settings.soakMinutes} min; it is not Healthy there yet`,
        ],
      });
    if (state.allowedAt > now)
      throw new AppError("validation", "Soak time not met", {
        target_environment: [
          `${settings.environment} needs ${t.version} Healthy in ${t.sourceEnvironment} for ${settings.soakMinutes} min; allowed from ${state.allowedAt.toISOString()}`,
        ],
      });
  }
  if (settings.healthCheckUrl) {
    const url = settings.healthCheckUrl
      .replaceAll("{service}", t.service)
      .replaceAll("{environment}", t.sourceEnvironment);
    let status: number | string;
    try {
      status = (await fetchImpl(url, { signal: AbortSignal.timeout(5000), redirect: "manual" })).status;
    } catch (err) {
      status = (err as Error).message;
    }
    if (typeof status !== "number" || status < 200 || status >= 300)
      throw new AppError("validation", "Health check failed", {
        target_environment: [
          `The health check ${url} must answer 2xx before promoting to ${settings.environment}; it answered ${status}`,
        ],
      });
  }
}

/** For the promote form: when promoting `version` into the environment becomes allowed, or null. */
export async function describeSoak(t: SoakTarget, settings: GateSettings, now: Date): Promise<string | null> {
  if (settings.soakMinutes <= 0) return null;
  const { allowedAt } = await readSoakState(t, settings.soakMinutes);
  const need = `${settings.environment} needs ${t.version} Healthy in ${t.sourceEnvironment} for ${settings.soakMinutes} min`;
  if (!allowedAt) return `${need}: not Healthy there yet`;
  return allowedAt <= now ? `${need}: allowed now` : `${need}: allowed from ${allowedAt.toISOString()}`;
}
