import { z } from "zod";
import { optionalDate, optionalText } from "@/lib/http/query-fields";
import { RUN_STATUSES } from "./types";

/**
 * Filters of the run list (API and page). `view=approvals` is the approver's inbox; `view=reviews`
 * lists production rollbacks that ran without a second approver and are marked for review.
 */
export const runQuerySchema = z.object({
  view: z.enum(["all", "mine", "approvals", "reviews"]).default("all"),
  action: optionalText,
  status: z.enum(RUN_STATUSES).optional(),
  requester: optionalText,
  entity: optionalText,
  from: optionalDate,
  to: optionalDate,
  cursor: optionalText,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RunQuery = z.infer<typeof runQuerySchema>;
