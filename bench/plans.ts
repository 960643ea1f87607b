// npm run bench:plans — EXPLAIN (ANALYZE, BUFFERS) of every query the catalog's list, filter, relation,
// search, home and by-identifier paths issue, at N entities (default 100,000). The SQL is captured from
// the real library calls, so the plans are those of the code as it is.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuiltinBlueprints } from "@/db/seed";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { getEntityDetail, getEntity } from "@/lib/catalog/entity-lookup";
import { countFacets, parseFacets } from "@/lib/catalog/facets";
import { parseEntityFilters } from "@/lib/catalog/filters";
import { listServiceOverview } from "@/lib/catalog/overview";
import { listEntities } from "@/lib/catalog/search";
import { closeDb, setDatabaseUrl } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { generateCatalog } from "./lib/generate";

const N = Number(process.argv[2] ?? 100_000);
const port = Number(process.argv[3] ?? 54358);
const only = process.argv[4];

// Every query the pool runs is recorded (text and parameters) while `capture` is set.
let captured: { text: string; values: unknown[] }[] | null = null;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown[] | undefined];
  if (captured) {
    const text = typeof q === "string" ? q : q.text;
    if (/^\s*\(?\s*select/i.test(text))
      captured.push({ text, values: (typeof q === "string" ? v : (q.values ?? v)) ?? [] });
  }
  return query.apply(this, args);
} as typeof pg.Client.prototype.query;

const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-plans-"));
chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port });
const explainer = new pg.Client({ connectionString: server.url });
try {
  await applyMigrations(server.url);
  setDatabaseUrl(server.url);
  await ensureBuiltinBlueprints();
  const loadStarted = performance.now();
  await generateCatalog(server.url, N);
  console.log(`generated ${N} entities in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);
  await explainer.connect();
  const svc = (n: number) => `svc-${String(n).padStart(7, "0")}`;
  const services = Math.round(N * 0.4);
  const service = await getBlueprint("service");
  const deployment = await getBlueprint("deployment");
  const base = { limit: 50, sort: "identifier" as const, order: "asc" as const };
  const f = (bp: typeof service, qs: string) => parseEntityFilters(new URLSearchParams(qs), bp);
  const facets = (bp: typeof service, ...names: string[]) => parseFacets(names, bp);
  const first = await listEntities("service", base);
  const cases: [string, () => Promise<unknown>][] = [
    ["catalog home", () => listServiceOverview({})],
    ["list a blueprint page", () => listEntities("service", base)],
    ["page after a cursor", () => listEntities("service", { ...base, cursor: first.nextCursor ?? undefined })],
    ["filter by property", () => listEntities("service", base, f(service, "property.language=go"))],
    [
      "filter by relation (1–3 hits)",
      () => listEntities("deployment", base, f(deployment, `relation.service=${svc(Math.floor(services / 3) + 11)}`)),
    ],
    [
      "filter by relation (environment=prod)",
      () => listEntities("deployment", base, f(deployment, "relation.environment=prod")),
    ],
    ["full-text search", () => listEntities("service", { ...base, q: "ledger 1234" })],
    [
      "search, combined filter",
      () =>
        listEntities(
          "deployment",
          { ...base, q: "svc-001" },
          f(deployment, "property.status=Degraded&relation.environment=prod"),
        ),
    ],
    [
      "facets (team, language, lifecycle)",
      () =>
        countFacets(service, facets(service, "team", "property.language", "property.lifecycle"), {}, f(service, "")),
    ],
    [
      "facets, relation targets (environment, service)",
      () =>
        countFacets(deployment, facets(deployment, "relation.environment", "relation.service"), {}, f(deployment, "")),
    ],
    [
      "facets, filtered (language=go)",
      () => countFacets(service, facets(service, "team", "property.lifecycle"), {}, f(service, "property.language=go")),
    ],
    ["entity by identifier", () => getEntity("service", svc(Math.floor(services / 2) + 7))],
    ["entity page", () => getEntityDetail("service", svc(Math.floor(services / 2) + 7))],
  ];
  for (const [name, run] of cases) {
    if (only && !name.includes(only)) continue;
    await run(); // warm
    captured = [];
    await run();
    const queries = captured;
    captured = null;
    console.log(`\n=== ${name}`);
    for (const q of queries) {
      if (/from "blueprints"/.test(q.text)) continue; // the blueprint read: a primary-key lookup
      const plan = await explainer.query(`explain (analyze, buffers, costs off) ${q.text}`, q.values);
      console.log(`--- ${q.text.replace(/\s+/g, " ").slice(0, 160)}…`);
      console.log(plan.rows.map((r: Record<string, string>) => `    ${r["QUERY PLAN"]}`).join("\n"));
    }
  }
} finally {
  await explainer.end().catch(() => {});
  await closeDb();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
