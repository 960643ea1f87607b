import { z } from "zod";
import { imageTagSchema } from "@/lib/gitops/service-spec";

export const releaseInput = z.object({
  version: imageTagSchema.meta({
    title: "Version",
    description: "The image tag to run in the first environment, e.g. 0.2.0",
  }),
  notes: z
    .string()
    .trim()
    .max(500, "Notes have at most 500 characters")
    .optional()
    .meta({ title: "Release notes", description: "What changed; shown in the deployment history" }),
});
export type ReleaseInput = z.infer<typeof releaseInput>;
