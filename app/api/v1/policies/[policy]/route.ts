import { z } from "zod";
import { route } from "@/lib/http/route";
import { setPolicyEnvironments } from "@/lib/policies/policy-admin";

const params = z.object({ policy: z.string().regex(/^[a-z0-9-]{1,63}$/, "Not a policy name") });
const body = z.object({
  environments: z.union([z.literal("*"), z.array(z.string().trim().min(1).max(63)).max(50)]),
});

// PATCH /api/v1/policies/{policy} — enable a policy in environments ("*": every gated one; []: disabled) (admins)
export const PATCH = route(
  {
    params,
    body,
    doc: { summary: 'Set the environments a policy gates ("*", a list, or [] to disable) (admins)' },
  },
  async ({ params, body, user, authorize }) => setPolicyEnvironments(params.policy, body.environments, user, authorize),
);
