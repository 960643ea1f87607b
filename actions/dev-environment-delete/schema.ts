import { z } from "zod";

export const devEnvironmentDeleteInput = z.object({
  reason: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ title: "Reason", description: "Why (optional; recorded in the run)" }),
});
export type DevEnvironmentDeleteInput = z.infer<typeof devEnvironmentDeleteInput>;
