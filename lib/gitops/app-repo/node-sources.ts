import { isBatch, type ServiceSpec } from "../service-spec";

function renderPackageJson(spec: ServiceSpec): string {
  const batch = isBatch(spec);
  const pkg = {
    name: spec.name,
    version: spec.version,
    private: true,
    type: "module",
    engines: { node: ">=20" },
    scripts: { start: batch ? "node src/main.js" : "node src/server.js", test: "node --test" },
    dependencies: batch ? {} : { express: "^4.21.2", "prom-client": "^15.1.3" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const appJs = (spec: ServiceSpec) => `import express from "express";
import client from "prom-client";

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const requests = new client.Counter({ name: "http_requests_total", help: "HTTP requests", labelNames: ["route"], registers: [registry] });

export function createApp() {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => res.json({ status: "ok" }));
  // Readiness: add checks for DATABASE_URL / REDIS_URL dependencies here when the service uses them.
  app.get("/readyz", (_req, res) => res.json({ status: "ready" }));
  app.get("/metrics", async (_req, res) => {
    res.set("Content-Type", registry.contentType);
    res.send(await registry.metrics());
  });
${
  spec.template === "web-app"
    ? `  app.use(express.static(new URL("../public", import.meta.url).pathname));\n`
    : `  app.get("/", (_req, res) => {\n    requests.inc({ route: "/" });\n    res.json({ service: "${spec.name}", version: process.env.APP_VERSION ?? "dev" });\n  });\n`
}  app.use((_req, res) => {
    requests.inc({ route: "unmatched" });
    res.status(404).json({ error: "not found" });
  });
  return app;
}
`;

const serverJs = `import { createApp } from "./app.js";

const port = Number(process.env.PORT ?? 8080);
const server = createApp().listen(port, () => console.log(JSON.stringify({ level: "info", msg: "listening", port })));

// Kubernetes sends SIGTERM before killing the pod: finish in-flight requests first.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

const appTestJs = `import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createApp } from "../src/app.js";

let server;
let base;

before(async () => {
  server = createApp().listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  base = \`http://127.0.0.1:\${server.address().port}\`;
});

after(() => server.close());

test("liveness and readiness answer 200", async () => {
  for (const path of ["/healthz", "/readyz"]) {
    const res = await fetch(base + path);
    assert.equal(res.status, 200, path);
  }
});

test("metrics are exposed for Prometheus", async () => {
  const res = await fetch(base + "/metrics");
  assert.match(await res.text(), /process_cpu/);
});
`;

const jobJs = (
  spec: ServiceSpec,
) => `/** One run of the ${spec.name} job. Throwing fails the run; Kubernetes retries it (backoffLimit). */
export async function runJob({ log = console.log } = {}) {
  log(JSON.stringify({ level: "info", msg: "job started", environment: process.env.ENVIRONMENT ?? "local" }));
  // The job's work goes here. DATABASE_URL / REDIS_URL are set when the service has them.
  const processed = 0;
  log(JSON.stringify({ level: "info", msg: "job finished", processed }));
  return { processed };
}
`;

const mainJs = `import { runJob } from "./job.js";

try {
  await runJob();
  process.exit(0);
} catch (error) {
  console.error(JSON.stringify({ level: "error", msg: "job failed", error: String(error) }));
  process.exit(1);
}
`;

const jobTestJs = `import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../src/job.js";

test("a run completes and reports what it processed", async () => {
  const lines = [];
  const result = await runJob({ log: (line) => lines.push(line) });
  assert.equal(result.processed, 0);
  assert.equal(lines.length, 2);
});
`;

export function renderNodeSources(spec: ServiceSpec): Record<string, string> {
  if (isBatch(spec)) {
    return {
      "package.json": renderPackageJson(spec),
      "src/job.js": jobJs(spec),
      "src/main.js": mainJs,
      "test/job.test.js": jobTestJs,
    };
  }
  return {
    "package.json": renderPackageJson(spec),
    "src/app.js": appJs(spec),
    "src/server.js": serverJs,
    "test/app.test.js": appTestJs,
  };
}
