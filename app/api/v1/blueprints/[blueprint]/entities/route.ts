import { z } from "zod";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { createEntity } from "@/lib/catalog/entities";
import { parseEntityFilters } from "@/lib/catalog/filters";
import { entityCreateSchema, listQuerySchema } from "@/lib/catalog/inputs";
import { listEntities } from "@/lib/catalog/search";
import { route } from "@/lib/http/route";

const params = z.object({ blueprint: z.string() });

// GET /api/v1/blueprints/{blueprint}/entities — keyset page with search (q) and property./relation. filters
export const GET = route({ params, query: listQuerySchema }, async ({ params, query, searchParams }) => {
  const filters = parseEntityFilters(searchParams, await getBlueprint(params.blueprint));
  return listEntities(params.blueprint, query, filters);
});

// POST /api/v1/blueprints/{blueprint}/entities — create an entity
export const POST = route({ params, body: entityCreateSchema, status: 201 }, async ({ params, body }) =>
  createEntity(params.blueprint, body),
);
