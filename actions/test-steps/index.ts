import { registerAction } from "@/lib/runs/define-action";
import { executeTestSteps } from "./executor";
import { testStepsInput } from "./schema";

export const testStepsAction = registerAction({
  id: "test-steps",
  title: "Test: numbered steps",
  description: "Test-only action whose steps log themselves (registered with SLIPWAY_TEST_ACTIONS=true).",
  blueprint: "service",
  trigger: "day-2",
  input: testStepsInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  execute: executeTestSteps,
});
