import { z } from "zod";

// Port's rollback_deployment inputs.
export const rollbackInput = z.object({
  target_version: z
    .string()
    .trim()
    .min(1, "Pick a version this environment ran before")
    .describe("A version from this environment's history"),
  reason: z.string().trim().min(5, "Say why (at least 5 characters)").max(500),
});
export type RollbackInput = z.infer<typeof rollbackInput>;
