import type { z, ZodType } from "zod";
import type { FieldErrors } from "@/lib/errors";
import type { Role } from "@/lib/auth/roles";
import type { GateTarget } from "@/lib/policies/gate";
import type { RunPorts } from "./ports";
import type { ApprovalPolicy, ChangeProposal, RunLink } from "./types";

export type ActionTrigger = "create" | "day-2" | "delete";

export type EntityRef = {
  blueprint: string;
  identifier: string;
  team: string | null;
  properties: Record<string, unknown>;
  relations: Record<string, string[]>;
};

/** Who asked for the run; executors record it, they never authorize with it. */
export type RunActor = { id: string; email: string };

/** The requester as approval policies see them (an SRE's prod rollback needs no second approver). */
export type Requester = RunActor & { roles: Role[] };

export type StepOptions<T> = {
  /** Undo for this step, run (newest first) when a later step fails or the run is cancelled. */
  compensate?: (result: T) => Promise<void>;
};

export type RunLogger = {
  info: (message: string) => Promise<void>;
  warn: (message: string) => Promise<void>;
  error: (message: string) => Promise<void>;
};

/**
 * Everything an executor may touch. Side effects go through `ports` inside `step`: a step's result
 * is stored, so a resumed run replays it instead of doing it twice.
 */
export type RunContext<Ports = RunPorts> = {
  runId: string;
  actor: RunActor;
  /** The approval policy the run went through (null: it needed none). */
  policy: ApprovalPolicy | null;
  /** The change ticket the run was requested or approved under (null: none was given). */
  changeTicket: string | null;
  entity: EntityRef | null;
  ports: Ports;
  /**
   * Aborts when this worker lost its claim on the run (it stalled past the stale threshold and
   * another worker took over). Fenced writes and port calls then throw; long waits may pass it on.
   */
  signal: AbortSignal;
  log: RunLogger;
  step: <T>(key: string, fn: () => Promise<T>, opts?: StepOptions<T>) => Promise<T>;
  link: (link: RunLink) => Promise<void>;
  /** Polls `check` as a checkpointed wait (status `waiting`) until it reports done or fails. */
  waitUntil: (
    key: string,
    check: () => Promise<{ done: boolean; failure?: string; note?: string }>,
    opts?: { timeoutMs?: number; intervalMs?: number },
  ) => Promise<void>;
};

/**
 * A form hint for one input field: `current` is pre-filled (and left out of the request when unchanged,
 * so it never reads as a change); `minimum`/`maximum` narrow the range, `note` says it in words.
 */
export type FieldHint = { current?: string | number; minimum?: number; maximum?: number; note?: string };

/** What an action needs before it runs: nothing, an environment's policy, or an explicit one. */
export type ApprovalRequirement =
  null | { environment: string } | { approvers: number; roles: Role[]; changeTicket: boolean; expiresInHours?: number };

/** An action as its folder writes it: hooks typed with the action's own parsed input. */
export type ActionDefinition<S extends ZodType> = {
  id: string;
  title: string;
  description: string;
  blueprint: string;
  trigger: ActionTrigger;
  input: S;
  /** Names other tools use for this action (Port's `promote_deployment`), accepted by the webhook. */
  aliases?: string[];
  /** Roles that may run it (on entities of their own team, unless SRE/admin) and approve it. */
  permission: { execute: Role[]; approve: Role[] };
  approval?: (input: z.output<S>, entity: EntityRef | null, requester: Requester) => ApprovalRequirement;
  /**
   * Checks that need the world (does the service exist already? is the version in the history?),
   * run before the run is stored: field errors become a 422 and nothing is created.
   */
  check?: (
    input: z.output<S>,
    entity: EntityRef | null,
    ports: RunPorts,
    /** Who asks (absent when a caller checks an input on its own, e.g. the form's options). */
    requester?: Requester,
  ) => Promise<FieldErrors | null>;
  /**
   * Runs when a run needing approval is requested, before anyone decides: prepares what reviewers
   * look at (the GitOps pull request) in checkpointed steps the executor later replays under the
   * same keys, and says what will change. Steps only; `waitUntil` is not available yet.
   */
  propose?: (ctx: RunContext, input: z.output<S>) => Promise<ChangeProposal>;
  /** Choices for input fields that depend on the entity (versions an environment ran), offered by the form. */
  options?: (entity: EntityRef, ports: RunPorts) => Promise<Record<string, string[]>>;
  /** What the form shows before submit for fields that depend on the entity: current values, allowed range. */
  formHints?: (entity: EntityRef, ports: RunPorts) => Promise<Record<string, FieldHint>>;
  /**
   * What the change does to an environment's overlay, for the policy gates and soak time checked at
   * request time (lib/policies/gate.ts); null when it changes no overlay.
   */
  gate?: (input: z.output<S>, entity: EntityRef | null, ports: RunPorts) => Promise<GateTarget | null>;
  execute: (ctx: RunContext, input: z.output<S>) => Promise<Record<string, unknown> | void>;
};

/**
 * An action as lib/runs sees it: the same hooks taking the stored (unknown) input, each of which
 * parses it with the action's own schema first, so no cast is needed between registry and executor.
 */
export type RegisteredAction = Omit<
  ActionDefinition<ZodType>,
  "approval" | "check" | "execute" | "propose" | "gate"
> & {
  approval?: (input: unknown, entity: EntityRef | null, requester: Requester) => ApprovalRequirement;
  check?: (
    input: unknown,
    entity: EntityRef | null,
    ports: RunPorts,
    requester?: Requester,
  ) => Promise<FieldErrors | null>;
  propose?: (ctx: RunContext, input: unknown) => Promise<ChangeProposal>;
  gate?: (input: unknown, entity: EntityRef | null, ports: RunPorts) => Promise<GateTarget | null>;
  execute: (ctx: RunContext, input: unknown) => Promise<Record<string, unknown> | void>;
};

export function registerAction<S extends ZodType>(def: ActionDefinition<S>): RegisteredAction {
  const { approval, check, execute, propose, gate } = def;
  const parse = (input: unknown): z.output<S> => def.input.parse(input);
  return {
    ...def,
    approval: approval && ((input, entity, requester) => approval(parse(input), entity, requester)),
    check: check && (async (input, entity, ports, requester) => check(parse(input), entity, ports, requester)),
    propose: propose && (async (ctx, input) => propose(ctx, parse(input))),
    gate: gate && (async (input, entity, ports) => gate(parse(input), entity, ports)),
    execute: async (ctx, input) => execute(ctx, parse(input)),
  };
}
