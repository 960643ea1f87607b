import { z } from "zod";
import { deleteBlueprint, getBlueprint, updateBlueprint } from "@/lib/catalog/blueprints";
import { blueprintUpdateSchema } from "@/lib/catalog/inputs";
import { route } from "@/lib/http/route";

const params = z.object({ blueprint: z.string() });

// GET /api/v1/blueprints/{blueprint} — one blueprint
export const GET = route({ params }, async ({ params }) => getBlueprint(params.blueprint));

// PATCH /api/v1/blueprints/{blueprint} — change title, icon, schema or relations
export const PATCH = route({ params, body: blueprintUpdateSchema }, async ({ params, body }) =>
  updateBlueprint(params.blueprint, body),
);

// DELETE /api/v1/blueprints/{blueprint} — delete an unused, non-built-in blueprint
export const DELETE = route({ params }, async ({ params }) => {
  await deleteBlueprint(params.blueprint);
});
