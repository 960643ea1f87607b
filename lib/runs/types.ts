import type { Role } from "@/lib/auth/roles";

export const RUN_STATUSES = [
  "awaiting_approval",
  "queued",
  "running",
  "waiting",
  "succeeded",
  "failed",
  "declined",
  "cancelled",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const TERMINAL_STATUSES: readonly RunStatus[] = ["succeeded", "failed", "declined", "cancelled"];
export const isTerminal = (s: RunStatus) => TERMINAL_STATUSES.includes(s);

export type RunLink = { kind: string; url: string; title: string };

/** Resolved approval requirement stored on the run when it is requested. */
export type ApprovalPolicy = {
  approvers: number;
  roles: Role[];
  changeTicket: boolean;
  expiresInHours: number;
  /** Where the policy came from, shown to people: "environment prod", "action default". */
  source: string;
};

/**
 * What a run will change, shown to approvers before it executes: the environments and versions, the
 * GitOps overlay rendered at `base` and with `changes` applied, and the pull request reviewers can
 * comment on (opened when the run was requested).
 */
export type ChangeProposal = {
  service: string;
  deployment: string;
  environment: { from: string | null; to: string };
  version: { from: string | null; to: string | null };
  /** The app repository whose commits between the two versions are listed. */
  appRepo: { owner: string; name: string };
  /** GitOps repository path of the overlay directory that is rendered. */
  overlay: string;
  /** GitOps revision the change was prepared on, and the new text of the files it changes. */
  base: string;
  changes: Record<string, string>;
  pullRequest: { number: number; url: string; branch: string } | null;
  /**
   * A branch promotion: the pull request merges main (at `head`) into `branch` (at `base`). The
   * commits listed are main's that the branch lacks; the diff renders the overlay at base and at head.
   */
  merge?: { branch: string; head: string };
};

export type RunStep = {
  key: string;
  status: "running" | "succeeded" | "failed" | "compensated";
  error: string | null;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
};

export type RunLog = { id: number; at: string; level: "info" | "warn" | "error"; step: string | null; message: string };

export type RunApproval = {
  userEmail: string;
  decision: "approve" | "decline";
  comment: string;
  changeTicket: string | null;
  at: string;
};

export type Run = {
  id: string;
  actionId: string;
  actionTitle: string;
  status: RunStatus;
  entity: { blueprint: string; identifier: string } | null;
  team: string | null;
  input: Record<string, unknown>;
  requestedBy: string;
  requestedByEmail: string;
  via: "ui" | "api" | "webhook";
  externalId: string | null;
  policy: ApprovalPolicy | null;
  approvalExpiresAt: string | null;
  proposal: ChangeProposal | null;
  /** The ticket the run was requested or approved under. */
  changeTicket: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
  links: RunLink[];
  cancelRequested: boolean;
  rerunOf: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type RunDetail = Run & { steps: RunStep[]; approvals: RunApproval[] };
