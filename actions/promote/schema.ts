import { z } from "zod";

// Port's promote_deployment inputs; the deployment entity is the source environment.
export const promoteInput = z.object({
  target_environment: z
    .string()
    .min(1, "Pick the environment to promote to")
    .describe("The next environment, e.g. staging or prod"),
  run_tests: z.boolean().default(true),
  change_ticket: z.string().trim().max(64).optional().describe("Required for production (e.g. CHG-12345)"),
});
export type PromoteInput = z.infer<typeof promoteInput>;
