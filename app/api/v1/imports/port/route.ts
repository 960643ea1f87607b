import { z } from "zod";
import { route } from "@/lib/http/route";
import { importPortDocument } from "@/lib/imports/port-import";
import { blueprintMappingSchema } from "@/lib/imports/port-json";

const portImportSchema = z.object({
  document: z.unknown().describe("Port JSON: { blueprints, entities }, an array of entities, or one entity"),
  blueprintMapping: blueprintMappingSchema,
});

// POST /api/v1/imports/port — import Port JSON (blueprints and entities); one bad entity is reported, the rest imported (admins)
export const POST = route(
  {
    body: portImportSchema,
    doc: { summary: "Import Port JSON; every entity is imported or reported with its reason (admins)" },
  },
  async ({ body, authorize }) => {
    authorize("create", { kind: "import" });
    return importPortDocument(body.document, body.blueprintMapping, "api");
  },
);
