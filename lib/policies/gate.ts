import { eq } from "drizzle-orm";
import { runGates } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { getDb, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RunPorts } from "@/lib/runs/ports";
import { evaluatePolicies } from "./evaluate";
import { readGateSettings } from "./gate-settings";
import { enabledIn, listPolicies } from "./policy-store";
import { renderTargetOverlay } from "./render-target";
import { checkSoak, type SoakTarget } from "./soak";
import type { CheckResult, NamespaceLabels } from "./types";

/** What an action changes, for the gate to render: the service's files, edited, built at overlayDir. */
export type GateTarget = {
  environment: string;
  service: string;
  serviceDir: string;
  overlayDir: string;
  edit: (files: Record<string, string>) => Record<string, string>;
  /** Promotions only: the version and where it must have soaked. */
  soak?: SoakTarget;
};

export type GateReport = { environment: string; checks: CheckResult[]; failing: number };

export type RunGate = GateReport & {
  evaluatedAt: string;
  override: { by: string; reason: string; at: string } | null;
};

/** Tests move time forward here; the soak check reads it. */
export const gateClock = { now: () => new Date() };

/**
 * Before a run into a gated environment exists: soak time (422 saying when), then the enabled
 * policies on the overlay as it would be after the change. null: the environment has no gates.
 */
export async function evaluateGate(target: GateTarget, ports: RunPorts): Promise<GateReport | null> {
  const settings = await readGateSettings(ports.catalog, target.environment);
  if (target.soak) await checkSoak(target.soak, settings, gateClock.now());
  if (!settings.policyGates) return null;
  const policies = (await listPolicies(ports)).filter((p) => enabledIn(p, target.environment));
  if (policies.length === 0) return { environment: target.environment, checks: [], failing: 0 };
  const bundle = await renderTargetOverlay(ports, target);
  const labels: NamespaceLabels = {};
  for (const o of bundle) if (o.metadata?.namespace) labels[o.metadata.namespace] = settings.namespaceLabels;
  const checks = evaluatePolicies(
    policies.map((p) => p.policy!),
    bundle,
    labels,
  );
  return { environment: target.environment, checks, failing: checks.filter((c) => c.result === "fail").length };
}

export async function saveGate(tx: Tx, runId: string, report: GateReport): Promise<void> {
  await tx
    .insert(runGates)
    .values({ runId, environment: report.environment, checks: report.checks, failing: report.failing });
}

export async function findRunGate(runId: string): Promise<RunGate | null> {
  const [row] = await getDb()
    .select({
      environment: runGates.environment,
      checks: runGates.checks,
      failing: runGates.failing,
      evaluatedAt: runGates.evaluatedAt,
      overrideBy: runGates.overrideBy,
      overrideReason: runGates.overrideReason,
      overrideAt: runGates.overrideAt,
    })
    .from(runGates)
    .where(eq(runGates.runId, runId));
  if (!row) return null;
  return {
    environment: row.environment,
    checks: row.checks,
    failing: row.failing,
    evaluatedAt: row.evaluatedAt.toISOString(),
    override:
      row.overrideBy && row.overrideAt
        ? { by: row.overrideBy, reason: row.overrideReason ?? "", at: row.overrideAt.toISOString() }
        : null,
  };
}

/** Why the run cannot be approved yet (failing rules, no override), or null. */
export function gateBlockReason(gate: RunGate | null): string | null {
  if (!gate || gate.failing === 0 || gate.override) return null;
  const rules = [...new Set(gate.checks.filter((c) => c.result === "fail").map((c) => `${c.policy}/${c.rule}`))];
  return `${gate.failing} policy check${gate.failing === 1 ? "" : "s"} failed in ${gate.environment} (${rules.join(", ")}); fix the manifests and request again, or an admin overrides with a reason`;
}

/** A failing gate on a run nobody approves: a 422 naming the failing rules. */
export function gateRefusal(report: GateReport): AppError {
  const failing = report.checks.filter((c) => c.result === "fail");
  return new AppError("validation", `Policy checks failed in ${report.environment}`, {
    policies: failing.map((c) => `${c.policy}/${c.rule} on ${c.resource}: ${c.message}`),
  });
}

/** An admin lets a failing gate through: who and why, audited and shown on the run. */
export async function overrideGate(
  runId: string,
  user: SessionUser,
  authorize: Authorize,
  reason: string,
): Promise<RunGate> {
  authorize("update", { kind: "gate", runId });
  const gate = await findRunGate(runId);
  if (!gate) throw new AppError("not_found", "This run has no policy gate");
  if (gate.override) throw new AppError("conflict", `Already overridden by ${gate.override.by}`);
  if (gate.failing === 0) throw new AppError("conflict", "Nothing to override: every policy check passed");
  await getDb().transaction(async (tx) => {
    await tx
      .update(runGates)
      .set({ overrideBy: user.email, overrideReason: reason, overrideAt: new Date() })
      .where(eq(runGates.runId, runId));
    await appendAudit(tx, {
      actor: user.email,
      verb: "run.gate_override",
      target: `run:${runId}`,
      data: {
        reason,
        environment: gate.environment,
        failing: gate.checks
          .filter((c) => c.result === "fail")
          .map((c) => ({ policy: c.policy, rule: c.rule, resource: c.resource })),
      },
    });
  });
  return (await findRunGate(runId))!;
}
