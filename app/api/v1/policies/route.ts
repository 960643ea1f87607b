import { z } from "zod";
import { route } from "@/lib/http/route";
import { addPolicy, getPolicyList } from "@/lib/policies/policy-admin";

const environments = z.union([z.literal("*"), z.array(z.string().trim().min(1).max(63)).max(50)]);
const body = z.object({
  yaml: z.string().min(1, "Paste or upload a ClusterPolicy").max(200_000),
  environments: environments.optional(),
});

// GET /api/v1/policies — the Kyverno policies in the GitOps repository's policies/ and where each gates
export const GET = route(
  { doc: { summary: "Kyverno ClusterPolicies of the GitOps repository, with the environments each gates" } },
  async ({ authorize, user }) => getPolicyList(user, authorize),
);

// POST /api/v1/policies — add or replace a ClusterPolicy { yaml, environments? } (admins)
export const POST = route(
  {
    body,
    doc: {
      summary: "Add or replace a Kyverno ClusterPolicy in the GitOps repository (admins)",
      responses: { 422: "Not a ClusterPolicy" },
    },
  },
  async ({ body, user, authorize }) => addPolicy(body.yaml, body.environments, user, authorize),
);
