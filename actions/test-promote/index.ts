import { registerAction } from "@/lib/runs/define-action";
import { executeTestPromote } from "./executor";
import { testPromoteInput } from "./schema";

export const testPromoteAction = registerAction({
  id: "test-promote",
  title: "Test: promote",
  description: "Test-only promotion with the promote inputs and no git: approvals follow the target environment.",
  blueprint: "deployment",
  trigger: "day-2",
  input: testPromoteInput,
  permission: { execute: ["developer"], approve: ["sre"] },
  approval: (input) => ({ environment: input.target_environment }),
  execute: executeTestPromote,
});
