import { randomUUID } from "node:crypto";
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { Identity } from "./identity";
import { sandboxIdentity } from "./sandbox-sign-in";
import { getAuthSecret } from "./secret";
import { isSessionRevoked, revokeSession } from "./session-revocation";
import { recordSignIn, recordSignOut } from "./users";

export const OIDC_PROVIDER_ID = "oidc";
export const SANDBOX_PROVIDER_ID = "sandbox";
const SESSION_HOURS = 12;

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string; groups?: unknown };

const stringList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((g): g is string => typeof g === "string") : [];

function oidcProvider(env: Env): NextAuthConfig["providers"][number] | null {
  if (!env.SLIPWAY_OIDC_ISSUER || !env.SLIPWAY_OIDC_CLIENT_ID || !env.SLIPWAY_OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: env.SLIPWAY_OIDC_NAME,
    type: "oidc",
    issuer: env.SLIPWAY_OIDC_ISSUER,
    clientId: env.SLIPWAY_OIDC_CLIENT_ID,
    clientSecret: env.SLIPWAY_OIDC_CLIENT_SECRET,
    authorization: { params: { scope: env.SLIPWAY_OIDC_SCOPES } },
    checks: ["pkce", "state", "nonce"],
    // Dex puts `groups` in the ID token when the `groups` scope is asked for.
    profile(profile: OidcProfile) {
      const email = profile.email ?? `${profile.preferred_username ?? profile.sub}@unknown`;
      return {
        id: profile.sub,
        email,
        name: profile.name ?? profile.preferred_username ?? email,
        groups: stringList(profile.groups),
      };
    },
  };
}

const sandboxProvider = Credentials({
  id: SANDBOX_PROVIDER_ID,
  name: "Demo user",
  credentials: { user: { label: "Demo user" } },
  authorize: async (credentials) => {
    const identity = sandboxIdentity(credentials.user);
    return { id: identity.id, email: identity.email, name: identity.name, groups: identity.groups };
  },
});

/** The Auth.js configuration for this install: OIDC when configured, demo users in sandbox mode. */
export function buildAuthConfig(env: Env): NextAuthConfig {
  const providers: NextAuthConfig["providers"] = [];
  const oidc = oidcProvider(env);
  if (oidc) providers.push(oidc);
  if (env.mode === "sandbox") providers.push(sandboxProvider);
  return {
    secret: getAuthSecret(),
    // Self-hosted behind whatever proxy the platform team runs; AUTH_URL pins the origin when set.
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      async jwt({ token, user, account }) {
        // Renewing the cookie (GET /api/auth/session) must not outlive a sign-out either: a revoked id
        // is kept only until the signed-out cookie's expiry, so a renewed copy would come back after it.
        if (!account || !user?.email) {
          return typeof token.sid === "string" && (await isSessionRevoked(token.sid)) ? null : token;
        }
        // Sign-in: fix the identity into the cookie; roles and teams are derived per request from it.
        const id =
          account.type === "credentials" ? String(user.id) : `${account.provider}:${account.providerAccountId}`;
        const identity: Identity = {
          id,
          email: user.email,
          name: user.name ?? user.email,
          groups: stringList((user as { groups?: unknown }).groups),
        };
        await recordSignIn(identity, account.provider);
        logger.info("signed in", { user: identity.id, provider: account.provider });
        // `sid` names this sign-in for its whole life (Auth.js renews the cookie and its `jti`), so sign-out can end it.
        return {
          ...token,
          sub: identity.id,
          email: identity.email,
          name: identity.name,
          groups: identity.groups,
          sid: randomUUID(),
        };
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token || typeof token.sid !== "string") return;
        const expiresAt = new Date(
          typeof token.exp === "number" ? token.exp * 1000 : Date.now() + SESSION_HOURS * 3600_000,
        );
        await revokeSession(token.sid, expiresAt);
        if (typeof token.sub === "string" && typeof token.email === "string")
          await recordSignOut({ id: token.sub, email: token.email });
      },
    },
  };
}
