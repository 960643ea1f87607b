import { createBlueprint, listBlueprints } from "@/lib/catalog/blueprints";
import { blueprintCreateSchema } from "@/lib/catalog/inputs";
import { route } from "@/lib/http/route";

// GET /api/v1/blueprints — every blueprint (a small, capped set)
export const GET = route({}, async () => ({ items: await listBlueprints() }));

// POST /api/v1/blueprints — create a blueprint
export const POST = route({ body: blueprintCreateSchema, status: 201 }, async ({ body }) => createBlueprint(body));
