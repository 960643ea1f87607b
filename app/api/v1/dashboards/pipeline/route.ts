import { getPipelineView, pipelineViewQuery } from "@/lib/dashboards/pipeline-view";
import { csvResponse, exportQuery } from "@/lib/dashboards/csv";
import { PIPELINE_TABLES } from "@/lib/dashboards/tables";
import { route } from "@/lib/http/route";

const query = pipelineViewQuery.extend(exportQuery);

// GET /api/v1/dashboards/pipeline — per service dev → staging → prod, approvals waiting, run outcomes, stage lead times, versions ahead (format=csv&table=stages|waiting|runs|lead-times|ahead)
export const GET = route(
  { query, doc: { summary: "Deployment pipeline dashboard" } },
  async ({ query: q, authorize }) => {
    authorize("read", { kind: "catalog" });
    const { format, table, ...filters } = q;
    const view = await getPipelineView(filters, new Date());
    return format === "csv" ? csvResponse("pipeline", PIPELINE_TABLES, view, table) : view;
  },
);
