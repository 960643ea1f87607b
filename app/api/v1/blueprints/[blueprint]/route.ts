import { z } from "zod";
import { deleteBlueprint, getBlueprint, updateBlueprint } from "@/lib/catalog/blueprints";
import { blueprintUpdateSchema } from "@/lib/catalog/inputs";
import { route } from "@/lib/http/route";

const params = z.object({ blueprint: z.string() });

// GET /api/v1/blueprints/{blueprint} — one blueprint
export const GET = route({ params, doc: { summary: "One blueprint" } }, async ({ params, authorize }) => {
  authorize("read", { kind: "blueprint", identifier: params.blueprint });
  return getBlueprint(params.blueprint);
});

// PATCH /api/v1/blueprints/{blueprint} — change title, icon, schema or relations (admins)
export const PATCH = route(
  { params, body: blueprintUpdateSchema, doc: { summary: "Change a blueprint (admins)" } },
  async ({ params, body, user, authorize }) => {
    authorize("update", { kind: "blueprint", identifier: params.blueprint });
    return updateBlueprint(params.blueprint, body, { actor: user.email });
  },
);

const deleteDoc = {
  summary: "Delete a blueprint (admins)",
  responses: { 204: "Deleted", 409: "It has entities or is built in" },
};

// DELETE /api/v1/blueprints/{blueprint} — delete an unused, non-built-in blueprint (admins)
export const DELETE = route({ params, doc: deleteDoc }, async ({ params, user, authorize }) => {
  authorize("delete", { kind: "blueprint", identifier: params.blueprint });
  await deleteBlueprint(params.blueprint, { actor: user.email });
});
