import { getResourcesView, resourcesViewQuery } from "@/lib/dashboards/resources-view";
import { csvResponse, exportQuery } from "@/lib/dashboards/csv";
import { RESOURCES_TABLES } from "@/lib/dashboards/tables";
import { route } from "@/lib/http/route";

const query = resourcesViewQuery.extend(exportQuery);

// GET /api/v1/dashboards/resources — replicas and CPU/memory per team, environment and service, scaling history (format=csv&table=totals|services|scaling)
export const GET = route(
  { query, doc: { summary: "Resource dashboard: requests, limits, replicas, scaling history" } },
  async ({ query: q, authorize }) => {
    authorize("read", { kind: "catalog" });
    const { format, table, ...filters } = q;
    const view = await getResourcesView(filters, new Date());
    return format === "csv" ? csvResponse("resources", RESOURCES_TABLES, view, table) : view;
  },
);
