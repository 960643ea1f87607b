import http from "node:http";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { assertMayScrape, metricsText } from "./metrics-endpoint";

/**
 * A worker's own GET /metrics (SLIPWAY_WORKER_METRICS_PORT), with the web's token check: its
 * per-process counters (the ArgoCD watch's events and status lag, process metrics) live only here.
 */
export function serveMetrics(port: number): http.Server {
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") throw new AppError("not_found", "Not found");
        const headers = new Headers();
        if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
        assertMayScrape(headers);
        const { body, contentType } = await metricsText();
        res.writeHead(200, { "content-type": contentType }).end(body);
      } catch (err) {
        const status = err instanceof AppError ? (err.code === "unauthenticated" ? 401 : 404) : 500;
        if (status === 500) logger.error("metrics failed", { error: String(err) });
        res.writeHead(status, { "content-type": "text/plain" }).end(err instanceof AppError ? err.message : "error");
      }
    })();
  });
  server.listen(port);
  return server;
}
