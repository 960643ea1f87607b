import { desc, eq, sql } from "drizzle-orm";
import { importRuns } from "@/db/schema";
import { getDb } from "@/lib/db/client";

export type ImportSource = "backstage" | "argocd" | "port";
export type ImportOutcome = "created" | "updated" | "unchanged" | "failed" | "missing";
export type ImportFailure = { object: string; reason: string };

export type ImportRun = {
  id: string;
  source: string;
  trigger: string;
  status: "running" | "succeeded" | "failed";
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  missing: number;
  failures: ImportFailure[];
  startedAt: string;
  finishedAt: string | null;
};

const columns = {
  id: importRuns.id,
  source: importRuns.source,
  trigger: importRuns.trigger,
  status: importRuns.status,
  total: importRuns.total,
  processed: importRuns.processed,
  created: importRuns.created,
  updated: importRuns.updated,
  unchanged: importRuns.unchanged,
  failed: importRuns.failed,
  missing: importRuns.missing,
  failures: importRuns.failures,
  startedAt: importRuns.startedAt,
  finishedAt: importRuns.finishedAt,
};

type Row = { [K in keyof typeof columns]: (typeof importRuns.$inferSelect)[K] };

const toRun = (r: Row): ImportRun => ({
  ...r,
  status: r.status as ImportRun["status"],
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Keeps the first reasons only: a run over thousands of broken objects must not grow without bound. */
const FAILURES_KEPT = 200;

export async function startImportRun(source: ImportSource, trigger: string, total = 0): Promise<string> {
  const [row] = await getDb()
    .insert(importRuns)
    .values({ source, trigger, status: "running", total })
    .returning({ id: importRuns.id });
  if (!row) throw new Error("import run was not recorded");
  return row.id;
}

export async function setImportTotal(id: string, total: number): Promise<void> {
  await getDb().update(importRuns).set({ total }).where(eq(importRuns.id, id));
}

/** Counts one object's outcome; progress is visible while the run goes on. */
export async function countImportOutcome(id: string, outcome: ImportOutcome, failure?: ImportFailure): Promise<void> {
  const counter = importRuns[outcome];
  await getDb()
    .update(importRuns)
    .set({
      [outcome]: sql`${counter} + 1`,
      ...(outcome === "missing" ? {} : { processed: sql`${importRuns.processed} + 1` }),
      ...(failure
        ? {
            failures: sql`case when jsonb_array_length(${importRuns.failures}) < ${FAILURES_KEPT} then ${importRuns.failures} || ${JSON.stringify([failure])}::jsonb else ${importRuns.failures} end`,
          }
        : {}),
    })
    .where(eq(importRuns.id, id));
}

export async function finishImportRun(id: string, status: "succeeded" | "failed", failure?: ImportFailure) {
  await getDb()
    .update(importRuns)
    .set({
      status,
      finishedAt: new Date(),
      ...(failure ? { failures: sql`${importRuns.failures} || ${JSON.stringify([failure])}::jsonb` } : {}),
    })
    .where(eq(importRuns.id, id));
}

export async function findImportRun(id: string): Promise<ImportRun | null> {
  const [row] = await getDb().select(columns).from(importRuns).where(eq(importRuns.id, id));
  return row ? toRun(row) : null;
}

export async function listImportRuns(limit = 30): Promise<ImportRun[]> {
  const rows = await getDb().select(columns).from(importRuns).orderBy(desc(importRuns.startedAt)).limit(limit);
  return rows.map(toRun);
}

/** Re-counts an object whose second step (its relations) changed or failed after the first was counted. */
export async function moveImportOutcome(
  id: string,
  from: Exclude<ImportOutcome, "missing">,
  to: Exclude<ImportOutcome, "missing">,
  failure?: ImportFailure,
): Promise<void> {
  if (from === to && !failure) return;
  await getDb()
    .update(importRuns)
    .set({
      [from]: sql`${importRuns[from]} - 1`,
      [to]: sql`${importRuns[to]} + 1`,
      ...(failure ? { failures: sql`${importRuns.failures} || ${JSON.stringify([failure])}::jsonb` } : {}),
    })
    .where(eq(importRuns.id, id));
}
