import { publicRoute } from "@/lib/http/route";
import { assertMayScrape, metricsText } from "@/lib/metrics/metrics-endpoint";

// GET /metrics — Prometheus metrics of this web process; checks its own bearer token
// (SLIPWAY_METRICS_TOKEN), 404 when that is unset.
export const GET = publicRoute({}, async ({ req }) => {
  assertMayScrape(req.headers);
  const { body, contentType } = await metricsText();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
