import { inArray, sql } from "drizzle-orm";
import { entities, entityActivity } from "@/db/schema";
import { findDemoUser } from "@/lib/auth/demo-users";
import type { Executor } from "@/lib/db/client";
import type { HistoryFact } from "./demo-history";

type ActivityRow = typeof entityActivity.$inferInsert;

const ENV_ORDER = ["dev", "staging", "prod"];
const CHUNK = 500;

/** The timeline line the live path writes for the same fact (actions' recordActivity, status changes). */
function describe(f: HistoryFact, runId: string | undefined): { kind: string; message: string; data: object } | null {
  const data = runId ? { run: runId } : {};
  switch (f.kind) {
    case "commit":
      return null;
    case "health":
      return {
        kind: "status",
        message: `Health → ${f.status}${f.message ? `: ${f.message}` : ""}, version ${f.version}`,
        data: {},
      };
    case "scale":
      return { kind: "scale", message: `Scaled ${f.environment} to ${f.replicas} replicas: ${f.reason}`, data };
    case "run": {
      if (f.status === "awaiting_approval") return null;
      const failed = f.status === "failed" ? " (failed: rollout turned Degraded, nothing rolled back)" : "";
      if (f.action === "release")
        return { kind: "release", message: `Released ${f.version} to ${f.environment}${failed}`, data };
      if (f.action === "rollback")
        return { kind: "rollback", message: `Rolled back ${f.environment} to ${f.version}: ${f.reason ?? ""}`, data };
      const from = ENV_ORDER[ENV_ORDER.indexOf(f.environment) - 1] ?? "?";
      const approved = f.approvers.length ? `, approved by ${f.approvers.join(" and ")}` : "";
      return {
        kind: "promotion",
        message: `Promoted ${f.version} from ${from} to ${f.environment}${approved}${failed}`,
        data: { ...data, version: f.version },
      };
    }
    default: {
      const unreachable: never = f;
      return unreachable;
    }
  }
}

/**
 * The demo history on the entity timelines: each fact on its deployment, and (prefixed with the
 * deployment) on its service, at the time it happened. `runIds` maps facts to the runs written for them.
 */
export async function insertHistoryActivity(
  tx: Executor,
  facts: HistoryFact[],
  runIds: Map<HistoryFact, string>,
): Promise<void> {
  const identifiers = [...new Set(facts.flatMap((f) => [f.service, `${f.service}-${f.environment}`]))];
  const found = await tx
    .select({ id: entities.id, blueprint: entities.blueprint, identifier: entities.identifier })
    .from(entities)
    .where(sql`${entities.blueprint} in ('service', 'deployment') and ${inArray(entities.identifier, identifiers)}`);
  const idOf = new Map(found.map((e) => [`${e.blueprint}/${e.identifier}`, e.id]));
  const rows: ActivityRow[] = [];
  for (const f of facts) {
    const line = describe(f, runIds.get(f));
    if (!line) continue;
    const deployment = `${f.service}-${f.environment}`;
    const actor =
      f.kind === "health" ? "argocd" : f.kind === "commit" ? null : (findDemoUser(f.requester)?.email ?? f.requester);
    const onDeployment = idOf.get(`deployment/${deployment}`);
    const onService = idOf.get(`service/${f.service}`);
    if (onDeployment) rows.push({ entityId: onDeployment, ...line, actor, at: f.at } as ActivityRow);
    if (onService)
      rows.push({
        entityId: onService,
        ...line,
        message: `${deployment}: ${line.message}`,
        actor,
        at: f.at,
      } as ActivityRow);
  }
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(entityActivity).values(rows.slice(i, i + CHUNK));
}
