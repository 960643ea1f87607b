import { z } from "zod";

// Port's rollback_deployment inputs.
export const rollbackInput = z.object({
  target_version: z.string().trim().min(1, "Pick a version this environment ran before").meta({
    title: "Roll back to",
    description: "A version this environment ran before",
  }),
  reason: z
    .string()
    .trim()
    .min(5, "Say why (at least 5 characters)")
    .max(500, "Say it in at most 500 characters")
    .meta({ title: "Reason", description: "Recorded in the commit message and the deployment history" }),
});
export type RollbackInput = z.infer<typeof rollbackInput>;
