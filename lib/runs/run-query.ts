import { z } from "zod";
import { RUN_STATUSES } from "./types";

const text = z.string().trim().max(200).optional().transform((v) => v || undefined);
const date = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Use an ISO date, e.g. 2026-11-22" });
      return z.NEVER;
    }
    return d;
  });

/** Filters of the run list (API and page). `view=approvals` is the approver's inbox. */
export const runQuerySchema = z.object({
  view: z.enum(["all", "mine", "approvals"]).default("all"),
  action: text,
  status: z.enum(RUN_STATUSES).optional(),
  requester: text,
  entity: text,
  from: date,
  to: date,
  cursor: text,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunQuery = z.infer<typeof runQuerySchema>;
