import { z } from "zod";

// Test-only stand-in for `promote` with Port's promote_deployment inputs, until the GitOps action exists.
export const testPromoteInput = z.object({
  target_environment: z.enum(["dev", "staging", "prod"]),
  run_tests: z.boolean().default(true),
  change_ticket: z.string().trim().max(64).optional(),
});
export type TestPromoteInput = z.infer<typeof testPromoteInput>;
