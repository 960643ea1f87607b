import { z } from "zod";
import { route } from "@/lib/http/route";
import { listImportRuns } from "@/lib/imports/import-runs";

// GET /api/v1/imports/runs — recent import runs (ArgoCD, Backstage, Port), newest first, with counts, progress and failure reasons (admins)
export const GET = route(
  {
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30) }),
    doc: { summary: "Recent import runs with their counts, progress and failure reasons (admins)" },
  },
  async ({ query, authorize }) => {
    authorize("read", { kind: "import" });
    return { items: await listImportRuns(query.limit) };
  },
);
