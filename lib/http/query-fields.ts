import { z } from "zod";

// Query-string fields shared by list filters (API and pages): empty means "not given".

export const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);

export const optionalDate = z
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
  })
  .describe("ISO date or date-time, e.g. 2026-11-22 or 2026-11-22T10:00Z");
