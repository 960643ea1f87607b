import { defineAction } from "@/lib/runs/define-action";
import { executeTestPromote } from "./executor";
import { testPromoteInput } from "./schema";

export const testPromoteAction = defineAction({
  id: "test-promote",
  title: "Test: promote",
  description: "Test-only promotion with Port's promote_deployment inputs; approvals follow the target environment.",
  blueprint: "deployment",
  trigger: "day-2",
  input: testPromoteInput,
  aliases: ["promote_deployment"],
  permission: { execute: ["developer"], approve: ["sre"] },
  approval: (input) => ({ environment: input.target_environment }),
  execute: executeTestPromote,
});
