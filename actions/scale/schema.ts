import { z } from "zod";

// Port's scale_resources inputs. Each of replicas and the limits is optional: what is left out keeps
// the value the overlay has now.
export const scaleInput = z
  .object({
    replicas: z
      .number()
      .int("Replicas is a whole number")
      .min(0, "Replicas cannot be negative")
      .max(100, "At most 100 replicas")
      .optional()
      .meta({ title: "Replicas", description: "How many pods run; left as it is, the count stays" }),
    cpu_limit: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ title: "CPU limit per replica", description: "e.g. 500m or 2; left as it is, the limit stays" }),
    memory_limit: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ title: "Memory limit per replica", description: "e.g. 512Mi or 2Gi; left as it is, the limit stays" }),
    reason: z
      .string()
      .trim()
      .min(5, "Say why (at least 5 characters)")
      .max(500, "Say it in at most 500 characters")
      .meta({ title: "Reason", description: "Recorded in the commit message" }),
  })
  .refine((i) => i.replicas !== undefined || i.cpu_limit !== undefined || i.memory_limit !== undefined, {
    message: "Give replicas, a CPU limit or a memory limit to change",
    path: ["replicas"],
  });
export type ScaleInput = z.infer<typeof scaleInput>;
