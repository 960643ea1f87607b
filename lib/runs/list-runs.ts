import { and, count, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { runApprovals, runs } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RunQuery } from "./run-query";
import { newestFirst, selectRuns, toRun } from "./run-store";
import type { Run } from "./types";

export type RunPage = { items: Run[]; nextCursor: string | null };

const encode = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
function decode(raw: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [string, string];
    if (typeof id === "string" && !Number.isNaN(new Date(at).getTime())) return { at: new Date(at), id };
  } catch {
    // reported below
  }
  throw new AppError("validation", "Invalid cursor", { cursor: ["Invalid or expired cursor"] });
}

/**
 * Runs waiting for this user's decision: awaiting approval, not theirs, a role the policy names
 * (or admin), and no decision of theirs yet.
 */
export function awaitingDecisionBy(user: SessionUser): SQL {
  const mine = sql`array[${sql.join(
    user.roles.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[]`;
  const roles = user.roles.includes("admin") ? sql`true` : sql`${runs.policy}->'roles' ?| ${mine}`;
  return and(
    eq(runs.status, "awaiting_approval"),
    sql`${runs.requestedBy} <> ${user.id}`,
    roles,
    sql`not exists (select 1 from ${runApprovals} where ${runApprovals.runId} = ${runs.id} and ${runApprovals.userId} = ${user.id})`,
  )!;
}

/** Production rollbacks an SRE ran without a second approver (the rollback executor flags them). */
const markedForReview = and(eq(runs.actionId, "rollback"), sql`${runs.result}->>'needsReview' = 'true'`)!;

/** Newest first, keyset-paginated on (created_at, id). */
export async function listRuns(query: RunQuery, user: SessionUser): Promise<RunPage> {
  const conditions: SQL[] = [];
  if (query.view === "mine") conditions.push(eq(runs.requestedBy, user.id));
  if (query.view === "approvals") conditions.push(awaitingDecisionBy(user));
  if (query.view === "reviews") conditions.push(markedForReview);
  if (query.action) conditions.push(eq(runs.actionId, query.action));
  if (query.status) conditions.push(eq(runs.status, query.status));
  if (query.requester) conditions.push(eq(runs.requestedByEmail, query.requester.toLowerCase()));
  if (query.entity) conditions.push(eq(runs.entityIdentifier, query.entity));
  if (query.from) conditions.push(gte(runs.createdAt, query.from));
  if (query.to) conditions.push(lt(runs.createdAt, query.to));
  if (query.cursor) {
    const c = decode(query.cursor);
    conditions.push(or(lt(runs.createdAt, c.at), and(eq(runs.createdAt, c.at), lt(runs.id, c.id)))!);
  }
  const rows = await selectRuns()
    .where(and(...conditions))
    .orderBy(...newestFirst)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit).map((r) => toRun(r as Parameters<typeof toRun>[0]));
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return { items: page, nextCursor: last ? encode(last.createdAt, last.id) : null };
}

/** How many runs wait for this user's decision (the inbox badge). */
export async function countAwaitingDecision(user: SessionUser): Promise<number> {
  const [row] = await getDb().select({ n: count() }).from(runs).where(awaitingDecisionBy(user));
  return row?.n ?? 0;
}
