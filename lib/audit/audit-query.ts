import { z } from "zod";
import { optionalDate, optionalText } from "@/lib/http/query-fields";
import { AUDIT_PAGE_MAX } from "./list-audit";

/** Query string of the audit API and the admin audit page (one schema for both). */
export const auditQuerySchema = z.object({
  actor: optionalText,
  verb: optionalText,
  target: optionalText,
  from: optionalDate,
  to: optionalDate,
  mirroring: z
    .enum(["show", "hide"])
    .optional()
    .describe(
      "Rows of status mirroring (ArgoCD's reports): the API shows them unless `hide`, the audit page hides them unless `show`",
    ),
  cursor: optionalText,
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
