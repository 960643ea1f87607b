import { route } from "@/lib/http/route";
import { installShippedPolicies } from "@/lib/policies/policy-admin";

// POST /api/v1/policies/shipped — add the PCI-DSS, HIPAA and baseline policies Slipway ships (admins)
export const POST = route(
  { doc: { summary: "Add the shipped PCI-DSS, HIPAA and baseline policies to the GitOps repository (admins)" } },
  async ({ user, authorize }) => installShippedPolicies(user, authorize),
);
