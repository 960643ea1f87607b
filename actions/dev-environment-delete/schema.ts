import { z } from "zod";

export const devEnvironmentDeleteInput = z.object({
  reason: z.string().trim().max(200).optional().describe("Why (optional; recorded in the run)"),
});
export type DevEnvironmentDeleteInput = z.infer<typeof devEnvironmentDeleteInput>;
