import { getToken } from "next-auth/jwt";
import type { Identity } from "./identity";
import { getAuthSecret } from "./secret";
import { isSessionRevoked } from "./session-revocation";

/**
 * The identity in a live Auth.js session cookie (an encrypted JWT), or null when absent, expired or
 * signed out. Reading the cookie directly, rather than through `auth()`, lets route handlers, pages
 * and tests share one path that needs no Next.js request scope. Auth.js chooses the `__Secure-` name when AUTH_URL is https.
 */
export async function identityFromCookies(headers: Headers): Promise<Identity | null> {
  const cookie = headers.get("cookie") ?? "";
  if (!cookie.includes("authjs.session-token")) return null;
  // Only the cookie counts here: Authorization headers are API tokens, handled by the caller.
  const cookieOnly = new Headers({ cookie });
  const secureCookie = cookie.includes("__Secure-authjs.session-token");
  const token = await getToken({ req: { headers: cookieOnly }, secret: getAuthSecret(), secureCookie });
  if (!token || typeof token.sub !== "string" || typeof token.email !== "string") return null;
  if (typeof token.exp === "number" && token.exp * 1000 < Date.now()) return null;
  // A session without an id predates sign-out revocation and could not be ended: sign in again.
  if (typeof token.sid !== "string" || (await isSessionRevoked(token.sid))) return null;
  const groups = Array.isArray(token.groups) ? token.groups.filter((g): g is string => typeof g === "string") : [];
  return { id: token.sub, email: token.email, name: typeof token.name === "string" ? token.name : token.email, groups };
}
