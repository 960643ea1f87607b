import { randomUUID } from "node:crypto";
import { deploymentEvents, runApprovals, runs, versionCommits } from "@/db/schema";
import { findDemoUser } from "@/lib/auth/demo-users";
import { backfillRollup } from "@/lib/dashboards/rollup-backfill";
import { getDb } from "@/lib/db/client";
import type { HistoryFact } from "./demo-history";
import { insertHistoryActivity } from "./seed-activity";

const ENV_ORDER = ["dev", "staging", "prod"];
const CHUNK = 500;

type RunRow = typeof runs.$inferInsert;
type ApprovalRow = typeof runApprovals.$inferInsert;
type EventRow = typeof deploymentEvents.$inferInsert;
type CommitRow = typeof versionCommits.$inferInsert;

const email = (id: string) => findDemoUser(id)?.email ?? `${id}@slipway.local`;

/** The run a fact stands for, as the action would have stored it (entity: the deployment it was requested on). */
function runOf(f: Extract<HistoryFact, { kind: "run" | "scale" }>): RunRow {
  const promote = f.kind === "run" && f.action === "promote";
  const source = promote ? ENV_ORDER[ENV_ORDER.indexOf(f.environment) - 1]! : f.environment;
  const finished = f.kind === "scale" || f.status !== "awaiting_approval";
  const input =
    f.kind === "scale"
      ? { replicas: f.replicas, reason: f.reason }
      : f.action === "promote"
        ? { target_environment: f.environment, run_tests: false }
        : f.action === "rollback"
          ? { target_version: f.version, reason: f.reason ?? "Rolled back" }
          : { version: f.version };
  const result =
    f.kind === "scale"
      ? { replicas: f.replicas }
      : f.status === "succeeded"
        ? { version: f.version, ...(promote ? { target: f.environment, from: source } : {}) }
        : null;
  const requested = new Date(f.at.getTime() - (f.approvers.length ? 40 : 3) * 60_000);
  return {
    id: randomUUID(),
    actionId: f.kind === "scale" ? "scale" : f.action,
    status: f.kind === "scale" ? "succeeded" : f.status,
    entityBlueprint: "deployment",
    entityIdentifier: `${f.service}-${source}`,
    team: f.team,
    input,
    requestedBy: f.requester,
    requestedByEmail: email(f.requester),
    via: "ui",
    policy: f.approvers.length
      ? {
          approvers: f.approvers.length,
          roles: ["sre"],
          changeTicket: f.kind === "run" && !!f.changeTicket,
          expiresInHours: 24,
          source: `environment ${f.environment}`,
        }
      : null,
    approvalExpiresAt: finished ? null : new Date(requested.getTime() + 86_400_000),
    result,
    error: f.kind === "run" && f.status === "failed" ? "Deployment turned Degraded: ImagePullBackOff" : null,
    createdAt: f.kind === "run" && f.status === "awaiting_approval" ? f.at : requested,
    updatedAt: f.at,
    startedAt: finished ? new Date(requested.getTime() + 30 * 60_000 * Math.min(1, f.approvers.length)) : null,
    finishedAt: finished ? f.at : null,
  };
}

/**
 * Writes demo history with bulk inserts (a few hundred rows, well under a second): runs with their
 * approvals, the entity timelines, the dashboards' rollup, and each version's first commit (recorded on the version: the
 * demo app repositories do not exist in git). Audit rows are not written for this invented past.
 */
export async function insertHistory(facts: HistoryFact[]): Promise<void> {
  const runRows: RunRow[] = [];
  const approvals: ApprovalRow[] = [];
  const events: EventRow[] = [];
  const commits = new Map<string, CommitRow>();
  const runIds = new Map<HistoryFact, string>();
  for (const f of facts) {
    const coordinates = {
      deployment: `${f.service}-${f.environment}`,
      service: f.service,
      team: f.team,
      environment: f.environment,
    };
    switch (f.kind) {
      case "commit":
        commits.set(`${f.service}/${f.version}`, { service: f.service, version: f.version, firstCommitAt: f.at });
        break;
      case "health":
        events.push({
          ...coordinates,
          at: f.at,
          kind: "health",
          version: f.version,
          status: f.status,
          actor: "argocd",
        });
        break;
      case "run":
      case "scale": {
        const run = runOf(f);
        runRows.push(run);
        runIds.set(f, run.id!);
        if (run.status !== "awaiting_approval")
          f.approvers.forEach((a, n) =>
            approvals.push({
              runId: run.id!,
              userId: a,
              userEmail: email(a),
              decision: "approve",
              changeTicket: f.kind === "run" ? (f.changeTicket ?? null) : null,
              at: new Date(f.at.getTime() - (30 - n * 5) * 60_000),
            }),
          );
        if (f.kind === "run" && f.status === "succeeded")
          events.push({
            ...coordinates,
            at: f.at,
            kind: "deploy",
            version: f.version,
            action: f.action,
            status: "succeeded",
            actor: run.requestedByEmail,
            runId: run.id,
          });
        break;
      }
      default: {
        const unreachable: never = f;
        return unreachable;
      }
    }
  }
  await getDb().transaction(async (tx) => {
    for (let i = 0; i < runRows.length; i += CHUNK) await tx.insert(runs).values(runRows.slice(i, i + CHUNK));
    for (let i = 0; i < approvals.length; i += CHUNK)
      await tx.insert(runApprovals).values(approvals.slice(i, i + CHUNK));
    for (let i = 0; i < events.length; i += CHUNK) await tx.insert(deploymentEvents).values(events.slice(i, i + CHUNK));
    const rows = [...commits.values()];
    for (let i = 0; i < rows.length; i += CHUNK)
      await tx
        .insert(versionCommits)
        .values(rows.slice(i, i + CHUNK))
        .onConflictDoNothing();
    await insertHistoryActivity(tx, facts, runIds);
    // Which deployments failed and how long incidents lasted, by the rules the live path applies.
    await backfillRollup(tx);
  });
}
