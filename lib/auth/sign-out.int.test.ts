import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { listAudit } from "@/lib/audit/list-audit";
import { getEnv } from "@/lib/env";
import { setupTestDatabase } from "@/tests/db";
import { CookieJar } from "@/tests/oidc-issuer";
import { buildAuthConfig } from "./auth-config";

// Sign-in and sign-out through the real Auth.js handlers (the sandbox's demo-user provider), then the
// very cookie the browser held, presented again the way a copied or stolen cookie would be.

setupTestDatabase();

const SLIPWAY = "http://localhost:3999";

async function me(cookie: string): Promise<number> {
  const req = new Request(`${SLIPWAY}/api/v1/me`, { headers: { cookie } });
  return (await getMe(req, { params: Promise.resolve({}) })).status;
}

describe("sign-out", () => {
  it("ends the session server-side: the old cookie gets 401 afterwards", async () => {
    const { handlers } = NextAuth(buildAuthConfig({ ...getEnv(), mode: "sandbox" }));
    const jar = new CookieJar();
    const send = async (method: "GET" | "POST", path: string, body?: URLSearchParams) => {
      const headers = new Headers({ cookie: jar.header() });
      if (body) headers.set("content-type", "application/x-www-form-urlencoded");
      const res = await handlers[method](new NextRequest(new URL(path, SLIPWAY), { method, headers, body }));
      jar.store(res);
      return res;
    };
    const csrfToken = async () =>
      ((await (await send("GET", "/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;

    const signIn = await send(
      "POST",
      "/api/auth/callback/sandbox",
      new URLSearchParams({ csrfToken: await csrfToken(), user: "dana", callbackUrl: "/" }),
    );
    expect(signIn.status).toBe(302);
    const session = `authjs.session-token=${jar.get("authjs.session-token")}`;
    expect(await me(session)).toBe(200);

    const signOut = await send("POST", "/api/auth/signout", new URLSearchParams({ csrfToken: await csrfToken() }));
    expect(signOut.status).toBe(302);
    expect(await me(session)).toBe(401);
    const audit = await listAudit({ verb: "auth.sign_out", limit: 10 });
    expect(audit.items.map((row) => row.actor)).toEqual(["dana@slipway.local"]);
  });
});
