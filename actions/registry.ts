import type { ActionDefinition } from "@/lib/runs/define-action";
import { getEnv } from "@/lib/env";
import { createMicroserviceAction } from "./create-microservice";
import { testPromoteAction } from "./test-promote";
import { testStepsAction } from "./test-steps";

// Built-in actions; the GitOps actions (create-microservice, promote, rollback, scale) join here.
const builtinActions: ActionDefinition[] = [createMicroserviceAction as ActionDefinition];

const testActions: ActionDefinition[] = [testStepsAction as ActionDefinition, testPromoteAction as ActionDefinition];

export function listActionDefinitions(): ActionDefinition[] {
  return getEnv().SLIPWAY_TEST_ACTIONS ? [...builtinActions, ...testActions] : builtinActions;
}

/** An action by id or by one of its aliases (Port's names, for the webhook). */
export function findActionDefinition(idOrAlias: string): ActionDefinition | undefined {
  return listActionDefinitions().find((a) => a.id === idOrAlias || a.aliases?.includes(idOrAlias));
}
