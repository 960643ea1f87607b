import { tokenCreateSchema } from "@/lib/auth/token-schema";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { route } from "@/lib/http/route";

// Token management needs a browser session: a token must never mint or revoke tokens.

// GET /api/v1/tokens — the caller's API tokens (never their secrets)
export const GET = route(
  { sessionOnly: true, doc: { summary: "The caller's API tokens (never their secrets)" } },
  async ({ user, authorize }) => {
    authorize("read", { kind: "token", owner: user.id });
    return { items: await listApiTokens(user.id) };
  },
);

// POST /api/v1/tokens — create a token; the response holds its secret, shown this once
export const POST = route(
  {
    sessionOnly: true,
    body: tokenCreateSchema,
    status: 201,
    doc: { summary: "Create an API token; the answer holds its secret, shown this once" },
  },
  async ({ user, body, authorize }) => {
    authorize("create", { kind: "token", owner: user.id });
    return createApiToken(user, body);
  },
);
