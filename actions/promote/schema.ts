import { z } from "zod";

// Port's promote_deployment inputs; the deployment entity is the source environment.
export const promoteInput = z.object({
  target_environment: z.string().min(1, "Pick the environment to promote to").meta({
    title: "Promote to",
    description: "The environment that gets this one's version; normally the next one",
  }),
  run_tests: z
    .boolean()
    .default(true)
    .meta({ title: "Run tests", description: "Run the service's tests against the target before it counts as done" }),
  change_ticket: z
    .string()
    .trim()
    .max(64, "A change ticket has at most 64 characters")
    .optional()
    .meta({ title: "Change ticket", description: "Required for production, e.g. CHG-12345" }),
  override_reason: z
    .string()
    .trim()
    .max(500, "At most 500 characters")
    .transform((v) => v || undefined)
    .optional()
    .meta({
      title: "Override reason (admins)",
      description: "Only to skip an environment: why, in a sentence. Audited and written in the pull request",
    }),
});
export type PromoteInput = z.infer<typeof promoteInput>;
