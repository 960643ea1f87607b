import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { demoUserId, findDemoUser } from "@/lib/auth/demo-users";
import type { Identity } from "@/lib/auth/identity";
import { getAuthSecret } from "@/lib/auth/secret";
import type { Scope } from "@/lib/auth/token-schema";
import { createApiToken } from "@/lib/auth/tokens";
import { ensureUser } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";

/** A demo user's session, a raw API token secret, an identity of the test's own, or nobody. */
export type Caller = { user: string } | { identity: Identity } | { token: string } | "anonymous";

export function demoIdentity(id: string): Identity {
  const demo = findDemoUser(id);
  if (!demo) throw new Error(`no demo user ${id}`);
  return { id: demoUserId(demo.id), email: demo.email, name: demo.name, groups: [...demo.groups] };
}

/** The cookie Auth.js sets after sign-in (same encryption, same salt), for an http origin. */
export async function sessionCookie(identity: Identity): Promise<string> {
  const name = "authjs.session-token";
  const jwt = await encode({
    salt: name,
    secret: getAuthSecret(),
    token: { sub: identity.id, email: identity.email, name: identity.name, groups: identity.groups, sid: randomUUID() },
  });
  return `${name}=${jwt}`;
}

export async function callerHeaders(caller: Caller): Promise<Headers> {
  const headers = new Headers();
  if (caller === "anonymous") return headers;
  if ("token" in caller) headers.set("authorization", `Bearer ${caller.token}`);
  else headers.set("cookie", await sessionCookie("user" in caller ? demoIdentity(caller.user) : caller.identity));
  return headers;
}

/** Creates (and returns the secret of) an API token for a demo user, registering the user first. */
export async function apiTokenFor(user: string, scopes: Scope[]): Promise<string> {
  const identity = demoIdentity(user);
  await ensureUser(getDb(), identity);
  return (await createApiToken(identity, { name: `test ${scopes.join("+")}`, scopes })).secret;
}
