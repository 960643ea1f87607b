import http from "node:http";
import { AppError, causeChain, RETRY_AFTER_SECONDS, statusForCode } from "@/lib/errors";
import { MAX_BODY_BYTES } from "@/lib/http/input-hygiene";
import { logger } from "@/lib/logger";
import { ingestArgocdDelivery } from "./argocd-delivery";

// The ArgoCD webhook on a plain Node.js HTTP server of its own (SLIPWAY_INGEST_PORT), beside the
// Next.js route. Same secret, same checks, same batched writes and audit trail (argocd-delivery.ts);
// it only skips Next.js's per-request work (routing, Web Request/Response objects, middleware,
// headers), which on two cores capped deliveries at ~380/s over HTTP.

export const INGEST_PATH = "/api/webhooks/argocd";

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      size > MAX_BODY_BYTES
        ? reject(new AppError("payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES / 1024} KiB`))
        : resolve(Buffer.concat(chunks).toString("utf8")),
    );
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(text);
}

// The answers of lib/http/route.ts's errorResponse, status, body and Retry-After alike.
function sendError(res: http.ServerResponse, err: unknown): void {
  const appError = causeChain(err).find((e) => e instanceof AppError);
  if (!appError) {
    logger.error("ingestion failed", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return send(res, 500, { error: { code: "internal", message: "Internal server error" } });
  }
  const body: Record<string, unknown> = { code: appError.code, message: appError.message };
  if (appError.fields) body.fields = appError.fields;
  const headers: Record<string, string> =
    appError.code === "unavailable" ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {};
  send(res, statusForCode(appError.code), { error: body }, headers);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const path = (req.url ?? "").split("?")[0];
    if (path !== INGEST_PATH) throw new AppError("not_found", `Only POST ${INGEST_PATH} is served on this port`);
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      return send(res, 405, { error: { code: "bad_request", message: "Use POST" } });
    }
    const headers = new Headers();
    for (const name of ["authorization", "x-slipway-secret"]) {
      const value = req.headers[name];
      if (typeof value === "string") headers.set(name, value);
    }
    const outcome = await ingestArgocdDelivery(headers, await readBody(req));
    send(res, 200, { outcome });
  } catch (err) {
    sendError(res, err);
  }
}

/** Listens on `port` (0: any free one); resolves once listening. */
export async function serveArgocdIngest(port: number, host?: string): Promise<http.Server> {
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}
