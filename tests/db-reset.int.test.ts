import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  actions,
  apiTokens,
  blueprints,
  deploymentEvents,
  devEnvironmentEvents,
  entities,
  entityActivity,
  entityOrigins,
  entityRelations,
  forgejoDeliveries,
  importConflicts,
  importRuns,
  runGates,
  notifications,
  pullRequestMarks,
  revokedSessions,
  runApprovals,
  runLogs,
  runs,
  runSteps,
  statusEvents,
  statusMarks,
  users,
  versionCommits,
} from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { foldFacetDeltas } from "@/lib/catalog/facet-fold";
import { getDb } from "@/lib/db/client";
import { resetDatabase, setupTestDatabase } from "./db";

setupTestDatabase();

// The tables as the database has them (independent of the list the reset builds from db/schema.ts):
// everything in the app's schema except drizzle's migration journal, should it live there.
async function databaseTables(): Promise<string[]> {
  const { rows } = await getDb().execute<{ name: string }>(sql`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> '__drizzle_migrations'
    order by table_name`);
  return rows.map((r) => r.name);
}

async function rowCounts(tables: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

/** One row more in every app table than a fresh reset leaves. */
async function writeEveryTable(): Promise<void> {
  const db = getDb();
  await db.insert(blueprints).values({ identifier: "probe", title: "Probe", schema: { type: "object" } });
  const [a, b] = await db
    .insert(entities)
    .values([
      // The property also gives the facet-count tables (kept by triggers) a row.
      { blueprint: "probe", identifier: "a", title: "A", properties: { kind: "probe" } },
      { blueprint: "probe", identifier: "b", title: "B" },
    ])
    .returning({ id: entities.id });
  await db.insert(entityRelations).values({ sourceId: a!.id, name: "next", targetId: b!.id });
  // Folded into the counters, then one more change left as a delta.
  await foldFacetDeltas();
  await db
    .update(entities)
    .set({ properties: { kind: "probe", size: 1 } })
    .where(eq(entities.id, a!.id));
  await db.insert(entityActivity).values({ entityId: a!.id, kind: "probe", message: "probe" });
  await appendAudit(db, { actor: "system", verb: "probe.write", target: "probe:a" });
  await db.insert(users).values({ id: "probe:1", email: "probe@example.com", name: "Probe" });
  await db
    .insert(apiTokens)
    .values({ userId: "probe:1", name: "probe", scopes: ["read"], tokenHash: "probe-hash", prefix: "slw_probe" });
  await db.insert(actions).values({
    id: "probe-action",
    title: "Probe",
    blueprint: "probe",
    trigger: "entity",
    inputSchema: {},
    executeRoles: [],
    approveRoles: [],
  });
  const [run] = await db
    .insert(runs)
    .values({
      actionId: "probe-action",
      status: "queued",
      input: {},
      requestedBy: "probe:1",
      requestedByEmail: "probe@example.com",
      via: "api",
    })
    .returning({ id: runs.id });
  await db.insert(runSteps).values({ runId: run!.id, key: "probe", status: "running" });
  await db.insert(runLogs).values({ runId: run!.id, level: "info", message: "probe" });
  await db.insert(runGates).values({ runId: run!.id, environment: "probe", checks: [], failing: 0 });
  await db
    .insert(runApprovals)
    .values({ runId: run!.id, userId: "probe:2", userEmail: "sre@example.com", decision: "approve" });
  await db.insert(statusEvents).values({ key: "probe-event", entity: "a" });
  await db.insert(statusMarks).values({ blueprint: "probe", identifier: "a", observedAt: new Date() });
  await db.insert(revokedSessions).values({ sessionId: "probe-session", expiresAt: new Date(Date.now() + 60_000) });
  await db.insert(devEnvironmentEvents).values({ environment: "probe", expiresAt: new Date(), kind: "warned" });
  await db.insert(notifications).values({ userEmail: "probe@example.com", message: "probe" });
  await db.insert(forgejoDeliveries).values({ delivery: "probe-delivery" });
  await db.insert(pullRequestMarks).values({ repo: "probe/repo", number: 1, updatedAt: new Date(), state: "open" });
  await db
    .insert(deploymentEvents)
    .values({ at: new Date(), kind: "deploy", deployment: "a", service: "a", environment: "prod" });
  await db.insert(versionCommits).values({ service: "a", version: "1.0.0" });
  await db.insert(entityOrigins).values({ entityId: a!.id, source: "probe", object: "probe/a" });
  await db.insert(importRuns).values({ source: "probe", trigger: "probe", status: "running" });
  await db.insert(importConflicts).values({
    blueprint: "probe",
    identifier: "a",
    ownerSource: "probe",
    ownerObject: "probe/a",
    claimantSource: "probe",
    claimantObject: "probe/b",
  });
}

// audit_head holds one row, the chain's head: the probe's append moves it rather than adding a row.
const auditHeadRows = async () =>
  (await getDb().execute<{ rows: number }>(sql`select coalesce(max("rows"), 0)::int as rows from audit_head`)).rows[0]!
    .rows;

describe("the database reset between test files", () => {
  it("clears a row from every table the database has, and leaves what a fresh reset leaves", async () => {
    const tables = await databaseTables();
    expect(tables).toEqual(expect.arrayContaining(["status_events", "status_marks", "audit_log", "entities"]));
    const fresh = await rowCounts(tables);
    const freshHead = await auditHeadRows();

    await writeEveryTable();
    const written = await rowCounts(tables);
    // A table this misses is a new one: give it a row above so the reset is proven to clear it.
    for (const table of tables.filter((t) => t !== "audit_head"))
      expect(written[table], `a probe row in ${table}`).toBeGreaterThan(fresh[table]!);
    expect(await auditHeadRows()).toBeGreaterThan(freshHead);

    await resetDatabase();
    expect(await rowCounts(tables)).toEqual(fresh);
  });
});
