import { z } from "zod";
import { revokeApiToken } from "@/lib/auth/tokens";
import { route } from "@/lib/http/route";

const params = z.object({ token: z.uuid("Not a token id") });

// DELETE /api/v1/tokens/{token} — revoke one of the caller's tokens; it fails from the next request on
export const DELETE = route(
  {
    sessionOnly: true,
    params,
    doc: { summary: "Revoke one of the caller's API tokens", responses: { 204: "Revoked" } },
  },
  async ({ user, params, authorize }) => {
    authorize("delete", { kind: "token", owner: user.id });
    await revokeApiToken(user, params.token);
  },
);
