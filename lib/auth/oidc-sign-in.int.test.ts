import { eq } from "drizzle-orm";
import NextAuth from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { users } from "@/db/schema";
import { listAudit } from "@/lib/audit/list-audit";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { authJsBrowser } from "@/tests/auth-js-browser";
import { call, setupTestDatabase } from "@/tests/db";
import { CookieJar, startOidcIssuer, type IssuerAccount, type RunningIssuer } from "@/tests/oidc-issuer";
import { entitiesRoute } from "@/tests/routes";
import { buildAuthConfig } from "./auth-config";
import { resolveUser } from "./identity";
import type { SessionUser } from "./roles";
import { identityFromCookies } from "./session-cookie";

// The whole OIDC sign-in against a real, spec-compliant issuer: Auth.js discovery, PKCE, state, nonce,
// code exchange and ID token validation, then our jwt callback. Every other test mints session cookies
// itself, so this is the one place that proves groups really travel from the IdP into roles and teams.

setupTestDatabase();

// Nothing listens here: the handlers are called directly, this only fixes the redirect_uri. Not
// 127.0.0.1: NextRequest rewrites loopback IPs to `localhost`, so Auth.js would send localhost anyway.
const SLIPWAY = "http://localhost:3999";
const CLIENT_ID = "slipway";
const CLIENT_SECRET = "integration-test-client-secret";
// Mixed-case email: Auth.js lowercases it, which the assertions below pin down.
const ACCOUNT: IssuerAccount = {
  sub: "u-4711",
  email: "Grace@Example.test",
  name: "Grace Hopper",
  groups: ["slipway-sres", "team-payments"],
};

let issuer: RunningIssuer;
let sessionCookie = "";

beforeAll(async () => {
  issuer = await startOidcIssuer({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: `${SLIPWAY}/api/auth/callback/oidc`,
    account: ACCOUNT,
  });
  // A team claimed by one of the account's groups, and one that is not, so teams are matched, not listed.
  for (const [identifier, group] of [
    ["payments", "team-payments"],
    ["search", "team-search"],
  ]) {
    const created = await call(entitiesRoute.POST, {
      params: { blueprint: "team" },
      body: { identifier, properties: { oidc_group: group } },
    });
    expect(created.status).toBe(201);
  }
});

afterAll(async () => {
  await issuer?.stop();
});

/** Follows the issuer's redirects (authorize, interactions, resume) until it sends the browser back to Slipway. */
async function throughIssuer(authorizeUrl: string): Promise<string> {
  const jar = new CookieJar();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(`${SLIPWAY}/`)) return url;
    const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.store(res);
    const location = res.headers.get("location");
    if (!location) throw new Error(`issuer answered ${res.status} at ${url}: ${await res.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error(`issuer never redirected back to Slipway (last: ${url})`);
}

describe("OIDC sign-in through Auth.js", () => {
  it("signs in at the issuer and returns with a session cookie", async () => {
    const env = {
      ...getEnv(),
      mode: "connected" as const,
      SLIPWAY_OIDC_ISSUER: issuer.url,
      SLIPWAY_OIDC_CLIENT_ID: CLIENT_ID,
      SLIPWAY_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    };
    const { handlers } = NextAuth(buildAuthConfig(env));
    const { jar, send, csrfToken } = authJsBrowser(handlers, SLIPWAY);

    const signIn = await send(
      "POST",
      "/api/auth/signin/oidc",
      new URLSearchParams({ csrfToken: await csrfToken(), callbackUrl: "/" }),
    );
    expect(signIn.status).toBe(302);
    const authorize = new URL(signIn.headers.get("location") ?? "");
    expect(authorize.origin).toBe(issuer.url);
    expect(authorize.searchParams.get("scope")).toBe("openid profile email groups");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("nonce")).toBeTruthy();

    const back = new URL(await throughIssuer(authorize.href));
    expect(back.pathname).toBe("/api/auth/callback/oidc");
    expect(back.searchParams.get("code")).toBeTruthy();

    const callback = await send("GET", back.pathname + back.search);
    // Auth.js reports failures as a redirect to the error page, so the target matters, not just the 302.
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${SLIPWAY}/`);
    const token = jar.get("authjs.session-token");
    expect(token).toBeTruthy();
    sessionCookie = `authjs.session-token=${token}`;
  });

  it("carries the issuer's identity and groups in the session", async () => {
    const identity = await identityFromCookies(new Headers({ cookie: sessionCookie }));
    expect(identity).toEqual({
      id: `oidc:${ACCOUNT.sub}`,
      email: "grace@example.test",
      name: ACCOUNT.name,
      groups: ACCOUNT.groups,
    });

    const user = await resolveUser(identity!);
    expect(user.roles).toEqual(["sre", "developer"]);
    expect(user.teams).toEqual(["payments"]);
  });

  it("records the user and audits the sign-in", async () => {
    const [row] = await getDb()
      .select()
      .from(users)
      .where(eq(users.id, `oidc:${ACCOUNT.sub}`));
    expect(row).toMatchObject({ email: "grace@example.test", name: ACCOUNT.name, groups: ACCOUNT.groups });

    const audit = await listAudit({ verb: "auth.sign_in", limit: 10 });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actor: "grace@example.test",
      target: `user:oidc:${ACCOUNT.sub}`,
      data: { provider: "oidc", groups: ACCOUNT.groups },
    });
  });

  it("authenticates API calls with the session cookie", async () => {
    const res = await getMe(new Request(`${SLIPWAY}/api/v1/me`, { headers: { cookie: sessionCookie } }), {
      params: Promise.resolve({}),
    });
    expect(res.status).toBe(200);
    const me = (await res.json()) as SessionUser & { via: string };
    expect(me).toMatchObject({
      id: `oidc:${ACCOUNT.sub}`,
      via: "session",
      roles: ["sre", "developer"],
      teams: ["payments"],
    });
  });
});
