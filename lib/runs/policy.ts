import { findEntityRow } from "@/lib/catalog/entity-lookup";
import type { ApprovalRequirement, RegisteredAction } from "./define-action";
import type { ApprovalPolicy } from "./types";

const DEFAULT_EXPIRY_HOURS = 24;

/**
 * An environment's approval policy: its `approvals_required` / `change_ticket_required` properties
 * when set, else the design's defaults (prod-like: 2 approvers and a ticket; staging: 1; others: none).
 */
async function environmentPolicy(environment: string, def: RegisteredAction): Promise<ApprovalPolicy | null> {
  const props = (await findEntityRow("environment", environment))?.properties ?? {};
  const production = props.production === true || environment === "prod" || environment === "production";
  const approvers =
    typeof props.approvals_required === "number"
      ? props.approvals_required
      : production
        ? 2
        : environment === "staging"
          ? 1
          : 0;
  const changeTicket = typeof props.change_ticket_required === "boolean" ? props.change_ticket_required : production;
  if (approvers === 0 && !changeTicket) return null;
  return {
    approvers,
    roles: def.permission.approve,
    changeTicket,
    expiresInHours: DEFAULT_EXPIRY_HOURS,
    source: `environment ${environment}`,
  };
}

export async function resolvePolicy(
  requirement: ApprovalRequirement,
  def: RegisteredAction,
): Promise<ApprovalPolicy | null> {
  if (!requirement) return null;
  if ("environment" in requirement) return environmentPolicy(requirement.environment, def);
  return {
    approvers: requirement.approvers,
    roles: requirement.roles,
    changeTicket: requirement.changeTicket,
    expiresInHours: requirement.expiresInHours ?? DEFAULT_EXPIRY_HOURS,
    source: `action ${def.id}`,
  };
}
