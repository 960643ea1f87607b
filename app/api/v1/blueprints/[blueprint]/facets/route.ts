import { z } from "zod";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { countFacets, FACET_CAP, FACET_VALUE_CAP, parseFacets } from "@/lib/catalog/facets";
import { parseEntityFilters } from "@/lib/catalog/filters";
import { listQuerySchema } from "@/lib/catalog/inputs";
import { route } from "@/lib/http/route";

const params = z.object({ blueprint: z.string() });
const query = listQuerySchema.pick({ q: true, team: true }).extend({
  facet: z.string().max(200).describe("team, property.<name> or relation.<name>; repeat for several"),
});

// GET /api/v1/blueprints/{blueprint}/facets — counts per value of team, properties and relation targets
export const GET = route(
  {
    params,
    query,
    doc: {
      summary: "Count a blueprint's entities per value of the team, a property or a relation target",
      description:
        `Repeat \`facet\` (at most ${FACET_CAP}). Takes the same filters as the entity list: \`q\`, \`team\`, ` +
        "`property.<name>=<value>`, `relation.<name>=<identifier>` and `referencedBy.<blueprint>.<relation>=<identifier>`. " +
        `Answers \`{ facets: { <facet>: [{ value, count }] }, truncated: [<facet>] }\`: values by count (most first), then value, ` +
        `at most ${FACET_VALUE_CAP} per facet; \`truncated\` names the facets that had more. Entities without a value are not counted.`,
    },
  },
  async ({ params, query, searchParams, authorize }) => {
    authorize("read", { kind: "catalog" });
    const blueprint = await getBlueprint(params.blueprint);
    const facets = parseFacets(searchParams.getAll("facet"), blueprint);
    return countFacets(blueprint, facets, query, parseEntityFilters(searchParams, blueprint));
  },
);
