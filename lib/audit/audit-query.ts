import { z } from "zod";
import { AUDIT_PAGE_MAX } from "./list-audit";

const optionalText = z.string().trim().max(200).optional().transform((v) => (v ? v : undefined));
const optionalDate = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Use an ISO date or date-time, e.g. 2026-11-22 or 2026-11-22T10:00Z" });
      return z.NEVER;
    }
    return d;
  });

/** Query string of the audit API and the admin audit page (one schema for both). */
export const auditQuerySchema = z.object({
  actor: optionalText,
  verb: optionalText,
  target: optionalText,
  from: optionalDate,
  to: optionalDate,
  cursor: optionalText,
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
