import { AppError } from "@/lib/errors";
import { resolveUser } from "./identity";
import type { SessionUser } from "./roles";
import { identityFromCookies } from "./session-cookie";
import type { Scope } from "./token-schema";
import { tokenPrincipal } from "./token-principal";

/** Who is calling and through what: a browser session may do everything its roles allow, a token only its scopes. */
export type Principal =
  { user: SessionUser; via: "session" } | { user: SessionUser; via: "token"; tokenId: string; scopes: Scope[] };

/**
 * The caller of a request, or null when anonymous. A malformed or dead bearer token is an error,
 * not anonymity: falling back to the cookie would hide a revoked token behind a browser session.
 */
export async function principalFromRequest(headers: Headers): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const [kind, secret] = authorization.split(" ");
    if (kind?.toLowerCase() !== "bearer" || !secret)
      throw new AppError("unauthenticated", "Use `Authorization: Bearer <token>`");
    const principal = await tokenPrincipal(secret.trim());
    if (!principal) throw new AppError("unauthenticated", "The API token is unknown, revoked or expired");
    return principal;
  }
  const identity = await identityFromCookies(headers);
  return identity ? { user: await resolveUser(identity), via: "session" } : null;
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.via === "session" || principal.scopes.includes(scope);
}
