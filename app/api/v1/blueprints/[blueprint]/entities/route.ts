import { z } from "zod";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { createEntity } from "@/lib/catalog/entities";
import { parseEntityFilters } from "@/lib/catalog/filters";
import { entityCreateSchema, listQuerySchema } from "@/lib/catalog/inputs";
import { listEntities } from "@/lib/catalog/search";
import { route } from "@/lib/http/route";

const params = z.object({ blueprint: z.string() });

// GET /api/v1/blueprints/{blueprint}/entities — keyset page with search (q) and property./relation. filters
export const GET = route(
  {
    params,
    query: listQuerySchema,
    doc: {
      summary: "Search and list a blueprint's entities (keyset pages)",
      description:
        "Besides the parameters below: `property.<name>=<value>`, `relation.<name>=<identifier>` and `referencedBy.<blueprint>.<relation>=<identifier>` filter by the blueprint's properties and relations.",
    },
  },
  async ({ params, query, searchParams, authorize }) => {
    authorize("read", { kind: "catalog" });
    const filters = parseEntityFilters(searchParams, await getBlueprint(params.blueprint));
    return listEntities(params.blueprint, query, filters);
  },
);

// POST /api/v1/blueprints/{blueprint}/entities — create an entity (members of its team, or admins)
export const POST = route(
  {
    params,
    body: entityCreateSchema,
    status: 201,
    doc: { summary: "Create an entity", responses: { 409: "An entity with this identifier exists" } },
  },
  async ({ params, body, user, authorize }) => {
    authorize("create", {
      kind: "entity",
      blueprint: params.blueprint,
      identifier: body.identifier,
      team: body.team ?? null,
    });
    return createEntity(params.blueprint, body, { actor: user.email });
  },
);
