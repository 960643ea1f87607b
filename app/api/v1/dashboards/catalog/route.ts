import { getCatalogView, catalogViewQuery } from "@/lib/dashboards/catalog-view";
import { csvResponse, exportQuery } from "@/lib/dashboards/csv";
import { CATALOG_TABLES } from "@/lib/dashboards/tables";
import { route } from "@/lib/http/route";

const query = catalogViewQuery.extend(exportQuery);

// GET /api/v1/dashboards/catalog — service × environment matrix, health counts, recent deployments (format=csv&table=services|health|activity)
export const GET = route(
  { query, doc: { summary: "Service catalog dashboard: every service × environment" } },
  async ({ query: q, authorize }) => {
    authorize("read", { kind: "catalog" });
    const { format, table, ...filters } = q;
    const view = await getCatalogView(filters, new Date());
    return format === "csv" ? csvResponse("catalog", CATALOG_TABLES, view, table) : view;
  },
);
