import { z } from "zod";

// Port's scale_resources inputs.
export const scaleInput = z.object({
  replicas: z.number().int().min(0).max(100),
  cpu_limit: z.string().trim().min(1).describe("e.g. 500m or 2"),
  memory_limit: z.string().trim().min(1).describe("e.g. 512Mi or 2Gi"),
  reason: z.string().trim().min(5, "Say why (at least 5 characters)").max(500),
});
export type ScaleInputValues = z.infer<typeof scaleInput>;
