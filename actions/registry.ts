import type { RegisteredAction } from "@/lib/runs/define-action";
import { createMicroserviceAction } from "./create-microservice";
import { devEnvironmentCreateAction } from "./dev-environment-create";
import { devEnvironmentDeleteAction } from "./dev-environment-delete";
import { devEnvironmentExtendTtlAction } from "./dev-environment-extend-ttl";
import { paasCreateAction } from "./paas-create";
import { paasDeleteAction } from "./paas-delete";
import { paasUpdateAction } from "./paas-update";
import { promoteAction } from "./promote";
import { releaseAction } from "./release";
import { rollbackAction } from "./rollback";
import { scaleAction } from "./scale";
import { testPromoteAction } from "./test-promote";
import { testStepsAction } from "./test-steps";

// Built-in actions: the GitOps golden path (create, promote, roll back, scale; plus release, the pipeline's bump by hand).
// lib/wiring.ts hands them to lib/runs at start-up.
export const builtinActions: readonly RegisteredAction[] = [
  createMicroserviceAction,
  releaseAction,
  promoteAction,
  rollbackAction,
  scaleAction,
  paasCreateAction,
  paasUpdateAction,
  paasDeleteAction,
  devEnvironmentCreateAction,
  devEnvironmentExtendTtlAction,
  devEnvironmentDeleteAction,
];

/** Registered only with SLIPWAY_TEST_ACTIONS=true. */
export const testActions: readonly RegisteredAction[] = [testStepsAction, testPromoteAction];
