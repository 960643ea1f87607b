import { and, eq } from "drizzle-orm";
import { runs } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Authorize } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { getDb, type Tx } from "@/lib/db/client";
import { invalid } from "@/lib/errors";
import { findEntityRow } from "@/lib/catalog/entity-lookup";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";
import { evaluateGate, gateRefusal, saveGate } from "@/lib/policies/gate";
import { requireActionDefinition } from "./action-mirror";
import type { EntityRef, RegisteredAction } from "./define-action";
import { describePolicy } from "./describe-policy";
import { proposeChange } from "./approval-pull-request";
import { notifyApprovers } from "./notify-approvers";
import { resolvePolicy } from "./policy";
import { findRunEntity } from "./run-entity";
import { enqueueRun } from "./queue";
import { appendRunLog, getRun, notifyRun } from "./run-store";
import { getRunWiring } from "./run-wiring";
import type { Run } from "./types";

export type RunRequest = {
  /** Action id or alias. */
  action: string;
  user: SessionUser;
  /** The caller's permission check (the route's), run once the entity's team is known. */
  authorize: Authorize;
  /** The entity a day-2 or delete action acts on (identifier; the blueprint is the action's). */
  entity?: string | null;
  /** When the caller names the entity's blueprint too (Port's payload), it must be the action's. */
  entityBlueprint?: string;
  input: unknown;
  via: Run["via"];
  /** The caller's id for this run; a second request by the same user with it returns the first run. */
  externalId?: string | null;
  rerunOf?: string | null;
};

async function loadEntity(def: RegisteredAction, identifier: string | null | undefined): Promise<EntityRef | null> {
  if (def.trigger === "create") return null;
  if (!identifier) throw invalid({ entity: [`Pick the ${def.blueprint} this action acts on`] });
  const entity = await findRunEntity(def.blueprint, identifier);
  if (!entity) throw invalid({ entity: [`No ${def.blueprint} "${identifier}"`] });
  return entity;
}

/**
 * Creates a run the same way for the form, the API and the webhook: permission, input validation
 * (422, nothing stored), approval policy; then queued at once or waiting for approvers.
 */
export async function requestRun(req: RunRequest): Promise<{ run: Run; created: boolean }> {
  const def = requireActionDefinition(req.action);
  if (req.entityBlueprint && req.entityBlueprint !== def.blueprint) {
    throw invalid({
      "entity.blueprint": [`${def.title} acts on ${def.blueprint} entities, not ${req.entityBlueprint}`],
    });
  }
  const entity = await loadEntity(def, req.entity);
  const parsed = def.input.safeParse(req.input ?? {});
  if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error));
  const input = parsed.data as Record<string, unknown>;
  const team = entity?.team ?? (typeof input.team === "string" ? input.team : null);
  // A team the input names is checked before membership of it, so a typo is a field error, not a 403.
  if (!entity && team && !(await findEntityRow("team", team)))
    throw invalid({ team: [`Team "${team}" does not exist`] });
  req.authorize("execute", { kind: "action", id: def.id, allowedRoles: def.permission.execute, team });
  // A retried delivery (same caller run id) gets the run it created, once it passes the same checks.
  if (req.externalId) {
    const existing = await findRunByExternalId(def.id, req.user.id, req.externalId);
    if (existing) return { run: existing, created: false };
  }
  const requester = { id: req.user.id, email: req.user.email, roles: req.user.roles };
  const ports = getRunWiring().portsFor(req.user.email);
  const problems = def.check ? await def.check(input, entity, ports, requester) : null;
  if (problems && Object.keys(problems).length > 0) throw invalid(problems);
  const gateTarget = def.gate ? await def.gate(input, entity, ports) : null;
  const gate = gateTarget ? await evaluateGate(gateTarget, ports) : null;
  const policy = await resolvePolicy(def.approval?.(input, entity, requester) ?? null, def);
  // Without approvers nobody could hold a failing gate: the request is refused instead.
  if (gate && gate.failing > 0 && !policy) throw gateRefusal(gate);
  const status = policy ? "awaiting_approval" : "queued";
  const runId = await insertRun(
    async (tx) => {
      const [row] = await tx
        .insert(runs)
        .values({
          actionId: def.id,
          status,
          entityBlueprint: entity?.blueprint ?? null,
          entityIdentifier: entity?.identifier ?? null,
          team,
          input,
          requestedBy: req.user.id,
          requestedByEmail: req.user.email,
          via: req.via,
          externalId: req.externalId ?? null,
          policy,
          changeTicket: typeof input.change_ticket === "string" && input.change_ticket ? input.change_ticket : null,
          approvalExpiresAt: policy ? new Date(Date.now() + policy.expiresInHours * 3600_000) : null,
          rerunOf: req.rerunOf ?? null,
        })
        .returning({ id: runs.id });
      const id = row!.id;
      if (gate) await saveGate(tx, id, gate);
      await appendAudit(tx, {
        actor: req.user.email,
        verb: "run.request",
        target: `run:${id}`,
        data: { action: def.id, entity: entity?.identifier ?? null, status, via: req.via, input },
      });
      // An admin's override of a rule (a promotion skipping an environment) is audited on its own.
      if (typeof input.override_reason === "string" && input.override_reason)
        await appendAudit(tx, {
          actor: req.user.email,
          verb: "run.override",
          target: `run:${id}`,
          data: { action: def.id, entity: entity?.identifier ?? null, reason: input.override_reason },
        });
      return id;
    },
    { actionId: def.id, requestedBy: req.user.id, externalId: req.externalId },
  );
  if (typeof runId !== "string") return { run: runId, created: false };
  await appendRunLog(
    runId,
    "info",
    policy
      ? `Requested by ${req.user.email}; needs ${describePolicy(policy)}`
      : `Requested by ${req.user.email}; queued`,
  );
  if (gate)
    await appendRunLog(
      runId,
      gate.failing > 0 ? "warn" : "info",
      gate.failing > 0
        ? `Policy gate for ${gate.environment}: ${gate.failing} check(s) failed; approval is blocked until fixed or overridden by an admin`
        : `Policy gate for ${gate.environment}: ${gate.checks.filter((c) => c.result === "pass").length} check(s) passed`,
    );
  await notifyRun(runId);
  if (status === "queued") {
    await enqueueRun(runId);
    return { run: await getRun(runId), created: true };
  }
  // Reviewers get the pull request before anyone decides, so it is opened before they are told.
  await proposeChange(await getRun(runId), entity);
  const run = await getRun(runId);
  await notifyApprovers(run);
  return { run, created: true };
}

const isExternalIdClash = (err: unknown) => {
  const cause =
    (err as { cause?: { code?: string; constraint?: string } })?.cause ??
    (err as { code?: string; constraint?: string });
  return cause?.code === "23505" && cause.constraint === "runs_external_key";
};

// The key is the requester's too: a caller's run id is only theirs, so another user sending the same
// one gets a run of their own, never someone else's (nor swallows their later deliveries).
type ExternalKey = { actionId: string; requestedBy: string; externalId: string | null | undefined };

async function findRunByExternalId(actionId: string, requestedBy: string, externalId: string): Promise<Run | null> {
  const [existing] = await getDb()
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.actionId, actionId), eq(runs.requestedBy, requestedBy), eq(runs.externalId, externalId)));
  return existing ? getRun(existing.id) : null;
}

/** Inserts in a transaction; two deliveries racing with one external id both get the one run. */
async function insertRun(write: (tx: Tx) => Promise<string>, key: ExternalKey): Promise<string | Run> {
  try {
    return await getDb().transaction(write);
  } catch (err) {
    if (!key.externalId || !isExternalIdClash(err)) throw err;
    const existing = await findRunByExternalId(key.actionId, key.requestedBy, key.externalId);
    if (!existing) throw err;
    return existing;
  }
}
