import type { ActionDefinition } from "@/lib/runs/define-action";
import { getEnv } from "@/lib/env";
import { createMicroserviceAction } from "./create-microservice";
import { promoteAction } from "./promote";
import { releaseAction } from "./release";
import { rollbackAction } from "./rollback";
import { scaleAction } from "./scale";
import { testPromoteAction } from "./test-promote";
import { testStepsAction } from "./test-steps";

// Built-in actions: the GitOps golden path (create, promote, roll back, scale; plus release, the pipeline's bump by hand).
const builtinActions = [
  createMicroserviceAction,
  releaseAction,
  promoteAction,
  rollbackAction,
  scaleAction,
] as unknown as ActionDefinition[];

const testActions: ActionDefinition[] = [testStepsAction as ActionDefinition, testPromoteAction as ActionDefinition];

export function listActionDefinitions(): ActionDefinition[] {
  return getEnv().SLIPWAY_TEST_ACTIONS ? [...builtinActions, ...testActions] : builtinActions;
}

/** An action by id or by one of its aliases (Port's names, for the webhook). */
export function findActionDefinition(idOrAlias: string): ActionDefinition | undefined {
  return listActionDefinitions().find((a) => a.id === idOrAlias || a.aliases?.includes(idOrAlias));
}
