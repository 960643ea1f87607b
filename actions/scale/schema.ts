import { z } from "zod";

// Port's scale_resources inputs. Each of replicas and the limits is optional: what is left out keeps
// the value the overlay has now.
export const scaleInput = z
  .object({
    replicas: z.number().int().min(0).max(100).optional(),
    cpu_limit: z.string().trim().min(1).optional().describe("e.g. 500m or 2; empty keeps the current limit"),
    memory_limit: z.string().trim().min(1).optional().describe("e.g. 512Mi or 2Gi; empty keeps the current limit"),
    reason: z.string().trim().min(5, "Say why (at least 5 characters)").max(500),
  })
  .refine((i) => i.replicas !== undefined || i.cpu_limit !== undefined || i.memory_limit !== undefined, {
    message: "Give replicas, a CPU limit or a memory limit to change",
    path: ["replicas"],
  });
export type ScaleInput = z.infer<typeof scaleInput>;
