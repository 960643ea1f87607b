import { z } from "zod";
import { imageTagSchema } from "@/lib/gitops/service-spec";

export const releaseInput = z.object({
  version: imageTagSchema.describe("The image tag to run in the first environment, e.g. 0.2.0"),
  notes: z.string().trim().max(500).optional(),
});
export type ReleaseInput = z.infer<typeof releaseInput>;
