import { z } from "zod";
import { deleteEntity, getEntity, updateEntity } from "@/lib/catalog/entities";
import { entityUpdateSchema } from "@/lib/catalog/inputs";
import { route } from "@/lib/http/route";

const params = z.object({ blueprint: z.string(), entity: z.string() });

// GET /api/v1/blueprints/{blueprint}/entities/{entity} — entity with relations in both directions
export const GET = route({ params }, async ({ params }) => getEntity(params.blueprint, params.entity));

// PATCH /api/v1/blueprints/{blueprint}/entities/{entity} — merge-patch properties, replace named relations
export const PATCH = route({ params, body: entityUpdateSchema }, async ({ params, body }) =>
  updateEntity(params.blueprint, params.entity, body),
);

// DELETE /api/v1/blueprints/{blueprint}/entities/{entity} — delete unless something requires it
export const DELETE = route({ params }, async ({ params }) => {
  await deleteEntity(params.blueprint, params.entity);
});
