import { createBlueprint, listBlueprints } from "@/lib/catalog/blueprints";
import { blueprintCreateSchema } from "@/lib/catalog/inputs";
import { route } from "@/lib/http/route";

// GET /api/v1/blueprints — every blueprint (a small, capped set)
export const GET = route({ doc: { summary: "Every blueprint" } }, async ({ authorize }) => {
  authorize("read", { kind: "blueprint" });
  return { items: await listBlueprints() };
});

// POST /api/v1/blueprints — create a blueprint (admins)
export const POST = route(
  {
    body: blueprintCreateSchema,
    status: 201,
    doc: { summary: "Create a blueprint (admins)", responses: { 409: "A blueprint with this identifier exists" } },
  },
  async ({ body, user, authorize }) => {
    authorize("create", { kind: "blueprint", identifier: body.identifier });
    return createBlueprint(body, { actor: user.email });
  },
);
