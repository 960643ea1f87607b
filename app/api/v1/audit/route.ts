import { auditQuerySchema } from "@/lib/audit/audit-query";
import { listAudit } from "@/lib/audit/list-audit";
import { route } from "@/lib/http/route";

// GET /api/v1/audit — the audit log, newest first, filtered by actor, verb, target (partial, any case), time, mirroring (admins)
export const GET = route(
  { query: auditQuerySchema, doc: { summary: "The audit log, newest first (admins)" } },
  async ({ query, authorize }) => {
    authorize("read", { kind: "audit" });
    return listAudit({ ...query, hideMirroring: query.mirroring === "hide" });
  },
);
