import { and, asc, desc, eq, sql } from "drizzle-orm";
import { actions, runApprovals, runLogs, runs, runSteps } from "@/db/schema";
import { getDb, type Executor } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toStoredLink } from "./run-links";
import type {
  ApprovalPolicy,
  ChangeProposal,
  Run,
  RunApproval,
  RunDetail,
  RunLink,
  RunLog,
  RunStatus,
  RunStep,
} from "./types";

export const RUN_EVENTS_CHANNEL = "slipway_run_events";

export const runColumns = {
  id: runs.id,
  actionId: runs.actionId,
  actionTitle: sql<string>`coalesce(${actions.title}, ${runs.actionId})`.as("action_title"),
  status: runs.status,
  entityBlueprint: runs.entityBlueprint,
  entityIdentifier: runs.entityIdentifier,
  team: runs.team,
  input: runs.input,
  requestedBy: runs.requestedBy,
  requestedByEmail: runs.requestedByEmail,
  via: runs.via,
  externalId: runs.externalId,
  policy: runs.policy,
  approvalExpiresAt: runs.approvalExpiresAt,
  proposal: runs.proposal,
  changeTicket: runs.changeTicket,
  result: runs.result,
  error: runs.error,
  links: runs.links,
  cancelRequested: runs.cancelRequested,
  rerunOf: runs.rerunOf,
  createdAt: runs.createdAt,
  startedAt: runs.startedAt,
  finishedAt: runs.finishedAt,
};

type RunRow = {
  [K in keyof typeof runColumns]: K extends "actionTitle"
    ? string
    : (typeof runColumns)[K] extends { _: { data: infer D; notNull: infer N } }
      ? N extends true
        ? D
        : D | null
      : never;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRun(row: RunRow): Run {
  const { entityBlueprint, entityIdentifier, ...rest } = row;
  return {
    ...rest,
    status: row.status as RunStatus,
    via: row.via as Run["via"],
    entity: entityBlueprint && entityIdentifier ? { blueprint: entityBlueprint, identifier: entityIdentifier } : null,
    policy: (row.policy as ApprovalPolicy | null) ?? null,
    proposal: (row.proposal as ChangeProposal | null) ?? null,
    approvalExpiresAt: iso(row.approvalExpiresAt),
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export function selectRuns(db: Executor = getDb()) {
  return db.select(runColumns).from(runs).leftJoin(actions, eq(actions.id, runs.actionId));
}

export async function findRun(id: string, db: Executor = getDb()): Promise<Run | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await selectRuns(db).where(eq(runs.id, id));
  return row ? toRun(row as RunRow) : null;
}

export async function getRun(id: string, db: Executor = getDb()): Promise<Run> {
  const run = await findRun(id, db);
  if (!run) throw notFound(`Run ${id}`);
  return run;
}

export async function getRunDetail(id: string): Promise<RunDetail> {
  const run = await getRun(id);
  const db = getDb();
  const [steps, approvals] = await Promise.all([
    db
      .select({
        key: runSteps.key,
        status: runSteps.status,
        error: runSteps.error,
        attempts: runSteps.attempts,
        startedAt: runSteps.startedAt,
        finishedAt: runSteps.finishedAt,
      })
      .from(runSteps)
      .where(eq(runSteps.runId, id))
      .orderBy(asc(runSteps.id)),
    db
      .select({
        userEmail: runApprovals.userEmail,
        decision: runApprovals.decision,
        comment: runApprovals.comment,
        changeTicket: runApprovals.changeTicket,
        at: runApprovals.at,
      })
      .from(runApprovals)
      .where(eq(runApprovals.runId, id))
      .orderBy(asc(runApprovals.id)),
  ]);
  return {
    ...run,
    steps: steps.map((s) => ({
      ...s,
      status: s.status as RunStep["status"],
      startedAt: s.startedAt.toISOString(),
      finishedAt: iso(s.finishedAt),
    })),
    approvals: approvals.map((a) => ({
      ...a,
      decision: a.decision as RunApproval["decision"],
      at: a.at.toISOString(),
    })),
  };
}

/** Log lines after `afterId`, oldest first (the live view asks for what it has not seen). */
export async function listRunLogs(runId: string, afterId = 0, limit = 500): Promise<RunLog[]> {
  const rows = await getDb()
    .select({ id: runLogs.id, at: runLogs.at, level: runLogs.level, step: runLogs.step, message: runLogs.message })
    .from(runLogs)
    .where(and(eq(runLogs.runId, runId), sql`${runLogs.id} > ${afterId}`))
    .orderBy(asc(runLogs.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, level: r.level as RunLog["level"], at: r.at.toISOString() }));
}

/** Wakes every web replica's live views of this run (Postgres NOTIFY reaches all listeners). */
export async function notifyRun(runId: string, db: Executor = getDb()): Promise<void> {
  await db.execute(sql`select pg_notify(${RUN_EVENTS_CHANNEL}, ${runId})`);
}

/** A worker writes its lines under its claim (`db` is then the claim's transaction, see run-claim.ts). */
export async function appendRunLog(
  runId: string,
  level: RunLog["level"],
  message: string,
  step: string | null = null,
  db: Executor = getDb(),
): Promise<void> {
  await db.insert(runLogs).values({ runId, level, message: message.slice(0, 4000), step });
  await notifyRun(runId, db);
}

export async function addRunLink(runId: string, given: RunLink, db: Executor = getDb()): Promise<void> {
  const link = toStoredLink(given);
  // Idempotent per URL: a resumed run re-adding its links changes nothing.
  await db.execute(sql`
    update runs set links = links || ${JSON.stringify([link])}::jsonb, updated_at = now()
    where id = ${runId} and not links @> ${JSON.stringify([{ url: link.url }])}::jsonb`);
  await notifyRun(runId, db);
}

export const newestFirst = [desc(runs.createdAt), desc(runs.id)];
