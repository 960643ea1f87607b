import { z } from "zod";
import { deleteEntity, updateEntity } from "@/lib/catalog/entities";
import { getEntityDetail } from "@/lib/catalog/entity-lookup";
import { entityUpdateSchema } from "@/lib/catalog/inputs";
import { entityChangeResources, entityResource } from "@/lib/catalog/ownership";
import { route } from "@/lib/http/route";
import { checkOwnedFields } from "@/lib/imports/owned-fields";

const params = z.object({ blueprint: z.string(), entity: z.string() });

// GET /api/v1/blueprints/{blueprint}/entities/{entity} — entity with relations in both directions
export const GET = route(
  { params, doc: { summary: "One entity with its relations in both directions" } },
  async ({ params, authorize }) => {
    authorize("read", { kind: "catalog" });
    return getEntityDetail(params.blueprint, params.entity);
  },
);

// PATCH /api/v1/blueprints/{blueprint}/entities/{entity} — merge-patch properties, replace named relations (not fields an import source owns)
export const PATCH = route(
  {
    params,
    body: entityUpdateSchema,
    doc: { summary: "Change an entity: JSON merge-patch of properties (null removes a key), named relations replaced" },
  },
  async ({ params, body, user, authorize }) => {
    for (const r of await entityChangeResources(params.blueprint, params.entity, body.team)) authorize("update", r);
    // Fields an import source owns (Backstage, ArgoCD, Port) are changed there, not here.
    await checkOwnedFields(params.blueprint, params.entity, body);
    return updateEntity(params.blueprint, params.entity, body, { actor: user.email });
  },
);

const deleteDoc = {
  summary: "Delete an entity",
  responses: { 204: "Deleted", 409: "Another entity's required relation points here" },
};

// DELETE /api/v1/blueprints/{blueprint}/entities/{entity} — delete unless something requires it
export const DELETE = route({ params, doc: deleteDoc }, async ({ params, user, authorize }) => {
  authorize("delete", await entityResource(params.blueprint, params.entity));
  await deleteEntity(params.blueprint, params.entity, { actor: user.email });
});
