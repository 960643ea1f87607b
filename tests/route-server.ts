import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Delivery = { status: number; request: unknown; response: unknown };
export type RouteServer = { url: string; deliveries: Delivery[]; close(): Promise<void> };

/**
 * Serves one route handler over real HTTP on loopback, for senders outside the test process (a real
 * ArgoCD's notifications controller); every delivery and its answer is recorded.
 */
export async function serveRoute(handler: Handler, port: number): Promise<RouteServer> {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = new Headers(
        Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]])),
      );
      const response = await handler(
        new Request(`http://127.0.0.1:${port}${req.url}`, { method: req.method, headers, body: body || undefined }),
        { params: Promise.resolve({}) },
      );
      const text = await response.text();
      deliveries.push({ status: response.status, request: parseJson(body), response: parseJson(text) });
      res.writeHead(response.status, { "content-type": "application/json" }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A loopback port nothing listens on right now, for serveRoute. */
export async function findFreePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
