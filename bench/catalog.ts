// npm run bench:catalog — catalog queries at 100k entities; prints figures, asserts nothing.
import { mkdtempSync, chmodSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { ensureBuiltinBlueprints } from "@/db/seed";
import { parseEntityFilters } from "@/lib/catalog/filters";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { listEntities } from "@/lib/catalog/search";
import { closeDb, getDb, setDatabaseUrl } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

const N = Number(process.argv[2] ?? 100_000);
const ROUNDS = 50;

function pct(samples: number[], p: number): string {
  const s = [...samples].sort((a, b) => a - b);
  return (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(1);
}

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} p50 ${pct(samples, 50).padStart(6)} ms   p99 ${pct(samples, 99).padStart(6)} ms`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), "slipway-bench-"));
chmodSync(dir, 0o755);
const pg = await startEmbeddedPostgres({
  dataDir: path.join(dir, "pg"),
  port: Number(process.env.BENCH_PG_PORT ?? 54339),
});
try {
  await applyMigrations(pg.url);
  setDatabaseUrl(pg.url);
  await ensureBuiltinBlueprints();
  const db = getDb();
  const t0 = performance.now();
  await db.execute(sql`insert into entities (blueprint, identifier, title, team, properties)
    select 'service', 'svc-' || lpad(g::text, 6, '0'), 'Service ' || g, (array['payments','checkout','platform'])[1 + g % 3],
      jsonb_build_object('language', (array['java','node','go','python'])[1 + g % 4], 'port', 8000 + g % 1000,
                         'description', 'generated service number ' || g, 'public', g % 7 = 0)
    from generate_series(1, ${N}) g`);
  await db.execute(sql`analyze entities`);
  console.log(`inserted ${N} entities in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

  const bp = await getBlueprint("service");
  const base = { limit: 50, sort: "identifier" as const, order: "asc" as const };
  const mid = await listEntities("service", { ...base, limit: 200, q: "svc-00004" });
  const cursor = (await listEntities("service", { ...base, cursor: undefined, limit: 200 })).nextCursor ?? undefined;
  await time("first page (50, by identifier)", () => listEntities("service", base));
  await time("page after a cursor", () => listEntities("service", { ...base, cursor }));
  await time("first page by createdAt desc", () =>
    listEntities("service", { ...base, sort: "createdAt", order: "desc" }),
  );
  await time("full-text prefix search 'generated 4242'", () =>
    listEntities("service", { ...base, q: "generated 4242" }),
  );
  await time("property filter language=go", () =>
    listEntities("service", base, parseEntityFilters(new URLSearchParams("property.language=go"), bp)),
  );
  await time("filter + search (go, 'svc-00004')", () =>
    listEntities(
      "service",
      { ...base, q: "svc-00004" },
      parseEntityFilters(new URLSearchParams("property.language=go"), bp),
    ),
  );
  console.log(`\n(sanity: 'svc-00004' prefix search returned ${mid.items.length} of max 200)`);
} finally {
  await closeDb();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
