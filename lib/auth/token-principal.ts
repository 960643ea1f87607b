import { ReadCache } from "@/lib/db/read-cache";
import { resolveUser } from "./identity";
import type { SessionUser } from "./roles";
import type { Scope } from "./token-schema";
import { authenticateApiToken, hashSecret } from "./tokens";

export type TokenPrincipal = { user: SessionUser; via: "token"; tokenId: string; scopes: Scope[] };
type Cached = TokenPrincipal & { expiresAt: number | null };

// Who a token acts for costs two queries (token and owner, then the owner's teams); API clients send
// the same token many times a second. It is kept a few seconds per process, and dropped at once when
// the database says the token, its owner or any team changed (triggers in migration 0008): a revoked
// token fails on the next request in this process immediately and in others as soon as PostgreSQL
// delivers the notification, which it sends at the revoking commit. No LISTEN, no cache.
const TOKEN_TTL_MS = 5_000;

const cache = new ReadCache<Cached>({
  ttlMs: TOKEN_TTL_MS,
  maxEntries: 10_000,
  concerns: (payload, _key, v) =>
    payload === "teams" || payload === `token:${v.tokenId}` || payload === `user:${v.user.id}`,
});

/** The principal of a live token, or null for unknown, revoked and expired ones. */
export async function tokenPrincipal(secret: string): Promise<TokenPrincipal | null> {
  const found = await cache.get(
    hashSecret(secret),
    async () => {
      const token = await authenticateApiToken(secret);
      if (!token) return null;
      const user = await resolveUser(token.identity);
      return {
        user,
        via: "token",
        tokenId: token.tokenId,
        scopes: token.scopes,
        expiresAt: token.expiresAt?.getTime() ?? null,
      };
    },
    (v) => v.expiresAt === null || v.expiresAt > Date.now(),
  );
  if (!found || (found.expiresAt !== null && found.expiresAt <= Date.now())) return null;
  const { expiresAt: _e, ...principal } = found;
  return principal;
}
