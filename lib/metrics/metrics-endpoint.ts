import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { registerDbGauges } from "./db-gauges";
import { metrics } from "./registry";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Who may scrape: a caller sending `Authorization: Bearer <SLIPWAY_METRICS_TOKEN>`. Without that
 * setting the endpoint does not exist (404), so nothing is exposed by default.
 */
export function assertMayScrape(headers: Headers, expected = getEnv().SLIPWAY_METRICS_TOKEN): void {
  if (!expected) throw new AppError("not_found", "Metrics are off; set SLIPWAY_METRICS_TOKEN to enable /metrics");
  const sent = /^Bearer (.+)$/i.exec(headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(sent), digest(expected)))
    throw new AppError("unauthenticated", "Send Authorization: Bearer <SLIPWAY_METRICS_TOKEN>");
}

/** The process's metrics in Prometheus' text format, database gauges read now. */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  registerDbGauges();
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
