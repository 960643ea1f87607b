import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApiToken } from "@/lib/auth/tokens";
import { closeDb, setDatabaseUrl } from "@/lib/db/client";
import { sandboxSessionCookie, smokePages, type PageCheck } from "./browser";
import { generateCatalog, type Mix } from "./generate";
import { measure, type Load, type Row } from "./http";
import { measureRuns, type RunThroughput } from "./runs";
import { portalPeakRss, startPortal } from "./server";
import { measureVisibility, type Visibility } from "./visibility";
import { measureIngestion, type Ingestion } from "./webhook";

export type SizeResult = {
  entities: number;
  mix: Mix;
  loadSeconds: number;
  http: Row[];
  ingestion: Ingestion | null;
  /** The same deliveries through the Next.js route, for comparison. */
  ingestionNext: Ingestion | null;
  visibility: Visibility | null;
  runs: RunThroughput | null;
  creates: RunThroughput | null;
  rss: { webMb: number | null; workerMb: number | null };
  pages: PageCheck[];
};

export type SizeOptions = {
  entities: number;
  port: number;
  pgPort: number;
  ingestPort: number;
  load: Load;
  runs: number;
  log: (s: string) => void;
};

const svc = (n: number) => `svc-${String(n).padStart(7, "0")}`;

async function bearerToken(adminUrl: string): Promise<string> {
  setDatabaseUrl(adminUrl);
  try {
    const dana = { id: "dana", email: "dana@slipway.local", name: "Dana Okafor", groups: ["team-payments"] };
    return (await createApiToken(dana, { name: "bench", scopes: ["read", "write", "actions"] })).secret;
  } finally {
    await closeDb();
  }
}

/** One catalog size on a fresh database and a fresh portal: every figure of the table. */
export async function benchSize(o: SizeOptions): Promise<SizeResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-bench-"));
  chmodSync(dir, 0o755);
  o.log(`starting the portal (production build) on :${o.port}, PostgreSQL on :${o.pgPort}`);
  const portal = await startPortal({ port: o.port, pgPort: o.pgPort, ingestPort: o.ingestPort, dataDir: dir });
  try {
    o.log(`generating ${o.entities.toLocaleString("en")} entities`);
    const t0 = performance.now();
    const mix = await generateCatalog(portal.adminUrl, o.entities);
    const loadSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const token = await bearerToken(portal.adminUrl);
    const api = { authorization: `Bearer ${token}` };
    const cookie = await sandboxSessionCookie(portal.base, "dana");
    const html = { cookie: `${cookie.name}=${cookie.value}` };
    const mid = svc(Math.floor(mix.services / 2) + 7);
    const rare = svc(Math.floor(mix.services / 3) + 11);
    const e = (q: string) => `${portal.base}/api/v1/blueprints/${q}`;
    const first = (await (await fetch(e("service/entities?limit=50"), { headers: api })).json()) as {
      nextCursor: string;
    };
    const targets: [string, string, Record<string, string>, string?][] = [
      ["catalog home (service × environment)", `${portal.base}/`, html, "p95 ≤ 150"],
      ["list a blueprint page (50)", e("service/entities?limit=50"), api, "p95 ≤ 30"],
      [
        "page after a cursor",
        e(`service/entities?limit=50&cursor=${encodeURIComponent(first.nextCursor)}`),
        api,
        "p95 ≤ 30",
      ],
      ["filter by property", e("service/entities?limit=50&property.language=go"), api, "p95 ≤ 30"],
      [
        "filter by relation (service=…, 1–3 hits)",
        e(`deployment/entities?limit=50&relation.service=${rare}`),
        api,
        "p95 ≤ 30",
      ],
      [
        "filter by relation (environment=prod)",
        e("deployment/entities?limit=50&relation.environment=prod"),
        api,
        "p95 ≤ 30",
      ],
      ["full-text search", e(`service/entities?limit=50&q=${encodeURIComponent("ledger 1234")}`), api, "p95 ≤ 50"],
      ["entity by identifier", e(`service/entities/${mid}`), api, "p95 ≤ 10"],
      ["entity page HTML", `${portal.base}/catalog/service/${mid}`, html, ""],
      [
        "facets (team, language, lifecycle)",
        e("service/facets?facet=team&facet=property.language&facet=property.lifecycle"),
        api,
        "p95 ≤ 100",
      ],
      [
        "search endpoint, combined filter",
        e(`deployment/entities?limit=50&q=svc-001&property.status=Degraded&relation.environment=prod`),
        api,
        "p95 ≤ 50",
      ],
    ];
    const http: Row[] = [];
    for (const [name, url, headers, target] of targets) {
      o.log(`  ${name}`);
      const row = await measure(name, url, headers, o.load, target);
      o.log(
        `    ${"missing" in row ? row.missing : `p50 ${row.p50} / p95 ${row.p95} / p99 ${row.p99} ms, ${row.rps} req/s`}`,
      );
      http.push(row);
    }
    const deployments = Array.from({ length: Math.min(2000, mix.services) }, (_, i) => `${svc(i + 1)}-dev`);
    o.log(`  webhook ingestion (listener on :${o.ingestPort})`);
    const ingestion = await measureIngestion(portal.ingestBase, deployments, 4000);
    o.log(`    ${JSON.stringify(ingestion)}`);
    o.log("  webhook ingestion (Next.js route)");
    const ingestionNext = await measureIngestion(portal.base, deployments, 4000);
    o.log(`    ${JSON.stringify(ingestionNext)}`);
    o.log("  status change → visible");
    const visibility = await measureVisibility(portal.base, token, `${svc(3)}-dev`);
    o.log(`    ${JSON.stringify(visibility)}`);
    o.log(`  ${o.runs} concurrent create-microservice runs, then ${o.runs} scale runs`);
    const measured =
      o.runs > 0
        ? await measureRuns(portal.base, token, o.runs).catch((err: unknown) => {
            o.log(`  run throughput failed: ${err instanceof Error ? err.message : String(err)}`);
            return null;
          })
        : null;
    const runs = measured?.scale ?? null;
    const creates = measured?.create ?? null;
    o.log(`    ${JSON.stringify(measured)}`);
    o.log("  browser smoke");
    const pages = await smokePages(portal.base, [
      { page: "home", path: "/" },
      { page: "search", path: `/?q=${encodeURIComponent("ledger 1234")}` },
      { page: "entity page", path: `/catalog/service/${mid}` },
      { page: "deployments list", path: "/catalog/deployment" },
    ]);
    o.log(`    ${JSON.stringify(pages)}`);
    const rss = portalPeakRss(portal);
    return {
      entities: o.entities,
      mix,
      loadSeconds,
      http,
      ingestion,
      ingestionNext,
      visibility,
      runs,
      creates,
      rss,
      pages,
    };
  } finally {
    await portal.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
