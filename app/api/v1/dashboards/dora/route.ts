import { getDoraDashboard, doraQuery } from "@/lib/dashboards/dora";
import { csvResponse, exportQuery } from "@/lib/dashboards/csv";
import { DORA_TABLES } from "@/lib/dashboards/tables";
import { route } from "@/lib/http/route";

const query = doraQuery.extend(exportQuery);

// GET /api/v1/dashboards/dora — the four DORA metrics of a period with levels and trend (format=csv&table=metrics|daily|teams|services)
export const GET = route(
  { query, doc: { summary: "DORA metrics of a period, per team and service" } },
  async ({ query: q, authorize }) => {
    authorize("read", { kind: "catalog" });
    const { format, table, ...filters } = q;
    const view = await getDoraDashboard(filters, new Date());
    return format === "csv" ? csvResponse("dora", DORA_TABLES, view, table) : view;
  },
);
